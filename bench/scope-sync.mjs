// Workload 3's synchronous variant (200,000 × Buffer1K in one loop, no
// yields) with weakbind's scope API, beside the same loop without it and the
// raw manual floor, in one process per variant: peak linear memory and
// objects per second. Run by `make bench-scope` after `make bench-peers`.
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { load } from "../js/weakbind.mjs";

const WASM = new URL("../build/bench/weakbind/bench.wasm", import.meta.url);
const OBJECTS = 200_000;
const RUNS = Number(process.env.RUNS ?? 5);
const variant = process.argv[2];

if (variant) {
  const m = await load(await readFile(WASM), { stdout: () => {} });
  const x = m.exports;
  const t0 = performance.now();
  if (variant === "raw") {
    for (let i = 0; i < OBJECTS; i++) {
      const p = x._Buffer1K__constructor(i);
      x._Buffer1K__my_method(p);
      x._Buffer1K__destructor(p);
    }
  } else if (variant === "plain") {
    for (let i = 0; i < OBJECTS; i++) new m.Buffer1K(i).my_method();
  } else {
    const per = Number(variant.split("-")[1]);
    for (let b = 0; b < OBJECTS; b += per) {
      m.scope(() => {
        for (let i = b; i < b + per; i++) new m.Buffer1K(i).my_method();
      });
    }
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ peak: m.memory.buffer.byteLength, rate: OBJECTS / (ms / 1000) }));
} else {
  const variants = ["raw", "plain", "scope-1", "scope-1000"];
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  console.log(`memory_sync: ${OBJECTS} × Buffer1K, no yields; median of ${RUNS} runs, each in its own process`);
  console.log("variant       peak MiB    M objects/s");
  for (const v of variants) {
    const runs = Array.from({ length: RUNS }, () =>
      JSON.parse(execFileSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), v], { encoding: "utf8" })),
    );
    const peak = median(runs.map((r) => r.peak)) / 2 ** 20;
    const rate = median(runs.map((r) => r.rate)) / 1e6;
    console.log(`${v.padEnd(12)} ${peak.toFixed(1).padStart(9)} ${rate.toFixed(2).padStart(14)}`);
  }
}
