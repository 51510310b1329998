// The mixed Rust/C++ example (examples/mixed, weakbind_build::Build with
// exceptions(true)): a Rust class's method calling C++ that throws. The
// exception passes the Rust frame and reaches JS as a CppException naming
// the Rust class's member; nothing leaks and both classes keep working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load, CppException } from "../../js/weakbind.mjs";

const MIXED_WASM = new URL(globalThis.process?.env.WEAKBIND_MIXED_WASM ?? "../../build/mixed/mixed.wasm", import.meta.url);
const m = await load(await readFile(MIXED_WASM), { stdout: () => {} });
const heap = () => m.stats().heap.inUse - m.stats().heap.registryBytes;

test("the mixed module is built with C++ exceptions", () => {
  assert.ok(m.exports.__cpp_exception instanceof WebAssembly.Tag);
});

test("a Rust method calling C++ that throws: a CppException naming the Rust member", () => {
  const f = m.Filter.affine(2, 1);
  const a = new m.Matrix(2, 2);
  a.set(1, 1, 3);
  assert.equal(f.value_at(a, 1, 1), 7);
  const before = heap();
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => f.value_at(a, 5, 0), (e) => e instanceof CppException && e.type === "std::out_of_range" && e.message === "matrix_at: no such cell" && e.className === "Filter" && e.method === "value_at");
  }
  assert.equal(heap(), before);
  assert.equal(f.value_at(a, 1, 1), 7);
  assert.equal(m.check(), null);
  f.dispose();
  a.dispose();
});
