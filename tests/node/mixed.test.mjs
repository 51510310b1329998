// The mixed example (examples/mixed): one module built by `cargo build`
// from a Rust crate and a C++ class that use each other — a Rust Filter
// processing a C++ Matrix — both used from JS through the loader with no
// glue. Built by `make test-mixed` (and before `make test-node`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, createAndDrop, objectBytes, settle } from "./helpers.mjs";

const MIXED_WASM = new URL(process.env.WEAKBIND_MIXED_WASM ?? "../../build/mixed/mixed.wasm", import.meta.url);
if (!existsSync(MIXED_WASM)) throw new Error(`${MIXED_WASM.pathname} is missing: build it with \`make test-mixed\``);
const bytes = await readFile(MIXED_WASM);
const m = await load(bytes, { stdout: () => {} });
const matrices = () => m.exports.mixed_matrices_destroyed();
const filters = () => m.exports.mixed_filters_dropped();

// A rows x cols matrix whose cell (r, c) holds r * cols + c.
function ramp(rows, cols) {
  const a = new m.Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) a.set(r, c, r * cols + c);
  return a;
}

test("one module: both classes, one memory, metadata from both languages", () => {
  const module = new WebAssembly.Module(bytes);
  const records = Buffer.from(WebAssembly.Module.customSections(module, "weakbind")[0]).toString().split("\0");
  // Each Rust free function, enum and value carries a version record of its own.
  const moduleRecords = records.filter((r) => r.startsWith("function ") || r.startsWith("enum ") || r.startsWith("value ")).length;
  assert.equal(records.filter((r) => r === "weakbind 1").length, 2 + moduleRecords, "a version record from Rust and one from C++");
  assert.ok(records.includes("class Filter") && records.includes("class Matrix"));
  assert.ok(records.includes("method Matrix map _Matrix__map Filter own:Matrix"), "C++ takes a Rust class");
  assert.ok(records.includes("method Filter apply _Filter__apply Matrix own:Matrix?"), "Rust takes a C++ class");
  const exported = WebAssembly.Module.exports(module);
  assert.deepEqual(exported.filter((e) => e.kind === "memory").map((e) => e.name), ["memory"]);
  const importModules = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
  assert.deepEqual([...importModules].sort(), ["wasi_snapshot_preview1", "weakbind"]);
  assert.equal(typeof m.Filter, "function");
  assert.equal(typeof m.Matrix, "function");
});

test("a Rust filter processes a C++ matrix, and C++ maps itself through a Rust filter", () => {
  const a = ramp(3, 3);
  assert.equal(a.describe(), "Matrix 3x3, sum 36");
  const blur = new m.Filter(1);
  const b = blur.apply(a);
  assert.ok(b instanceof m.Matrix);
  assert.equal(b.get(1, 1), 4); // the mean of all nine
  assert.equal(b.get(0, 0), (0 + 1 + 3 + 4) / 4);
  const affine = m.Filter.affine(2, 1);
  assert.ok(affine instanceof m.Filter);
  const c = a.map(affine); // C++ calling Rust for every cell
  assert.equal(c.get(2, 2), 17);
  assert.equal(c.sum(), 2 * 36 + 9);
  for (const x of [a, b, c, blur, affine]) x.dispose();
});

test("properties and strings cross both ways", () => {
  const f = new m.Filter(2);
  assert.equal(f.radius, 2);
  assert.equal(f.gain, 1);
  f.gain = 0.5;
  assert.equal(f.value(8), 4);
  assert.equal(f.label, "blur 2");
  f.label = "flou gaußien 🦀";
  assert.equal(f.label, "flou gaußien 🦀");
  assert.equal(f.describe(), "Filter 'flou gaußien 🦀' (radius 2, 0.5·x + 0)");
  f.label = "";
  assert.equal(f.label, "");
  assert.throws(() => (f.radius = 3), TypeError); // a getter alone
  f.dispose();
});

