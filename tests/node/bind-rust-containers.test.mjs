// Rust's Option<T> (opt:T) and Vec<String> / Vec<V> (string[], value:V[])
// through export! and functions! (tests/fixtures/rust-containers): the
// records C++'s optional(T) and array(…) write, read by the same loader
// code, so JS sees what it sees of C++: round trips, absent optionals, the
// same refusals, nothing left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));
const m = await load(bytes);
m.join(["warm"], "-"); // the heap's first blocks, made once
m.longest(["warm"]);

const tag = (id, name, shade = m.Shade.Light) => ({ id, name, shade });

test("Rust optionals of numbers, bool and strings: present and absent, in and out", () => {
  const before = state(m);
  assert.equal(m.half(3), 1.5);
  assert.equal(m.half(undefined), undefined);
  assert.equal(m.half(), undefined, "a left-out argument is absent");
  assert.equal(m.next_id(2n ** 62n), 2n ** 62n + 1n);
  assert.equal(m.next_id(-1), 0n);
  assert.equal(m.next_id(), undefined);
  assert.equal(m.negate(true), false);
  assert.equal(m.negate(false), true);
  assert.equal(m.negate(undefined), undefined);
  assert.equal(m.count_or(7, -1), 7);
  assert.equal(m.count_or(undefined, -1), -1);
  assert.equal(m.scaled(1.5, 2), 3);
  assert.equal(m.scaled(undefined, 2), undefined);
  assert.equal(m.join(["a", "b"], "+"), "a+b");
  assert.equal(m.join(["a", "b"]), "a,b", "an absent &str");
  assert.equal(m.join(["a", "b"], ""), "ab", "an empty string is present");
  assert.equal(m.longest(["a", "héé", "bc"]), "héé");
  assert.equal(m.longest([]), undefined);
  assert.deepEqual(state(m), before);
});

