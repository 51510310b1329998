// What the demo's browser tests share: the page opened in chromium, served
// from build/site as `make serve` serves it, and ways to read what it shows.
import { join } from "node:path";
import { ROOT, serve, launch, watchErrors } from "./harness.mjs";

const COLLECT_ROUNDS = 50;

// Opens the demo in a page of its own; `close()` ends browser and server.
export async function openDemo() {
  const server = await serve(join(ROOT, "build/site"));
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const demo = (fn, arg) => page.evaluate(fn, arg);

  return {
    server,
    page,
    errors,
    demo,

    // Loads the page; fails with the page's own error banner if it shows one.
    async ready(query = "") {
      await page.goto(server.url + query);
      await page.waitForSelector("body[data-ready=true], body[data-error]");
      const banner = await page.getAttribute("body", "data-error");
      if (banner !== null) throw new Error(`the page failed: ${await page.textContent("#error")}`);
    },

    // Clicks "Request a collection" (which runs gc() in tasks of its own)
    // until `done` holds, a bounded number of times; playwright waits for the
    // button to be enabled again, so each click is one finished request.
    // Then waits for the page's next sample, so what it shows (table,
    // status lines, chart) is drawn from a state where `done` held.
    async collectUntil(done, rounds = COLLECT_ROUNDS) {
      for (let i = 0; i < rounds; i++) {
        if (await done()) break;
        await page.click("#collect");
      }
      const samples = await demo(() => weakbindDemo.samples);
      await page.waitForFunction((n) => weakbindDemo.samples > n, samples, { timeout: 5000 });
      return done();
    },

    // Waits (bounded) for the chart's next sample to plot `key` at `value`.
    chartReaches: (key, value = 0) =>
      page.waitForFunction(([k, v]) => weakbindDemo.charts.live.data[k]?.at(-1) === v, [key, value], {
        timeout: 5000,
      }),

    // The live chart's view of one series: what it plotted and what it drew.
    chartOf: (key) =>
      demo((k) => {
        const svg = document.querySelector("#chart-live");
        const line = svg.querySelector(`polyline[data-series="${k}"]`);
        const lastPoint = line.getAttribute("points").trim().split(" ").at(-1);
        return {
          values: weakbindDemo.charts.live.data[k],
          last: line.dataset.last,
          lastY: Number(lastPoint.split(",")[1]),
          zeroY: Number(svg.dataset.zeroY),
          legend: document.querySelector(`#legend-live [data-series="${k}"] b`).textContent,
        };
      }, key),

    // Clicks a button of an example's section by its label (or its
    // data-do role: create, drop, dispose) and returns the result line.
    async click(example, label) {
      const selector = ["create", "drop", "dispose"].includes(label)
        ? `#ex-${example} [data-do=${label}]`
        : `#ex-${example} button:text-is("${label}")`;
      // Actions may be async (they can ask for collections): wait until
      // the page has written this click's result.
      const runs = Number((await page.getAttribute(selector, "data-runs")) ?? 0);
      await page.click(selector);
      await page.waitForSelector(`${selector}[data-runs="${runs + 1}"]`, { timeout: 15_000 });
      return page.textContent(`#ex-${example} output.result`);
    },

    // The table row of a class, as the page shows it (numbers parsed).
    async row(name) {
      const cells = await page.$$eval(`#objects tr[data-class="${name}"] td`, (tds) => tds.map((td) => td.textContent));
      return cells.map((text) => (/^[\d,]+$/.test(text) ? Number(text.replaceAll(",", "")) : text));
    },

    async close() {
      await browser.close();
      server.close();
    },
  };
}
