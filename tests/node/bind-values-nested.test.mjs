// Containers inside values and optionals (tests/fixtures/nested.cpp):
// optional fields, arrays of numbers, strings and values as fields, and
// optional arrays and values as parameters and results. Copied both ways;
// bad input anywhere in the tree is a TypeError naming member, argument and
// the path to it, and leaves nothing allocated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";
import { figure } from "./container-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);

// (C++'s Shape has the fields of the Rust fixture's Figure.)
const shape = figure;
m.shape_total(shape()); // the heap's first blocks, made once
m.echo_scene({ shapes: [shape()], options: { count: 1, name: "x" } });

test("optional fields: present, undefined and left out, in and out", () => {
  const before = state(m);
  assert.equal(m.present({}), "-------");
  assert.equal(m.present({ count: undefined, ratio: 1 }), "-r-----");
  assert.equal(m.present({ count: 1, ratio: 2, on: true, name: "n", grade: m.Grade.Low, big: 3n, at: { x: 1, y: 2 } }), "crongba");
  // Absent fields are left out of a result; present ones crossed both ways.
  const r = m.bump_options({ count: 4, on: false, name: "hé", grade: m.Grade.High, big: -5n, at: { x: 1, y: 2 } });
  assert.deepEqual(r, { count: 5, ratio: 0.5, on: true, name: "hé!", grade: m.Grade.Low, big: -10n, at: { x: 2, y: 1 } });
  const none = m.bump_options({});
  assert.deepEqual(none, { ratio: 0.5 });
  assert.equal("count" in none, false);
  // A property of a class holding one.
  const d = new m.Drawing();
  assert.deepEqual(d.options, {});
  d.options = { name: "kept", count: -2 };
  assert.deepEqual(d.options, { count: -2, name: "kept" });
  d.dispose();
  assert.deepEqual(state(m), before);
});

test("a missing non-optional field stays a TypeError; a wrong optional one names 'or undefined'", () => {
  const before = state(m);
  const { origin, ...noOrigin } = shape();
  void origin;
  assert.throws(() => m.shape_total(noOrigin), { name: "TypeError", message: "shape_total: argument 1 is missing field 'origin' of Shape" });
  assert.throws(() => m.present({ count: null }), { name: "TypeError", message: "present: argument 1 field 'count' must be an integer (i32) or undefined, got null" });
  assert.throws(() => m.present({ name: 5 }), { name: "TypeError", message: "present: argument 1 field 'name' must be a string or undefined, got number 5" });
  assert.throws(() => m.present({ at: 1 }), { name: "TypeError", message: "present: argument 1 field 'at' must be a Spot object or undefined, got number 1" });
  assert.throws(() => m.present({ at: { x: 1 } }), { name: "TypeError", message: "present: argument 1 field 'at' is missing field 'y' of Spot" });
  assert.throws(() => m.present({ grade: 3 }), { name: "TypeError", message: /field 'grade' must be a Grade .* or undefined, got number 3/ });
  assert.deepEqual(state(m), before);
});

test("arrays as fields: typed arrays, strings and values, in and out", () => {
  const before = state(m);
  const s = shape({ notes: ["n"], extra: [] });
  assert.equal(m.shape_total(s), 1.5 + 2.5 + 0.5 + 4 + (2 ** 32 - 1) + 10 + 30 + 2);
  const r = m.mirror(s);
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
  assert.deepEqual(r.extra, [{ x: 10, y: 20 }]);
  // Absent optional arrays are left out; empty arrays stay.
  const e = m.mirror(shape({ xs: new Float64Array(0), tags: [], points: [] }));
  assert.equal(e.xs.length, 0);
  assert.deepEqual(e.tags, []);
  assert.equal("notes" in e, false);
  const made = m.make_shape(3);
  assert.deepEqual(made.tags, ["t0", "t1", "t2"]);
  assert.deepEqual([...made.xs], [0, 0.5, 1]);
  assert.deepEqual(made.notes, ["many"]);
  // A property of a class holding one (copied: changing it changes nothing).
  const d = new m.Drawing();
  const got = d.shape;
  got.tags.push("x");
  assert.deepEqual(d.shape.tags, ["t0", "t1"]);
  d.shape = s;
  assert.deepEqual(d.shape.tags, ["a", "bé"]);
  d.dispose();
  assert.deepEqual(state(m), before);
});

