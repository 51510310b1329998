// make bench-exceptions: what C++ exceptions cost, weakbind beside embind
// (both -fwasm-exceptions), one process, median of several runs per figure:
//   - throw + catch inside C++, per exception;
//   - a throw escaping to JS, per exception (weakbind: a CppException,
//     the exception freed; embind: the raw WebAssembly.Exception, which
//     3.1.6 leaves allocated);
//   - a call that could throw but does not, with exceptions and without;
//   - nlohmann::json's parse of a small document, with and without;
//   - module sizes with and without.
// Writes bench/results/exceptions.json. `--quick`: fewer iterations.
import { readFileSync, writeFileSync, statSync, existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { load } from "../../js/weakbind.mjs";

const root = new URL("../../", import.meta.url);
const at = (p) => new URL(p, root);
const quick = process.argv.includes("--quick");
const RUNS = quick ? 1 : 5;
const CALLS = quick ? 200_000 : 2_000_000;
const THROWS = quick ? 5_000 : 50_000;

const require = createRequire(import.meta.url);
async function embind(name) {
  const createModule = require(at(`build/bench/exceptions/${name}.js`).pathname);
  return createModule({ wasmBinary: readFileSync(at(`build/bench/exceptions/${name}.wasm`)) });
}
const weakbind = async (path) => load(readFileSync(at(path)), { stdout: () => {}, stderr: () => {} });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function nsPer(n, fn) {
  const times = [];
  fn(Math.min(n, 10_000)); // warm up
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    fn(n);
    times.push(Number(process.hrtime.bigint() - t0) / n);
  }
  return median(times);
}

const callLoop = (t) => (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += t.check(i & 1023);
  if (s < 0) throw new Error("unreachable");
};
const escapeLoop = (t) => (n) => {
  let caught = 0;
  for (let i = 0; i < n; i++) {
    try {
      t.check(-1);
    } catch {
      caught++;
    }
  }
  if (caught !== n) throw new Error("a throw did not reach JS");
};
const insideLoop = (t) => (n) => {
  if (t.throw_catch(n) !== n) throw new Error("a throw was not caught");
};

const wbEh = await weakbind("build/bench/exceptions/weakbind-eh.wasm");
const wbNo = await weakbind("build/bench/exceptions/weakbind-noeh.wasm");
const emEh = await embind("embind-eh");
const emNo = await embind("embind-noeh");
const wbT = new wbEh.Thrower();
const wbTNo = new wbNo.Thrower();
const emT = new emEh.Thrower();
const emTNo = new emNo.Thrower();

const rows = [];
const row = (what, weakbindNs, embindNs) => rows.push({ what, weakbind: weakbindNs, embind: embindNs });

row("throw + catch inside C++ (ns per exception)", nsPer(THROWS, insideLoop(wbT)), nsPer(THROWS, insideLoop(emT)));
const heapBefore = wbEh.stats().heap.inUse;
row("throw escaping to JS (ns per exception)", nsPer(THROWS, escapeLoop(wbT)), nsPer(THROWS, escapeLoop(emT)));
const heapAfter = wbEh.stats().heap.inUse;
row("call that could throw, exceptions on (ns)", nsPer(CALLS, callLoop(wbT)), nsPer(CALLS, callLoop(emT)));
row("the same call, exceptions off (ns)", nsPer(CALLS, callLoop(wbTNo)), nsPer(CALLS, callLoop(emTNo)));

const jsonEh = await weakbind("build/fixtures/json.wasm");
const jsonNo = await weakbind("build/bench/exceptions/json-noeh.wasm");
const doc = JSON.stringify({ a: [1, 2, 3], b: { c: "text", d: true }, e: null });
const jsonLoop = (m) => (n) => {
  for (let i = 0; i < n; i++) if (m.Document.count_keys(doc) !== 3) throw new Error("bad parse");
};
const jsonCalls = Math.max(1, CALLS / 20);
const json = { on: nsPer(jsonCalls, jsonLoop(jsonEh)), off: nsPer(jsonCalls, jsonLoop(jsonNo)) };

const size = (p) => (existsSync(at(p)) ? statSync(at(p)).size : null);
const sizes = {
  "bench Thrower (weakbind)": [size("build/bench/exceptions/weakbind-noeh.wasm"), size("build/bench/exceptions/weakbind-eh.wasm")],
  "bench Thrower (embind, + its JS)": [
    size("build/bench/exceptions/embind-noeh.wasm") + size("build/bench/exceptions/embind-noeh.js"),
    size("build/bench/exceptions/embind-eh.wasm") + size("build/bench/exceptions/embind-eh.js"),
  ],
  "nlohmann::json fixture": [size("build/bench/exceptions/json-noeh.wasm"), size("build/fixtures/json.wasm")],
  "cpp/examples (make, make EXCEPTIONS=1)": [size("build/examples/examples.wasm"), size("build/exceptions/examples/examples.wasm")],
};

const f = (x) => (x === null ? "-" : x.toFixed(1));
console.log("| per exception / per call | weakbind | embind |");
console.log("|---|---:|---:|");
for (const r of rows) console.log(`| ${r.what} | ${f(r.weakbind)} | ${f(r.embind)} |`);
console.log(`\nnlohmann::json parse of a ${doc.length}-byte document: ${f(json.on)} ns with exceptions, ${f(json.off)} ns without`);
console.log(`weakbind heap after ${THROWS * (RUNS + 1)} escaping throws: ${heapAfter - heapBefore} bytes more than before`);
console.log("\n| module (bytes, not stripped) | without | with exceptions |");
console.log("|---|---:|---:|");
for (const [what, [off, on]] of Object.entries(sizes)) console.log(`| ${what} | ${off ?? "-"} | ${on ?? "-"} |`);

mkdirSync(at("bench/results"), { recursive: true });
writeFileSync(at("bench/results/exceptions.json"), JSON.stringify({ quick, runs: RUNS, rows, json, heapGrowth: heapAfter - heapBefore, sizes }, null, 2) + "\n");
