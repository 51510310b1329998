// Value types: structs WEAKBIND_VALUE describes, copied to and
// from plain JS objects; bad input refused with a TypeError naming member,
// argument and field, nothing left allocated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
m.dot3({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 0 }); // the heap's first blocks, made once

const label = (over = {}) => ({
  id: 4,
  weight: 2.5,
  visible: true,
  text: "héllo",
  kind: m.Kind.Box,
  unit: "Inch",
  flags: 2 ** 32 - 1,
  scale: 0.5,
  big: -(2n ** 62n),
  ubig: 2n ** 64n - 1n,
  at: { x: 1, y: 2, z: 3 },
  ...over,
});

test("a value in and out, as a new plain object", () => {
  const before = state(m);
  const r = m.add3({ x: 1, y: 2, z: 3 }, { x: 10, y: 20, z: 30 });
  assert.deepEqual(r, { x: 11, y: 22, z: 33 });
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.equal(Object.isFrozen(r), false);
  assert.equal(m.dot3({ x: 1, y: 2, z: 3 }, { x: 4, y: 5, z: 6 }), 32);
  // inherited fields, extra fields, a class instance
  const proto = { x: 1, y: 1 };
  const o = Object.create(proto);
  o.z = 1;
  o.extra = "ignored";
  assert.deepEqual(m.add3(o, new (class { x = 1; y = 2; z = 3; })()), { x: 2, y: 3, z: 4 });
  assert.deepEqual(state(m), before);
});

test("every field kind, nested values, strings in and out", () => {
  const before = state(m);
  const out = m.relabel(label(), "!");
  assert.deepEqual(out, label({ id: 5, text: "héllo!", at: { x: 1, y: 2, z: -3 } }));
  assert.deepEqual(m.relabel(label({ text: "", visible: false }), ""), label({ id: 5, text: "", visible: false, at: { x: 1, y: 2, z: -3 } }));
  assert.deepEqual(state(m), before);
});

test("values as properties, method arguments and static results", () => {
  const before = state(m);
  const b = new m.Body();
  assert.deepEqual(b.position, { x: 0, y: 0, z: 0 });
  b.position = { x: 1, y: 2, z: 3 };
  b.move({ x: 1, y: 1, z: 1 });
  assert.deepEqual(b.position, { x: 2, y: 3, z: 4 });
  const p = b.position;
  p.x = 100;
  assert.equal(b.position.x, 2, "a result is a copy");
  b.label = label();
  assert.deepEqual(b.tagged(9), label({ id: 9 }));
  assert.deepEqual(m.Body.origin(), { x: 0, y: 0, z: 0 });
  assert.deepEqual(m.Body.unit_x(), { x: 1, y: 0, z: 0 });
  b.dispose();
  assert.deepEqual(state(m), before);
});

