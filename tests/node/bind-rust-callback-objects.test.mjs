// Objects as results of Rust's typed callbacks
// (tests/fixtures/rust-containers/src/callbacks.rs): `Retained<C>`,
// `Option<Retained<C>>` and their `Vec`s write C++'s `obj(C)`,
// `nullable(C)` and `array(…)` result words, so the loader checks what JS
// returns as it does for C++ (a live wrapper of the class, held until the
// outermost call returns), and Rust becomes one more owner: an object Rust
// keeps outlives its JS wrapper and is destroyed when Rust drops it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { declarations } from "../../js/dts.mjs";
import { state, settledState } from "./reliability-fixtures.mjs";
import { collectUntil } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));
const m = await load(bytes);
// The heap's first blocks, made once.
const warm = new m.Item(0);
m.pick_id(() => warm, 0);
m.sum_picked(() => [warm], 0);
warm.dispose();

test("an object JS returns reaches Rust: single, nullable, Arrays of them", () => {
  const before = state(m);
  const a = new m.Item(7);
  const b = new m.Item(11);
  assert.equal(m.pick_id((n) => (n === 1 ? a : b), 1), 7);
  assert.equal(m.pick_id((n) => (n === 1 ? a : b), 2), 11);
  assert.equal(m.maybe_id(() => b), 11);
  assert.equal(m.maybe_id(() => null), 0);
  assert.equal(m.sum_picked((n) => Array.from({ length: n }, (_, k) => (k % 2 ? a : b)), 3), 11 + 7 + 11);
  assert.equal(m.sum_picked(() => [], 0), 0);
  assert.equal(m.sum_some(() => [a, null, b]), 7 + 1000 + 11);
  // JS keeps its own wrappers: still live, nothing destroyed.
  assert.equal(a.id() + b.id(), 18);
  a.dispose();
  b.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("an object made and dropped inside the callback is used by Rust, then destroyed", async () => {
  const before = await settledState(m);
  const dropped = m.items_dropped();
  assert.equal(m.pick_id((n) => new m.Item(n * 2), 21), 42);
  assert.equal(m.sum_picked((n) => Array.from({ length: n }, (_, k) => new m.Item(k)), 4), 6);
  assert.equal(m.maybe_id(() => new m.Item(5)), 5);
  assert.ok(await collectUntil(() => m.items_dropped() === dropped + 6), "every Item destroyed once dropped");
  assert.equal(m.check(), null);
  assert.deepEqual(await settledState(m), before);
});

test("an object Rust keeps outlives its wrapper until Rust drops it", async () => {
  const before = await settledState(m);
  const dropped = m.items_dropped();
  const disposed = new m.Item(3);
  assert.equal(m.keep_picked(() => disposed), 1);
  // JS's dispose() ends JS's reference only: Rust still owns the object.
  disposed.dispose();
  assert.throws(() => disposed.id(), /disposed/);
  (() => {
    assert.equal(m.keep_picked(() => new m.Item(4)), 2);
  })();
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 0));
    m.flush();
  }
  assert.equal(m.items_dropped(), dropped, "kept alive by Rust");
  assert.equal(m.picked_ids(), 7);
  assert.equal(m.check(), null);
  m.drop_picked();
  assert.ok(await collectUntil(() => m.items_dropped() === dropped + 2), "destroyed once Rust dropped them");
  assert.equal(m.check(), null);
  assert.deepEqual(await settledState(m), before);
});

test("bad results: disposed, of another class, no wrapper, null where not nullable", () => {
  const before = state(m);
  const bin = new m.Bin(0);
  const one = new m.Item(1);
  const gone = new m.Item(1);
  gone.dispose();
  const cases = [
    [() => gone, /^pick_id: argument 1 \(a callback\): returned a disposed Item, expected a Item \(called from wasm\)/],
    [() => bin, /^pick_id: argument 1 \(a callback\): returned .*Bin.*, expected a Item/],
    [() => ({}), /^pick_id: argument 1 \(a callback\): returned .*, expected a Item/],
    [() => null, /^pick_id: argument 1 \(a callback\): returned null, expected a Item/],
    [() => 1, /^pick_id: argument 1 \(a callback\): returned number 1, expected a Item/],
  ];
  for (const [f, message] of cases) assert.throws(() => m.pick_id(f, 0), { name: "TypeError", message });
  assert.throws(() => m.maybe_id(() => gone), { name: "TypeError", message: /^maybe_id: .*returned a disposed Item, expected a Item or null/ });
  assert.throws(() => m.sum_picked(() => [one, null], 0), { name: "TypeError", message: /^sum_picked: argument 1 \(a callback\): the returned value element 1 must be a Item, got null/ });
  assert.throws(() => m.sum_some(() => [bin]), { name: "TypeError", message: /^sum_some: / });
  assert.throws(() => m.sum_some(() => 3), { name: "TypeError", message: /^sum_some: / });
  bin.dispose();
  one.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("an object borrowed from another one is refused: Rust would own what it cannot", async () => {
  const before = await settledState(m);
  const dropped = m.items_dropped();
  const bin = new m.Bin(0);
  const child = bin.add(5); // borrowed from the Bin, which owns it
  const owned = new m.Item(2);
  const refused = /returned a Item borrowed from another object, expected a Item JS owns or shares \(called from wasm\)/;
  assert.throws(() => m.pick_id(() => child, 0), { name: "TypeError", message: refused });
  assert.throws(() => m.maybe_id(() => child), { name: "TypeError", message: /expected a Item or null JS owns or shares/ });
  assert.throws(() => m.keep_picked(() => child), { name: "TypeError", message: refused });
  assert.throws(() => m.sum_picked(() => [owned, child], 0), { name: "TypeError", message: /^sum_picked: argument 1 \(a callback\): the returned value element 1 must be a Item JS owns or shares, got a Item borrowed from another object \(called from wasm\)/ });
  assert.throws(() => m.sum_some(() => [null, child]), { name: "TypeError", message: /element 1 must be a Item JS owns or shares/ });
  assert.equal(m.picked_ids(), 0, "nothing kept");
  // The borrowed child is still the Bin's, and readable.
  assert.equal(child.id(), 5);
  owned.dispose();
  bin.dispose();
  assert.equal(m.items_dropped(), dropped + 2, "the owned Item and the Bin's, once each");
  assert.equal(m.check(), null);
  assert.deepEqual(await settledState(m), before);
});

test("weakbind dts: the callback's result is the class", async () => {
  const text = String(await declarations(bytes));
  assert.match(text, /pick_id\(f: \(a0: number\) => Item, n: number\): number;/);
  assert.match(text, /maybe_id\(f: \(\) => Item \| null\): number;/);
  assert.match(text, /sum_picked\(f: \(a0: number\) => Item\[\], n: number\): number;/);
  assert.match(text, /sum_some\(f: \(\) => \(Item \| null\)\[\]\): number;/);
});
