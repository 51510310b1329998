#!/usr/bin/env node
// `make soak-browser`: the soak of bench/soak.mjs in chromium, for a few
// minutes, reporting objects, time, peak linear memory and leaks. The
// repository is served by python3 -m http.server on a free loopback port,
// and Debian's chromium is driven by playwright-core, both through the
// browser tests' harness (tests/browser/harness.mjs). Not part of `make test`.
//
//   node bench/soak-browser.mjs [--seconds S] [--release finalization|sweep] [--json FILE]
//
// The page runs the same soak() as node: the loader and the fixture module
// fetched from the server, the collector's own pace (gc() only at the end).
import { writeFile } from "node:fs/promises";
import { ROOT, serve, launch } from "../tests/browser/harness.mjs";
import { formatReport, leakFree } from "./soak.mjs";

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const seconds = Number(opt("--seconds", 180));
const release = opt("--release", "finalization");

const server = await serve(ROOT);
const browser = await launch();
const version = browser.version();
let report;
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") console.error(`console.error: ${msg.text()}`);
  });
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  await page.exposeFunction("soakProgress", (line) => console.error(line));
  await page.goto(`${server.url}bench/`); // a page of the server's origin
  console.error(`soak in chromium ${version} for ${seconds} s (${release})…`);
  report = await page.evaluate(
    async ({ seconds, release }) => {
      const { load } = await import("/js/weakbind.mjs");
      const { soak } = await import("/bench/soak.mjs");
      const instance = () => load(fetch("/build/fixtures/faults.wasm"), { release, sweep: { interval: 5 }, stdout: () => {} });
      return soak(await instance(), {
        objects: Infinity,
        seconds,
        onProgress: ({ objects, seconds: s, stats }) => {
          if (objects % 1_000_000 === 0) {
            const mib = (stats.heap.memorySize / 2 ** 20).toFixed(1);
            window.soakProgress(`  ${objects.toLocaleString("en-US")} objects, ${s.toFixed(1)} s, ${stats.liveTotal} live, memory ${mib} MiB`);
          }
        },
      });
    },
    { seconds, release },
  );
} finally {
  await browser.close();
  server.close();
}

console.log(`browser            chromium ${version}, headless`);
console.log(formatReport(report));
const json = opt("--json");
if (json) await writeFile(json, JSON.stringify({ browser: `chromium ${version}`, ...report }, null, 2) + "\n");
process.exitCode = leakFree(report) ? 0 : 1;
