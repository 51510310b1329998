// The demo page in a real browser: Debian's chromium driven by
// playwright-core, against build/site served as `make serve` serves it.
// The tests share one page and run in order, as a visitor would click.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { outDir } from "./harness.mjs";
import { openDemo } from "./demo-page.mjs";

let d;
let page;
let errors;
let demo;

before(async () => {
  d = await openDemo();
  ({ page, errors, demo } = d);
});

after(() => d?.close());

const myclassDestroyed = () => demo(() => weakbindDemo.module().exports.myclass_destructor_calls());
const liveOf = (name) => demo((n) => weakbindDemo.module().stats().live[n], name);
const collectUntil = (done) => d.collectUntil(done);
const chartReachesZero = (name) => d.chartReaches(name, 0);
const chartOf = (name) => d.chartOf(name);

test("the page loads with no console errors", async () => {
  await d.ready(); // fails with the page's own error banner, if it shows one
  assert.equal(await page.textContent("#strategy-name"), "FinalizationRegistry");
  assert.equal(await page.isEnabled("#collect"), true, "gc() is exposed, so the collect button works");
  // The article's loop ran at load: 50 objects, created and dropped.
  assert.equal((await liveOf("MyClass")) + (await myclassDestroyed()), 50);
  assert.deepEqual(errors, []);
});

test("10,000 objects created and dropped are freed by a collection, and the chart shows it", async () => {
  const before = (await liveOf("MyClass")) + (await myclassDestroyed());
  await page.fill("#ex-myclass input[name=count]", "10000");
  await page.click("#ex-myclass [data-do=create]");
  assert.equal(await liveOf("MyClass"), before + 10_000 - (await myclassDestroyed()));
  assert.equal(await demo(() => weakbindDemo.held("myclass")), 10_000);
  // The chart saw them: a sample after the click plots them.
  const up = await chartOf("MyClass");
  assert.ok(Math.max(...up.values) >= 10_000, `the chart's peak is ${Math.max(...up.values)}`);

  await page.click("#ex-myclass [data-do=drop]");
  assert.equal(await demo(() => weakbindDemo.held("myclass")), 0);
  const expected = before + 10_000;
  const freed = await collectUntil(async () => (await myclassDestroyed()) === expected);
  assert.ok(freed, `only ${await myclassDestroyed()} of ${expected} destructors ran`);
  assert.equal(await liveOf("MyClass"), 0);
  assert.equal(await demo(() => weakbindDemo.module().check()), null);

  // The chart, not just the table: its data ends at 0 after the peak, its
  // line ends on the zero line, its legend says 0.
  await chartReachesZero("MyClass");
  const down = await chartOf("MyClass");
  assert.ok(Math.max(...down.values) >= 10_000, "the peak is still in the window");
  assert.equal(down.values.at(-1), 0);
  assert.equal(down.last, "0");
  assert.equal(down.lastY, down.zeroY);
  assert.equal(down.legend, "0");
  assert.equal(await page.textContent('#objects tr[data-class="MyClass"] td'), "0");
  // The memory chart shows the registry's share of the heap, and the page
  // says how wrappers are registered.
  assert.match(await page.textContent("#legend-memory"), /the registry's tables/);
  assert.match(await page.textContent("#pending"), /share a registration, up to \d+ per cohort/);
});

test("use after dispose shows the TypeError on the page", async () => {
  await page.click("#ex-myclass button:text('Use after dispose')");
  const result = await page.textContent("#ex-myclass output.result");
  assert.match(result, /o\.my_method\(\)/);
  assert.match(result, /TypeError: MyClass\.my_method: the object was disposed/);
  assert.equal(await page.getAttribute("#ex-myclass output.result", "class"), "result error");

  await page.click("#ex-myclass button:text('Call on the wrong class')");
  assert.match(
    await page.textContent("#ex-myclass output.result"),
    /TypeError: MyClass\.my_method: called on a Buffer, not a MyClass/,
  );
});

test("the libc++ example prints through the WASI shim to the console", async () => {
  const logged = page.waitForEvent("console", (msg) => /^Notebook \d+ holds 20 notes/.test(msg.text()));
  await page.click("#ex-notebook button:text('printf a summary')");
  const text = (await logged).text();
  assert.match(text, /^Notebook 1 holds 20 notes, \d+ bytes of text$/);
  assert.equal((await page.textContent("#console")).trim(), text, "the page's console panel shows the line");
  assert.match(await page.textContent("#ex-notebook output.result"), /print_summary\(\) wrote \d+ bytes to stdout/);
});

test("libc++ objects' heap comes back after a collection; a screenshot for a human", async () => {
  await page.fill("#ex-notebook input[name=count]", "1000");
  await page.click("#ex-notebook [data-do=create]");
  const grown = await demo(() => weakbindDemo.module().stats().heap.inUse);
  await page.click("#ex-notebook [data-do=drop]");
  const destroyed = () => demo(() => weakbindDemo.module().exports.notebook_destructor_calls());
  assert.ok(await collectUntil(async () => (await destroyed()) === 1001), `${await destroyed()} of 1001 destroyed`);
  assert.equal(await liveOf("Notebook"), 0);
  const after = await demo(() => weakbindDemo.module().stats().heap.inUse);
  assert.ok(after < grown, `heap in use ${after} after, ${grown} before the collection`);
  // Let the chart draw a few samples at the bottom before the picture.
  const drawn = await demo(() => weakbindDemo.charts.live.data.MyClass.length);
  await page.waitForFunction((n) => weakbindDemo.charts.live.data.MyClass.length >= n + 4, drawn);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: join(outDir(), "demo.png"), fullPage: true });
  assert.deepEqual(errors, []);
});

test("switching to the WeakRef sweep loads a second instance, which frees its objects too", async () => {
  await page.check("#strategy input[value=sweep]");
  await page.waitForSelector("body[data-strategy=sweep][data-ready=true]");
  assert.equal(await page.textContent("#strategy-name"), "WeakRef sweep");
  assert.equal(await demo(() => weakbindDemo.module().strategy), "sweep");
  assert.equal(await page.isVisible("#strategy-instances"), true);
  // A fresh instance: only its own article loop has run.
  assert.equal((await liveOf("MyClass")) + (await myclassDestroyed()), 50);

  await page.fill("#ex-myclass input[name=count]", "1000");
  await page.click("#ex-myclass [data-do=create]");
  await page.click("#ex-myclass [data-do=drop]");
  assert.ok(await collectUntil(async () => (await myclassDestroyed()) === 1050), `${await myclassDestroyed()} of 1050`);
  assert.equal(await liveOf("MyClass"), 0);
  await chartReachesZero("MyClass");
  const chart = await chartOf("MyClass");
  assert.equal(chart.last, "0");
  assert.equal(chart.lastY, chart.zeroY);

  // Dispose frees at once, with no collection at all.
  await page.fill("#ex-myclass input[name=count]", "500");
  await page.click("#ex-myclass [data-do=create]");
  await page.click("#ex-myclass [data-do=dispose]");
  assert.equal(await myclassDestroyed(), 1550);
  assert.equal(await liveOf("MyClass"), 0);
  assert.deepEqual(errors, []);
});