test("Rust arrays of strings and values, and optional values and enums", () => {
  const before = state(m);
  assert.deepEqual(m.split("x yé z"), ["x", "yé", "z"]);
  assert.deepEqual(m.split(""), []);
  assert.deepEqual(m.darker([tag(1n, "a"), tag(-2n, "", m.Shade.Dark)]), [tag(1n, "a", m.Shade.Dark), tag(-2n, "", m.Shade.Dark)]);
  assert.deepEqual(m.darker([]), []);
  assert.deepEqual(m.renamed(tag(3n, "old"), "new"), tag(3n, "new"));
  assert.equal(m.renamed(undefined, "new"), undefined);
  const s = new m.Shelf("books");
  assert.equal(s.title, "books");
  s.title = undefined;
  assert.equal(s.title, undefined);
  s.title = "é";
  assert.equal(s.title, "é");
  assert.equal(s.add([tag(1n, "one"), tag(2n, "two", m.Shade.Dark)]), 2);
  assert.equal(s.add([]), 2);
  assert.deepEqual(s.tags(), [tag(1n, "one"), tag(2n, "two", m.Shade.Dark)]);
  assert.deepEqual(s.names(), ["one", "two"]);
  assert.deepEqual(s.find(2n), tag(2n, "two", m.Shade.Dark));
  assert.equal(s.find(9n), undefined);
  assert.equal(s.shade_of("two"), m.Shade.Dark);
  assert.equal(s.shade_of("none"), undefined);
  assert.equal(s.shade_of(), undefined);
  s.dispose();
  const l = m.Shelf.labelled(["p", "q"], m.Shade.Dark);
  assert.equal(l.title, undefined);
  assert.deepEqual(l.tags(), [tag(0n, "p", m.Shade.Dark), tag(1n, "q", m.Shade.Dark)]);
  l.dispose();
  const u = new m.Shelf(undefined);
  assert.equal(u.title, undefined, "an absent constructor argument");
  const r = m.Shelf.labelled(["r"]);
  assert.deepEqual(r.tags(), [tag(0n, "r")], "an absent trailing optional");
  r.dispose();
  u.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("Rust optionals and arrays refuse what C++'s refuse, with the same messages; nothing left behind", () => {
  const before = state(m);
  assert.throws(() => m.half(null), { name: "TypeError", message: "half: argument 1 must be a number or undefined, got null" });
  assert.throws(() => m.half("1"), { name: "TypeError", message: `half: argument 1 must be a number or undefined, got string "1"` });
  assert.throws(() => m.negate(1), { name: "TypeError", message: "negate: argument 1 must be a boolean or undefined, got number 1" });
  assert.throws(() => m.next_id(1.5), { name: "TypeError", message: "next_id: argument 1 must be a BigInt or a safe integer or undefined, got number 1.5" });
  assert.throws(() => m.count_or(-1, 0), { name: "RangeError", message: "count_or: argument 1 is out of range for u32: -1" });
  assert.throws(() => m.join(["a"], 5), { name: "TypeError", message: "join: argument 2 must be a string or undefined, got number 5" });
  assert.throws(() => m.join(["a", 5]), { name: "TypeError", message: "join: argument 1 element 1 must be a string, got number 5" });
  assert.throws(() => m.join("ab"), { name: "TypeError", message: `join: argument 1 must be an Array, got string "ab"` });
  assert.throws(() => m.darker([tag(1n, "a"), { id: 1n, name: "b" }]), { name: "TypeError", message: "darker: argument 1 element 1 is missing field 'shade' of Tag" });
  assert.throws(() => m.darker([tag(1n, "a", 3)]), { name: "TypeError", message: "darker: argument 1 element 0 field 'shade' must be a Shade (one of the module's Shade values), got number 3" });
  assert.throws(() => m.renamed(null, "x"), { name: "TypeError", message: "renamed: argument 1 must be a Tag object or undefined, got null" });
  assert.throws(() => m.renamed({ id: 1.5, name: "a", shade: m.Shade.Light }, "x"), { name: "TypeError", message: "renamed: argument 1 field 'id' must be a BigInt or a safe integer, got number 1.5" });
  const s = new m.Shelf("s");
  assert.throws(() => s.shade_of(null), { name: "TypeError", message: "Shelf.shade_of: argument 1 must be a string or undefined, got null" });
  assert.throws(() => (s.title = 5), { name: "TypeError", message: "Shelf.title: argument 1 must be a string or undefined, got number 5" });
  assert.throws(() => s.add([tag(1n, "ok"), null]), { name: "TypeError", message: "Shelf.add: argument 1 element 1 must be a Tag object, got null" });
  assert.throws(() => m.Shelf.labelled(["a"], 2), { name: "TypeError", message: "Shelf.labelled: argument 2 must be a Shade (one of the module's Shade values) or undefined, got number 2" });
  assert.deepEqual(s.tags(), [], "a refused argument changes nothing");
  const trap = new Proxy(["a", "b"], { get: (t, k) => (k === "1" ? (() => { throw new Error("no"); })() : t[k]) });
  assert.throws(() => m.join(trap), (e) => e instanceof TypeError && e.message === "join: argument 1: reading element 1 threw: no" && e.cause.message === "no");
  s.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("Rust maps: BTreeMap and HashMap as JS Maps, in and out, C++'s wire and messages", () => {
  const before = state(m);
  assert.equal(m.total(new Map([["a", 1.5], ["b", 2]])), 3.5);
  assert.equal(m.total(new Map()), 0);
  assert.deepEqual(m.by_id(["x", "y"]), new Map([[0, "x"], [1, "y"]]));
  assert.deepEqual(m.by_id([]), new Map());
  // A BTreeMap result comes in key order.
  assert.deepEqual([...m.doubled(new Map([["b", 2], ["a", -3]]))], [["a", -6], ["b", 4]]);
  const t = m.tagged(new Map([[2, tag(5n, "five")], [-1, tag(1n, "one", m.Shade.Dark)]]));
  assert.deepEqual([...t], [[-2, tag(5n, "five")], [1, tag(1n, "one", m.Shade.Dark)]]);
  assert.throws(() => m.total({ a: 1 }), { name: "TypeError", message: "total: argument 1 must be a Map, got a object" });
  assert.throws(() => m.total(new Map([[1, 1]])), { name: "TypeError", message: "total: argument 1 key must be a string, got number 1" });
  assert.throws(() => m.doubled(new Map([["a", "1"]])), { name: "TypeError", message: `doubled: argument 1 key "a" must be an integer (i32), got string "1"` });
  assert.throws(() => m.tagged(new Map([[1.5, tag(1n, "a")]])), { name: "TypeError", message: "tagged: argument 1 key must be an integer (i32), got number 1.5" });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts declares Rust optionals and arrays as it does C++'s", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "rust-containers.wasm" });
  assert.match(text, /  half\(x\?: number \| undefined\): number \| undefined;\n/);
  assert.match(text, /  join\(parts: string\[\], sep\?: string \| undefined\): string;\n/);
  assert.match(text, /  darker\(tags: Tag\[\]\): Tag\[\];\n/);
  assert.match(text, /  find\(id: bigint\): Tag \| undefined;\n/);
  assert.match(text, /  total\(prices: Map<string, number>\): number;\n/);
  assert.match(text, /  tagged\(tags: Map<number, Tag>\): Map<number, Tag>;\n/);
});
