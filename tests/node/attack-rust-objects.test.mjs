// Attack: Rust arrays of objects (tests/fixtures/rust-containers/src/objects.rs)
// whose results hand JS objects it has seen before. An object a method
// lent (`ref:`, `Vec<&C>`) and then gives away (`own:`, `Vec<Box<C>>`)
// must end up owned by JS — disposing or collecting the owner destroys it
// in wasm — and the lent wrapper must never reach it once it is freed.
// Arguments that dispose, forge or alias are refused with nothing left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";
import { collectUntil } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));
const m = await load(bytes);
const other = await load(bytes);
// The heap's first blocks, made once.
for (const i of m.Item.make_many(2)) i.dispose();
m.Item.sum_ids([]);
m.ids_or_none([]);

test("objects lent as ref:C[] and then given away as own:C[] are JS's: disposing them destroys them", () => {
  const before = state(m);
  const dropped = m.items_dropped();
  const bin = new m.Bin(4);
  bin.add(1);
  bin.add(2);
  const lent = bin.items();
  const given = bin.take_all();
  assert.deepEqual(
    given.map((i) => i.id()),
    [1, 2],
  );
  bin.dispose();
  // The bin's end ends what it lent, not what it gave away.
  assert.throws(() => lent[0].id(), { name: "TypeError", message: /^Item\.id: its owner Bin was disposed/ });
  assert.deepEqual(
    given.map((i) => i.id()),
    [1, 2],
  );
  for (const i of given) i.dispose();
  assert.equal(m.items_dropped() - dropped, 2, "both destroyed in wasm");
  assert.deepEqual(state(m), before);
});

test("a lent wrapper stops reaching an object given away and then destroyed, its parent alive", () => {
  const before = state(m);
  const bin = new m.Bin(4);
  bin.add(7);
  const [lent] = bin.items();
  const [given] = bin.take_all();
  given.dispose();
  assert.throws(() => lent.id(), { name: "TypeError", message: /^Item\.id: .*destroyed by wasm/ });
  bin.dispose();
  assert.deepEqual(state(m), before);
});

test("objects given away after being lent are collected with their owning wrappers", async () => {
  const dropped = m.items_dropped();
  const bin = new m.Bin(4);
  (() => {
    for (let k = 0; k < 3; k++) bin.add(k);
    bin.items();
    bin.take_all();
  })();
  // (Disposed, the bin holds no cohort-mate alive.)
  bin.dispose();
  assert.ok(await collectUntil(() => m.items_dropped() - dropped === 3), "the three given away are destroyed when their wrappers are collected");
  assert.equal(m.check(), null);
});

test("arrays of objects refuse what a getter disposed, other modules' wrappers, other classes and nulls", () => {
  const before = state(m);
  const a = new m.Item(1);
  const b = new m.Item(2);
  const bin = new m.Bin(1);
  const disposing = new Proxy([a, b], {
    get(t, k) {
      if (k === "1") a.dispose();
      return Reflect.get(t, k);
    },
  });
  assert.throws(() => m.Item.sum_ids(disposing), { name: "TypeError", message: "Item.sum_ids: argument 1 element 0 must be a Item, got a disposed Item" });
  const foreign = new other.Item(3);
  assert.throws(() => m.count_of([foreign], b), { name: "TypeError", message: /^count_of: argument 1 element 0 must be a Item/ });
  assert.throws(() => m.Item.sum_ids([bin]), { name: "TypeError", message: "Item.sum_ids: argument 1 element 0 must be a Item, got a Bin" });
  assert.throws(() => m.Item.sum_ids([b, null]), { name: "TypeError", message: "Item.sum_ids: argument 1 element 1 must be a Item, got null" });
  assert.throws(() => m.Item.sum_ids({ length: 2 ** 31, 0: b }), { name: "TypeError", message: /^Item\.sum_ids: argument 1 must be an Array/ });
  const receiverGone = new Proxy([b], {
    get(t, k) {
      if (k === "0") bin.dispose();
      return Reflect.get(t, k);
    },
  });
  assert.throws(() => bin.keep(receiverGone), { name: "TypeError", message: /^Bin\.keep: .*disposed/ });
  assert.throws(() => bin.absorb([bin]), TypeError);
  const self = new m.Bin(1);
  assert.throws(() => self.absorb([self]), { name: "WeakbindError", message: "Bin.absorb: argument 1 element 0 is the object this method changes" });
  self.dispose();
  b.dispose();
  foreign.dispose();
  assert.deepEqual(state(m), before);
  assert.equal(other.check(), null);
});

test("a revoked Proxy as an object, an array of objects or an element is a TypeError naming member and argument", () => {
  const before = state(m);
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  assert.throws(() => m.first_samples(proxy), { name: "TypeError", message: "first_samples: argument 1 must be a Bin, got a revoked Proxy" });
  assert.throws(() => m.Item.sum_ids(proxy), { name: "TypeError", message: "Item.sum_ids: argument 1 must be an Array, got a revoked Proxy" });
  assert.throws(() => m.ids_or_none([null, proxy]), { name: "TypeError", message: "ids_or_none: argument 1 element 1 must be a Item or null, got a revoked Proxy" });
  assert.deepEqual(state(m), before);
});

test("a view whose Vec shrinks in place (shrink_to_fit of a large block) ends: it never reads another object's memory", () => {
  const before = state(m);
  const t = new m.Tape(100000, 0);
  const v = t.samples();
  assert.equal(v.at(99999), 99999);
  t.compact(60000); // 480 KB of 800 KB: the heap would keep the block and give its tail back
  const others = [39000, 20000, 10000].map((n) => new m.Tape(n, 1e9));
  assert.throws(() => v.at(60000), { name: "TypeError", message: /^Tape\.samples.*: the view ended \(wasm freed its memory\)/ });
  assert.equal(t.samples().length, 60000);
  assert.equal(t.samples().at(59999), 59999);
  for (const o of others) o.dispose();
  t.dispose();
  assert.deepEqual(state(m), before);
});