test("arrays of values holding arrays, and optional values holding optionals", () => {
  const before = state(m);
  const scene = { shapes: [shape(), shape({ points: [{ x: 0, y: 0 }], extra: [{ x: 5, y: 6 }] })], options: { count: 7, at: { x: 1, y: 1 } } };
  assert.equal(m.count_points(scene), 2 + 1 + 7);
  const r = m.echo_scene(scene);
  assert.equal(r.shapes.length, 2);
  assert.deepEqual(r.shapes[1].extra, [{ x: 5, y: 6 }]);
  assert.deepEqual(r.shapes[0].tags, ["a", "bé"]);
  assert.deepEqual(r.options, { count: 7, at: { x: 1, y: 1 } });
  assert.deepEqual(m.echo_scene({ shapes: [] }), { shapes: [] });
  assert.deepEqual(state(m), before);
});

test("optional arrays and values as parameters and results", () => {
  const before = state(m);
  assert.deepEqual([...m.halves(new Float64Array([2, 4]))], [1, 2]);
  assert.equal(m.halves(), undefined);
  assert.equal(m.halves(undefined), undefined);
  assert.deepEqual(m.words_of(["a"], false), ["a", "end"]);
  assert.equal(m.words_of(["a"], true), undefined);
  assert.equal(m.words_of(undefined, false), undefined);
  assert.deepEqual(m.flipped([{ x: 1, y: 2 }]), [{ x: 2, y: 1 }]);
  assert.equal(m.flipped(), undefined);
  assert.equal(m.maybe_mirror(), undefined);
  assert.deepEqual(m.maybe_mirror(shape()).tags, ["bé", "a"]);
  assert.deepEqual(m.evens(3), new Int32Array([0, 2, 4]));
  assert.equal(m.evens(-1), undefined);
  assert.throws(() => m.halves([1, 2]), { name: "TypeError", message: "halves: argument 1 must be a Float64Array or undefined, got an Array" });
  assert.throws(() => m.halves(null), { name: "TypeError", message: "halves: argument 1 must be a Float64Array or undefined, got null" });
  assert.throws(() => m.words_of([1], false), { name: "TypeError", message: "words_of: argument 1 element 0 must be a string, got number 1" });
  assert.throws(() => m.flipped([{ x: 1, y: 2 }, { x: 1 }]), { name: "TypeError", message: "flipped: argument 1 element 1 is missing field 'y' of Spot" });
  assert.deepEqual(state(m), before);
});

test("bad input deep in a tree frees everything converted before it", () => {
  const before = state(m);
  // The third element of a nested array is of the wrong type, after strings
  // and arrays were copied for the ones before.
  const bad = (tags) => ({ shapes: [shape(), shape(), shape({ tags })] });
  assert.throws(() => m.count_points(bad(["a", "b", 3])), {
    name: "TypeError",
    message: "count_points: argument 1 field 'shapes' element 2 field 'tags' element 2 must be a string, got number 3",
  });
  assert.throws(() => m.count_points({ shapes: [shape(), shape(), shape({ points: [{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: "1", y: 1 }] })] }), {
    name: "TypeError",
    message: "count_points: argument 1 field 'shapes' element 2 field 'points' element 2 field 'x' must be a number, got string \"1\"",
  });
  assert.throws(() => m.shape_total(shape({ xs: [1, 2] })), { name: "TypeError", message: "shape_total: argument 1 field 'xs' must be a Float64Array, got an Array" });
  assert.throws(() => m.shape_total(shape({ xs: new Float32Array(1) })), { name: "TypeError", message: "shape_total: argument 1 field 'xs' must be a Float64Array, got a Float32Array" });
  assert.throws(() => m.shape_total(shape({ tags: "ab" })), { name: "TypeError", message: "shape_total: argument 1 field 'tags' must be an Array, got string \"ab\"" });
  assert.throws(() => m.shape_total(shape({ notes: null })), { name: "TypeError", message: "shape_total: argument 1 field 'notes' must be an Array or undefined, got null" });
  assert.deepEqual(state(m), before);
});

