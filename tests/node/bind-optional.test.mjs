// std::optional<T> as T | undefined: scalars, strings, enums and
// values, in and out; `undefined` (or a left-out trailing argument) is
// absent, anything else must be a T; nothing left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
m.shout("warm", true); // the heap's first blocks, made once
m.flip3({ x: 0, y: 0, z: 0 });

test("present and absent, in and out", () => {
  const before = state(m);
  assert.equal(m.half(3), 1.5);
  assert.equal(m.half(undefined), undefined);
  assert.equal(m.half(), undefined, "a left-out argument is absent");
  assert.equal(m.shout("hé", true), "hé!");
  assert.equal(m.shout("", true), "!");
  assert.equal(m.shout("x", false), undefined);
  assert.equal(m.shout(undefined, true), undefined);
  assert.deepEqual(m.flip3({ x: 1, y: -2, z: 3 }), { x: -1, y: 2, z: -3 });
  assert.equal(m.flip3(undefined), undefined);
  assert.equal(m.big_or(2n ** 62n, 5), 2n ** 62n + 5n);
  assert.equal(m.big_or(-3, undefined), -3n);
  assert.equal(m.big_or(undefined, 1), undefined);
  assert.equal(m.next_kind(m.Kind.Dot), m.Kind.Box);
  assert.equal(m.next_kind(undefined), undefined);
  assert.equal(m.unit_of(true), "Inch");
  assert.equal(m.unit_of(false), "Mm");
  assert.equal(m.unit_of(undefined), undefined);
  assert.deepEqual(state(m), before);
});

test("optional properties", () => {
  const before = state(m);
  const o = new m.Maybe();
  assert.equal(o.name, undefined);
  assert.equal(o.where, undefined);
  o.name = "n";
  o.where = { x: 1, y: 2, z: 3 };
  assert.equal(o.name, "n");
  assert.deepEqual(o.where, { x: 1, y: 2, z: 3 });
  o.name = undefined;
  o.where = undefined;
  assert.equal(o.name, undefined);
  assert.equal(o.where, undefined);
  o.dispose();
  assert.deepEqual(state(m), before);
});

test("bad input: null is no undefined, a T must be a T; nothing left behind", () => {
  const before = state(m);
  assert.throws(() => m.half(null), { name: "TypeError", message: "half: argument 1 must be a number or undefined, got null" });
  assert.throws(() => m.half("1"), { name: "TypeError", message: `half: argument 1 must be a number or undefined, got string "1"` });
  assert.throws(() => m.shout(5, true), { name: "TypeError", message: "shout: argument 1 must be a string or undefined, got number 5" });
  assert.throws(() => m.shout("x", undefined), { name: "TypeError", message: "shout: argument 2 must be a boolean, got undefined" });
  assert.throws(() => m.big_or(1.5, 1), { name: "TypeError", message: "big_or: argument 1 must be a BigInt or a safe integer or undefined, got number 1.5" });
  assert.throws(() => m.big_or(1, -1), { name: "RangeError", message: "big_or: argument 2 is out of range for u32: -1" });
  assert.throws(() => m.next_kind(99), { name: "TypeError", message: "next_kind: argument 1 must be a Kind (one of the module's Kind values) or undefined, got number 99" });
  assert.throws(() => m.flip3({ x: 1, y: 2 }), { name: "TypeError", message: "flip3: argument 1 is missing field 'z' of Vec3" });
  assert.throws(() => m.flip3(null), { name: "TypeError", message: "flip3: argument 1 must be a Vec3 object or undefined, got null" });
  const throwing = { x: 1, get y() { throw new Error("no"); }, z: 1 };
  assert.throws(() => m.flip3(throwing), { name: "TypeError", message: "flip3: argument 1: reading field 'y' threw: no" });
  const o = new m.Maybe();
  assert.throws(() => (o.name = null), { name: "TypeError", message: "Maybe.name: argument 1 must be a string or undefined, got null" });
  o.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts: an optional is T | undefined, trailing ones may be left out", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, /  half\(a0\?: number \| undefined\): number \| undefined;\n/);
  assert.match(text, /  shout\(a0: string \| undefined, a1: boolean\): string \| undefined;\n/, "only trailing optionals may be left out");
  assert.match(text, /  big_or\(a0\?: bigint \| undefined, a1\?: number \| undefined\): bigint \| undefined;\n/);
  assert.match(text, /  flip3\(a0\?: Vec3 \| undefined\): Vec3 \| undefined;\n/);
  assert.match(text, /  get name\(\): string \| undefined;\n  set name\(value: string \| undefined\);\n/);
});
