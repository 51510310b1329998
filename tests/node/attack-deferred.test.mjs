// A dispose() inside a call from wasm waits until the outermost call
// returns (calls.mjs): a patched Array.prototype.push or array iterator,
// put there by the callback before or after the dispose, must not drop the
// waiting release (the destructor runs once, nothing leaks).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url)));
m.cb_holders((x) => x, [new m.Holder(1)]);
const destroyed = () => m.exports.callbacks_holders_destroyed();
const ArrayIterator = Object.getPrototypeOf([][Symbol.iterator]());

for (const [what, patch, restore] of [
  ["Array.prototype.push made a no-op", () => { const p = Array.prototype.push; Array.prototype.push = function () { return this.length; }; return p; }, (p) => (Array.prototype.push = p)],
  ["the array iterator ended at once", () => { const n = ArrayIterator.next; ArrayIterator.next = () => ({ done: true, value: undefined }); return n; }, (n) => (ArrayIterator.next = n)],
]) {
  test(`a release deferred inside a callback runs with ${what}`, () => {
    const before = state(m);
    const was = destroyed();
    const h = new m.Holder(2);
    let saved;
    try {
      m.cb_holders((hs) => {
        if (what.startsWith("Array")) saved = patch();
        hs[0].dispose();
        if (!what.startsWith("Array")) saved = patch();
        return [];
      }, [h]);
    } finally {
      restore(saved);
    }
    assert.equal(destroyed(), was + 1);
    assert.equal(m.check(), null);
    assert.deepEqual(state(m), before);
  });
}
