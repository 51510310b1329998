// Binding C++ as it is written: namespaced classes under JS
// names, renamed members, free functions on the module, enums as frozen
// objects of named values, checked on the way in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, settle } from "./helpers.mjs";
import { declarations } from "../../js/dts.mjs";

const BIND_WASM = new URL("../../build/fixtures/bind.wasm", import.meta.url);
const bytes = await readFile(BIND_WASM);
const m = await load(bytes);
const destroyed = () => m.exports.bind_points_destroyed();

test("a namespaced class under its JS name, members renamed", () => {
  const p = new m.Point(3, 4);
  assert.equal(p.x(), 3);
  assert.equal(p.y(), 4);
  p.scale(2.5); // f64 end to end: 2.5, not 2
  assert.equal(p.x(), 7.5);
  p.label = 7;
  assert.equal(p.label, 7);
  assert.equal(typeof p.get_x, "undefined");
  assert.equal(typeof p.tag, "undefined");
  p.dispose();
});

test("free functions on the module: scalars, strings, objects in and out, void", () => {
  assert.equal(m.gcd(84, 36), 12);
  assert.equal(m.greet("wasm"), "hello, wasm");
  assert.equal(m.nothing(), undefined);
  const a = new m.Point(0, 0);
  const b = new m.Point(2, 4);
  assert.equal(m.distance2(a, b), 20);
  const mid = m.midpoint(a, b);
  assert.ok(mid instanceof m.Point);
  assert.deepEqual([mid.x(), mid.y()], [1, 2]);
  for (const o of [a, b, mid]) o.dispose();
});

test("a free function's result is owned by JS and freed by the collector", async () => {
  const base = await settle(destroyed);
  (() => {
    const a = new m.Point(1, 1);
    for (let i = 0; i < 100; i++) m.midpoint(a, a);
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 101, { module: m }), `${destroyed() - base} of 101 freed`);
});

test("enums: frozen objects of the C++ values, in and out", () => {
  assert.deepEqual({ ...m.Color }, { Red: 1, Green: 5, Blue: -3 });
  assert.deepEqual({ ...m.Plain }, { First: 0, Second: 1, Third: 2 });
  assert.ok(Object.isFrozen(m.Color));
  assert.equal(Object.getPrototypeOf(m.Color), null);
  const p = new m.Point(0, 0);
  assert.equal(p.color(), m.Color.Red);
  p.set_color(m.Color.Blue);
  assert.equal(p.color(), -3);
  p.set_plain(m.Plain.Third);
  assert.equal(p.plain(), m.Plain.Third);
  assert.equal(m.mix(m.Color.Green, m.Color.Green), m.Color.Green);
  assert.equal(m.mix(m.Color.Green, m.Color.Red), m.Color.Blue);
  p.dispose();
});

test("an enum declared as strings: JS sees and passes names", () => {
  assert.deepEqual({ ...m.Mode }, { Fast: "Fast", Exact: "Exact" });
  const p = new m.Point(0, 0);
  assert.equal(p.mode(), "Fast");
  p.set_mode(m.Mode.Exact);
  assert.equal(p.mode(), "Exact");
  p.set_mode("Fast");
  assert.equal(p.mode(), m.Mode.Fast);
  assert.throws(() => p.set_mode(9), { name: "TypeError", message: "Point.set_mode: argument 1 must be a Mode (one of the module's Mode values), got number 9" });
  assert.throws(() => p.set_mode("fast"), { name: "TypeError", message: /got string "fast"/ });
  assert.throws(() => p.set_mode(new String("Fast")), { name: "TypeError", message: /must be a Mode/ });
  assert.throws(() => p.unnamed_mode(), { name: "WeakbindError", message: "Point.unnamed_mode returned 4, which is no Mode value" });
  p.dispose();
  assert.equal(m.check(), null);
});

