// Rust's Option<T> (opt:T) and Vec<String> / Vec<V> (string[], value:V[])
// through export! and functions! (tests/fixtures/rust-containers): the
// records C++'s optional(T) and array(…) write, read by the same loader
// code, so JS sees what it sees of C++: round trips, absent optionals, the
// same refusals, nothing left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { figure, bookOf } from "./container-fixtures.mjs";
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
  assert.throws(() => m.total({ a: 1 }), { name: "TypeError", message: "total: argument 1 must be a Map, got an object" });
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

// ---- value! fields that hold containers (src/fields.rs) -----------------------

const book = (over) => bookOf(m, over);
m.bump_book(book({ sheet: { count: 1, name: "x" } })); // the heap's first blocks, made once
m.shelve(new Map([["k", book()]]));

test("Rust value! optional fields: present, undefined and left out, in and out", () => {
  const before = state(m);
  assert.equal(m.sheet_present({}), "-------");
  assert.equal(m.sheet_present({ count: undefined, ratio: 1 }), "-r-----");
  assert.equal(m.sheet_present({ count: 1, ratio: 2, on: true, name: "n", shade: m.Shade.Light, big: 3n, at: { x: 1, y: 2 } }), "cronsba");
  const r = m.bump_sheet({ count: 4, on: false, name: "hé", shade: m.Shade.Dark, big: -5n, at: { x: 1, y: 2 } });
  assert.deepEqual(r, { count: 5, ratio: 0.5, on: true, name: "hé!", shade: m.Shade.Light, big: -10n, at: { x: 2, y: 1 } });
  const none = m.bump_sheet({});
  assert.deepEqual(none, { ratio: 0.5 });
  assert.equal("count" in none, false);
  assert.throws(() => m.sheet_present({ count: null }), { name: "TypeError", message: "sheet_present: argument 1 field 'count' must be an integer (i32) or undefined, got null" });
  assert.throws(() => m.sheet_present({ at: { x: 1 } }), { name: "TypeError", message: "sheet_present: argument 1 field 'at' is missing field 'y' of Spot" });
  assert.throws(() => m.sheet_present({ shade: 3 }), { name: "TypeError", message: /field 'shade' must be a Shade .* or undefined, got number 3/ });
  assert.deepEqual(state(m), before);
});

test("Rust value! array fields: typed arrays, strings, values and optional arrays, in and out", () => {
  const before = state(m);
  const f = figure({ notes: ["n"], halves: new Float64Array([4, 8]) });
  assert.equal(m.figure_total(f), 1.5 + 2.5 + 0.5 + 4 + (2 ** 32 - 1) + 10 + 30 + 2);
  const r = m.mirror_figure(f);
  assert.equal(r.label, "s'");
  assert.ok(r.xs instanceof Float64Array);
  assert.deepEqual([...r.xs], [2.5, 1.5]);
  assert.ok(r.weights instanceof Float32Array);
  assert.deepEqual([...r.ids], [3, 2, -1]);
  assert.ok(r.masks instanceof Uint32Array);
  assert.deepEqual([...r.masks], [2 ** 32 - 1]);
  assert.deepEqual(r.tags, ["bé", "a"]);
  assert.deepEqual(r.points, [
    { x: 3, y: 4 },
    { x: 1, y: 2 },
  ]);
  assert.deepEqual(r.notes, ["n", "seen"]);
  assert.deepEqual([...r.halves], [2, 4]);
  const e = m.mirror_figure(figure({ xs: new Float64Array(0), tags: [], points: [] }));
  assert.equal(e.xs.length, 0);
  assert.deepEqual(e.tags, []);
  assert.equal("notes" in e, false);
  const made = m.make_figure(3);
  assert.deepEqual(made.tags, ["t0", "t1", "t2"]);
  assert.deepEqual([...made.masks], [0, 2, 4]);
  assert.deepEqual(made.notes, ["many"]);
  assert.equal("notes" in m.make_figure(1), false);
  assert.throws(() => m.figure_total(figure({ xs: [1, 2] })), { name: "TypeError", message: "figure_total: argument 1 field 'xs' must be a Float64Array, got an Array" });
  assert.throws(() => m.figure_total(figure({ tags: ["a", 2] })), { name: "TypeError", message: "figure_total: argument 1 field 'tags' element 1 must be a string, got number 2" });
  assert.throws(() => m.figure_total(figure({ notes: null })), { name: "TypeError", message: "figure_total: argument 1 field 'notes' must be an Array or undefined, got null" });
  assert.deepEqual(state(m), before);
});

