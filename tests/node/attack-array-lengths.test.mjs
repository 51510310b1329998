// An Array argument or result whose length is no number (an object whose
// valueOf answers differently each time it is read) under a replaced
// Number.isSafeInteger: refused before anything is written, for a nested
// list parameter and for an Array of objects a callback returns, so the
// copy and its block never disagree on the count (heap consistent); and
// a Symbol thrown while an argument or result is read is named, not
// turned into V8's own message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const bind = await load(await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url)));
const calls = await load(await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url)));
bind.deep_with_sums([new Float64Array([1])]);
calls.cb_holders((x) => x, [new calls.Holder(1)]);

const lying = (first, then, reads) => {
  let n = 0;
  return { valueOf: () => (++n <= reads ? first : then) };
};
function withPatchedSafeInteger(f) {
  const saved = Number.isSafeInteger;
  Number.isSafeInteger = () => true;
  try {
    return f();
  } finally {
    Number.isSafeInteger = saved;
  }
}

test("a length that is no number is refused, whatever Number.isSafeInteger says", () => {
  const before = state(bind);
  const inner = new Float64Array([1, 2, 3]);
  assert.throws(
    () => withPatchedSafeInteger(() => bind.deep_with_sums(new Proxy([], { get: (t, k) => (k === "length" ? lying(1, 64, 6) : inner) }))),
    { name: "TypeError", message: "deep_with_sums: argument 1 has a length that is no count: an object" },
  );
  assert.equal(bind.check(), null);
  assert.deepEqual(state(bind), before);
  const h = new calls.Holder(3);
  const was = state(calls);
  assert.throws(
    () => withPatchedSafeInteger(() => calls.cb_holders(() => new Proxy([], { get: (t, k) => (k === "length" ? lying(1, 64, 3) : h) }), [h])),
    { name: "TypeError", message: /^cb_holders: argument 1 \(a callback\): the returned value has a length that is no count: an object/ },
  );
  assert.equal(calls.check(), null);
  assert.deepEqual(state(calls), was);
  h.dispose();
});

test("a getter or trap that throws a Symbol is named by its place, the Symbol its cause", () => {
  const before = state(bind);
  const s = Symbol("s");
  const trap = new Proxy([], {
    get: (t, k) => {
      if (k === "length") return 1;
      throw s;
    },
  });
  assert.throws(() => bind.deep_with_sums(trap), (e) => e instanceof TypeError && e.message === "deep_with_sums: argument 1: reading element 0 threw: Symbol(s)" && e.cause === s);
  assert.throws(() => bind.deep_moved([[{ get x() { throw s; }, tag: "t" }]], 0), { name: "TypeError", message: "deep_moved: argument 1 element 0 element 0: reading field 'x' threw: Symbol(s)" });
  const h = new calls.Holder(4);
  const was = state(calls);
  assert.throws(() => calls.cb_holders(() => trap, [h]), { name: "TypeError", message: "cb_holders: argument 1 (a callback): the returned value: reading element 0 threw: Symbol(s) (called from wasm)" });
  assert.deepEqual(state(calls), was);
  h.dispose();
  assert.equal(bind.check(), null);
  assert.deepEqual(state(bind), before);
});

test("a sparse Array of a huge length is refused at its first hole, not staged whole", () => {
  const before = state(calls);
  const holder = new calls.Holder(1);
  const sparse = [];
  sparse.length = 2 ** 30 - 1;
  const withOne = [holder];
  withOne.length = 2 ** 30 - 1;
  // A callback's result: an Array of objects.
  assert.throws(() => calls.cb_holders(() => sparse, [holder]), { name: "TypeError", message: /element 0 must be a Holder, got undefined/ });
  assert.throws(() => calls.cb_holders(() => withOne, [holder]), { name: "TypeError", message: /element 1 must be a Holder, got undefined/ });
  // An export's parameter: an Array of objects.
  assert.throws(() => calls.cb_holders((x) => x, sparse), { name: "TypeError", message: /argument 2 element 0 must be a Holder, got undefined/ });
  holder.dispose();
  assert.equal(calls.check(), null);
  assert.deepEqual(state(calls), before);
});
