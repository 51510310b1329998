// Vectors of strings and values: std::vector<std::string> and
// std::vector<V> as Arrays of strings or plain objects, copied both ways;
// a wrong element refused with a TypeError naming member, argument and
// element, nothing left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
m.join(["warm", "up"], ","); // the heap's first blocks, made once
m.labels(["a"]);

test("arrays of strings in and out", () => {
  const before = state(m);
  assert.equal(m.join(["a", "bé", ""], "-"), "a-bé-");
  assert.equal(m.join([], "-"), "");
  const parts = m.split("x,,yz");
  assert.deepEqual(parts, ["x", "", "yz"]);
  assert.ok(Array.isArray(parts));
  assert.deepEqual(m.split(""), [""]);
  const t = new m.Tags();
  assert.deepEqual(t.names, []);
  t.names = ["p", "q"];
  assert.deepEqual(t.names, ["p", "q"]);
  t.dispose();
  assert.deepEqual(state(m), before);
});

test("arrays of values in and out", () => {
  const before = state(m);
  assert.deepEqual(m.scale_all3([{ x: 1, y: 2, z: 3 }, { x: -1, y: 0, z: 0.5 }], 2), [{ x: 2, y: 4, z: 6 }, { x: -2, y: 0, z: 1 }]);
  assert.deepEqual(m.scale_all3([], 2), []);
  const ls = m.labels(["one", "twö"]);
  assert.equal(ls.length, 2);
  assert.equal(ls[1].text, "twö");
  assert.equal(ls[1].id, 1);
  assert.equal(ls[0].kind, m.Kind.Dot);
  assert.deepEqual(state(m), before);
});

test("bad input: a TypeError naming member, argument and element; nothing left behind", () => {
  const before = state(m);
  assert.throws(() => m.join(["a", 5], ","), { name: "TypeError", message: "join: argument 1 element 1 must be a string, got number 5" });
  assert.throws(() => m.join("ab", ","), { name: "TypeError", message: `join: argument 1 must be an Array, got string "ab"` });
  assert.throws(() => m.join(new Set(["a"]), ","), { name: "TypeError", message: "join: argument 1 must be an Array, got an object" });
  assert.throws(() => m.join(["a"], 1), { name: "TypeError", message: "join: argument 2 must be a string, got number 1" });
  assert.throws(() => m.scale_all3([{ x: 1, y: 2, z: 3 }, { x: 1, y: "2", z: 3 }], 1), { name: "TypeError", message: `scale_all3: argument 1 element 1 field 'y' must be a number, got string "2"` });
  assert.throws(() => m.scale_all3([{ x: 1, y: 2 }], 1), { name: "TypeError", message: "scale_all3: argument 1 element 0 is missing field 'z' of Vec3" });
  assert.throws(() => m.scale_all3([null], 1), { name: "TypeError", message: "scale_all3: argument 1 element 0 must be a Vec3 object, got null" });
  const t = new m.Tags();
  assert.throws(() => (t.names = ["a", null]), { name: "TypeError", message: "Tags.names: argument 1 element 1 must be a string, got null" });
  t.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a Proxy or getter that throws or disposes mid-conversion; the length read once", () => {
  const before = state(m);
  const trap = new Proxy(["a", "b"], { get(t, k) { if (k === "1") throw new Error("no"); return t[k]; } });
  assert.throws(() => m.join(trap, ","), (e) => e instanceof TypeError && e.message === "join: argument 1: reading element 1 threw: no" && e.cause.message === "no");
  const lying = new Proxy(["a", "b"], { get(t, k) { if (k === "length") throw new Error("len"); return t[k]; } });
  assert.throws(() => m.join(lying, ","), { name: "TypeError", message: "join: argument 1: reading its length threw: len" });
  // an element getter that grows the array: the length was read once
  const growing = ["a", "b"];
  Object.defineProperty(growing, 0, { get() { growing.push("z"); return "a"; } });
  assert.equal(m.join(growing, ""), "ab");
  // a getter that disposes the receiver: the receiver is read after it
  const t = new m.Tags();
  const disposing = ["a"];
  Object.defineProperty(disposing, 0, { get() { t.dispose(); return "a"; } });
  assert.throws(() => (t.names = disposing), { name: "TypeError", message: /disposed/ });
  const huge = new Proxy([], { get: (tgt, k) => (k === "length" ? 2 ** 32 : tgt[k]) });
  assert.throws(() => m.join(huge, ""), { name: "RangeError", message: /join: argument 1 has 4294967296 elements/ });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts: arrays of strings and values", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, /  join\(a0: string\[\], a1: string\): string;\n/);
  assert.match(text, /  scale_all3\(a0: Vec3\[\], a1: number\): Vec3\[\];\n/);
  assert.match(text, /  get names\(\): string\[\];\n/);
});