test("objects crossing languages are freed by the collector", async () => {
  // Warm the heap's spans up to their high-water mark, so the baseline
  // counts only what the objects hold.
  createAndDrop(300, (i) => new m.Filter(1).apply(ramp(8, 8)).map(m.Filter.affine(i, 0)));
  await settle(matrices);
  const heap = objectBytes(m);
  const [matricesBefore, filtersBefore] = [matrices(), filters()];
  const N = 300;
  createAndDrop(N, (i) => {
    const a = ramp(8, 8); // C++, made by JS
    const f = new m.Filter(i % 3); // Rust, made by JS
    const b = f.apply(a); // C++, made by Rust
    const g = m.Filter.affine(2, i); // Rust, made by Rust
    const c = b.map(g); // C++, made by C++ calling Rust
    assert.equal(c.rows() * c.cols(), 64);
  });
  assert.ok(objectBytes(m) > heap, "the objects live in the one heap");
  const done = () => matrices() - matricesBefore === 3 * N && filters() - filtersBefore === 2 * N;
  assert.ok(await collectUntil(done), `${matrices() - matricesBefore} of ${3 * N} matrices, ${filters() - filtersBefore} of ${2 * N} filters freed`);
  assert.deepEqual(m.stats().live, { Filter: 0, Matrix: 0 });
  assert.equal(objectBytes(m), heap, "every byte back");
  assert.equal(m.check(), null);
});

test("C++ keeps a Rust filter alive after JS drops it; the filter goes with the matrix", async () => {
  const [matricesBefore, filtersBefore] = [await settle(matrices), filters()];
  let a = (() => {
    const a = ramp(2, 2);
    a.set_filter(m.Filter.affine(10, 0)); // the filter's wrapper is dropped here
    return a;
  })();
  assert.equal(await collectUntil(() => filters() > filtersBefore, { rounds: 20 }), false, "the filter must not be freed");
  assert.equal(m.stats().live.Filter, 1);
  assert.ok(a.has_filter());
  assert.equal(a.filtered().get(1, 1), 30); // C++ -> Rust apply -> C++ result
  assert.match(a.describe(), /with a filter/);
  a = null;
  assert.ok(await collectUntil(() => filters() === filtersBefore + 1 && matrices() === matricesBefore + 2));
  assert.equal(m.stats().live.Filter, 0);
  assert.equal(m.check(), null);
});

test("Rust keeps a C++ mask alive after JS drops it; JS and Rust co-own it", async () => {
  const matricesBefore = await settle(matrices);
  const f = new m.Filter(0);
  f.gain = 100;
  const mask = new m.Matrix(2, 2);
  mask.set(0, 0, 1); // only (0, 0) is filtered
  f.set_mask(mask);
  assert.equal(f.mask(), mask, "identity: the wrapper JS already has");
  const a = ramp(2, 2);
  const out = f.apply(a);
  assert.deepEqual([out.get(0, 0), out.get(0, 1), out.get(1, 1)], [0, 1, 3]);
  out.dispose();
  a.dispose();
  mask.dispose(); // JS lets go; Rust still owns it
  assert.equal(matrices(), matricesBefore + 2, "only `out` and `a` were freed");
  const again = f.mask(); // JS becomes an owner again, with a new wrapper
  assert.ok(again instanceof m.Matrix && again !== mask);
  assert.equal(again.get(0, 0), 1);
  f.set_mask(null); // Rust lets go: JS's wrapper keeps the mask alive
  assert.equal(matrices(), matricesBefore + 2);
  assert.equal(again.get(0, 0), 1);
  again.dispose(); // the last owner
  assert.equal(matrices(), matricesBefore + 3);
  f.dispose();
  assert.equal(m.check(), null);
});

test("type checks and Rust's own checks are JS errors naming the method", () => {
  const f = new m.Filter(1);
  const a = ramp(2, 2);
  assert.throws(() => f.apply(f), { name: "TypeError", message: "Filter.apply: argument 1 must be a Matrix, got a Filter" });
  assert.throws(() => f.apply(null), { name: "TypeError", message: /Filter.apply: argument 1 must be a Matrix/ });
  assert.throws(() => a.map(a), { name: "TypeError", message: /Matrix.map: argument 1 must be a Filter/ });
  assert.throws(() => f.then(f), { name: "WeakbindError", message: "Filter.then: an argument is the object this method changes" });
  assert.throws(() => new m.Filter(99), { name: "WeakbindError", message: /new Filter\(\).*NULL/ });
  f.dispose();
  assert.throws(() => f.value(1), { name: "TypeError", message: /Filter.value: the object was disposed/ });
  assert.throws(() => a.map(f), { name: "TypeError", message: /Matrix.map: argument 1 must be a Filter, got a disposed Filter/ });
  a.dispose();
  assert.equal(m.check(), null);
});

test("a module whose Rust side wrote another metadata version is refused at load", async () => {
  const patched = Buffer.from(bytes);
  // The custom section comes after the data (which holds a copy, too).
  const at = patched.lastIndexOf("weakbind 1\0class Filter");
  assert.ok(at > 0);
  patched[at + "weakbind ".length] = "2".charCodeAt(0);
  await assert.rejects(load(patched), { name: "WeakbindError", message: /metadata: .*version '2'/ });
});
