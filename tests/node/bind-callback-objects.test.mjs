// Arrays of objects in calls C++ makes into JS (tests/fixtures/callbacks-wide.cpp,
// "arrays of objects"): a std::vector<Holder *> reaches a callback or a
// JS virtual as an Array of the wrappers JS has (identity kept), and comes
// back checked element by element as a single object result is: a live
// Holder wrapper (or null, where nullable), held until the outermost call
// returns. A stray pointer refuses the call; a wrong result is the JS
// caller's TypeError naming the element; nothing is left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { declarations } from "../../js/dts.mjs";
import { settledState, collectedBack } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url));
const m = await load(bytes);
const destroyed = () => m.exports.callbacks_holders_destroyed();
// The heap's first blocks, made once.
m.cb_holders((hs) => hs, [new m.Holder(1)]);

test("an Array of objects reaches JS as the wrappers JS has, and comes back as pointers C++ borrows", async () => {
  const before = await settledState(m);
  const [a, b, c] = [1, 2, 3].map((id) => new m.Holder(id));
  let seen;
  assert.equal(
    m.cb_holders((hs) => ((seen = hs), [hs[1], c, hs[0]]), [a, b]),
    231,
  );
  assert.ok(Array.isArray(seen));
  assert.equal(seen.length, 2);
  assert.equal(seen[0], a, "the wrapper JS has");
  assert.equal(seen[1], b);
  assert.equal(m.cb_holders(() => [], [a]), -1, "an empty Array is an empty vector");
  // Null elements where the word allows them, both ways.
  assert.equal(
    m.cb_maybe_holders((hs) => (assert.deepEqual(hs, [a, null]), [b, null, a]), [a]),
    201,
  );
  for (const h of [a, b, c]) h.dispose();
  assert.equal(m.check(), null);
  await collectedBack(m, before);
});

test("a result element only the call holds lives until the call returns, then is collected", async () => {
  const before = await settledState(m);
  const was = destroyed();
  // Nothing in JS keeps the new Holders once the callback returned: the
  // loader holds them until the outermost call returns, so C++ reads live
  // objects, and the collector frees them after.
  assert.equal(
    m.cb_holders(() => [new m.Holder(4), new m.Holder(5)], []),
    45,
  );
  assert.equal(m.check(), null);
  await collectedBack(m, before);
  assert.equal(destroyed(), was + 2);
});

test("wrong results are the caller's TypeError naming the element; a stray pointer refuses the call", async () => {
  const before = await settledState(m);
  const a = new m.Holder(5);
  const gone = new m.Holder(6);
  gone.dispose();
  const picker = new (class extends m.Picker {
    pick() {
      return [a];
    }
  })();
  const bad = [
    [() => ({ length: 1, 0: a }), /the returned value must be an Array, got an object/],
    [() => [a, 3], /the returned value element 1 must be a Holder, got number 3/],
    [() => [null], /the returned value element 0 must be a Holder, got null/],
    [() => [gone], /the returned value element 0 must be a Holder, got a disposed Holder/],
    [() => [picker], /the returned value element 0 must be a Holder, got a Picker/],
    [() => new Proxy([a], { get: (t, k) => (k === "0" ? (() => { throw new Error("trap"); })() : t[k]) }), /reading element 0 threw: trap/],
  ];
  for (const [f, message] of bad) {
    assert.throws(() => m.cb_holders(f, [a]), { name: "TypeError", message: new RegExp(`^cb_holders: argument 1 \\(a callback\\): .*${message.source}.* \\(called from wasm\\)$`) }, message.source);
  }
  let called = false;
  assert.throws(() => m.cb_stray_holders(() => (called = true), a), { name: "TypeError", message: /element 1 is no registered Holder \(pointer \d+\)/ });
  assert.equal(called, false, "the callback never ran");
  a.dispose();
  picker.dispose();
  assert.equal(m.check(), null);
  await collectedBack(m, before);
});

test("a JS virtual takes and returns Arrays of objects", async () => {
  const before = await settledState(m);
  const hs = [7, 8, 9].map((id) => new m.Holder(id));
  class Reverse extends m.Picker {
    pick(from) {
      assert.deepEqual(from, hs);
      return [...from].reverse();
    }
  }
  const p = new Reverse();
  assert.equal(m.via_pick(p, hs), 987);
  const bare = new (class extends m.Picker {})();
  assert.throws(() => m.via_pick(bare, hs), /pick/);
  for (const h of hs) h.dispose();
  p.dispose();
  bare.dispose();
  assert.equal(m.check(), null);
  await collectedBack(m, before);
});

test("weakbind dts: arrays of objects in callbacks", async () => {
  const text = String(await declarations(bytes));
  assert.match(text, /  cb_holders\(a0: \(a0: Holder\[\]\) => Holder\[\], a1: Holder\[\]\): number;/);
  assert.match(text, /  cb_maybe_holders\(a0: \(a0: \(Holder \| null\)\[\]\) => \(Holder \| null\)\[\], a1: Holder\[\]\): number;/);
  assert.match(text, /  abstract pick\(a0: Holder\[\]\): Holder\[\];/);
});