test("Rust value! map fields: BTreeMap, HashMap, an optional map, values nesting three deep", () => {
  const before = state(m);
  const r = m.bump_book(book({ sheet: { count: 1 } }));
  assert.equal(r.name, "b'");
  assert.deepEqual([...r.weights], [["a", 3], ["b", -4]]);
  assert.deepEqual(r.labels, new Map([[3, "three!"], [-1, "é!"]]));
  assert.deepEqual([...r.spots], [[7, { x: 2, y: 1 }]]);
  assert.deepEqual([...r.counts], [["n", 5]]);
  assert.deepEqual([...r.shades], [[2, m.Shade.Dark]]);
  assert.deepEqual(r.figures[0].tags, ["bé", "a"]);
  assert.deepEqual(r.sheet, { count: 2, ratio: 0.5 });
  const e = m.bump_book(book({ weights: new Map(), counts: undefined, figures: [] }));
  assert.equal("counts" in e, false);
  assert.equal("sheet" in e, false);
  assert.equal(e.weights.size, 0);
  assert.equal(m.book_entries([book(), book({ counts: undefined }), book({ weights: new Map() })]), 7 + 6 + 5);
  const shelved = m.shelve(new Map([["x", book()], ["y", book({ labels: new Map() })]]));
  assert.deepEqual([...shelved.get("x").weights], [["a", 1.5], ["b", -2], ["x", 2]]);
  assert.deepEqual([...shelved.get("y").weights.keys()], ["a", "b", "y"]);
  const made = m.make_book(3);
  assert.deepEqual([...made.weights.keys()], ["w0", "w1", "w2"]);
  assert.deepEqual(new Set(made.labels.keys()), new Set([0, -1, -2]));
  assert.deepEqual(made.counts, new Map([["n", 3]]));
  const d = new m.Desk();
  const got = d.book;
  got.weights.set("zz", 1);
  assert.equal(d.book.weights.has("zz"), false);
  d.book = book();
  assert.deepEqual([...d.book.weights.keys()], ["a", "b"]);
  d.dispose();
  assert.deepEqual(state(m), before);
});

