// Rust panics: a Rust class in a module cargo built
// (tests/fixtures/rust-panic), and the mixed Rust/C++ example running out
// of memory inside Rust. A panic reaches the JS caller as an Error; the
// registry, the heap and the JS-value table are as they were; further calls
// work. The panic's message reaches JS: the runtime's panic hook (feature
// "std", installed by the loader through weakbind_init) keeps it, and the
// loader turns the abort's trap into a WeakbindError carrying it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../js/weakbind.mjs";
import { MIXED_WASM, RUST_PANIC_WASM, moduleBytes, state, withMemoryMaximum } from "./reliability-fixtures.mjs";

const m = await load(await moduleBytes(RUST_PANIC_WASM));
const dropped = () => m.exports.panicky_dropped();

const panics = [
  ["panic!(\"…\")", (p) => p.panic_plain(), /^Rust panic: panicked at src\/lib.rs:\d+:\d+:\nPanicky gave up$/],
  ["panic!(\"{}\", …) with a string argument in a heap block", (p) => p.panic_formatted("the loader frees this block"), /\nPanicky 12 gave up: the loader frees this block$/],
  ["a division by zero", (p) => p.divide(0), /\nattempt to divide by zero$/],
  ["Option::expect on None", (p) => p.expect_some(false), /\na value that is not there$/],
];

// std formats a panic message with arguments into a heap String before any
// hook runs; with panic = "abort" nothing ever frees it. So each such panic
// may leave one small block (std's, not the registry's or the loader's);
// everything else must be exactly as it was.
function assertSameButStdsPayload(after, before, panics) {
  const { heapInUse, heapAllocations, ...rest } = after;
  const { heapInUse: inUse0, heapAllocations: allocations0, ...rest0 } = before;
  assert.deepEqual(rest, rest0);
  assert.ok(heapAllocations - allocations0 <= panics, `${heapAllocations - allocations0} blocks left by ${panics} panics`);
  assert.ok(heapInUse - inUse0 <= panics * 128, `${heapInUse - inUse0} bytes left by ${panics} panics`);
}

for (const [what, call, message] of panics) {
  test(`a Rust method ending in ${what} throws, and every table is as it was`, () => {
    const p = new m.Panicky(12);
    const before = state(m);
    const count = dropped();
    assert.throws(() => call(p), (e) => e.name === "WeakbindError" && message.test(e.message) && e.cause instanceof WebAssembly.RuntimeError);
    assertSameButStdsPayload(state(m), before, 1);
    assert.equal(p.value(), 12, "the object still works");
    assert.equal(p.divide(4), 3);
    assert.equal(p.expect_some(true), 12);
    p.dispose();
    assert.equal(dropped(), count + 1);
    assert.equal(m.check(), null);
  });
}

// Each panic's own message, every time: std's hook keeps working after
// hundreds of panics, and the stack pointer is restored after each.
test("five hundred panics in a row: the module keeps working", () => {
  const p = new m.Panicky(1);
  const before = state(m);
  for (let i = 0; i < 500; i++) assert.throws(() => p.panic_formatted(`#${i}`), { name: "WeakbindError", message: new RegExp(`Panicky 1 gave up: #${i}$`) });
  assertSameButStdsPayload(state(m), before, 500);
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
