// The demo's typed-bindings, cycles and mixed Rust/C++ sections in chromium:
// each section's buttons clicked in order as a visitor would, and what the
// page then shows — result lines, status lines, the table and the live
// chart — checked against the modules' own counts. A page of its own, so
// this file runs beside demo.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openDemo } from "./demo-page.mjs";

let d;

before(async () => {
  d = await openDemo();
  await d.ready();
});

after(() => d?.close());

const MIXED = "mixed.wasm";
const stats = (file) => d.demo((f) => weakbindDemo.module(f).stats(), file);
const exportCall = (name, file) => d.demo(([n, f]) => weakbindDemo.module(f).exports[n](), [name, file]);
const nodesDestroyed = () => exportCall("scene_nodes_destroyed");
const sourcesDestroyed = () => exportCall("event_sources_destroyed");
const status = (id) => d.page.textContent(`#ex-${id} .status`);
const resultClass = (id) => d.page.getAttribute(`#ex-${id} output.result`, "class");
// Collects until a module has no live object of the given classes.
const collectLive = (classes, file) =>
  d.collectUntil(async () => {
    const { live } = await stats(file);
    return classes.every((c) => live[c] === 0);
  });

test("the new sections replace the placeholders, and every module loaded", async () => {
  assert.deepEqual(await d.page.$$eval(".example.pending", (s) => s.length), 0);
  for (const id of ["typed", "cycles", "mixed"]) assert.equal(await d.page.isVisible(`#ex-${id} [data-do=create]`), true);
  const rows = await d.page.$$eval("#objects tbody tr", (trs) => trs.map((tr) => tr.dataset.class));
  assert.deepEqual(rows, ["MyClass", "Notebook", "Buffer", "Node", "Group", "EventSource", "Filter", "Matrix"]);
  const series = await d.demo(() => Object.keys(weakbindDemo.charts.live.data));
  assert.deepEqual(series, [...rows, "jsValues"]);
  assert.deepEqual(d.errors, []);
});

test("typed bindings: a tree with string names, identity, a borrowed child keeping its parent alive, TypeErrors", async () => {
  assert.match(
    await d.click("typed", "Build a tree"),
    /→ root\.child_count\(\) = 2, root\.find\("日本語"\)\.name\(\) = "日本語", root\.depth_of\(that\) = 2, root instanceof m\.Node = true, root\.checksum\(\) = \d+n$/,
  );
  assert.equal(await d.demo(() => weakbindDemo.held("typed")), 1);
  assert.equal((await d.row("Group"))[0], 1, "the table shows the Group live");

  assert.match(await d.click("typed", "Identity"), /→ \[true, true, true\]: one wrapper per C\+\+ object; child\.name\(\) = "ä"$/);

  // The identity root is garbage: collect it first, so the count below is
  // the borrowed child's parent alone.
  assert.ok(await collectLive(["Node"]), "the Identity root was not collected");
  const start = await nodesDestroyed();
  assert.match(
    await d.click("typed", "Borrow a child, drop its parent"),
    /→ after gc\(\): Node destructors run since: 0; child\.name\(\) = "leaf": its parent is alive/,
  );
  for (let i = 0; i < 5; i++) await d.page.click("#collect");
  assert.equal(await nodesDestroyed(), start, "the parent was freed under its borrowed child");
  assert.equal((await stats()).live.Node, 1, "the parent is live");
  assert.equal(await d.demo(() => weakbindDemo.state("typed").child.name()), "leaf");
  assert.match(await d.click("typed", "Let the child go"), /→ Node destructors run since: 2 \(the parent and its leaf\)$/);
  assert.equal(await nodesDestroyed(), start + 2);

  assert.match(await d.click("typed", "Pass a number for a Node"), /✗ TypeError: Node\.contains: argument 1 must be a Node, got number 42$/);
  assert.equal(await resultClass("typed"), "result error");
  assert.match(await d.click("typed", "Use a child of a disposed parent"), /✗ TypeError: Node\.name: its owner Node was disposed$/);
  assert.deepEqual(d.errors, []);
});

