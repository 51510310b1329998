// The registry's tables grow with the most objects alive at once and give
// the memory back once the spike has passed: the loader trims them at each
// full collection, to fit the most objects alive since the previous one
// (so steady churn never shrinks and regrows them), down to a floor.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil } from "./helpers.mjs";

test("after a spike of 100,000 objects the registry's tables shrink back to the floor", async () => {
  for (const release of ["finalization", "sweep"]) {
    const m = await loadExamples({ release, sweep: { interval: 5 } });
    const destroyed = m.exports.myclass_destructor_calls;
    const before = m.stats().heap;
    (() => {
      const spike = [];
      for (let i = 0; i < 100_000; i++) spike.push(new m.MyClass(i));
    })();
    const grown = m.stats().heap;
    assert.ok(grown.registryBytes > 2_000_000, `${release}: tables grew only to ${grown.registryBytes} bytes`);
    assert.ok(await collectUntil(() => destroyed() === 100_000, { module: m }), `${release}: ${destroyed()} destroyed`);
    // A few more collections: the first trim still sees the spike's peak.
    assert.ok(
      // Down to the floor (4,096 entries, 8,192 buckets: 0.2-0.3 MB in
      // heap blocks, more with the checked heap's metadata).
      await collectUntil(() => m.stats().heap.registryBytes < grown.registryBytes / 10, { module: m }),
      `${release}: the tables still hold ${m.stats().heap.registryBytes} bytes`,
    );
    const after = m.stats().heap;
    // What is left beyond the tables is what was there before the spike.
    assert.equal(after.inUse - after.registryBytes, before.inUse - before.registryBytes);
    assert.equal(after.allocations - after.registryBlocks, before.allocations - before.registryBlocks);
    assert.equal(m.check(), null);
    // Objects made after the trim work, and tokens from before name nothing.
    const o = new m.MyClass(21);
    assert.equal(o.my_method(), 42);
    o.dispose();
    assert.equal(destroyed(), 100_001);
  }
});
