// Takes the README's picture of the demo (`make demo-screenshot`): every
// section's objects created, dropped and collected at a human pace, so the
// minute-long chart shows it (about 40 s).
//   node tests/browser/screenshot.mjs [out.png]    (default tests/out/demo.png)
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ROOT, serve, launch, watchErrors, outDir } from "./harness.mjs";

const out = process.argv[2] ?? join(outDir(), "demo.png");
const server = await serve(join(ROOT, "build/site"));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
  const steps = [
    ["#ex-myclass [data-do=create]", 3],
    ["#ex-notebook [data-do=create]", 3],
    ["#ex-buffer [data-do=create]", 3],
    ["#ex-typed [data-do=create]", 3],
    ["#ex-cycles [data-do=create]", 3],
    ["#ex-mixed [data-do=create]", 4],
    ["#ex-myclass [data-do=drop]", 1],
    ["#ex-notebook [data-do=drop]", 1],
    ["#ex-buffer [data-do=drop]", 1],
    ["#ex-typed [data-do=drop]", 1],
    ["#ex-cycles [data-do=drop]", 1],
    ["#ex-mixed [data-do=drop]", 4],
    ["#collect", 5],
    ["#ex-notebook button:text('printf a summary')", 0],
    ["#ex-myclass button:text('Use after dispose')", 0],
    ["#ex-typed button:text('Identity')", 0],
    ["#ex-cycles button:text('C++ calls the listener')", 0],
    ["#ex-mixed button:text('Rust blurs, C++ maps')", 0],
  ];
  await sleep(2000);
  for (const [selector, pause] of steps) {
    await page.click(selector);
    await sleep(pause * 1000);
  }
  // The collection is complete when nothing is live in either module; ask
  // again if not yet.
  const liveTotal = () =>
    page.evaluate(() => ["examples.wasm", "mixed.wasm"].reduce((n, f) => n + weakbindDemo.module(f).stats().liveTotal, 0));
  for (let i = 0; i < 20 && (await liveTotal()) > 0; i++) {
    await page.click("#collect");
  }
  await sleep(1500);
  await page.evaluate(() => scrollTo(0, 0));
  // The top of the page down to the end of the monitor (charts, table,
  // console): every class is in the chart and the table; the sections
  // below it are text and buttons.
  const monitor = await page.locator(".monitor").boundingBox();
  const clip = { x: 0, y: 0, width: 1280, height: Math.ceil(monitor.y + monitor.height + 16) };
  await page.screenshot({ path: out, fullPage: true, clip });
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join("\n")}`);
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  server.close();
}
