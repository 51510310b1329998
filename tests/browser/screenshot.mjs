// Takes the README's picture of the demo (`make demo-screenshot`): the same
// clicks as the browser test, at a human pace, so the minute-long chart
// shows objects being created, dropped and then collected.
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
    ["#ex-myclass [data-do=create]", 4],
    ["#ex-notebook [data-do=create]", 4],
    ["#ex-buffer [data-do=create]", 5],
    ["#ex-myclass [data-do=drop]", 1],
    ["#ex-notebook [data-do=drop]", 1],
    ["#ex-buffer [data-do=drop]", 5],
    ["#collect", 6],
    ["#ex-notebook button:text('printf a summary')", 0],
    ["#ex-myclass button:text('Use after dispose')", 0],
  ];
  await sleep(2000);
  for (const [selector, pause] of steps) {
    await page.click(selector);
    await sleep(pause * 1000);
  }
  // The collection is complete when nothing is live; ask again if not yet.
  for (let i = 0; i < 20 && (await page.evaluate(() => weakbindDemo.module().stats().liveTotal)) > 0; i++) {
    await page.click("#collect");
  }
  await sleep(1500);
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: out, fullPage: true });
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join("\n")}`);
  console.log(`screenshot: ${out}`);
} finally {
  await browser.close();
  server.close();
}
