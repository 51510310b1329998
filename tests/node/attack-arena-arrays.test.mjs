// Attack: numeric array arguments of fixed calls, written into the
// loader's arena (js/types.mjs arenaArrayParam, js/arena.mjs) beside
// strings, flat values and other arrays (tests/fixtures/arena-arrays.cpp):
// arrays viewing wasm memory that an earlier argument's spill detaches,
// zero-length and SharedArrayBuffer-backed arrays, resizable buffers a
// later argument's getter resizes, and getters that call back into wasm.
// Each call passes C++ what the array held when it was read, or is a
// TypeError naming the argument; nothing is left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/flat.wasm", import.meta.url)));
const memory = m.exports.memory;
// (Warm-up: the arena, the converters, the heap's first blocks.)
m.arrays2(new Float64Array(1), new Float64Array(1));
m.string_array("s", new Float64Array(1));
m.two_arrays({ x: 1, y: 2 }, new Int32Array(1), new Float32Array(1));
m.array_two(new Uint32Array(1), { x: 1, y: 2 });
m.four("s", new Float64Array(1), 1, new Int32Array(1));
m.string_bytes("s", new Uint8Array(1));

// Five elements of wasm memory itself, valid until memory grows: of a heap
// block of the test's own (`at` 0 or 1 of its two halves), kept for the run.
const own = m.exports.weakbind_alloc(128) >>> 0;
const memoryView = (Type, at = 0) => new Type(memory.buffer, own + 64 * at, 5);
// More elements than memory has free bytes: its spill must grow memory.
const growing = () => new Float64Array(memory.buffer.byteLength / 8 + 4096);

