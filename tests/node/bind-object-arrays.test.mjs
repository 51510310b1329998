// Arrays of objects (tests/fixtures/containers.cpp): array(obj(C)) takes an
// Array of live C wrappers (derived classes too), each checked as a single
// object argument is, after every element was read; array(own(C)) and
// array(ref(C)) results are Arrays of wrappers, owned by JS (and freed by
// the collector) or by their parent, identity kept. With nullable(C),
// own_or_null(C) and ref_or_null(C) elements an element may be null.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
const other = await load(bytes);
const destroyed = () => m.exports.bind_items_destroyed();
// The heap's first blocks, made once.
for (const i of m.Item.make_many(2)) i.dispose();
m.sum_ids([]);

test("an Array of objects in: each element type C++ takes, derived classes, empty", () => {
  const before = state(m);
  const a = new m.Item(1);
  const b = new m.Tagged(20);
  assert.equal(m.sum_ids([a, b, a]), 22);
  assert.equal(m.sum_ids([]), 0);
  assert.deepEqual([...m.ids_of([b, a])], [20, 1]);
  assert.equal(m.count_of([a, b, a], a), 2);
  const s = new m.Shelf();
  s.put_all([a, b]);
  assert.equal(s.size(), 2);
  s.dispose();
  a.dispose();
  b.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("bad elements: disposed, forged, another class or module's; nothing left behind", () => {
  const a = new m.Item(1);
  const gone = new m.Item(2);
  gone.dispose();
  const foreign = new other.Item(3);
  const forged = Object.create(m.Item.prototype);
  const shelf = new m.Shelf();
  const before = state(m);
  const bad = [
    [() => m.sum_ids([a, gone]), "sum_ids: argument 1 element 1 must be a Item, got a disposed Item"],
    [() => m.sum_ids([foreign]), "sum_ids: argument 1 element 0 must be a Item, got an object"],
    [() => m.sum_ids([a, a, forged]), "sum_ids: argument 1 element 2 must be a Item, got an object"],
    [() => m.sum_ids([shelf]), "sum_ids: argument 1 element 0 must be a Item, got a Shelf"],
    [() => m.sum_ids([a, null]), "sum_ids: argument 1 element 1 must be a Item, got null"],
    [() => m.sum_ids([1]), "sum_ids: argument 1 element 0 must be a Item, got number 1"],
    [() => m.sum_ids(a), "sum_ids: argument 1 must be an Array, got an object"],
    [() => m.sum_ids(new Set([a])), "sum_ids: argument 1 must be an Array, got an object"],
    [() => m.count_of([a], gone), "count_of: argument 2 must be a Item, got a disposed Item"],
    [() => shelf.put_all([a, {}]), "Shelf.put_all: argument 1 element 1 must be a Item, got an object"],
  ];
  for (const [call, message] of bad) assert.throws(call, { name: "TypeError", message }, message);
  assert.equal(shelf.size(), 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
  a.dispose();
  shelf.dispose();
  foreign.dispose();
});

test("getters and Proxies: every element read once, then all checked", () => {
  const before = state(m);
  const a = new m.Item(1);
  const b = new m.Item(2);
  // A later element's getter disposes an earlier element: refused.
  const disposing = [a, null];
  Object.defineProperty(disposing, 1, {
    get() {
      a.dispose();
      return b;
    },
  });
  assert.throws(() => m.sum_ids(disposing), { name: "TypeError", message: "sum_ids: argument 1 element 0 must be a Item, got a disposed Item" });
  // … or the single object argument after it, or the receiver.
  const c = new m.Item(3);
  const probe = new m.Item(4);
  const late = [c];
  Object.defineProperty(late, 0, {
    get() {
      probe.dispose();
      return c;
    },
  });
  assert.throws(() => m.count_of(late, probe), { name: "TypeError", message: "count_of: argument 2 must be a Item, got a disposed Item" });
  const shelf = new m.Shelf();
  const receiver = [c];
  Object.defineProperty(receiver, 0, {
    get() {
      shelf.dispose();
      return c;
    },
  });
  assert.throws(() => shelf.put_all(receiver), { name: "TypeError", message: /^Shelf\.put_all: .*disposed/ });
  // Each element read once; the length once.
  let reads = 0;
  const counted = new Proxy([b, c], {
    get(t, k) {
      if (k === "0" || k === "1") reads++;
      return Reflect.get(t, k);
    },
  });
  assert.equal(m.sum_ids(counted), 5);
  assert.equal(reads, 2);
  const growing = [b];
  Object.defineProperty(growing, 0, {
    get() {
      growing.push(c);
      return b;
    },
  });
  assert.equal(m.sum_ids(growing), 2);
  const throwing = new Proxy([b], {
    get(t, k) {
      if (k === "0") throw new Error("no");
      return Reflect.get(t, k);
    },
  });
  assert.throws(() => m.sum_ids(throwing), (e) => e instanceof TypeError && e.message === "sum_ids: argument 1: reading element 0 threw: no" && e.cause.message === "no");
  const huge = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 : Reflect.get(t, k)) });
  assert.throws(() => m.sum_ids(huge), { name: "RangeError", message: /sum_ids: argument 1 has 4294967296 elements/ });
  b.dispose();
  c.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("array(own(C)): new wrappers JS owns, freed by dispose or by the collector", async () => {
  const items = m.Item.make_many(3);
  assert.ok(Array.isArray(items));
  assert.deepEqual(
    items.map((i) => i.id()),
    [100, 101, 102],
  );
  assert.ok(items.every((i) => i instanceof m.Item));
  assert.deepEqual(m.Item.make_many(0), []);
  const base = await settle(destroyed);
  for (const i of items) i.dispose();
  assert.equal(destroyed(), base + 3);
  (() => {
    for (let k = 0; k < 50; k++) m.Item.make_many(4);
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 3 + 200, { module: m }), `${destroyed() - base - 3} of 200 freed`);
  assert.equal(m.check(), null);
});

test("array(own(C)) with a null element: an error, the others still owned (and collected)", async () => {
  const base = await settle(destroyed);
  assert.throws(() => m.Item.with_hole(), { message: "Item.with_hole returned NULL as element 1, but its elements are not nullable" });
  assert.ok(await collectUntil(() => destroyed() >= base + 2, { module: m }), `${destroyed() - base} of 2 freed`);
  assert.equal(m.check(), null);
});

test("array(ref(C)): the parent's children, identity kept, the parent kept alive", async () => {
  const base = await settle(destroyed);
  let items;
  (() => {
    const s = new m.Shelf();
    assert.deepEqual(s.items(), []);
    const first = s.add(1);
    s.add(2);
    items = s.items();
    assert.ok(Array.isArray(items));
    assert.equal(items[0], first);
    assert.deepEqual(
      items.map((i) => i.id()),
      [1, 2],
    );
    assert.deepEqual(s.items(), items);
    assert.equal(s.items()[1], items[1]);
    assert.throws(() => first.dispose(), { name: "TypeError", message: /borrowed from its owner/ });
  })();
  // The shelf is unreachable but for its children's wrappers.
  await settle(destroyed);
  assert.equal(destroyed(), base);
  assert.equal(items[1].id(), 2);
  items = null;
  assert.ok(await collectUntil(() => destroyed() >= base + 2, { module: m }), `${destroyed() - base} of 2 freed`);
  assert.equal(m.check(), null);
});

test("weakbind dts: arrays of objects", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, / {2}sum_ids\(a0: Item\[\]\): number;\n/);
  assert.match(text, / {2}static make_many\(a0: number\): Item\[\];\n/);
  assert.match(text, / {2}items\(\): Item\[\];\n/);
});

