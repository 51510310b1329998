// The seed article's MyClass, freed by the JS collector.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, createAndDrop } from "./helpers.mjs";

for (const release of ["finalization", "sweep"]) {
  for (const count of [50, 100_000]) {
    test(`${release}: ${count} dropped MyClass objects are all destroyed inside wasm`, async () => {
      const m = await loadExamples({ release, sweep: { interval: 5 } });
      const destroyed = m.exports.myclass_destructor_calls;
      let sum = 0;
      createAndDrop(count, (i) => {
        sum += new m.MyClass(5 + i).my_method();
      });
      assert.equal(sum, count * (2 * 5 + count - 1)); // Σ 2(5+i)
      assert.equal(m.stats().live.MyClass, count);
      const freed = await collectUntil(() => destroyed() === count, { module: m });
      assert.ok(freed, `only ${destroyed()} of ${count} destructors ran`);
      assert.equal(destroyed(), count);
      assert.equal(m.stats().live.MyClass, 0);
      assert.equal(m.check(), null);
    });
  }
}

test("dispose frees at once, and the finalizer never frees again", async () => {
  const m = await loadExamples();
  const destroyed = m.exports.myclass_destructor_calls;
  (() => {
    const o = new m.MyClass(1);
    assert.equal(o.my_method(), 2);
    o.dispose();
    assert.equal(destroyed(), 1);
    o.dispose(); // second dispose: a no-op
    assert.equal(destroyed(), 1);
  })();
  // Reuse the freed address with a fresh object that stays alive: a late
  // finalizer for the disposed wrapper must not free it.
  const survivor = new m.MyClass(21);
  await collectUntil(() => false, { rounds: 30 });
  assert.equal(destroyed(), 1);
  assert.equal(survivor.my_method(), 42);
  assert.equal(m.stats().live.MyClass, 1);
});

test("Symbol.dispose disposes", async () => {
  const m = await loadExamples();
  const o = new m.MyClass(3);
  o[Symbol.dispose]();
  assert.equal(m.exports.myclass_destructor_calls(), 1);
});

test("use after dispose throws a TypeError naming class and method", async () => {
  const m = await loadExamples();
  const o = new m.MyClass(1);
  o.dispose();
  assert.throws(() => o.my_method(), {
    name: "TypeError",
    message: "MyClass.my_method: the object was disposed",
  });
});

test("a method called on a wrapper of another class or a plain value throws", async () => {
  const m = await loadExamples();
  const notebook = new m.Notebook(1);
  assert.throws(() => m.MyClass.prototype.my_method.call(notebook), {
    name: "TypeError",
    message: "MyClass.my_method: called on a Notebook, not a MyClass",
  });
  assert.throws(() => m.MyClass.prototype.my_method.call(42), {
    name: "TypeError",
    message: "MyClass.my_method: called on number, not a MyClass",
  });
  assert.equal(m.stats().live.Notebook, 1);
  assert.equal(m.check(), null);
});
