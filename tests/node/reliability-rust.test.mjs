// Rust panics (issue 9): a Rust class in a module cargo built
// (tests/fixtures/rust-panic), and the mixed Rust/C++ example running out
// of memory inside Rust. A panic reaches the JS caller as an Error; the
// registry, the heap and the JS-value table are as they were; further calls
// work. (The panic's message does not reach JS from a cargo-built module:
// docs/RELIABILITY.md, known failures.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../js/weakbind.mjs";
import { MIXED_WASM, RUST_PANIC_WASM, moduleBytes, state, withMemoryMaximum } from "./reliability-fixtures.mjs";

const m = await load(await moduleBytes(RUST_PANIC_WASM));
const dropped = () => m.exports.panicky_dropped();

const panics = [
  ["panic!(\"…\")", (p) => p.panic_plain()],
  ["panic!(\"{}\", …) with a string argument in a heap block", (p) => p.panic_formatted("the loader frees this block")],
  ["a division by zero", (p) => p.divide(0)],
  ["Option::expect on None", (p) => p.expect_some(false)],
];

for (const [what, call] of panics) {
  test(`a Rust method ending in ${what} throws, and every table is as it was`, () => {
    const p = new m.Panicky(12);
    const before = state(m);
    const count = dropped();
    assert.throws(() => call(p), { name: "RuntimeError" });
    assert.deepEqual(state(m), before);
    assert.equal(p.value(), 12, "the object still works");
    assert.equal(p.divide(4), 3);
    assert.equal(p.expect_some(true), 12);
    p.dispose();
    assert.equal(dropped(), count + 1);
    assert.equal(m.check(), null);
  });
}

// A few hundred, not more: a cargo-built module does not export its
// __stack_pointer, so the loader cannot put it back after a panic, and each
// panic strands its frames (docs/RELIABILITY.md, known failures).
test("five hundred panics in a row: the module keeps working", () => {
  const p = new m.Panicky(1);
  const before = state(m);
  for (let i = 0; i < 500; i++) assert.throws(() => p.panic_formatted(`#${i}`), { name: "RuntimeError" });
  assert.deepEqual(state(m), before);
  assert.equal(p.value(), 1);
  p.dispose();
});

test("mixed example: Rust running out of memory (String::from) at a 4 MiB maximum throws; tables exact; it works on", async () => {
  const mixed = await load(withMemoryMaximum(await moduleBytes(MIXED_WASM), 64), { stdout: () => {} });
  const f = new mixed.Filter(1);
  f.label = "short";
  const before = state(mixed);
  let failed = null;
  // The loader's copy of the argument fits; Rust's own copy of it does not.
  for (let kib = 256; kib <= 2048 && !failed; kib += 128) {
    try {
      f.label = "z".repeat(kib * 1024);
      f.label = "short";
    } catch (e) {
      failed = e;
    }
  }
  assert.ok(failed, "every label fitted");
  assert.ok(failed.name === "RuntimeError" || /^out of memory/.test(failed.message), `${failed.name}: ${failed.message}`);
  assert.deepEqual(state(mixed), before);
  assert.equal(f.value(3), 3);
  f.label = "fits";
  assert.equal(f.label, "fits");
  f.dispose();
  assert.equal(mixed.check(), null);
});