test("array(nullable(C)) in: null elements pass nullptr, others checked", () => {
  const before = state(m);
  const a = new m.Item(1);
  const b = new m.Tagged(20);
  assert.deepEqual([...m.ids_or_none([a, null, b, null])], [1, -1, 20, -1]);
  assert.deepEqual([...m.ids_or_none([null])], [-1]);
  // undefined (a hole too) is null, as for a single nullable(C) argument.
  assert.deepEqual([...m.ids_or_none([undefined, a, , a])], [-1, 1, -1, 1]);
  assert.deepEqual([...m.ids_or_none([])], []);
  const gone = new m.Item(2);
  gone.dispose();
  const foreign = new other.Item(3);
  const shelf = new m.Shelf();
  const bad = [
    [() => m.ids_or_none([a, gone]), "ids_or_none: argument 1 element 1 must be a Item or null, got a disposed Item"],
    [() => m.ids_or_none([null, foreign]), "ids_or_none: argument 1 element 1 must be a Item or null, got an object"],
    [() => m.ids_or_none([shelf]), "ids_or_none: argument 1 element 0 must be a Item or null, got a Shelf"],
    [() => m.ids_or_none([0]), "ids_or_none: argument 1 element 0 must be a Item or null, got number 0"],
    [() => m.ids_or_none(null), "ids_or_none: argument 1 must be an Array, got null"],
  ];
  for (const [call, message] of bad) assert.throws(call, { name: "TypeError", message }, message);
  a.dispose();
  b.dispose();
  shelf.dispose();
  foreign.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("array(own_or_null(C)) out: nulls as null, the others owned and collected", async () => {
  const items = m.some_items(4);
  assert.equal(items.length, 4);
  assert.equal(items[1], null);
  assert.equal(items[3], null);
  assert.deepEqual([items[0].id(), items[2].id()], [200, 202]);
  const base = await settle(destroyed);
  items[0].dispose();
  assert.equal(destroyed(), base + 1);
  (() => {
    for (let k = 0; k < 50; k++) m.some_items(3);
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 1 + 100, { module: m }), `${destroyed() - base - 1} of 100 freed`);
  assert.equal(m.check(), null);
});

test("array(ref_or_null(C)) out: nulls as null, the others the parent's wrappers", () => {
  const s = new m.Shelf();
  const first = s.add(1);
  s.add(2);
  s.add(3);
  const items = s.every_other();
  assert.equal(items.length, 3);
  assert.equal(items[0], first);
  assert.equal(items[1], null);
  assert.equal(items[2], s.items()[2]);
  assert.throws(() => first.dispose(), { name: "TypeError", message: /borrowed from its owner/ });
  s.dispose();
  assert.equal(m.check(), null);
});

test("weakbind dts: arrays of nullable objects", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "bind.wasm" });
  assert.match(text, / {2}ids_or_none\(a0: \(Item \| null\)\[\]\): Int32Array;\n/);
  assert.match(text, / {2}some_items\(a0: number\): \(Item \| null\)\[\];\n/);
  assert.match(text, / {2}every_other\(\): \(Item \| null\)\[\];\n/);
});
