// Where a churned object's time goes: workload 2 of `make bench` (1 M
// MyClass created, called once and dropped, in batches of 10,000 with a
// yield between batches) taken apart, each part in processes of its own.
// Run by `make bench-churn-parts` after `make bench-peers`. A benchmark,
// not a test: the figures are ns per object, median of RUNS processes.
//
//   raw        the floor: constructor, method, destructor as raw exports
//   wrapper    the same with a plain JS object around the pointer, the
//              method called through it
//   scoped     the loader's class, each batch inside m.scope(): the
//              registry's adopt and disown and the loader's own work, but
//              no collector (each object is disposed when its batch ends)
//   weakbind   the loader as it ships: cohorts registered with the
//              FinalizationRegistry, objects released after full collections
//   floor      the least any release driven by the collector costs here: a
//              plain JS wrapper, wrappers made in one job sharing one
//              FinalizationRegistry registration (256 at most), whose
//              callback calls the raw destructor of each; no registry, no
//              tokens, no safety (a disposed object would be freed twice)
//   release    the release alone: as many objects as wait for the first
//              full collection in `weakbind` (850,000 here) are adopted,
//              their memory left to go cold, then disowned one by one
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { load } from "../js/weakbind.mjs";

const WASM = new URL("../build/bench/weakbind/bench.wasm", import.meta.url);
const OBJECTS = 1_000_000;
const BATCH = 10_000;
const WAITING = 850_000;
const RUNS = Number(process.env.RUNS ?? 5);
const VARIANTS = ["raw", "wrapper", "floor", "scoped", "weakbind", "release"];
const variant = process.argv[2];

async function churn(batch) {
  const t0 = performance.now();
  let sum = 0;
  for (let b = 0; b < OBJECTS; b += BATCH) {
    sum += batch(b, b + BATCH);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (sum !== OBJECTS * (OBJECTS - 1)) throw new Error(`methods returned ${sum}`);
  return ((performance.now() - t0) * 1e6) / OBJECTS;
}

async function measure(name) {
  const m = await load(await readFile(WASM));
  const x = m.exports;
  const ctor = x._MyClass__constructor, method = x._MyClass__my_method, dtor = x._MyClass__destructor;
  if (name === "raw") {
    return churn((from, to) => {
      let sum = 0;
      for (let i = from; i < to; i++) { const p = ctor(i); sum += method(p); dtor(p); }
      return sum;
    });
  }
  if (name === "wrapper") {
    class Plain { constructor(i) { this.p = ctor(i); } my_method() { return method(this.p); } }
    return churn((from, to) => {
      let sum = 0;
      for (let i = from; i < to; i++) { const o = new Plain(i); sum += o.my_method(); dtor(o.p); }
      return sum;
    });
  }
  if (name === "floor") {
    const registry = new FinalizationRegistry((ptrs) => { for (const p of ptrs) dtor(p); });
    let cohort = null, ptrs = null;
    const close = () => { cohort = null; };
    class Floor {
      constructor(i) {
        const p = ctor(i);
        if (cohort === null || ptrs.length === 256) {
          cohort = {};
          ptrs = [];
          registry.register(cohort, ptrs);
          queueMicrotask(close);
        }
        ptrs.push(p);
        this.p = p;
        this.c = cohort;
      }
      my_method() { return method(this.p); }
    }
    return churn((from, to) => {
      let sum = 0;
      for (let i = from; i < to; i++) sum += new Floor(i).my_method();
      return sum;
    });
  }
  if (name === "release") {
    const tokens = new Float64Array(WAITING);
    // A class of its own, destroyed through the function table as the
    // loader's classes are.
    const id = x.weakbind_class_define(x.__indirect_function_table.grow(1, dtor));
    for (let i = 0; i < WAITING; i++) tokens[i] = x.weakbind_adopt(ctor(i), id);
    new Float64Array(4 << 20).fill(1); // 32 MB of other work between
    const t0 = performance.now();
    for (let i = 0; i < WAITING; i++) x.weakbind_disown(tokens[i]);
    if (x.bench_destroyed_count() !== WAITING) throw new Error("not every object was destroyed");
    return ((performance.now() - t0) * 1e6) / WAITING;
  }
  const C = m.MyClass;
  if (name === "scoped") {
    return churn((from, to) => m.scope(() => {
      let sum = 0;
      for (let i = from; i < to; i++) sum += new C(i).my_method();
      return sum;
    }));
  }
  return churn((from, to) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += new C(i).my_method();
    return sum;
  });
}

if (variant) {
  console.log(JSON.stringify({ ns: await measure(variant) }));
  process.exit(0); // pending finalizers need not run
} else {
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let r = 0; r < RUNS; r++) {
    for (const v of VARIANTS) {
      const out = execFileSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), v], { encoding: "utf8" });
      samples[v].push(JSON.parse(out).ns);
    }
  }
  console.log(`MyClass churn taken apart: ${OBJECTS} objects in batches of ${BATCH} with yields; ns per object, median of ${RUNS} runs, each in its own process`);
  for (const v of VARIANTS) console.log(`${v.padEnd(10)} ${median(samples[v]).toFixed(1).padStart(8)}`);
}
