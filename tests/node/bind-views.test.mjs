// Borrowed views of numbers (weakbind/views.hpp, js/views.mjs): a
// view(f64) result reads C++'s vector in place while its owner lives; it
// ends when the owner is disposed or collected or wasm frees the elements'
// block, and a view passed to a JS callback or virtual ends when that
// returns. An ended view throws, naming the member; memory growth is
// noticed, never read stale.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/views.wasm", import.meta.url)));
const destroyed = m.exports.views_series_destroyed;
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ended = (member, why) => ({ name: "TypeError", message: new RegExp(`^${escape(member)}.*: the view ended \\(${escape(why)}\\)`) });

// Grows memory (a block larger than all of it cannot fit in what is
// free), then gives the block back.
function grow() {
  const before = m.memory.buffer.byteLength;
  const p = m.exports.weakbind_alloc(before);
  assert.ok(p !== 0);
  m.exports.weakbind_free(p);
  assert.ok(m.memory.buffer.byteLength > before, "memory grew");
}

test("a view result reads C++'s elements in place", () => {
  const s = new m.Series(1000);
  const v = s.samples();
  assert.equal(String(v), "[object ArrayView]");
  assert.equal(v.length, 1000);
  assert.equal(v.at(0), 0);
  assert.equal(v.at(3), 1.5);
  assert.equal(v.at(-1), 999 * 0.5);
  assert.equal(v.at(1000), undefined);
  assert.deepEqual([...v].slice(0, 4), [0, 0.5, 1, 1.5]);
  let sum = 0;
  for (const x of v) sum += x;
  assert.equal(sum, (999 * 1000) / 4);
  s.set(2, 42);
  assert.equal(v.at(2), 42, "in place, not a copy");
  assert.deepEqual([...s.narrow()].slice(0, 2), [0.25, 1.25]);
  assert.deepEqual([...s.counts()].slice(0, 3), [0, -1, -2]);
  assert.deepEqual([...s.ids()].slice(0, 2), [4000000000, 4000000001]);
  assert.deepEqual([...m.Series.samples_of(s)].slice(0, 2), [0, 0.5]);
  assert.deepEqual([...m.first_samples(s)].slice(0, 2), [0, 0.5]);
  s.dispose();
  assert.equal(m.check(), null);
});

test("copy() makes a typed array that outlives the view", () => {
  const s = new m.Series(4);
  const v = s.samples();
  const c = v.copy();
  assert.ok(c instanceof Float64Array);
  assert.notEqual(c.buffer, m.memory.buffer);
  s.dispose();
  assert.deepEqual([...c], [0, 0.5, 1, 1.5]);
  assert.throws(() => v.copy(), ended("Series.samples", "its owner was disposed"));
  assert.equal(m.check(), null);
});

test("a view ends when its owner is disposed", () => {
  const s = new m.Series(8);
  const v = s.samples();
  const it = v[Symbol.iterator]();
  assert.equal(it.next().value, 0);
  const statics = m.Series.samples_of(s);
  const fn = m.first_samples(s);
  s.dispose();
  for (const view of [v, statics]) {
    assert.throws(() => view.at(0), ended("Series.samples", "its owner was disposed"));
    assert.throws(() => view.length, ended("Series.samples", "its owner was disposed"));
    assert.throws(() => [...view], ended("Series.samples", "its owner was disposed"));
  }
  assert.throws(() => it.next(), ended("Series.samples", "its owner was disposed"), "an iterator started before the end");
  assert.throws(() => fn.at(0), ended("first_samples", "its owner was disposed"));
  assert.equal(m.check(), null);
});

test("a view ends when wasm frees its elements' block (the vector reallocates)", () => {
  const s = new m.Series(4);
  const v = s.samples();
  for (let i = 0; i < 64; i++) s.push(i); // reallocates: the old block is freed
  assert.throws(() => v.at(0), ended("Series.samples", "wasm freed its memory"));
  const w = s.samples();
  assert.equal(w.length, 68);
  assert.equal(w.at(67), 63);
  s.dispose();
  assert.equal(m.check(), null);
});