test("an array viewing memory that an earlier argument's spill detaches is refused, not passed on empty", () => {
  const before = state(m);
  memoryView(Float64Array).fill(0);
  const view = memoryView(Float64Array);
  assert.throws(() => m.arrays2(growing(), view), { name: "TypeError", message: "arrays2: argument 2 was detached while it was copied" });
  assert.equal(view.length, 0, "the spill grew memory");
  // A string's spill, the same.
  const again = memoryView(Float64Array);
  assert.throws(() => m.string_array("x".repeat(memory.buffer.byteLength + 4096), again), {
    name: "TypeError",
    message: "string_array: argument 2 was detached while it was copied",
  });
  // The general path's heap blocks, the same.
  const third = memoryView(Int32Array, 1);
  assert.throws(() => m.four("s", growing(), 1, third), { name: "TypeError", message: "four: argument 4 was detached while it was copied" });
  const fourth = memoryView(Float64Array);
  assert.throws(() => m.four("x".repeat(memory.buffer.byteLength + 4096), fourth, 1, new Int32Array(0)), {
    name: "TypeError",
    message: "four: argument 2 was detached while it was copied",
  });
  assert.equal(m.four("s", memoryView(Float64Array).fill(1), 2, memoryView(Int32Array, 1).fill(1)), "1 5/5 2 5/5");
  // Bytes after a string's block, the same.
  const bytes = memoryView(Uint8Array);
  assert.throws(() => m.string_bytes("x".repeat(memory.buffer.byteLength + 4096), bytes), {
    name: "TypeError",
    message: "string_bytes: argument 2 was detached while it was copied",
  });
  assert.equal(m.string_bytes("ab", memoryView(Uint8Array).fill(3)), "2 5/15");
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("arrays viewing memory that nothing detaches, zero-length and shared arrays reach C++ as they are", () => {
  const before = state(m);
  const view = memoryView(Float64Array);
  view.fill(2);
  assert.equal(m.arrays2(view, new Float64Array(0)), "5/10 0/0");
  assert.equal(m.arrays2(new Float64Array(0), view), "0/0 5/10");
  // (A page that is not cross-origin isolated has no SharedArrayBuffer.)
  if (typeof SharedArrayBuffer === "function") {
    const shared = new Float64Array(new SharedArrayBuffer(32)).fill(3);
    assert.equal(m.arrays2(shared, shared), "4/12 4/12");
    assert.equal(m.two_arrays({ x: 4, y: 5 }, new Int32Array(new SharedArrayBuffer(8)).fill(-1), new Float32Array(0)), "4,5 2/-2 0/0");
  }
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a resizable buffer a later argument's getter resizes: the array is read once, after every value argument", () => {
  const before = state(m);
  for (const [to, want] of [
    [8, "2/2 1,2"],
    [0, "0/0 1,2"],
    [40, "10/4 1,2"],
  ]) {
    const buffer = new ArrayBuffer(16, { maxByteLength: 64 });
    const tracking = new Uint32Array(buffer).fill(1); // 4 elements, tracking the length
    const two = {
      x: 1,
      get y() {
        buffer.resize(to);
        return 2;
      },
    };
    assert.equal(m.array_two(tracking, two), want, `resized to ${to}`);
  }
  // A fixed-length view the getter leaves out of bounds has no elements.
  const buffer = new ArrayBuffer(16, { maxByteLength: 64 });
  const fixed = new Uint32Array(buffer, 0, 4).fill(1);
  const shrinking = {
    x: 1,
    get y() {
      buffer.resize(4);
      return 2;
    },
  };
  assert.equal(m.array_two(fixed, shrinking), "0/0 1,2");
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a getter of a flat value beside arrays calls into wasm with spilling arguments; the outer call's arrays are intact", () => {
  const before = state(m);
  const inner = [];
  const two = {
    x: 7,
    get y() {
      inner.push(m.arrays2(new Float64Array(5000).fill(1), new Float64Array(3).fill(2)));
      inner.push(m.string_array("s".repeat(20_000), new Float64Array(0)));
      return -3;
    },
  };
  assert.equal(m.two_arrays(two, new Int32Array(3000).fill(2), new Float32Array(4).fill(0.5)), "7,-3 3000/6000 4/2");
  assert.deepEqual(inner, ["5000/5000 3/6", "20000 0/0"]);
  // Nested while the outer call's arrays are in the arena: a callback-free
  // nesting only through getters, so the same again with the array after.
  const after = {
    x: 1,
    get y() {
      inner.push(m.array_two(new Uint32Array(2).fill(9), { x: 2, y: 3 }));
      return 4;
    },
  };
  assert.equal(m.array_two(new Uint32Array(3000).fill(1), after), "3000/3000 1,4");
  assert.equal(inner[2], "2/18 2,3");
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("an array of more bytes than a 32-bit size holds is a RangeError naming it, not a wrapped small block", (t) => {
  let buffer;
  try {
    // (Virtual memory only: its pages are never touched.)
    buffer = new ArrayBuffer(2 ** 32 + 16);
  } catch {
    t.skip("no 4 GiB ArrayBuffer on this host");
    return;
  }
  const before = state(m);
  const big = new Float64Array(buffer);
  const message = (label, i) => `${label}: argument ${i} has ${big.length} elements, more than wasm memory can hold`;
  assert.throws(() => m.arrays2(big, new Float64Array(0)), { name: "RangeError", message: message("arrays2", 1) });
  assert.throws(() => m.four("s", big, 1, new Int32Array(0)), { name: "RangeError", message: message("four", 2) });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a patched Math.ceil or Math.max places no argument over another in the arena", () => {
  const before = state(m);
  const saved = [Math.ceil, Math.max];
  const floor = Math.floor;
  let out;
  Math.ceil = (x) => floor(x);
  Math.max = () => 0;
  try {
    out = [m.string_array("abc", new Float64Array(3).fill(7)), m.two_arrays({ x: 1, y: 2 }, new Int32Array([5]), new Float32Array([2]))];
  } finally {
    [Math.ceil, Math.max] = saved;
  }
  assert.deepEqual(out, ["3 3/21", "1,2 1/5 1/2"]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});