test("bad input deep in a Rust value's tree names its path and leaves nothing allocated", () => {
  const before = state(m);
  const third = (over) => [book(), book({ figures: [figure(), figure()] }), book(over)];
  assert.throws(() => m.book_entries(third({ weights: new Map([["a", 1], [3, 2]]) })), {
    name: "TypeError",
    message: "book_entries: argument 1 element 2 field 'weights' key must be a string, got number 3",
  });
  assert.throws(() => m.book_entries(third({ figures: [figure(), figure({ tags: ["a", "b", 3] })] })), {
    name: "TypeError",
    message: "book_entries: argument 1 element 2 field 'figures' element 1 field 'tags' element 2 must be a string, got number 3",
  });
  assert.throws(() => m.shelve(new Map([["ok", book()], ["bad", book({ spots: new Map([[1, { x: 1, y: "1" }]]) })]])), {
    name: "TypeError",
    message: "shelve: argument 1 key \"bad\" field 'spots' key 1 field 'y' must be a number, got string \"1\"",
  });
  assert.throws(() => m.bump_book(book({ sheet: { big: 1.5 } })), { name: "TypeError", message: "bump_book: argument 1 field 'sheet' field 'big' must be a BigInt or a safe integer or undefined, got number 1.5" });
  assert.throws(() => m.bump_book(book({ counts: null })), { name: "TypeError", message: "bump_book: argument 1 field 'counts' must be a Map or undefined, got null" });
  assert.throws(() => m.bump_book(book({ labels: new Map([[2 ** 31, "a"]]) })), { name: "RangeError", message: "bump_book: argument 1 field 'labels' key is out of range for i32: 2147483648" });
  assert.throws(() => m.bump_book(book({ weights: new Map([["\uDC00", 1]]) })), { name: "TypeError", message: /^bump_book: argument 1 field 'weights' key "\\udc00" is not well-formed Unicode/ });
  assert.throws(() => m.bump_book(book({ shades: new Map([[1, 9]]) })), { name: "TypeError", message: /^bump_book: argument 1 field 'shades' key 1 must be a Shade .*got number 9$/ });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("Rust value! containers: Proxies, throwing getters, lying typed arrays, patched Map.prototype", () => {
  const before = state(m);
  assert.throws(() => m.bump_book(book({ weights: new Proxy(new Map([["a", 1]]), {}) })), { name: "TypeError", message: /^bump_book: argument 1 field 'weights' must be a Map, got / });
  class Lying extends Map {
    get size() {
      return 1e9;
    }
    entries() {
      return [["evil", 666]][Symbol.iterator]();
    }
  }
  assert.deepEqual([...m.bump_book(book({ weights: new Lying([["a", 1]]) })).weights], [["a", 2]]);
  const boom = new Error("boom");
  const spots = new Map([[1, { x: 1, get y() { throw boom; } }]]);
  assert.throws(() => m.bump_book(book({ spots })), (e) => e instanceof TypeError && e.cause === boom && e.message === "bump_book: argument 1 field 'spots' key 1: reading field 'y' threw: boom");
  // A getter that changes a map or typed array read earlier changes nothing sent.
  const weights = new Map([["a", 1]]);
  const xs = new Float64Array([1, 2]);
  const later = book({ weights, figures: [figure({ xs })] });
  Object.defineProperty(later, "sheet", {
    get() {
      weights.set("b", 2);
      xs.fill(100);
      return undefined;
    },
  });
  const r = m.bump_book(later);
  assert.deepEqual([...r.weights], [["a", 2]]);
  assert.deepEqual([...r.figures[0].xs], [2, 1]);
  class Liar extends Float64Array {
    get length() {
      return 1000;
    }
  }
  assert.deepEqual([...m.mirror_figure(figure({ xs: new Liar([1]) })).xs], [1]);
  assert.throws(() => m.figure_total(figure({ xs: new Proxy(new Float64Array(1), {}) })), { name: "TypeError", message: /field 'xs' must be a Float64Array, got/ });
  let reads = 0;
  const counted = new Proxy(figure(), {
    get(t, k) {
      reads++;
      return t[k];
    },
  });
  m.figure_total(counted);
  assert.equal(reads, 10);
  const saved = {
    entries: Map.prototype.entries,
    next: Object.getPrototypeOf(new Map().entries()).next,
    set: Map.prototype.set,
    size: Object.getOwnPropertyDescriptor(Map.prototype, "size"),
  };
  const iteratorProto = Object.getPrototypeOf(new Map().entries());
  const input = book();
  let out;
  try {
    Map.prototype.entries = () => [["evil", 666]][Symbol.iterator]();
    iteratorProto.next = () => ({ done: false, value: ["evil", 666] });
    Map.prototype.set = () => {
      throw new Error("patched set");
    };
    Object.defineProperty(Map.prototype, "size", { get: () => 1e9, configurable: true });
    out = m.bump_book(input);
  } finally {
    Map.prototype.entries = saved.entries;
    iteratorProto.next = saved.next;
    Map.prototype.set = saved.set;
    Object.defineProperty(Map.prototype, "size", saved.size);
  }
  assert.deepEqual([...out.weights], [["a", 3], ["b", -4]]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("Rust value! container fields and optional maps write C++'s records", async () => {
  const cpp = await WebAssembly.compile(await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url)));
  const rust = await WebAssembly.compile(bytes);
  const records = (mod) => WebAssembly.Module.customSections(mod, "weakbind").flatMap((s) => new TextDecoder().decode(s).split("\0"));
  const value = (mod, name) => records(mod).find((r) => r.startsWith(`value ${name} `));
  // Sheet is nested.cpp's Options, the enum renamed.
  assert.equal(value(rust, "Sheet").replace("Sheet", "Options").replace("shade:opt:enum:Shade", "grade:opt:enum:Grade"), value(cpp, "Options"));
  assert.equal(value(rust, "Figure"), "value Figure label:string,xs:f64[],weights:f32[],ids:i32[],masks:u32[],tags:string[],points:value:Spot[],origin:value:Spot,notes:opt:string[],halves:opt:f64[]");
  assert.equal(value(rust, "Book"), "value Book name:string,weights:map:string:f64,labels:map:i32:string,spots:map:u32:value:Spot,counts:opt:map:string:i32,shades:map:i32:enum:Shade,figures:value:Figure[],sheet:opt:value:Sheet");
  // Optional maps as parameters and results: nested.cpp's functions of the same names.
  const fn = (mod, name) => records(mod).find((r) => r.startsWith(`function ${name} `))?.split(" ").filter((_, k) => k !== 2).join(" ");
  for (const name of ["scaled_map", "names_upto", "spots_in"]) assert.equal(fn(rust, name), fn(cpp, name));
  assert.equal(fn(rust, "words_then"), "function words_then opt:string[],bool opt:string[]");
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "rust-containers.wasm" });
  assert.match(text, / {2}weights: Map<string, number>;\n/);
  assert.match(text, / {2}counts\?: Map<string, number> \| undefined;\n/);
  assert.match(text, / {2}notes\?: string\[\] \| undefined;\n/);
  assert.match(text, / {2}xs: Float64Array;\n/);
});

test("Rust optional arrays and maps as parameters and results, as C++'s optional(array(…)) and optional(map(…))", () => {
  const before = state(m);
  assert.deepEqual(m.halved(new Float64Array([2, 4])), new Float64Array([1, 2]));
  assert.equal(m.halved(), undefined);
  assert.deepEqual(m.evens_upto(3), new Int32Array([0, 2, 4]));
  assert.equal(m.evens_upto(-1), undefined);
  assert.deepEqual(m.words_then(["a"], false), ["a", "end"]);
  assert.equal(m.words_then(["a"], true), undefined);
  assert.equal(m.words_then(undefined, false), undefined);
  assert.deepEqual(m.flipped_spots([{ x: 1, y: 2 }]), [{ x: 2, y: 1 }]);
  assert.equal(m.flipped_spots(), undefined);
  assert.deepEqual(m.scaled_map(new Map([["a", 2], ["b", 3]]), 2), new Map([["a", 4], ["b", 6]]));
  assert.equal(m.scaled_map(undefined, 2), undefined);
  assert.deepEqual(m.names_upto(2), new Map([[0, "n0"], [1, "n1"]]));
  assert.equal(m.names_upto(-1), undefined);
  assert.equal(m.spots_in(), -1);
  assert.equal(m.spots_in(new Map([[1, { x: 1, y: 1 }]])), 1);
  assert.throws(() => m.halved([1, 2]), { name: "TypeError", message: "halved: argument 1 must be a Float64Array or undefined, got an Array" });
  assert.throws(() => m.words_then([1], false), { name: "TypeError", message: "words_then: argument 1 element 0 must be a string, got number 1" });
  assert.throws(() => m.flipped_spots([{ x: 1, y: 2 }, { x: 1 }]), { name: "TypeError", message: "flipped_spots: argument 1 element 1 is missing field 'y' of Spot" });
  assert.throws(() => m.scaled_map(null, 1), { name: "TypeError", message: "scaled_map: argument 1 must be a Map or undefined, got null" });
  assert.throws(() => m.spots_in(new Map([[1, { x: 1, y: 1 }], [2, { x: 2 }]])), { name: "TypeError", message: "spots_in: argument 1 key 2 is missing field 'y' of Spot" });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});