test("a view does not keep its owner alive, and ends when the collector frees it", async () => {
  const base = await settle(destroyed);
  const views = (() => {
    const out = [];
    for (let i = 0; i < 10; i++) out.push(new m.Series(16).samples());
    return out;
  })();
  assert.equal(views[0].at(1), 0.5, "readable while the owner lives");
  assert.ok(await collectUntil(() => destroyed() - base >= 10, { module: m }), "each owner collected and destroyed");
  for (const v of views) {
    assert.throws(() => v.at(1), { name: "TypeError", message: /^Series\.samples.*: the view ended \((its owner was collected|wasm freed its memory)\)/ });
  }
  assert.equal(m.check(), null);
});

test("memory growth under a live view is noticed: it reads the current memory", () => {
  const s = new m.Series(100);
  const v = s.samples();
  assert.equal(v.at(10), 5);
  const old = m.memory.buffer;
  grow();
  assert.equal(old.byteLength, 0, "the old buffer is detached");
  assert.equal(v.at(10), 5, "read through the new buffer");
  s.set(10, 7);
  assert.equal(v.at(10), 7);
  const it = v[Symbol.iterator]();
  it.next();
  grow();
  assert.equal(it.next().value, 0.5, "an iterator across growth");
  assert.equal(v.copy()[10], 7);
  s.dispose();
  assert.equal(m.check(), null);
});

test("a callback's view is readable in the call and ends when it returns", () => {
  const s = new m.Series(5);
  let kept = null;
  const r = s.each((v) => {
    kept = v;
    assert.equal(v.length, 5);
    return v.at(1) + [...v].reduce((a, b) => a + b, 0);
  });
  assert.equal(r, 0.5 + 5);
  assert.throws(() => kept.at(0), ended("Series.each: argument 1 (a callback): argument 1", "the call it was passed to returned"));
  assert.throws(() => [...kept], ended("Series.each", "the call it was passed to returned"));
  assert.throws(() => kept.copy(), ended("Series.each", "the call it was passed to returned"));
  // A callback that throws: its view ends too, and the error reaches JS.
  assert.throws(
    () =>
      s.each((v) => {
        kept = v;
        throw new Error("boom");
      }),
    /boom/,
  );
  assert.throws(() => kept.at(0), ended("Series.each", "the call it was passed to returned"));
  // Growth inside the callback is noticed.
  assert.equal(
    s.each((v) => {
      grow();
      return v.at(4);
    }),
    2,
  );
  s.dispose();
  assert.equal(m.check(), null);
});

test("a virtual JS implements gets a view that ends when it returns", () => {
  let kept = null;
  class Summer extends m.Sink {
    take(xs) {
      kept = xs;
      return xs.copy().reduce((a, b) => a + b, 0);
    }
  }
  const k = new Summer();
  assert.equal(k.feed(4), 10);
  assert.throws(() => kept.at(0), ended("Summer.take: argument 1", "the call it was passed to returned"));
  k.dispose();
  assert.equal(m.check(), null);
});

test("bad use of a view names the member; views are the loader's to make", () => {
  const s = new m.Series(3);
  const v = s.samples();
  assert.throws(() => v.at("1"), { name: "TypeError", message: /^Series\.samples: a view's index must be an integer, got string/ });
  assert.throws(() => v.at(0.5), { name: "TypeError", message: /^Series\.samples: a view's index must be an integer/ });
  const ArrayView = Object.getPrototypeOf(v).constructor;
  assert.throws(() => new ArrayView(), /views are made by the loader only/);
  assert.throws(() => ArrayView.prototype.at.call({}, 0), TypeError);
  assert.equal(Object.getOwnPropertyNames(ArrayView.prototype).includes("end"), false, "no way to end or forge from outside");
  s.dispose();
  assert.equal(m.check(), null);
});
