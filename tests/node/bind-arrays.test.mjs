// Numeric arrays: std::vector<double> and friends as the
// matching typed array, copied in and out; anything else refused with a
// TypeError naming member, argument and what it got, nothing left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { declarations } from "../../js/dts.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
m.sum_f64(new Float64Array(4)); // the heap's first blocks, made once
const state = () => ({ inUse: m.stats().heap.inUse, values: m.stats().jsValues, check: m.check() });

test("typed arrays in and out, copied", () => {
  const before = state();
  const a = Float64Array.from({ length: 1000 }, (_, i) => i / 4);
  assert.equal(m.sum_f64(a), (999 * 1000) / 8);
  const out = m.scaled(a, 2);
  assert.ok(out instanceof Float64Array);
  assert.equal(out.length, 1000);
  assert.equal(out[999], 999 / 2);
  assert.equal(a[999], 999 / 4, "the argument is a copy");
  assert.ok(out.buffer !== m.memory.buffer, "the result is a copy");
  assert.equal(m.first_f32(new Float32Array([2.5, 1])), 2.5);
  assert.equal(m.first_f32(new Float32Array(0)), -1);
  assert.deepEqual([...m.range_i32(5)], [0, 1, 2, 3, 4]);
  assert.ok(m.range_i32(0) instanceof Int32Array);
  assert.equal(m.range_i32(0).length, 0);
  assert.deepEqual([...m.reversed_u32(new Uint32Array([1, 2 ** 32 - 1]))], [2 ** 32 - 1, 1]);
  // a subarray: its own offset and length
  const big = new Float64Array([9, 1, 2, 3, 9]);
  assert.equal(m.sum_f64(big.subarray(1, 4)), 6);
  assert.deepEqual(state(), before);
});

test("an array property", () => {
  const s = new m.Samples();
  assert.deepEqual([...s.values], []);
  s.values = new Float64Array([1, 2, 3]);
  assert.deepEqual([...s.values], [1, 2, 3]);
  assert.throws(() => (s.values = [1, 2, 3]), { name: "TypeError", message: "Samples.values: argument 1 must be a Float64Array, got an Array" });
  s.dispose();
});

test("bad input: another kind, an Array, a lying subclass or Proxy, a detached buffer", () => {
  const before = state();
  class Lying extends Float64Array {
    get length() {
      return 1e9;
    }
  }
  const lying = new Lying([1, 2]);
  assert.equal(m.sum_f64(lying), 3, "the array's own length, not its getter's");
  const cases = [
    [new Float32Array([1]), "a Float32Array"],
    [[1, 2], "an Array"],
    [new Uint8Array(8), "a Uint8Array"],
    [new Proxy(new Float64Array(2), {}), "an object"],
    [new DataView(new ArrayBuffer(8)), "an object"],
    ["1,2", 'string "1,2"'],
    [null, "null"],
  ];
  for (const [bad, got] of cases) {
    assert.throws(() => m.sum_f64(bad), { name: "TypeError", message: `sum_f64: argument 1 must be a Float64Array, got ${got}` });
  }
  assert.throws(() => m.scaled(new Float64Array(2), "2"), { name: "TypeError", message: /^scaled: argument 2 must be a number/ });
  const detached = new Float64Array(4);
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  assert.equal(m.sum_f64(detached), 0, "a detached array has no elements");
  assert.deepEqual(state(), before);
});

test("an array viewing wasm memory itself, whose buffer the copy's allocation may detach", () => {
  const before = state();
  const view = new Float64Array(m.memory.buffer, 0, 16);
  assert.equal(typeof m.sum_f64(view), "number");
  // Growing memory while converting another argument detaches the view.
  assert.throws(() => m.scaled(view, { valueOf: () => m.memory.grow(1) }), { name: "TypeError", message: /argument 2 must be a number/ });
  assert.deepEqual(state(), before);
});

test("an array too large for the call's arena gets a block of its own, freed with the call", () => {
  const before = state();
  const big = new Float64Array(1 << 18).fill(0.5);
  assert.equal(m.sum_f64(big), (1 << 18) * 0.5);
  const back = m.scaled(big, 2);
  assert.equal(back.length, 1 << 18);
  assert.equal(back[12345], 1);
  // A view of all of memory: its own block's allocation must grow memory,
  // which detaches the view before it is copied.
  const whole = new Float64Array(m.memory.buffer);
  assert.throws(() => m.sum_f64(whole), { name: "TypeError", message: "sum_f64: argument 1 was detached while it was copied" });
  assert.deepEqual(state(), before);
});

test("a replaced Function.prototype.call is not how an array's slots are read", () => {
  const call = Function.prototype.call;
  let calls = 0;
  let sum;
  let scaled;
  // Only the loader's calls run while it is replaced (a test harness may
  // use it for its own assertions).
  Function.prototype.call = function (...args) {
    calls++;
    return call.apply(this, args);
  };
  try {
    sum = m.sum_f64(new Float64Array([1, 2]));
    scaled = m.scaled(new Float64Array([1, 2]), 3);
  } finally {
    Function.prototype.call = call;
  }
  assert.equal(calls, 0);
  assert.equal(sum, 3);
  assert.deepEqual([...scaled], [3, 6]);
});

test("weakbind dts: typed arrays", () => {
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, /sum_f64\(a0: Float64Array\): number;/);
  assert.match(text, /scaled\(a0: Float64Array, a1: number\): Float64Array;/);
  assert.match(text, /range_i32\(a0: number\): Int32Array;/);
  assert.match(text, /get values\(\): Float64Array;/);
});
