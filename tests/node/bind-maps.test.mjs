// Maps: std::map and std::unordered_map as a JS Map, copied both ways
// (tests/fixtures/containers.cpp); a real Map is read through the
// intrinsics the loader captured, each key and value converted before any
// block is allocated; a bad key or value is a TypeError naming member,
// argument and key, and leaves nothing behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";
import { buildModule } from "../metadata/module.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
// The heap's first blocks, made once.
m.echo_price(new Map([["warm", { amount: 1, currency: "up", tier: m.Tier.Low }]]));
m.echo_i32(new Map([["a", 1]]));
const sorted = (map) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

test("every key and value word round-trips; results are new Maps", () => {
  const before = state(m);
  const cases = [
    ["echo_i32", [["a", 1], ["b", -(2 ** 31)], ["", 2 ** 31 - 1]]],
    ["echo_u32", [[-5, 0], [7, 2 ** 32 - 1]]],
    ["echo_f32", [[0, 1.5], [2 ** 32 - 1, -0.25]]],
    ["echo_f64", [[-1.5, Math.PI], [0, -0], [Infinity, NaN]]],
    ["echo_bool", [["yes", true], ["no", false]]],
    ["echo_i64", [["min", -(2n ** 63n)], ["max", 2n ** 63n - 1n]]],
    ["echo_u64", [[1, 2n ** 64n - 1n], [2, 0n]]],
    ["echo_string", [["ключ", "värde"], ["", ""], ["😀", "😀"]]],
    ["echo_enum", [["l", m.Tier.Low], ["h", m.Tier.High]]],
    ["echo_price", [["tea", { amount: 2.5, currency: "€", tier: m.Tier.High }]]],
  ];
  for (const [fn, entries] of cases) {
    const input = new Map(entries);
    const out = m[fn](input);
    assert.ok(out instanceof Map, fn);
    assert.notEqual(out, input);
    assert.deepEqual(sorted(out), sorted(input), fn);
    assert.deepEqual(m[fn](new Map()), new Map(), `${fn} empty`);
  }
  assert.equal(m.total(new Map([["a", 1], ["b", 3]]), 0.5), 6);
  assert.equal(m.total(new Map(), 0.5), 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a result is in C++'s iteration order, and for…of walks it", () => {
  const before = state(m);
  const out = m.numbered(["x", "y", "z"]); // std::map<int32_t, …>: by key
  assert.deepEqual([...out.keys()], [1, 2, 3]);
  const seen = [];
  for (const [k, v] of out) seen.push(`${k}=${v}`);
  assert.deepEqual(seen, ["1=z", "2=y", "3=x"]);
  assert.deepEqual([...m.echo_string(new Map([["b", "2"], ["a", "1"]])).keys()], ["a", "b"]);
  assert.deepEqual(state(m), before);
});

test("a string enum's values are names; one with none is an error, and every block is freed", () => {
  const before = state(m);
  assert.deepEqual(m.shades(false), new Map([["a", "Light"], ["b", "Dark"]]));
  assert.throws(() => m.shades(true), { message: "shades (a map value) returned 7, which is no Shade value" });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("maps as constructor arguments, properties, method arguments and results, static results", () => {
  const before = state(m);
  const c = new m.Catalog();
  assert.deepEqual(c.prices, new Map());
  const made = new m.Catalog(new Map([["x", 1]]));
  assert.deepEqual(made.prices, new Map([["x", 1]]));
  made.dispose();
  assert.throws(() => new m.Catalog(new Map([[1, 1]])), { name: "TypeError", message: "new Catalog(): argument 1 key must be a string, got number 1" });
  c.prices = new Map([["b", 5], ["a", 1]]);
  c.add(new Map([["c", 9]]));
  assert.deepEqual([...c.prices], [["a", 1], ["b", 5], ["c", 9]]);
  assert.deepEqual([...c.over(2)], [["b", 5], ["c", 9]]);
  assert.deepEqual(m.Catalog.sample(), new Map([["tea", 2.5]]));
  assert.deepEqual([...m.Catalog.merged(new Map([["b", 1], ["a", 2]]), new Map([["b", 3]]))], [["a", 2], ["b", 3]]);
  assert.throws(() => m.Catalog.merged(new Map(), new Map([["a", null]])), { name: "TypeError", message: `Catalog.merged: argument 2 key "a" must be a number, got null` });
  assert.throws(() => (c.prices = { a: 1 }), { name: "TypeError", message: "Catalog.prices: argument 1 must be a Map, got an object" });
  c.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("bad keys and values: a TypeError naming member, argument and key; nothing left behind", () => {
  const before = state(m);
  const bad = [
    [() => m.echo_i32(new Map([["a", "x"]])), TypeError, `echo_i32: argument 1 key "a" must be an integer (i32), got string "x"`],
    [() => m.echo_i32(new Map([["a", 1], [1, 1]])), TypeError, "echo_i32: argument 1 key must be a string, got number 1"],
    [() => m.echo_u32(new Map([["1", 1]])), TypeError, `echo_u32: argument 1 key must be an integer (i32), got string "1"`],
    [() => m.echo_u32(new Map([[1.5, 1]])), TypeError, "echo_u32: argument 1 key must be an integer (i32), got number 1.5"],
    [() => m.echo_u32(new Map([[2 ** 31, 1]])), RangeError, "echo_u32: argument 1 key is out of range for i32: 2147483648"],
    [() => m.echo_u32(new Map([[3, -1]])), RangeError, "echo_u32: argument 1 key 3 is out of range for u32: -1"],
    [() => m.echo_f64(new Map([[NaN, 1]])), TypeError, "echo_f64: argument 1 key must be a number other than NaN, got number NaN"],
    [() => m.echo_f64(new Map([[1, 1n]])), TypeError, "echo_f64: argument 1 key 1 must be a number, got bigint 1"],
    [() => m.echo_bool(new Map([["k", 1]])), TypeError, `echo_bool: argument 1 key "k" must be a boolean, got number 1`],
    [() => m.echo_i64(new Map([["k", 1.5]])), TypeError, `echo_i64: argument 1 key "k" must be a BigInt or a safe integer, got number 1.5`],
    [() => m.echo_string(new Map([["k", null]])), TypeError, `echo_string: argument 1 key "k" must be a string, got null`],
    [() => m.echo_string(new Map([["\ud800", "x"]])), TypeError, `echo_string: argument 1 key "\\ud800" is not well-formed Unicode (a lone surrogate), which UTF-8 cannot carry`],
    [() => m.echo_string(new Map([["\ufffd", "x"], ["a\udc00", "y"]])), TypeError, `echo_string: argument 1 key "a\\udc00" is not well-formed Unicode (a lone surrogate), which UTF-8 cannot carry`],
    [() => m.echo_enum(new Map([["k", 4]])), TypeError, `echo_enum: argument 1 key "k" must be a Tier (one of the module's Tier values), got number 4`],
    [() => m.echo_price(new Map([["k", null]])), TypeError, `echo_price: argument 1 key "k" must be a Price object, got null`],
    [() => m.echo_price(new Map([["k", { amount: 1, currency: 2, tier: m.Tier.Low }]])), TypeError, `echo_price: argument 1 key "k" field 'currency' must be a string, got number 2`],
    [() => m.echo_price(new Map([["k", { amount: 1, tier: m.Tier.Low }]])), TypeError, `echo_price: argument 1 key "k" is missing field 'currency' of Price`],
    [() => m.echo_i32([["a", 1]]), TypeError, "echo_i32: argument 1 must be a Map, got an Array"],
    [() => m.echo_i32(new Set(["a"])), TypeError, "echo_i32: argument 1 must be a Map, got an object"],
    [() => m.echo_i32(new WeakMap()), TypeError, "echo_i32: argument 1 must be a Map, got an object"],
    [() => m.echo_i32(undefined), TypeError, "echo_i32: argument 1 must be a Map, got undefined"],
    [() => m.total(new Map([["a", "1"]]), 0), TypeError, `total: argument 1 key "a" must be a number, got string "1"`],
    [() => m.total(new Map([["a", 1]]), "0"), TypeError, `total: argument 2 must be a number, got string "0"`],
  ];
  for (const [call, name, message] of bad) assert.throws(call, (e) => e instanceof name && e.message === message, message);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a Proxy of a Map, a subclass and patched intrinsics change nothing read", () => {
  const before = state(m);
  const real = new Map([["a", 1], ["b", 2]]);
  let trapped = 0;
  const proxy = new Proxy(real, { get: (t, k) => (trapped++, Reflect.get(t, k)) });
  assert.throws(() => m.echo_i32(proxy), { name: "TypeError", message: "echo_i32: argument 1 must be a Map, got an object" });
  assert.equal(trapped, 0);
  class Lying extends Map {
    get size() {
      return 100;
    }
    entries() {
      return [["z", 9]][Symbol.iterator]();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }
  assert.deepEqual([...m.echo_i32(new Lying([["a", 1]]))], [["a", 1]]);
  const saved = {
    entries: Map.prototype.entries,
    iterator: Map.prototype[Symbol.iterator],
    next: Object.getPrototypeOf(new Map().entries()).next,
    set: Map.prototype.set,
    size: Object.getOwnPropertyDescriptor(Map.prototype, "size"),
  };
  const iteratorProto = Object.getPrototypeOf(new Map().entries());
  let out;
  try {
    Map.prototype.entries = () => [["evil", 666]][Symbol.iterator]();
    Map.prototype[Symbol.iterator] = Map.prototype.entries;
    iteratorProto.next = () => ({ done: false, value: ["evil", 666] });
    Map.prototype.set = () => {
      throw new Error("patched set");
    };
    Object.defineProperty(Map.prototype, "size", { get: () => 1e9, configurable: true });
    out = m.echo_i32(real);
  } finally {
    Map.prototype.entries = saved.entries;
    Map.prototype[Symbol.iterator] = saved.iterator;
    iteratorProto.next = saved.next;
    Map.prototype.set = saved.set;
    Object.defineProperty(Map.prototype, "size", saved.size);
  }
  assert.deepEqual([...out.entries()], [["a", 1], ["b", 2]]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a value's getter that changes the Map, throws, or disposes the receiver", () => {
  const before = state(m);
  // The entries are copied out before any value is converted: a getter
  // that adds or deletes entries changes nothing the call reads.
  const map = new Map();
  const price = (amount) => ({ amount, currency: "x", tier: m.Tier.Low });
  map.set("a", {
    get amount() {
      map.delete("b");
      map.set("c", price(3));
      return 1;
    },
    currency: "x",
    tier: m.Tier.Low,
  });
  map.set("b", price(2));
  assert.deepEqual([...m.echo_price(map).keys()], ["a", "b"]);
  const throwing = new Map([["k", { get amount() { throw new Error("no"); }, currency: "", tier: m.Tier.Low }]]);
  assert.throws(
    () => m.echo_price(throwing),
    (e) => e instanceof TypeError && e.message === `echo_price: argument 1 key "k": reading field 'amount' threw: no` && e.cause.message === "no",
  );
  // A getter that disposes the receiver runs before the receiver is read.
  const c = new m.Catalog();
  c.price_all(new Map([["k", price(4)]]));
  assert.deepEqual(c.prices, new Map([["k", 4]]));
  const disposing = new Map([["k", { get amount() { c.dispose(); return 1; }, currency: "", tier: m.Tier.Low }]]);
  assert.throws(() => c.price_all(disposing), { name: "TypeError", message: /^Catalog\.price_all: .*disposed/ });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts: maps", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, / {2}total\(a0: Map<string, number>, a1: number\): number;\n/);
  assert.match(text, / {2}echo_price\(a0: Map<string, Price>\): Map<string, Price>;\n/);
  assert.match(text, / {2}echo_u64\(a0: Map<number, bigint>\): Map<number, bigint>;\n/);
  assert.match(text, / {2}get prices\(\): Map<string, number>;\n/);
});

test("weakbind dts: a class named Map leaves the global Map its name", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const section = new TextEncoder().encode("weakbind 1\0class Map\0dtor Map _Map__destructor\0function total weakbind_fn_total map:string:f64 own:Map\0");
  const module = buildModule(section, { exports: { _Map__destructor: 1, weakbind_fn_total: 2 }, globals: [] });
  const text = declarations(module, { fileName: "map.wasm" });
  assert.match(text, / {2}total\(a0: Map<string, number>\): Map__Class;\n/);
  assert.match(text, /export type \{ Map__Class as Map \};/);
});