test("getters that throw or change the tree, Proxies and lying typed arrays", () => {
  const before = state(m);
  const boom = new Error("boom");
  const tags = ["a", "b"];
  Object.defineProperty(tags, 1, {
    get() {
      throw boom;
    },
  });
  assert.throws(() => m.shape_total(shape({ tags })), (e) => e instanceof TypeError && e.cause === boom && /field 'tags': reading element 1 threw: boom/.test(e.message));
  // A getter that empties a typed array read earlier: the copy was made
  // when it was read.
  const xs = new Float64Array([1, 2]);
  const later = shape({ xs });
  Object.defineProperty(later, "tags", {
    get() {
      xs.fill(100);
      return ["t"];
    },
  });
  assert.equal(m.shape_total(later), 1 + 2 + 0.5 + 4 + (2 ** 32 - 1) + 10 + 30 + 1);
  // A typed array subclass lying about its length, a Proxy of one.
  class Liar extends Float64Array {
    get length() {
      return 1000;
    }
  }
  assert.equal(m.shape_total(shape({ xs: new Liar([1]) })), 1 + 0.5 + 4 + (2 ** 32 - 1) + 10 + 30 + 2);
  assert.throws(() => m.shape_total(shape({ xs: new Proxy(new Float64Array(1), {}) })), { name: "TypeError", message: /field 'xs' must be a Float64Array, got/ });
  // A Proxy of an Array and a Proxy of the value: each read once.
  let reads = 0;
  const counted = new Proxy(shape(), {
    get(t, k) {
      reads++;
      return t[k];
    },
  });
  m.shape_total(counted);
  assert.equal(reads, 10);
  const proxied = new Proxy(["x", "y"], {});
  assert.deepEqual(m.words_of(proxied, false), ["x", "y", "end"]);
  // A detached typed array copies as empty.
  const gone = new Float64Array(new ArrayBuffer(16));
  structuredClone(gone.buffer, { transfer: [gone.buffer] });
  assert.equal(m.shape_total(shape({ xs: gone })), 0.5 + 4 + (2 ** 32 - 1) + 10 + 30 + 2);
  assert.deepEqual(state(m), before);
});

test("patched built-ins change nothing a nested conversion reads", () => {
  const before = state(m);
  const saved = Object.getOwnPropertyDescriptor(Array.prototype, "push");
  const savedSet = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "set");
  try {
    Array.prototype.push = () => {
      throw new Error("patched push");
    };
    Object.getPrototypeOf(Uint8Array.prototype).set = () => {
      throw new Error("patched set");
    };
    const r = m.mirror(shape({ notes: ["n"] }));
    assert.equal(r.notes.length, 2);
    assert.equal(r.xs[0], 2.5);
  } finally {
    Object.defineProperty(Array.prototype, "push", saved);
    Object.defineProperty(Object.getPrototypeOf(Uint8Array.prototype), "set", savedSet);
  }
  assert.deepEqual(state(m), before);
});

test("a constructor's trailing optional argument may be left out, as dts declares", () => {
  const before = state(m);
  const left = new m.Badge(1);
  assert.equal(left.text, "none");
  const given = new m.Badge(2, "hi");
  assert.equal(given.text, "hi");
  const absent = new m.Badge(3, undefined);
  assert.equal(absent.text, "none");
  absent.dispose();
  assert.throws(() => new m.Badge(), { name: "TypeError", message: /new Badge\(\): no constructor takes 0 arguments \(it takes 1 or 2\)/ });
  assert.throws(() => new m.Badge(1, 2), { name: "TypeError", message: "new Badge(): argument 2 must be a string or undefined, got number 2" });
  left.dispose();
  given.dispose();
  assert.deepEqual(state(m), before);
});

// ---- maps as fields and optional maps ---------------------------------------

const ledger = (over = {}) => ({
  name: "l",
  weights: new Map([
    ["a", 1.5],
    ["b", -2],
  ]),
  labels: new Map([
    [3, "three"],
    [-1, "é"],
  ]),
  spots: new Map([[7, { x: 1, y: 2 }]]),
  counts: new Map([["n", 4]]),
  grades: new Map([[0.5, m.Grade.Low]]),
  ...over,
});
m.bump_ledger(ledger()); // the heap's first blocks, made once
m.ledger_book(new Map([["k", ledger()]]));