test("typed bindings: 5,000 nodes created, dropped and collected, live counts in the table and the chart", async () => {
  assert.ok(await collectLive(["Node"]), "earlier garbage was not collected");
  const start = await nodesDestroyed();
  await d.page.fill("#ex-typed input[name=count]", "5000");
  await d.click("typed", "create");
  assert.deepEqual(await d.row("Node"), [5000, 5001, start], "live, held (with the tree), destroyed");
  const up = await d.chartOf("Node");
  assert.ok(Math.max(...up.values) >= 5000, `the chart's peak is ${Math.max(...up.values)}`);
  assert.equal((await d.chartOf("Group")).values.at(-1), 1);

  await d.click("typed", "drop");
  // The 5,000 nodes, and the tree: a Group with three children.
  const expected = start + 5000 + 4;
  assert.ok(await d.collectUntil(async () => (await nodesDestroyed()) === expected), `${(await nodesDestroyed()) - start} of 5004`);
  assert.deepEqual(await d.row("Node"), [0, 0, expected]);
  assert.deepEqual(await d.row("Group"), [0]);
  await d.chartReaches("Node", 0);
  await d.chartReaches("Group", 0);
  const down = await d.chartOf("Node");
  assert.ok(Math.max(...down.values) >= 5000, "the peak is still in the window");
  assert.equal(down.lastY, down.zeroY);
  assert.equal(down.legend, "0");
  assert.equal(await d.demo(() => weakbindDemo.module().check()), null);
});

test("cycles: 10,000 sources whose listener closes over its own wrapper are all destroyed, JS values back to baseline", async () => {
  const baseline = await d.demo(() => weakbindDemo.state("cycles").baseline);
  assert.equal(typeof baseline, "number");
  assert.match(await d.click("cycles", "C++ calls the listener"), /→ s\.emit\(21\) = 42$/);
  assert.ok(await collectLive(["EventSource"]), "earlier sources were not collected");
  assert.equal((await stats()).jsValues, baseline);

  const start = await sourcesDestroyed();
  await d.page.fill("#ex-cycles input[name=count]", "10000");
  await d.click("cycles", "create");
  assert.equal((await stats()).jsValues, baseline + 10_000);
  assert.match(
    await status("cycles"),
    new RegExp(`^JS values held by wasm: ${(baseline + 10_000).toLocaleString("en")} \\(at load: ${baseline}\\) — 10,000 on their owners' wrappers, 0 rooted`),
  );
  assert.deepEqual(await d.row("EventSource"), [10_000, 10_000, start]);
  assert.ok(Math.max(...(await d.chartOf("jsValues")).values) >= 10_000, "the chart plots the JS values");

  await d.click("cycles", "drop");
  const expected = start + 10_000;
  const freed = await d.collectUntil(async () => (await sourcesDestroyed()) === expected);
  assert.ok(freed, `${(await sourcesDestroyed()) - start} of 10,000 cycles collected`);
  const after = await stats();
  assert.equal(after.live.EventSource, 0);
  assert.equal(after.jsValues, baseline, "the JS value table is back to its baseline");
  assert.deepEqual(await d.row("EventSource"), [0, 0, expected]);
  await d.chartReaches("EventSource", 0);
  await d.chartReaches("jsValues", baseline);
  assert.match(await status("cycles"), new RegExp(`^JS values held by wasm: ${baseline} \\(at load: ${baseline}\\) — 0 on their owners' wrappers, 0 rooted`));
  assert.equal(await d.demo(() => weakbindDemo.module().check()), null);
});

