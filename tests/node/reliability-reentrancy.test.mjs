// Re-entrancy: a JS callback, called from wasm while a method of
// an object runs, disposes that very object, drops it, calls it again or
// throws. Nothing is freed while the method is on the stack (the method
// reads its own fields after the callback: it must find them intact), no
// destructor runs twice, and the tables are exact afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil } from "./helpers.mjs";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());
const destroyed = () => m.exports.reentrant_destroyed_count();
const ALIVE = 0xa11ce;

test("a callback disposing the object whose method is running: freed once, after the method returned", () => {
  const before = state(m);
  const count = destroyed();
  const r = new m.Reentrant(1);
  let during;
  const seen = r.call_back((self) => {
    assert.equal(self, r, "the callback gets the same wrapper");
    r.dispose();
    during = destroyed();
  });
  assert.equal(during, count, "the destructor ran while the method was on the stack");
  assert.equal(seen, ALIVE, "the method found its object destroyed after the callback");
  assert.equal(destroyed(), count + 1);
  assert.throws(() => r.value(), { name: "TypeError", message: "Reentrant.value: the object was disposed" });
  r.dispose(); // a second dispose does nothing
  assert.equal(destroyed(), count + 1);
  assert.deepEqual(state(m), before);
});

test("dispose in a nested call three levels down waits for the outermost method", () => {
  const before = state(m);
  const count = destroyed();
  const r = new m.Reentrant(2);
  const magics = [];
  const callback = (self, depth) => {
    if (depth > 0) magics.push(self.call_nested(callback, depth - 1));
    else {
      self.dispose();
      assert.equal(destroyed(), count);
    }
  };
  magics.push(r.call_nested(callback, 3));
  assert.deepEqual(magics, [ALIVE, ALIVE, ALIVE, ALIVE]);
  assert.equal(destroyed(), count + 1);
  assert.deepEqual(state(m), before);
});

test("the callback disposes the object, then uses it: a TypeError reaches the caller; freed once", () => {
  const before = state(m);
  const count = destroyed();
  const r = new m.Reentrant(3);
  assert.throws(
    () =>
      r.call_back(() => {
        r.dispose();
        r.value();
      }),
    { name: "TypeError", message: "Reentrant.value: the object was disposed" },
  );
  assert.equal(destroyed(), count + 1);
  assert.deepEqual(state(m), before);
});

test("a callback that throws: the caller gets that exception; the object lives on; tables exact", () => {
  const before = state(m);
  const r = new m.Reentrant(4);
  const mid = state(m);
  const boom = new Error("callback failed");
  assert.throws(
    () =>
      r.call_back(() => {
        throw boom;
      }),
    (e) => e === boom,
  );
  assert.deepEqual(state(m), mid);
  assert.equal(r.value(), 4);
  r.dispose();
  assert.deepEqual(state(m), before);
});

test("a trap in a nested call inside the callback reaches the outer caller; the stack pointer is restored", () => {
  const before = state(m);
  const count = destroyed();
  const r = new m.Reentrant(5);
  const f = new m.Faulty(5);
  assert.throws(() => r.call_back(() => f.trap_deep(4)), { name: "RuntimeError", message: /unreachable/ });
  assert.throws(
    () =>
      r.call_back(() => {
        r.dispose(); // deferred, then the nested trap unwinds everything
        f.call_trap();
      }),
    { name: "RuntimeError" },
  );
  assert.equal(destroyed(), count + 1, "the deferred dispose ran once the stack unwound");
  f.dispose();
  assert.deepEqual(state(m), before);
});

test("the callback drops the last JS reference and collects: nothing is freed under the method", async () => {
  const count = destroyed();
  const seen = ((make) => {
    let r = make();
    return r.call_back(() => {
      r = null; // the only reference outside the running call
      globalThis.gc();
      assert.equal(destroyed(), count);
    });
  })(() => new m.Reentrant(6));
  assert.equal(seen, ALIVE);
  assert.ok(await collectUntil(() => destroyed() === count + 1), "the dropped object was not freed afterwards");
  assert.equal(m.stats().live.Reentrant, 0);
  assert.equal(m.check(), null);
});

test("C++ owns it, JS let go: a callback from C++ disposing a new wrapper of the object defers, and C++'s release frees it once", () => {
  const before = state(m);
  const count = destroyed();
  const r = new m.Reentrant(7);
  m.Reentrant.keep(r);
  r.dispose(); // C++ is the owner now
  assert.equal(destroyed(), count);
  const seen = m.Reentrant.call_kept((self) => {
    assert.equal(self.value(), 7); // a wrapper that does not own the object
    assert.throws(() => self.dispose(), TypeError);
  });
  assert.equal(seen, ALIVE);
  m.Reentrant.release_kept();
  assert.equal(destroyed(), count + 1);
  assert.deepEqual(state(m), before);
});

test("many wrappers disposed from inside callbacks, interleaved with plain calls: every destructor exactly once", () => {
  const before = state(m);
  const count = destroyed();
  const objects = Array.from({ length: 200 }, (_, i) => new m.Reentrant(i));
  const gone = new Set();
  let magic = ALIVE;
  for (let i = 0; i < objects.length; i++) {
    if (gone.has(i)) continue;
    magic &= objects[i].call_back(() => {
      const victim = i % 4 === 0 ? i : i % 4 === 1 ? i + 1 : -1; // itself, or the next one
      if (victim < 0) return;
      gone.add(victim);
      objects[victim].dispose();
    });
  }
  for (const o of objects) o.dispose();
  assert.equal(magic, ALIVE);
  assert.equal(destroyed(), count + 200);
  assert.deepEqual(state(m), before);
});