test("maps as fields: every key word, std::map and std::unordered_map, values, enums, in and out", () => {
  const before = state(m);
  const r = m.bump_ledger(ledger({ xs: new Float64Array([4]) }));
  assert.equal(r.name, "l'");
  assert.ok(r.weights instanceof Map);
  assert.deepEqual([...r.weights], [
    ["a", 3],
    ["b", -4],
  ]);
  assert.deepEqual(new Map(r.labels), new Map([
    [3, "three!"],
    [-1, "é!"],
  ]));
  assert.deepEqual([...r.spots], [[7, { x: 2, y: 1 }]]);
  assert.deepEqual([...r.counts], [["n", 5]]);
  assert.deepEqual([...r.grades], [[0.5, m.Grade.High]]);
  assert.deepEqual([...r.xs], [2]);
  // An absent optional map is left out; empty maps stay maps.
  const e = m.bump_ledger(ledger({ weights: new Map(), labels: new Map(), spots: new Map(), counts: undefined, grades: new Map() }));
  assert.equal("counts" in e, false);
  assert.equal(e.weights.size + e.labels.size + e.spots.size + e.grades.size, 0);
  assert.deepEqual(m.bump_ledger(ledger({ counts: new Map() })).counts, new Map());
  // C++'s own maps, out: a std::map's by key, an unordered_map's entries.
  const made = m.make_ledger(3);
  assert.deepEqual([...made.weights.keys()], ["w0", "w1", "w2"]);
  assert.deepEqual(new Set(made.labels.keys()), new Set([0, -1, -2]));
  assert.deepEqual([...made.grades.keys()], [0.25, 1.25, 2.25]);
  assert.deepEqual(made.counts, new Map([["n", 3]]));
  assert.equal("counts" in m.make_ledger(1), false);
  // A property of a class holding one (copied: changing it changes nothing).
  const d = new m.Drawing();
  const got = d.ledger;
  got.weights.set("zz", 1);
  assert.equal(d.ledger.weights.has("zz"), false);
  d.ledger = ledger();
  assert.deepEqual([...d.ledger.weights.keys()], ["a", "b"]);
  d.dispose();
  assert.deepEqual(state(m), before);
});

test("maps in arrays of values, and values holding maps as a map's values", () => {
  const before = state(m);
  assert.equal(m.ledger_entries([ledger(), ledger({ counts: undefined }), ledger({ weights: new Map() })]), 7 + 6 + 5);
  assert.equal(m.ledger_entries([]), 0);
  const book = m.ledger_book(
    new Map([
      ["x", ledger()],
      ["y", ledger({ labels: new Map() })],
    ]),
  );
  assert.deepEqual([...book.keys()], ["x", "y"]);
  assert.deepEqual([...book.get("x").weights], [
    ["a", 1.5],
    ["b", -2],
    ["x", 2],
  ]);
  assert.deepEqual([...book.get("y").weights.keys()], ["a", "b", "y"]);
  assert.deepEqual([...book.get("y").spots], [[7, { x: 1, y: 2 }]]);
  assert.deepEqual(state(m), before);
});

test("optional maps as parameters, results and properties", () => {
  const before = state(m);
  assert.deepEqual(m.scaled_map(new Map([["a", 2], ["b", 3]]), 2), new Map([["a", 4], ["b", 6]]));
  assert.equal(m.scaled_map(undefined, 2), undefined);
  assert.deepEqual(m.scaled_map(new Map(), 2), new Map());
  assert.deepEqual(m.names_upto(3), new Map([[0, "n0"], [1, "n1"], [2, "n2"]]));
  assert.deepEqual(m.names_upto(0), new Map());
  assert.equal(m.names_upto(-1), undefined);
  assert.equal(m.spots_in(), -1);
  assert.equal(m.spots_in(new Map([[1, { x: 1, y: 1 }], [2, { x: 2, y: 2 }]])), 2);
  const d = new m.Drawing();
  assert.equal(d.tally, undefined);
  d.tally = new Map([["q", 1]]);
  assert.deepEqual(d.tally, new Map([["q", 1]]));
  d.tally = undefined;
  assert.equal(d.tally, undefined);
  assert.throws(() => (d.tally = null), { name: "TypeError", message: "Drawing.tally: argument 1 must be a Map or undefined, got null" });
  d.dispose();
  assert.throws(() => m.scaled_map(null, 1), { name: "TypeError", message: "scaled_map: argument 1 must be a Map or undefined, got null" });
  assert.throws(() => m.scaled_map(new Map([[1, 1]]), 1), { name: "TypeError", message: "scaled_map: argument 1 key must be a string, got number 1" });
  assert.throws(() => m.spots_in(new Map([[1, { x: 1, y: 1 }], [2, { x: 2 }]])), { name: "TypeError", message: "spots_in: argument 1 key 2 is missing field 'y' of Spot" });
  assert.throws(() => m.spots_in(new Map([[-1, { x: 1, y: 1 }]])), { name: "RangeError", message: "spots_in: argument 1 key is out of range for u32: -1" });
  assert.deepEqual(state(m), before);
});