test("cycles: a source C++ retains keeps its listener through collections until C++ lets go", async () => {
  const baseline = await d.demo(() => weakbindDemo.state("cycles").baseline);
  const start = await sourcesDestroyed();
  assert.match(await d.click("cycles", "Retain one in C++"), /→ "kept 1" is kept by C\+\+ and its wrapper dropped/);
  assert.match(await status("cycles"), new RegExp(`— 0 on their owners' wrappers, 1 rooted · sources kept by C\\+\\+: 1$`));
  for (let i = 0; i < 5; i++) await d.page.click("#collect");
  assert.equal(await sourcesDestroyed(), start, "a collection freed a source C++ retains");
  assert.deepEqual(await d.row("EventSource"), [1, 0, start]);
  // The listener is alive, and sees the same wrapper as `self`.
  assert.match(await d.click("cycles", "C++ emits to what it keeps"), /→ emit_all\(7\) = 1: 1 listener called: kept 1 heard 7$/);

  assert.match(await d.click("cycles", "C++ lets go"), /→ C\+\+ released 1 source: a collection frees them/);
  assert.ok(await d.collectUntil(async () => (await sourcesDestroyed()) === start + 1), "not freed after C++ let go");
  assert.equal((await stats()).jsValues, baseline);
  assert.match(await status("cycles"), /— 0 on their owners' wrappers, 0 rooted · sources kept by C\+\+: 0$/);
  assert.match(await d.click("cycles", "C++ emits to what it keeps"), /→ emit_all\(7\) = 0: 0 listeners called$/);
  assert.deepEqual(d.errors, []);
});

test("mixed Rust/C++: its own module and heap, a Rust Filter and a C++ Matrix using each other", async () => {
  const own = await d.demo(
    (f) => weakbindDemo.module(f).exports.memory !== weakbindDemo.module().exports.memory,
    MIXED,
  );
  assert.equal(own, true, "mixed.wasm has a linear memory of its own");
  assert.deepEqual(Object.keys((await stats(MIXED)).live).sort(), ["Filter", "Matrix"]);
  assert.match(await status("mixed"), /^mixed\.wasm's own heap: [\d.]+ (B|KiB|MiB) in use, [\d.]+ (KiB|MiB) of linear memory$/);

  assert.match(
    await d.click("mixed", "Rust blurs, C++ maps"),
    /→ a\.describe\(\) = "Matrix 3x3, sum 36", b\.get\(1, 1\) = 4, c\.sum\(\) = 81$/,
  );
  assert.ok(await collectLive(["Filter", "Matrix"], MIXED), "the action's objects were not collected");
  assert.match(
    await d.click("mixed", "C++ keeps a Rust filter"),
    /→ after gc\(\): Filter destructors run since: 0; a\.has_filter\(\) = true, a\.filtered\(\)\.get\(1, 1\) = 30$/,
  );
  assert.match(
    await d.click("mixed", "Pass a Filter for a Matrix"),
    /✗ TypeError: Filter\.apply: argument 1 must be a Matrix, got a Filter$/,
  );
  assert.equal(await resultClass("mixed"), "result error");
  assert.deepEqual(d.errors, []);
});

test("mixed Rust/C++: 1,000 filtered matrices created, dropped and collected, both languages' destructors counted", async () => {
  assert.ok(await collectLive(["Filter", "Matrix"], MIXED), "earlier garbage was not collected");
  const counts = () =>
    d.demo((f) => {
      const { exports } = weakbindDemo.module(f);
      return { Filter: exports.mixed_filters_dropped(), Matrix: exports.mixed_matrices_destroyed() };
    }, MIXED);
  const start = await counts();
  await d.page.fill("#ex-mixed input[name=count]", "1000");
  await d.click("mixed", "create");
  const live = (await stats(MIXED)).live;
  assert.ok(live.Matrix >= 1000 && live.Filter <= 1000, JSON.stringify(live));
  assert.equal((await d.row("Filter"))[1], 1000, "held by the page");
  const peak = Math.max(...(await d.chartOf("Matrix")).values);
  assert.ok(peak >= 1000, `the chart's Matrix peak is ${peak}`);

  // Each one: a Filter and an input Matrix dropped at once, an output Matrix
  // held until the drop.
  await d.click("mixed", "drop");
  const expected = { Filter: start.Filter + 1000, Matrix: start.Matrix + 2000 };
  const done = async () => JSON.stringify(await counts()) === JSON.stringify(expected);
  assert.ok(await d.collectUntil(done), `${JSON.stringify(await counts())}, expected ${JSON.stringify(expected)}`);
  assert.deepEqual((await stats(MIXED)).live, { Filter: 0, Matrix: 0 });
  assert.deepEqual(await d.row("Filter"), [0, 0, expected.Filter]);
  assert.deepEqual(await d.row("Matrix"), [0, expected.Matrix]);
  await d.chartReaches("Matrix", 0);
  await d.chartReaches("Filter", 0);
  assert.equal((await d.chartOf("Matrix")).legend, "0");
  assert.equal(await d.demo((f) => weakbindDemo.module(f).check(), MIXED), null);
  assert.deepEqual(d.errors, []);
});

test("under the WeakRef sweep, a second instance of each module frees cycles and mixed objects too", async () => {
  await d.page.check("#strategy input[value=sweep]");
  await d.page.waitForSelector("body[data-strategy=sweep][data-ready=true]");
  assert.equal(await d.demo((f) => weakbindDemo.module(f).strategy, MIXED), "sweep");
  const baseline = await d.demo(() => weakbindDemo.state("cycles").baseline);
  assert.equal(await sourcesDestroyed(), 0, "a fresh instance");

  await d.page.fill("#ex-cycles input[name=count]", "1000");
  await d.click("cycles", "create");
  await d.click("cycles", "drop");
  await d.page.fill("#ex-mixed input[name=count]", "200");
  await d.click("mixed", "create");
  await d.click("mixed", "drop");
  const done = async () => {
    const [live, mixed] = [(await stats()).live, (await stats(MIXED)).live];
    return live.EventSource === 0 && mixed.Filter === 0 && mixed.Matrix === 0;
  };
  assert.ok(await d.collectUntil(done), "the sweep did not free everything");
  assert.equal(await sourcesDestroyed(), 1000);
  assert.equal((await stats()).jsValues, baseline);
  assert.equal(await exportCall("mixed_matrices_destroyed", MIXED), 400);
  assert.deepEqual(await d.row("EventSource"), [0, 0, 1000]);
  assert.deepEqual(d.errors, []);
});
