// m.scope(fn): deterministic release for synchronous hot loops.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, settle } from "./helpers.mjs";

test("objects JS comes to own inside a scope are destroyed when it returns", async () => {
  const m = await loadExamples({ release: "sweep" });
  const destroyed = () => m.exports.myclass_destructor_calls();
  const nodesDestroyed = () => m.exports.scene_nodes_destroyed();
  const result = m.scope(() => {
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += new m.MyClass(i).my_method();
    const original = new m.Node("n");
    original.clone(); // an owned result, scoped too
    return sum;
  });
  assert.equal(result, 999 * 1000);
  assert.equal(destroyed(), 1000);
  assert.equal(nodesDestroyed(), 2);
  assert.equal(m.stats().pending, 0, "scoped objects were handed to the sweep");
  assert.equal(m.stats().liveTotal, 0);
  assert.equal(m.check(), null);
});

test("keep() hands an object to the collector instead", async () => {
  const m = await loadExamples();
  const destroyed = () => m.exports.myclass_destructor_calls();
  let kept = m.scope(() => {
    new m.MyClass(1);
    return m.keep(new m.MyClass(2));
  });
  assert.equal(destroyed(), 1);
  assert.equal(kept.my_method(), 4);
  kept = null;
  assert.ok(await collectUntil(() => destroyed() === 2), "the kept object was not collected");
});

test("a throwing or asynchronous function still releases everything", async () => {
  const m = await loadExamples();
  const destroyed = () => m.exports.myclass_destructor_calls();
  const boom = new Error("boom");
  assert.throws(
    () =>
      m.scope(() => {
        new m.MyClass(1);
        throw boom;
      }),
    (e) => e === boom,
  );
  assert.equal(destroyed(), 1);
  assert.throws(
    () =>
      m.scope(async () => {
        new m.MyClass(1);
      }),
    { name: "TypeError", message: /scope\(\): the function returned a promise/ },
  );
  assert.equal(destroyed(), 2);
  assert.equal(m.stats().live.MyClass, 0);
});

test("nested scopes each release their own objects; disposing early is fine", async () => {
  const m = await loadExamples();
  const destroyed = () => m.exports.myclass_destructor_calls();
  m.scope(() => {
    const outer = new m.MyClass(1);
    m.scope(() => {
      new m.MyClass(2).dispose();
      new m.MyClass(3);
    });
    assert.equal(destroyed(), 2);
    assert.equal(outer.my_method(), 2);
  });
  assert.equal(destroyed(), 3);
});

test("a typed object disposed inside its scope is skipped when the scope ends", async () => {
  const m = await loadExamples();
  const nodesDestroyed = () => m.exports.scene_nodes_destroyed();
  const kept = m.scope(() => {
    const first = new m.Node("a");
    const middle = new m.Node("b");
    const last = new m.Node("c");
    middle.dispose();
    last.dispose(); // the scope's last member
    new m.Node("d").dispose();
    return first.name();
  });
  assert.equal(kept, "a");
  assert.equal(nodesDestroyed(), 4);
  assert.equal(m.stats().liveTotal, 0);
  assert.equal(m.check(), null);
});

test("a synchronous churn of 1 KB objects in scopes stays at the raw floor", async () => {
  const m = await loadExamples();
  await settle(() => m.exports.buffer_destructor_calls());
  const start = m.stats().heap.inUse;
  for (let batch = 0; batch < 1000; batch++) {
    m.scope(() => {
      for (let i = 0; i < 200; i++) new m.Buffer(1024).byte_at(0);
    });
  }
  // The heap's high-water mark covers the moments inside each scope.
  const peak = m.stats().heap.peak - start;
  // 200 live buffers of 1 KB and their headers, give or take the registry.
  assert.ok(peak < 512 * 1024, `peak ${peak} bytes above the baseline`);
  assert.equal(m.stats().live.Buffer, 0);
});
