// JsRef as C++ uses it: owned_by(this) inside a constructor
// forms a cycle the collector frees; a call with a pointer that is no
// registered object, through an empty JsRef, or of a value that is no
// function fails with a TypeError for the JS caller, and nothing leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url)));
const destroyed = () => m.exports.bind_holders_destroyed();

test("a callback owned by `this` from the constructor: the cycle is collected", async () => {
  const base = await settle(destroyed);
  (() => {
    for (let i = 0; i < 1000; i++) {
      const h = new m.Holder((x) => (h.fire === undefined ? 0 : x + 1)); // callback -> wrapper -> object -> callback
      assert.equal(h.fire(1), 2);
    }
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 1000, { module: m }), `${destroyed() - base} of 1000 destroyed`);
  assert.equal(m.stats().jsValues, 0);
  assert.equal(m.check(), null);
});

test("the object itself is passed to the callback", () => {
  let got = null;
  const h = new m.Holder((x, self) => ((got = self), x * 2));
  assert.equal(h.fire(21), 42);
  assert.equal(got, h);
  h.dispose();
});

test("a pointer that is no registered object: a TypeError, the callback not called", () => {
  const before = m.stats().heap.inUse;
  let calls = 0;
  const h = new m.Holder(() => ++calls);
  assert.throws(() => h.pass_part(), { name: "TypeError", message: /^JsRef\.call: argument 2 is no registered object \(pointer \d+\)$/ });
  assert.equal(calls, 0);
  // The next call gets its own arguments only.
  let args = null;
  const g = new m.Holder((...a) => ((args = a), 7));
  assert.equal(g.fire(3), 7);
  assert.deepEqual(args, [3, g]);
  h.dispose();
  g.dispose();
  assert.equal(m.check(), null);
  assert.equal(m.stats().heap.inUse, before);
});

test("an empty JsRef and a value that is no function: TypeErrors that name the problem", () => {
  const h = new m.Holder(() => 0);
  assert.throws(() => h.call_empty(), { name: "TypeError", message: "JsRef.call: the JsRef is empty (it holds no JS value)" });
  assert.throws(() => m.apply(42, 1), { name: "TypeError", message: "JsRef.call: the JS value called is not a function, got number 42" });
  assert.throws(() => m.apply({ call: () => 1 }, 1), { name: "TypeError", message: "JsRef.call: the JS value called is not a function, got an object" });
  assert.equal(m.apply((x) => x + 1, 1), 2);
  h.dispose();
  assert.equal(m.stats().jsValues, 0);
  assert.equal(m.check(), null);
});