test("bad input: a TypeError naming member, argument and field; nothing left behind", () => {
  const before = state(m);
  const v = { x: 1, y: 2, z: 3 };
  assert.throws(() => m.add3(v, { x: "1", y: 2, z: 3 }), { name: "TypeError", message: `add3: argument 2 field 'x' must be a number, got string "1"` });
  assert.throws(() => m.add3({ x: 1, z: 3 }, v), { name: "TypeError", message: "add3: argument 1 is missing field 'y' of Vec3" });
  assert.throws(() => m.add3(5, v), { name: "TypeError", message: "add3: argument 1 must be a Vec3 object, got number 5" });
  assert.throws(() => m.add3(null, v), { name: "TypeError", message: "add3: argument 1 must be a Vec3 object, got null" });
  assert.throws(() => m.relabel(label({ at: { x: 1, y: 2 } }), ""), { name: "TypeError", message: "relabel: argument 1 is missing field 'at.z' of Label" });
  assert.throws(() => m.relabel(label({ at: 3 }), ""), { name: "TypeError", message: "relabel: argument 1 field 'at' must be a Vec3 object, got number 3" });
  assert.throws(() => m.relabel(label({ text: 7 }), ""), { name: "TypeError", message: "relabel: argument 1 field 'text' must be a string, got number 7" });
  assert.throws(() => m.relabel(label({ id: 1.5 }), ""), { name: "TypeError", message: "relabel: argument 1 field 'id' must be an integer (i32), got number 1.5" });
  assert.throws(() => m.relabel(label({ flags: -1 }), ""), { name: "RangeError", message: "relabel: argument 1 field 'flags' is out of range for u32: -1" });
  assert.throws(() => m.relabel(label({ visible: 1 }), ""), { name: "TypeError", message: "relabel: argument 1 field 'visible' must be a boolean, got number 1" });
  assert.throws(() => m.relabel(label({ kind: 3 }), ""), { name: "TypeError", message: "relabel: argument 1 field 'kind' must be a Kind (one of the module's Kind values), got number 3" });
  assert.throws(() => m.relabel(label({ unit: "inch" }), ""), { name: "TypeError", message: `relabel: argument 1 field 'unit' must be a Unit (one of the module's Unit values), got string "inch"` });
  assert.throws(() => m.relabel(label({ big: 2n ** 63n }), ""), { name: "RangeError", message: `relabel: argument 1 field 'big' is out of range for i64: ${2n ** 63n}` });
  // the string argument after the value is still checked
  assert.throws(() => m.relabel(label(), 5), { name: "TypeError", message: "relabel: argument 2 must be a string, got number 5" });
  const b = new m.Body();
  assert.throws(() => (b.position = { x: 1, y: 2, z: null }), { name: "TypeError", message: "Body.position: argument 1 field 'z' must be a number, got null" });
  assert.throws(() => b.move({}), { name: "TypeError", message: "Body.move: argument 1 is missing field 'x' of Vec3" });
  b.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a getter or Proxy that throws, or disposes the receiver, mid-conversion", () => {
  const before = state(m);
  const throwing = { x: 1, get y() { throw new Error("no y"); }, z: 3 };
  assert.throws(() => m.add3({ x: 1, y: 2, z: 3 }, throwing), (e) => e instanceof TypeError && e.message === "add3: argument 2: reading field 'y' threw: no y" && e.cause.message === "no y");
  const trap = new Proxy({}, { get() { throw new RangeError("trapped"); } });
  assert.throws(() => m.dot3(trap, trap), { name: "TypeError", message: "dot3: argument 1: reading field 'x' threw: trapped" });
  // Each field is read once.
  let reads = 0;
  const counted = new Proxy({ x: 1, y: 2, z: 3 }, { get(t, k) { reads++; return t[k]; } });
  assert.equal(m.dot3(counted, { x: 1, y: 1, z: 1 }), 6);
  assert.equal(reads, 3);
  // A getter that disposes the receiver: the receiver is read after it.
  const b = new m.Body();
  assert.throws(() => b.move({ x: 1, get y() { b.dispose(); return 2; }, z: 3 }), { name: "TypeError", message: /Body\.move: .*disposed/ });
  // A getter that disposes an object argument converted before it: value
  // arguments are read first, so the object's check sees it disposed.
  const d = new m.Body();
  assert.throws(() => m.push_body(d, { x: 1, get y() { d.dispose(); return 2; }, z: 3 }), { name: "TypeError", message: "push_body: argument 1 must be a Body, got a disposed Body" });
  // A getter that calls into wasm (allocating) leaves the blocks intact.
  const c = new m.Body();
  c.position = { get x() { return m.dot3({ x: 1, y: 0, z: 0 }, { x: 5, y: 0, z: 0 }); }, y: 0, z: 0 };
  assert.deepEqual(c.position, { x: 5, y: 0, z: 0 });
  c.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

// A value of numbers only is written into the loader's arena for the call
// (js/values.mjs flatValueParam): these are what could break that.
test("flat values in the arena: re-entrant calls from getters, memory growth, spilled blocks", () => {
  const before = state(m);
  // A getter making the same call: the inner call writes above the outer
  // call's value and gives its space back before the outer one resumes.
  const inner = { get x() { return m.add3({ x: 1, y: 2, z: 3 }, { x: 10, y: 20, z: 30 }).x; }, y: 2, z: 3 };
  assert.deepEqual(m.add3({ x: 100, y: 200, z: 300 }, inner), { x: 111, y: 202, z: 303 });
  assert.deepEqual(m.add3(inner, { x: 100, y: 200, z: 300 }), { x: 111, y: 202, z: 303 });
  // A getter whose call grows memory: the value is written after it, into
  // memory as it is then.
  const pages = () => m.memory.buffer.byteLength;
  const size = pages();
  let grown = 0;
  const growing = {
    x: 1,
    get y() {
      grown = m.split("a,".repeat(4 * size)).length;
      return 2;
    },
    z: 3,
  };
  assert.deepEqual(m.add3(growing, { x: 1, y: 1, z: 1 }), { x: 2, y: 3, z: 4 });
  assert.ok(grown > 0 && pages() > size, "the getter's call grew memory");
  // Nested deeper than the arena holds (two values of 24 bytes a level):
  // the values past it get heap blocks
  // of their own, freed when their call returns.
  const deep = (n) => (n === 0 ? { x: 1, y: 1, z: 1 } : { get x() { return m.add3(deep(n - 1), { x: 1, y: 0, z: 0 }).x; }, y: 1, z: 1 });
  assert.deepEqual(m.add3(deep(700), { x: 0, y: 0, z: 0 }), { x: 701, y: 1, z: 1 });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a value result's fields are its own whatever setters Object.prototype has", () => {
  let swallowed = 0;
  for (const key of ["y", "weight", "text"]) Object.defineProperty(Object.prototype, key, { set: () => void swallowed++, get: () => 99, configurable: true });
  try {
    const r = m.add3({ x: 1, y: 2, z: 3 }, { x: 1, y: 2, z: 3 });
    assert.ok(Object.hasOwn(r, "y"));
    assert.deepEqual({ ...r }, { x: 2, y: 4, z: 6 });
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    // A value with strings and containers (the general reader) too.
    const l = m.relabel(label({ weight: 2.5, text: "t" }), "x");
    assert.ok(Object.hasOwn(l, "weight") && Object.hasOwn(l, "text") && Object.hasOwn(l.at, "y"));
    assert.equal(l.weight, 2.5);
    assert.equal(l.at.y, 2);
    assert.equal(swallowed, 0);
  } finally {
    for (const key of ["y", "weight", "text"]) delete Object.prototype[key];
  }
});

test("weakbind dts: a value is an interface of its fields", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, /\ninterface Vec3 \{\n  x: number;\n  y: number;\n  z: number;\n\}\n/);
  assert.match(text, /  text: string;\n  kind: Kind;\n  unit: Unit;\n  flags: number;\n  scale: number;\n  big: bigint;\n  ubig: bigint;\n  at: Vec3;\n/);
  assert.match(text, /  add3\(a0: Vec3, a1: Vec3\): Vec3;\n/);
  assert.match(text, /  get position\(\): Vec3;\n  set position\(value: Vec3\);\n/);
});
