// The Rust side inside wasm, through the loader: free functions
// (`weakbind::functions!`), an enum (`weakbind::enumeration!`), JS names,
// overloads by arity and value types (`weakbind::value!`), in
// examples/mixed. JS cannot tell them from C++'s.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

const m = await load(await readFile(new URL("../../build/mixed/mixed.wasm", import.meta.url)));

test("a Rust enum: a frozen object of its values, checked on the way in", () => {
  assert.deepEqual({ ...m.Border }, { Clamp: 0, Wrap: 1, Zero: 7 });
  assert.ok(Object.isFrozen(m.Border));
  assert.equal(m.border_for(5), m.Border.Zero);
  assert.equal(m.describe_border(m.Border.Wrap), "Wrap");
  assert.throws(() => m.describe_border(2), { name: "TypeError", message: /^describe_border: argument 1 must be a Border .*got number 2/ });
  assert.throws(() => m.describe_border("Wrap"), { name: "TypeError", message: /must be a Border/ });
  assert.equal(m.check(), null);
});

test("a Rust enum declared as strings", () => {
  assert.deepEqual({ ...m.Precision }, { Fast: "Fast", Exact: "Exact" });
  assert.equal(m.toggle("Fast"), "Exact");
  assert.equal(m.toggle(m.Precision.Exact), "Fast");
  assert.throws(() => m.toggle(0), { name: "TypeError", message: /^toggle: argument 1 must be a Precision/ });
});

test("Rust numeric arrays: slices and Vecs as typed arrays, copied", () => {
  const before = m.stats().heap.inUse;
  const out = m.scale_all(new Float64Array([1, 2.5]), 2);
  assert.ok(out instanceof Float64Array);
  assert.deepEqual([...out], [2, 5]);
  assert.deepEqual([...m.histogram(new Float32Array([0.5, 1.5, 1.2, 9]), 3)], [1, 2, 0]);
  assert.ok(m.histogram(new Float32Array(0), 0) instanceof Uint32Array);
  assert.throws(() => m.scale_all(new Float32Array(1), 2), { name: "TypeError", message: "scale_all: argument 1 must be a Float64Array, got a Float32Array" });
  assert.equal(m.stats().heap.inUse, before);
  assert.equal(m.check(), null);
});

test("Rust free functions overloaded by arity, results owned by JS", () => {
  const a = m.filter();
  const b = m.filter(3);
  assert.ok(a instanceof m.Filter && b instanceof m.Filter);
  assert.deepEqual([a.radius, b.radius], [1, 3]);
  assert.throws(() => m.filter(1, 2), { name: "TypeError", message: "filter: no overload takes 2 arguments (it takes 0 or 1)" });
  a.dispose();
  b.dispose();
  assert.equal(m.check(), null);
});

test("Rust value types: value! structs as plain objects, nested, copied both ways", () => {
  const before = m.stats().heap.inUse;
  const span = { from: 1, to: 2.5, label: "é", border: m.Border.Wrap, open: true };
  assert.deepEqual(m.reversed(span), { from: 2.5, to: 1, label: "é~", border: m.Border.Wrap, open: true });
  assert.deepEqual(m.swapped({ id: 4n, first: span, second: { ...span, label: "" } }), { id: 5n, first: { ...span, label: "" }, second: span });
  assert.throws(() => m.reversed({ ...span, border: 3 }), { name: "TypeError", message: "reversed: argument 1 field 'border' must be a Border (one of the module's Border values), got number 3" });
  assert.throws(() => m.swapped({ id: 1n, first: span }), { name: "TypeError", message: "swapped: argument 1 is missing field 'second' of Pair" });
  assert.equal(m.stats().heap.inUse, before);
  assert.equal(m.check(), null);
});
