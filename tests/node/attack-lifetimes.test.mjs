// Attack class 3: wrappers that outlive their object. Whoever ends an
// object (JS, C++ through the registry, C++ deleting it on its own, its
// parent), every wrapper that reaches it (owned, borrowed, lent to a
// callback, returned by identity) stops reaching it; identity never
// hands one object's wrapper out for another at the same address.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil } from "./helpers.mjs";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());
const ALIVE = 0xa11ce5ed;

test("a wrapper lent to a callback stops working once C++ destroys the object", () => {
  const before = state(m);
  const count = m.exports.attack_lenders_destroyed();
  const l = new m.Lender();
  l.hold();
  let lent;
  assert.equal(m.exports.lender_lend(m.jsref((w) => (lent = w))), 1);
  assert.equal(lent.magic() >>> 0, ALIVE, "convention results are wasm's i32");
  l.dispose(); // C++ still holds it
  assert.equal(lent.magic() >>> 0, ALIVE);
  m.exports.lender_drop(); // the last owner: destroyed by C++
  assert.equal(m.exports.attack_lenders_destroyed(), count + 1);
  assert.throws(() => lent.magic(), { name: "TypeError", message: /Lender\.magic: / });
  lent.dispose(); // disposing a wrapper that reaches nothing does nothing
  assert.deepEqual(state(m), before);
});

test("C++ deleting a child JS holds: its borrowed wrapper throws, never touches freed memory", () => {
  const before = state(m);
  const count = m.exports.attack_leaves_destroyed();
  const t = new m.Tree();
  const leaf = t.add(5);
  assert.equal(leaf.value(), 5);
  assert.equal(t.remove(0), true);
  assert.equal(m.exports.attack_leaves_destroyed(), count + 1);
  assert.throws(() => leaf.value(), { name: "TypeError", message: /Leaf\.value: / });
  assert.throws(() => leaf.set_value(1), TypeError);
  // A new child, perhaps at the same address, gets a wrapper of its own.
  const next = t.add(7);
  assert.notEqual(next, leaf);
  assert.equal(t.at(0), next);
  assert.equal(next.value(), 7);
  t.dispose();
  assert.throws(() => next.value(), TypeError);
  assert.deepEqual(state(m), before);
});

test("a borrowed child dies with its parent whatever JS did to its constructor or prototype", () => {
  const before = state(m);
  const t = new m.Tree();
  const a = t.add(1);
  const b = t.add(2);
  a.constructor = { name: "Tree" };
  Object.setPrototypeOf(b, Object.prototype);
  t.dispose();
  assert.throws(() => m.Leaf.prototype.value.call(a), TypeError);
  assert.throws(() => m.Leaf.prototype.value.call(b), TypeError);
  assert.deepEqual(state(m), before);
});

test("a first member at its owner's address has a wrapper of its own; identity holds for both", () => {
  const before = state(m);
  const a = new m.Assembly();
  const p = a.part();
  assert.notEqual(p, a);
  assert.equal(a.self(), a);
  assert.equal(a.part(), p);
  assert.equal(p.magic(), ALIVE);
  assert.equal(a.tag(), ALIVE);
  a.dispose();
  assert.throws(() => p.magic(), TypeError);
  assert.deepEqual(state(m), before);
});

test("a constructor that returns an object JS already owns: both wrappers own it; it dies with the last", () => {
  const before = state(m);
  const count = m.exports.attack_interned_destroyed();
  const a = new m.Interned(42);
  const b = new m.Interned(42);
  assert.equal(b.value(), 42);
  a.dispose();
  assert.equal(m.exports.attack_interned_destroyed(), count, "b still owns it");
  assert.equal(b.magic() >>> 0, ALIVE);
  assert.throws(() => a.magic(), /disposed/);
  b.dispose();
  assert.equal(m.exports.attack_interned_destroyed(), count + 1);
  assert.throws(() => b.magic(), /disposed/);
  // The other order, and the collector as the last owner.
  const c = new m.Interned(7);
  const d = new m.Interned(7);
  d.dispose();
  assert.equal(c.magic() >>> 0, ALIVE, "c still owns it");
  c.dispose();
  assert.throws(() => c.magic(), /disposed/);
  assert.equal(m.exports.attack_interned_destroyed(), count + 2);
  assert.deepEqual(state(m), before);
});

test("co-owning wrappers left to the collector: the object dies once, after both", async () => {
  const count = m.exports.attack_interned_destroyed();
  const make = () => {
    for (let i = 0; i < 100; i++) {
      new m.Interned(1000 + i);
      new m.Interned(1000 + i).value();
    }
  };
  make();
  assert.ok(await collectUntil(() => m.exports.attack_interned_destroyed() === count + 100));
  assert.equal(m.check(), null);
});

// Collected but not yet released: V8 runs finalizers in a later task, so
// between a collection and that task wasm can hand back an object whose
// only wrapper is gone while its ownership still stands.
test("an object handed back after its wrapper was collected: the new wrapper owns it, and dispose ends it now", async () => {
  for (const cohortSize of [1, 256]) {
    const f = warmRegistry(await loadFaults({ cohortSize }));
    const before = state(f);
    const destroyed = () => f.exports.cell_destroyed_count();
    const count = destroyed();
    const holdAndDrop = () => {
      const c = new f.Cell(31);
      f.Cell.hold(c);
    };
    holdAndDrop();
    await new Promise((resolve) => setTimeout(resolve, 0)); // its cohort closes
    globalThis.gc(); // collected; its release waits for a later task
    const back = f.Cell.last();
    assert.equal(back.value(), 31);
    assert.equal(back.self(), back);
    f.Cell.release(1);
    assert.equal(destroyed(), count, `cohortSize ${cohortSize}: JS still owns it`);
    back.dispose();
    assert.equal(destroyed(), count + 1, `cohortSize ${cohortSize}: disposing its only wrapper ends it`);
    assert.throws(() => back.value(), /disposed/);
    // The collected wrapper's late release finds nothing to end.
    await collectUntil(() => false, { rounds: 3 });
    assert.equal(destroyed(), count + 1);
    assert.deepEqual(state(f), before);
  }
});