test("bad input: a TypeError naming member and argument, nothing left behind", () => {
  const before = m.stats().heap.inUse;
  const p = new m.Point(0, 0);
  assert.throws(() => p.set_color("Red"), { name: "TypeError", message: 'Point.set_color: argument 1 must be a Color (one of the module\'s Color values), got string "Red"' });
  assert.throws(() => p.set_color(m.Plain.Third), { name: "TypeError", message: /argument 1 must be a Color .*got number 2/ });
  assert.throws(() => p.set_color({ valueOf: () => 1 }), { name: "TypeError", message: /must be a Color/ });
  // Numbers between and around the values (1, 5, -3), fractions and
  // non-finite numbers are no Color.
  for (const v of [2, 3, 4, 0, -0, -1, -2, -4, 6, 1.5, -2.5, NaN, Infinity, -Infinity, 2 ** 32 + 1, 252, 253]) {
    assert.throws(() => p.set_color(v), { name: "TypeError", message: /argument 1 must be a Color .*got number/ }, `set_color(${v})`);
  }
  assert.throws(() => m.mix(m.Color.Red, 0), { name: "TypeError", message: /^mix: argument 2 must be a Color/ });
  assert.throws(() => m.gcd(1.5, 2), { name: "TypeError", message: /^gcd: argument 1 must be an integer/ });
  assert.throws(() => m.distance2(p, {}), { name: "TypeError", message: /^distance2: argument 2 must be a Point, got an object/ });
  assert.throws(() => m.greet(42), { name: "TypeError", message: /^greet: argument 1 must be a string/ });
  assert.equal(p.color(), m.Color.Red);
  p.dispose();
  assert.equal(m.check(), null);
  assert.equal(m.stats().heap.inUse, before);
});

test("the metadata refuses a function or enum named like a module member", async () => {
  const { parseMetadata } = await import("../../js/metadata.mjs");
  const exports = { f: () => {} };
  assert.throws(() => parseMetadata(["weakbind 1", "function stats f - void"], exports, Error), /reserved name 'stats'/);
  assert.throws(() => parseMetadata(["weakbind 1", "class A", "function A f - void"], exports, Error), /duplicate module member 'A'/);
});

test("weakbind dts: functions, enums and enum types", () => {
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, /gcd\(a0: number, a1: number\): number;/);
  assert.match(text, /midpoint\(a0: Point, a1: Point\): Point;/);
  assert.match(text, /set_color\(a0: Color\): void;/);
  assert.match(text, /readonly Color: Readonly<\{ Red: Color; Green: Color; Blue: Color \}>;/);
  assert.match(text, /type Color = number & \{ readonly \[Color__Enum\]: true \};/);
  assert.match(text, /type Mode = "Fast" \| "Exact";/);
  assert.match(text, /readonly Mode: Readonly<\{ Fast: "Fast"; Exact: "Exact" \}>;/);
  assert.match(text, /export type \{ Point, Holder, Counter, Samples, (\w+, )*Color, Plain, Mode, (\w+, )*\w+ \};/);
  assert.match(text, /  add\(\): number;\n/);
  assert.match(text, /  add\(a0: number, a1: number\): number;\n/);
  assert.match(text, /  sum\(a0: number\): number;\n/);
});

test("overloads by arity and default arguments: methods, statics, free functions", () => {
  const c = new m.Counter();
  assert.equal(c.add(), 1);
  assert.equal(c.add(5), 6); // times = 1, the C++ default
  assert.equal(c.add(2, 3), 12);
  assert.equal(c.total, 12);
  assert.equal(m.Counter.twice(4), 8);
  assert.equal(m.Counter.twice(4, 3), 12);
  assert.equal(m.sum(1), 111);
  assert.equal(m.sum(1, 2), 103);
  assert.equal(m.sum(1, 2, 3), 6);
  assert.throws(() => c.add(1, 2, 3), { name: "TypeError", message: "Counter.add: no overload takes 3 arguments (it takes 0, 1 or 2)" });
  assert.throws(() => m.sum(), { name: "TypeError", message: "sum: no overload takes 0 arguments (it takes 1, 2 or 3)" });
  assert.throws(() => c.add(1.5), { name: "TypeError", message: /^Counter\.add: argument 1 must be an integer/ });
  c.dispose();
  assert.throws(() => c.add(1), { name: "TypeError", message: /disposed/ });
});

test("an overload whose trailing parameters are optional takes the counts they leave out, as dts declares", () => {
  const c = new m.Counter();
  c.add(3);
  assert.equal(c.label(), "counter");
  assert.equal(c.label(2), "6-"); // unit left out: absent
  assert.equal(c.label(2, undefined), "6-");
  assert.equal(c.label(2, "px"), "6px");
  assert.throws(() => c.label(1, 2, 3), { name: "TypeError", message: "Counter.label: no overload takes 3 arguments (it takes 0, 1 or 2)" });
  assert.throws(() => c.label(1, 2), { name: "TypeError", message: /^Counter\.label: argument 2 must be a string or undefined, got number 2/ });
  c.dispose();
  assert.equal(m.check(), null);
});