test("bad input deep in a map field names its path and frees everything converted before it", () => {
  const before = state(m);
  // Strings, arrays and entries were copied for what came before each.
  const third = (over) => [ledger(), ledger({ xs: new Float64Array(3) }), ledger(over)];
  assert.throws(() => m.ledger_entries(third({ weights: new Map([["a", 1], [3, 2]]) })), {
    name: "TypeError",
    message: "ledger_entries: argument 1 element 2 field 'weights' key must be a string, got number 3",
  });
  assert.throws(() => m.bump_ledger(ledger({ weights: new Map([["a", 1], ["b", "2"]]) })), {
    name: "TypeError",
    message: "bump_ledger: argument 1 field 'weights' key \"b\" must be a number, got string \"2\"",
  });
  assert.throws(() => m.ledger_entries(third({ spots: new Map([[1, { x: 1, y: 1 }], [2, { x: 1, y: "1" }]]) })), {
    name: "TypeError",
    message: "ledger_entries: argument 1 element 2 field 'spots' key 2 field 'y' must be a number, got string \"1\"",
  });
  assert.throws(() => m.ledger_book(new Map([["ok", ledger()], ["bad", ledger({ labels: new Map([[1, "a"], [2, 2]]) })]])), {
    name: "TypeError",
    message: "ledger_book: argument 1 key \"bad\" field 'labels' key 2 must be a string, got number 2",
  });
  assert.throws(() => m.bump_ledger(ledger({ labels: new Map([[2 ** 31, "a"]]) })), { name: "RangeError", message: "bump_ledger: argument 1 field 'labels' key is out of range for i32: 2147483648" });
  assert.throws(() => m.bump_ledger(ledger({ grades: new Map([[NaN, m.Grade.Low]]) })), {
    name: "TypeError",
    message: "bump_ledger: argument 1 field 'grades' key must be a number other than NaN, got number NaN",
  });
  assert.throws(() => m.bump_ledger(ledger({ grades: new Map([[1, 5]]) })), { name: "TypeError", message: /^bump_ledger: argument 1 field 'grades' key 1 must be a Grade .*got number 5$/ });
  assert.throws(() => m.bump_ledger(ledger({ weights: new Map([["\uD800", 1]]) })), {
    name: "TypeError",
    message: "bump_ledger: argument 1 field 'weights' key \"\\ud800\" is not well-formed Unicode (a lone surrogate), which UTF-8 cannot carry",
  });
  assert.throws(() => m.bump_ledger(ledger({ counts: null })), { name: "TypeError", message: "bump_ledger: argument 1 field 'counts' must be a Map or undefined, got null" });
  assert.throws(() => m.bump_ledger(ledger({ counts: new Map([["n", 1.5]]) })), { name: "TypeError", message: /^bump_ledger: argument 1 field 'counts' key "n" must be an integer \(i32\).*got number 1.5$/ });
  assert.throws(() => m.bump_ledger(ledger({ weights: { a: 1 } })), { name: "TypeError", message: "bump_ledger: argument 1 field 'weights' must be a Map, got an object" });
  assert.throws(() => m.bump_ledger(ledger({ weights: [["a", 1]] })), { name: "TypeError", message: "bump_ledger: argument 1 field 'weights' must be a Map, got an Array" });
  const { weights, ...noWeights } = ledger();
  void weights;
  assert.throws(() => m.bump_ledger(noWeights), { name: "TypeError", message: "bump_ledger: argument 1 is missing field 'weights' of Ledger" });
  assert.throws(() => m.ledger_book(new Map([["k", 1]])), { name: "TypeError", message: "ledger_book: argument 1 key \"k\" must be a Ledger object, got number 1" });
  assert.deepEqual(state(m), before);
});

