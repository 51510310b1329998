// An Array argument or result whose length is no number (an object whose
// valueOf answers differently each time it is read) under a replaced
// Number.isSafeInteger: refused before anything is written, for a nested
// list parameter and for an Array of objects a callback returns, so the
// copy and its block never disagree on the count (heap consistent).
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
