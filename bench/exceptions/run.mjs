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
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
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
const WB_EH = "build/bench/exceptions/weakbind-eh.wasm";
const WB_NO = "build/bench/exceptions/weakbind-noeh.wasm";
const doc = JSON.stringify({ a: [1, 2, 3], b: { c: "text", d: true }, e: null });
const JSON_CALLS = Math.max(1, CALLS / 20);
const jsonLoop = (m) => (n) => {
  for (let i = 0; i < n; i++) if (m.Document.count_keys(doc) !== 3) throw new Error("bad parse");
};
const conventionLoop = (m) => {
  const o = new m.MyClass(3);
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += o.my_method();
    if (s !== 6 * n) throw new Error("bad result");
  };
};
const typedLoop = (m) => {
  const node = new m.Node("n");
  return (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += node.child_count();
    if (s !== 0) throw new Error("bad result");
  };
};
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

// Each figure is measured in a process of its own: closures of one source
// function share V8's type feedback, so a module measured after another
// would pay for its predecessor's.
const CASES = {
  "inside/weakbind": async () => nsPer(THROWS, insideLoop(new (await weakbind(WB_EH)).Thrower())),
  "inside/embind": async () => nsPer(THROWS, insideLoop(new (await embind("embind-eh")).Thrower())),
  "escape/weakbind": async () => {
    const m = await weakbind(WB_EH);
    const t = new m.Thrower();
    const before = m.stats().heap.inUse;
    const ns = nsPer(THROWS, escapeLoop(t));
    return { ns, heapGrowth: m.stats().heap.inUse - before };
  },
  "escape/embind": async () => nsPer(THROWS, escapeLoop(new (await embind("embind-eh")).Thrower())),
  "call-on/weakbind": async () => nsPer(CALLS, callLoop(new (await weakbind(WB_EH)).Thrower())),
  "call-on/embind": async () => nsPer(CALLS, callLoop(new (await embind("embind-eh")).Thrower())),
  "call-off/weakbind": async () => nsPer(CALLS, callLoop(new (await weakbind(WB_NO)).Thrower())),
  "call-off/embind": async () => nsPer(CALLS, callLoop(new (await embind("embind-noeh")).Thrower())),
  // The examples' convention class (exception modules call it inside try)
  // and a typed method, in the module built by `make` and `make EXCEPTIONS=1`.
  "convention-off": async () => nsPer(CALLS, conventionLoop(await weakbind("build/examples/examples.wasm"))),
  "convention-on": async () => nsPer(CALLS, conventionLoop(await weakbind("build/exceptions/examples/examples.wasm"))),
  "typed-off": async () => nsPer(CALLS, typedLoop(await weakbind("build/examples/examples.wasm"))),
  "typed-on": async () => nsPer(CALLS, typedLoop(await weakbind("build/exceptions/examples/examples.wasm"))),
  "json-on": async () => nsPer(JSON_CALLS, jsonLoop(await weakbind("build/fixtures/json.wasm"))),
  "json-off": async () => nsPer(JSON_CALLS, jsonLoop(await weakbind("build/bench/exceptions/json-noeh.wasm"))),
};
const only = process.argv.find((a) => a.startsWith("--case="))?.slice(7);
if (only) {
  process.stdout.write(JSON.stringify(await CASES[only]()));
  process.exit(0);
}
const measure = (name) => {
  const args = [fileURLToPath(import.meta.url), `--case=${name}`, ...(quick ? ["--quick"] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }));
};
const escape = measure("escape/weakbind");
const rows = [
  { what: "throw + catch inside C++ (ns per exception)", weakbind: measure("inside/weakbind"), embind: measure("inside/embind") },
  { what: "throw escaping to JS (ns per exception)", weakbind: escape.ns, embind: measure("escape/embind") },
  { what: "call that could throw, exceptions on (ns)", weakbind: measure("call-on/weakbind"), embind: measure("call-on/embind") },
  { what: "the same call, exceptions off (ns)", weakbind: measure("call-off/weakbind"), embind: measure("call-off/embind") },
];
const heapBefore = 0;
const heapAfter = escape.heapGrowth;
const json = { on: measure("json-on"), off: measure("json-off") };
const examples = {
  convention: { off: measure("convention-off"), on: measure("convention-on") },
  typed: { off: measure("typed-off"), on: measure("typed-on") },
};

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
console.log(`cpp/examples MyClass.my_method (convention): ${f(examples.convention.off)} ns without exceptions, ${f(examples.convention.on)} ns with`);
console.log(`cpp/examples Node.child_count (typed): ${f(examples.typed.off)} ns without exceptions, ${f(examples.typed.on)} ns with`);
console.log(`weakbind heap after ${THROWS * RUNS + Math.min(THROWS, 10_000)} escaping throws: ${heapAfter - heapBefore} bytes more than before`);
console.log("\n| module (bytes, not stripped) | without | with exceptions |");
console.log("|---|---:|---:|");
for (const [what, [off, on]] of Object.entries(sizes)) console.log(`| ${what} | ${off ?? "-"} | ${on ?? "-"} |`);

mkdirSync(at("bench/results"), { recursive: true });
writeFileSync(at("bench/results/exceptions.json"), JSON.stringify({ quick, runs: RUNS, rows, json, examples, heapGrowth: heapAfter - heapBefore, sizes }, null, 2) + "\n");