test("Proxies, throwing getters, patched Map.prototype and lying typed arrays inside maps", () => {
  const before = state(m);
  // A Proxy of a Map has no map data; a subclass's overrides are not read.
  assert.throws(() => m.bump_ledger(ledger({ weights: new Proxy(new Map([["a", 1]]), {}) })), { name: "TypeError", message: /^bump_ledger: argument 1 field 'weights' must be a Map, got / });
  class Lying extends Map {
    get size() {
      return 1e9;
    }
    entries() {
      return [["evil", 666]][Symbol.iterator]();
    }
  }
  assert.deepEqual([...m.bump_ledger(ledger({ weights: new Lying([["a", 1]]) })).weights], [["a", 2]]);
  // A getter in a map's value that throws: its exception is the cause.
  const boom = new Error("boom");
  const spots = new Map([[1, { x: 1, y: 1 }], [2, { x: 1, get y() { throw boom; } }]]);
  assert.throws(() => m.bump_ledger(ledger({ spots })), (e) => e instanceof TypeError && e.cause === boom && e.message === "bump_ledger: argument 1 field 'spots' key 2: reading field 'y' threw: boom");
  // A getter that changes a map read earlier, or the one it is in: the
  // entries were copied when each map was read.
  const weightsMap = new Map([["a", 1]]);
  const grown = new Map([[1, { x: 1, get y() { weightsMap.set("b", 2); grown.set(9, { x: 0, y: 0 }); return 1; } }]]);
  const r = m.bump_ledger(ledger({ weights: weightsMap, spots: grown }));
  assert.deepEqual([...r.weights], [["a", 2]]);
  assert.deepEqual([...r.spots.keys()], [1]);
  // A lying typed array in a value in a map, and one a later entry's
  // getter empties.
  class Liar extends Float64Array {
    get length() {
      return 1000;
    }
  }
  const xs = new Float64Array([8, 6]);
  const later = ledger();
  Object.defineProperty(later, "name", {
    get() {
      xs.fill(100);
      return "later";
    },
  });
  const book = m.ledger_book(new Map([["liar", ledger({ xs: new Liar([4]) })], ["first", ledger({ xs })], ["later", later]]));
  assert.deepEqual([...book.get("liar").xs], [4]);
  assert.deepEqual([...book.get("first").xs], [8, 6]);
  assert.deepEqual([...xs], [100, 100]);
  // A Proxy of the value: each field read once.
  let reads = 0;
  const counted = new Proxy(ledger(), {
    get(t, k) {
      reads++;
      return t[k];
    },
  });
  m.bump_ledger(counted);
  assert.equal(reads, 7);
  // Patched Map and iterator intrinsics change nothing read or made.
  const saved = {
    entries: Map.prototype.entries,
    iterator: Map.prototype[Symbol.iterator],
    next: Object.getPrototypeOf(new Map().entries()).next,
    set: Map.prototype.set,
    size: Object.getOwnPropertyDescriptor(Map.prototype, "size"),
  };
  const iteratorProto = Object.getPrototypeOf(new Map().entries());
  const input = ledger();
  let out;
  try {
    Map.prototype.entries = () => [["evil", 666]][Symbol.iterator]();
    Map.prototype[Symbol.iterator] = Map.prototype.entries;
    iteratorProto.next = () => ({ done: false, value: ["evil", 666] });
    Map.prototype.set = () => {
      throw new Error("patched set");
    };
    Object.defineProperty(Map.prototype, "size", { get: () => 1e9, configurable: true });
    out = m.bump_ledger(input);
  } finally {
    Map.prototype.entries = saved.entries;
    Map.prototype[Symbol.iterator] = saved.iterator;
    iteratorProto.next = saved.next;
    Map.prototype.set = saved.set;
    Object.defineProperty(Map.prototype, "size", saved.size);
  }
  assert.deepEqual([...out.weights], [["a", 3], ["b", -4]]);
  assert.deepEqual([...out.counts], [["n", 5]]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts: maps as fields and optional maps", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, / {2}weights: Map<string, number>;\n/);
  assert.match(text, / {2}spots: Map<number, Spot>;\n/);
  assert.match(text, / {2}counts\?: Map<string, number> \| undefined;\n/);
  assert.match(text, / {2}scaled_map\(a0: Map<string, number> \| undefined, a1: number\): Map<string, number> \| undefined;\n/);
  assert.match(text, / {2}get tally\(\): Map<string, number> \| undefined;\n/);
});
