// Rust's arrays of objects (Vec<&C>, Vec<Option<&C>> in; Vec<C>,
// Vec<Box<C>>, Vec<Option<C>>, Vec<&C>, Vec<Option<&C>> out) and borrowed
// views (View<'_, T>) through export! and functions!
// (tests/fixtures/rust-containers/src/objects.rs): the records C++'s
// array(obj(C)) … and view(T) write, read by the same loader code, so JS
// sees what it sees of C++: values both ways, identity, the same refusals
// with nothing left behind, destructors run in wasm, views that end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));
const m = await load(bytes);
const other = await load(bytes);
const itemsDropped = () => m.items_dropped();
const binsDropped = () => m.bins_dropped();
// The heap's first blocks, made once.
for (const i of m.Item.make_many(2)) i.dispose();
m.Item.sum_ids([]);
m.ids_or_none([]);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ended = (member, why) => ({ name: "TypeError", message: new RegExp(`^${escape(member)}.*: the view ended \\(${escape(why)}\\)`) });

test("Rust arrays of objects in: Vec<&C> and Vec<Option<&C>>, values and empties", () => {
  const before = state(m);
  const a = new m.Item(1);
  const b = new m.Item(20);
  assert.equal(m.Item.sum_ids([a, b, a]), 22);
  assert.equal(m.Item.sum_ids([]), 0);
  assert.equal(m.count_of([a, b, a], a), 2, "each element is the very object JS passed");
  assert.deepEqual([...m.ids_or_none([a, null, b, undefined])], [1, -1, 20, -1]);
  assert.deepEqual([...m.ids_or_none([])], []);
  const bin = new m.Bin(0);
  assert.equal(bin.put_all([a, b]), 2);
  assert.deepEqual(
    bin.items().map((i) => i.id()),
    [1, 20],
  );
  const full = new m.Bin(0);
  full.add(7);
  assert.equal(bin.absorb([full, full]), 4, "a &mut self method takes other objects of its class");
  bin.dispose();
  full.dispose();
  a.dispose();
  b.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("Rust arrays of objects refuse what C++'s refuse, naming class, method, argument and element; nothing left behind", () => {
  const a = new m.Item(1);
  const gone = new m.Item(2);
  gone.dispose();
  const foreign = new other.Item(3);
  const forged = Object.create(m.Item.prototype);
  const bin = new m.Bin(0);
  const before = state(m);
  const bad = [
    [() => m.Item.sum_ids([a, gone]), "Item.sum_ids: argument 1 element 1 must be a Item, got a disposed Item"],
    [() => m.Item.sum_ids([foreign]), "Item.sum_ids: argument 1 element 0 must be a Item, got an object"],
    [() => m.Item.sum_ids([a, a, forged]), "Item.sum_ids: argument 1 element 2 must be a Item, got an object"],
    [() => m.Item.sum_ids([a, bin]), "Item.sum_ids: argument 1 element 1 must be a Item, got a Bin"],
    [() => m.Item.sum_ids([a, null]), "Item.sum_ids: argument 1 element 1 must be a Item, got null"],
    [() => m.Item.sum_ids([1]), "Item.sum_ids: argument 1 element 0 must be a Item, got number 1"],
    [() => m.Item.sum_ids(a), "Item.sum_ids: argument 1 must be an Array, got an object"],
    [() => m.Item.sum_ids(new Set([a])), "Item.sum_ids: argument 1 must be an Array, got an object"],
    [() => m.count_of([a], gone), "count_of: argument 2 must be a Item, got a disposed Item"],
    [() => m.ids_or_none([null, bin]), "ids_or_none: argument 1 element 1 must be a Item or null, got a Bin"],
    [() => m.ids_or_none([a, gone]), "ids_or_none: argument 1 element 1 must be a Item or null, got a disposed Item"],
    [() => m.ids_or_none(null), "ids_or_none: argument 1 must be an Array, got null"],
    [() => bin.put_all([a, {}]), "Bin.put_all: argument 1 element 1 must be a Item, got an object"],
    [() => bin.absorb([a]), "Bin.absorb: argument 1 element 0 must be a Bin, got an Item"],
  ];
  for (const [call, message] of bad) assert.throws(call, { name: "TypeError", message }, message);
  assert.equal(bin.size(), 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
  a.dispose();
  bin.dispose();
  foreign.dispose();
});

test("a &mut self method refuses an Array holding the object itself, naming the element; nothing left behind", () => {
  const bin = new m.Bin(0);
  const other = new m.Bin(0);
  other.add(1);
  bin.add(2);
  const before = state(m);
  assert.throws(() => bin.absorb([other, other, bin]), { name: "WeakbindError", message: "Bin.absorb: argument 1 element 2 is the object this method changes" });
  assert.equal(bin.size(), 1, "the method did not run");
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before, "the argument's Vec was dropped before the refusal");
  assert.equal(bin.absorb([other]), 2);
  bin.dispose();
  other.dispose();
});

test("Proxies, getters and lying lengths: each element read once, then all checked", () => {
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
  assert.throws(() => m.Item.sum_ids(disposing), { name: "TypeError", message: "Item.sum_ids: argument 1 element 0 must be a Item, got a disposed Item" });
  // … or the receiver.
  const bin = new m.Bin(0);
  const receiver = [b];
  Object.defineProperty(receiver, 0, {
    get() {
      bin.dispose();
      return b;
    },
  });
  assert.throws(() => bin.put_all(receiver), { name: "TypeError", message: /^Bin\.put_all: .*disposed/ });
  let reads = 0;
  const counted = new Proxy([b, b], {
    get(t, k) {
      if (k === "0" || k === "1") reads++;
      return Reflect.get(t, k);
    },
  });
  assert.equal(m.Item.sum_ids(counted), 4);
  assert.equal(reads, 2);
  const throwing = new Proxy([b], {
    get(t, k) {
      if (k === "0") throw new Error("no");
      return Reflect.get(t, k);
    },
  });
  assert.throws(() => m.Item.sum_ids(throwing), (e) => e instanceof TypeError && e.message === "Item.sum_ids: argument 1: reading element 0 threw: no" && e.cause.message === "no");
  const huge = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 32 : Reflect.get(t, k)) });
  assert.throws(() => m.Item.sum_ids(huge), { name: "RangeError", message: /Item\.sum_ids: argument 1 has 4294967296 elements/ });
  const lying = new Proxy([b], { get: (t, k) => (k === "length" ? 3 : Reflect.get(t, k)) });
  assert.throws(() => m.Item.sum_ids(lying), { name: "TypeError", message: "Item.sum_ids: argument 1 element 1 must be a Item, got undefined" });
  assert.deepEqual([...m.ids_or_none(lying)], [2, -1, -1], "past the Array's own elements: undefined, so null");
  b.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("Vec<C>, Vec<Box<C>>, Vec<Option<C>>: new wrappers JS owns, dropped in wasm by dispose or the collector", async () => {
  const items = m.Item.make_many(3);
  assert.ok(Array.isArray(items));
  assert.ok(items.every((i) => i instanceof m.Item));
  assert.deepEqual(
    items.map((i) => i.id()),
    [100, 101, 102],
  );
  assert.deepEqual(m.Item.make_many(0), []);
  assert.deepEqual(
    m.Item.boxed(2).map((i) => i.id()),
    [200, 201],
  );
  const some = m.Item.some(4);
  assert.equal(some.length, 4);
  assert.equal(some[1], null);
  assert.equal(some[3], null);
  assert.deepEqual([some[0].id(), some[2].id()], [300, 302]);
  const base = await settle(itemsDropped);
  for (const i of items) i.dispose();
  some[0].dispose();
  assert.equal(itemsDropped(), base + 4, "dispose drops each in wasm");
  (() => {
    for (let k = 0; k < 20; k++) m.Item.make_many(4);
    for (let k = 0; k < 20; k++) m.Item.boxed(3);
    for (let k = 0; k < 20; k++) m.Item.some(4);
  })();
  assert.ok(await collectUntil(() => itemsDropped() >= base + 4 + 80 + 60 + 40, { module: m }), `${itemsDropped() - base - 4} of 180 dropped`);
  assert.equal(m.check(), null);
});

test("Vec<Own<C>> and Vec<Option<Own<C>>>: owned by JS, dropped in wasm", async () => {
  const base = await settle(itemsDropped);
  const owned = m.Item.owned(2);
  assert.deepEqual(
    owned.map((i) => i.id()),
    [400, 401],
  );
  const some = m.Item.owned_some(3);
  assert.equal(some[0], null);
  assert.equal(some[1].id(), 501);
  assert.equal(some[2], null);
  for (const i of owned) i.dispose();
  some[1].dispose();
  assert.equal(itemsDropped(), base + 3);
  assert.equal(m.check(), null);
});

test("Vec<&Retained<C>>: JS one more owner of what Rust keeps, the wrapper JS has", async () => {
  const bin = new m.Bin(0);
  let a = new m.Item(1);
  assert.equal(bin.keep([a, new m.Item(2)]), 2);
  const kept = bin.kept();
  assert.equal(kept[0], a, "the wrapper JS already holds");
  assert.equal(kept[1].id(), 2);
  const base = await settle(itemsDropped);
  a.dispose();
  assert.equal(itemsDropped(), base, "the bin still owns it");
  const again = bin.kept()[0];
  assert.notEqual(again, a, "a new wrapper: JS let go of the old one");
  assert.equal(again.id(), 1);
  again.dispose(); // JS's own share: no "borrowed from its owner" refusal
  assert.equal(itemsDropped(), base, "the bin still owns it");
  bin.release();
  assert.equal(itemsDropped(), base + 1, "its last owner let go");
  kept[1].dispose();
  assert.equal(itemsDropped(), base + 2);
  a = null;
  bin.dispose();
  assert.equal(m.check(), null);
});

test("Vec<Box<C>> from a &mut self method: the objects move from the parent to JS", async () => {
  const bin = new m.Bin(0);
  bin.add(5);
  bin.add(6);
  const base = await settle(itemsDropped);
  const taken = bin.take_all();
  assert.equal(bin.size(), 0);
  assert.deepEqual(
    taken.map((i) => i.id()),
    [5, 6],
  );
  bin.dispose();
  assert.equal(itemsDropped(), base, "JS owns them now, not the bin");
  taken[0].dispose();
  taken[1].dispose();
  assert.equal(itemsDropped(), base + 2);
  assert.equal(m.check(), null);
});

test("Vec<&C> and Vec<Option<&C>> out: the parent's children, identity kept, the parent kept alive", async () => {
  const base = await settle(binsDropped);
  const itemBase = await settle(itemsDropped);
  let items;
  (() => {
    const bin = new m.Bin(0);
    assert.deepEqual(bin.items(), []);
    const first = bin.add(1);
    bin.add(2);
    bin.add(3);
    items = bin.items();
    assert.ok(Array.isArray(items));
    assert.equal(items[0], first, "the wrapper JS already holds");
    assert.equal(bin.items()[2], items[2]);
    const others = bin.every_other();
    assert.equal(others.length, 3);
    assert.equal(others[0], first);
    assert.equal(others[1], null);
    assert.equal(others[2], items[2]);
    assert.equal(m.Item.sum_ids(items), 6, "borrowed wrappers are arguments like any other");
    assert.throws(() => first.dispose(), { name: "TypeError", message: /borrowed from its owner/ });
  })();
  // The bin is unreachable but for its children's wrappers.
  await settle(binsDropped);
  assert.equal(binsDropped(), base);
  assert.equal(items[1].id(), 2);
  items = null;
  assert.ok(await collectUntil(() => binsDropped() >= base + 1, { module: m }), "the bin collected once its children's wrappers were");
  assert.equal(itemsDropped(), itemBase + 3, "its items dropped with it");
  assert.equal(m.check(), null);
});

test("a ref element's wrapper ends with its parent", () => {
  const bin = new m.Bin(0);
  bin.add(1);
  const [item] = bin.items();
  bin.dispose();
  assert.throws(() => item.id(), TypeError);
  assert.equal(m.check(), null);
});

test("View<'_, T>: the object's numbers read in place, of each element type", () => {
  const bin = new m.Bin(1000);
  const v = bin.samples();
  assert.equal(String(v), "[object ArrayView]");
  assert.equal(v.length, 1000);
  assert.equal(v.at(3), 1.5);
  assert.equal(v.at(-1), 999 * 0.5);
  assert.equal(v.at(1000), undefined);
  bin.set(2, 42);
  assert.equal(v.at(2), 42, "in place, not a copy");
  assert.deepEqual([...bin.narrow()].slice(0, 2), [0.25, 1.25]);
  assert.deepEqual([...bin.counts()].slice(0, 3), [0, -1, -2]);
  assert.deepEqual([...bin.ids()].slice(0, 2), [4000000000, 4000000001]);
  assert.deepEqual([...bin.primes()], [2, 3, 5, 7]);
  assert.deepEqual([...m.Bin.samples_of(bin)].slice(0, 3), [0, 0.5, 42]);
  assert.deepEqual([...m.first_samples(bin)].slice(0, 2), [0, 0.5]);
  const empty = new m.Bin(0);
  assert.equal(empty.samples().length, 0);
  assert.deepEqual(empty.samples().copy(), new Float64Array(0));
  empty.dispose();
  const c = v.copy();
  bin.dispose();
  assert.deepEqual([...c.slice(0, 3)], [0, 0.5, 42], "a copy outlives the view");
  assert.equal(m.check(), null);
});

test("a Rust view ends when its owner is disposed, or when wasm frees its elements", () => {
  const bin = new m.Bin(8);
  const v = bin.samples();
  const statics = m.Bin.samples_of(bin);
  const fn = m.first_samples(bin);
  const primes = bin.primes();
  const it = v[Symbol.iterator]();
  assert.equal(it.next().value, 0);
  bin.dispose();
  for (const view of [v, statics]) {
    assert.throws(() => view.at(0), ended("Bin.samples", "its owner was disposed"));
    assert.throws(() => view.length, ended("Bin.samples", "its owner was disposed"));
    assert.throws(() => view.copy(), ended("Bin.samples", "its owner was disposed"));
  }
  assert.throws(() => it.next(), ended("Bin.samples", "its owner was disposed"), "an iterator started before the end");
  assert.throws(() => fn.at(0), ended("first_samples", "its owner was disposed"));
  assert.throws(() => primes.at(0), ended("Bin.primes", "its owner was disposed"), "static data too: the owner's end");
  const growing = new m.Bin(4);
  const w = growing.samples();
  for (let i = 0; i < 64; i++) growing.push(i); // the Vec reallocates: its old block is freed
  assert.throws(() => w.at(0), ended("Bin.samples", "wasm freed its memory"));
  assert.equal(growing.samples().at(67), 63);
  growing.dispose();
  assert.equal(m.check(), null);
});

test("a Rust view does not keep its owner alive, and ends when the collector drops it", async () => {
  const base = await settle(binsDropped);
  const views = (() => {
    const out = [];
    for (let i = 0; i < 10; i++) out.push(new m.Bin(16).samples());
    return out;
  })();
  assert.equal(views[0].at(1), 0.5, "readable while the owner lives");
  assert.ok(await collectUntil(() => binsDropped() - base >= 10, { module: m }), "each owner collected and dropped in wasm");
  for (const v of views) {
    assert.throws(() => v.at(1), { name: "TypeError", message: /^Bin\.samples.*: the view ended \((its owner was collected|wasm freed its memory)\)/ });
  }
  assert.equal(m.check(), null);
});

test("weakbind dts declares Rust arrays of objects and views as it does C++'s", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "rust-containers.wasm" });
  assert.match(text, / {2}static sum_ids\(items: Item\[\]\): number;\n/);
  assert.match(text, / {2}ids_or_none\(items: \(Item \| null\)\[\]\): Int32Array;\n/);
  assert.match(text, / {2}static make_many\(n: number\): Item\[\];\n/);
  assert.match(text, / {2}static some\(n: number\): \(Item \| null\)\[\];\n/);
  assert.match(text, / {2}items\(\): Item\[\];\n/);
  assert.match(text, / {2}every_other\(\): \(Item \| null\)\[\];\n/);
  assert.match(text, / {2}take_all\(\): Item\[\];\n/);
  assert.match(text, / {2}kept\(\): Item\[\];\n/);
  assert.match(text, / {2}static owned_some\(n: number\): \(Item \| null\)\[\];\n/);
  assert.match(text, / {2}samples\(\): Weakbind__ArrayView<number>;\n/);
  assert.match(text, / {2}first_samples\(bin: Bin\): Weakbind__ArrayView<number>;\n/);
});
