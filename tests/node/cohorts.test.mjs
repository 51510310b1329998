// Finalization by cohorts (js/release.mjs): wrappers made in one job share a
// registration. Every destructor still runs exactly once; a disposed
// wrapper pins nothing; a long-lived member holds its cohort-mates only
// until it goes; and when cohorts keep outliving collections the size
// shrinks until every wrapper is registered alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, settle } from "./helpers.mjs";

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Jobs of 64 new objects, keeping one in `keepEvery` (none for 0), each
// followed by a full collection, until `done(cohortSize)` or 300 jobs.
// Returns the kept objects.
async function jobsUntil(m, done, keepEvery) {
  const keep = [];
  for (let job = 0; job < 300 && !done(m.stats().cohortSize); job++) {
    (() => {
      for (let i = 0; i < 64; i++) {
        const o = new m.MyClass(i);
        if (keepEvery && i % keepEvery === 0) keep.push(o);
      }
    })();
    await nextTask();
    globalThis.gc();
    await nextTask();
  }
  return keep;
}

test("cohortSize must be a positive integer", async () => {
  for (const bad of [0, -1, 1.5, "8", Number.NaN]) {
    await assert.rejects(loadExamples({ cohortSize: bad }), {
      name: "TypeError",
      message: `load(): cohortSize must be a positive integer, got ${bad}`,
    });
  }
});

test("objects made in one job share cohorts; each is destroyed exactly once", async () => {
  const m = await loadExamples({ cohortSize: 16 });
  const destroyed = m.exports.myclass_destructor_calls;
  assert.equal(m.stats().cohortSize, 16);
  // 100 objects: 6 full cohorts and one of 4. Every third is disposed at
  // once; its late release through the cohort must not free anything twice.
  (() => {
    for (let i = 0; i < 100; i++) {
      const o = new m.MyClass(i);
      if (i % 3 === 0) o.dispose();
    }
  })();
  assert.equal(destroyed(), 34);
  assert.ok(await collectUntil(() => destroyed() === 100), `${destroyed()} of 100 destroyed`);
  await collectUntil(() => false, { rounds: 5 });
  assert.equal(destroyed(), 100);
  assert.equal(m.stats().live.MyClass, 0);
  assert.equal(m.check(), null);
});

test("a kept member holds its cohort-mates until it goes; a disposed one holds nothing", async () => {
  const m = await loadExamples({ cohortSize: 64 });
  const destroyed = m.exports.myclass_destructor_calls;
  let kept = (() => {
    const all = [];
    for (let i = 0; i < 64; i++) all.push(new m.MyClass(i));
    return all[10];
  })();
  // A second cohort: half disposed and still reachable, half dropped.
  const disposed = (() => {
    const half = [];
    for (let i = 0; i < 64; i++) {
      const o = new m.MyClass(i);
      if (i % 2 === 0) {
        o.dispose();
        half.push(o);
      }
    }
    return half;
  })();
  assert.equal(destroyed(), 32);
  // The dropped half goes although disposed wrappers of its cohort live on.
  assert.ok(await collectUntil(() => destroyed() === 64), `${destroyed()} of 64 destroyed`);
  await collectUntil(() => false, { rounds: 10 });
  // The kept wrapper keeps its cohort registered: its 63 mates wait.
  assert.equal(destroyed(), 64);
  assert.equal(kept.my_method(), 20);
  kept = null;
  assert.ok(await collectUntil(() => destroyed() === 128), `${destroyed()} of 128 destroyed`);
  assert.equal(disposed.length, 32);
  assert.equal(m.stats().live.MyClass, 0);
  assert.equal(m.check(), null);
});

test("cohorts that outlive collections shrink to one wrapper per registration", async () => {
  const m = await loadExamples({ cohortSize: 64 });
  const destroyed = m.exports.myclass_destructor_calls;
  // Keeping one in 8: cohorts of 8 or more are all pinned, of 4 half, of 2
  // a quarter.
  const keep = await jobsUntil(m, (size) => size === 1, 8);
  assert.equal(m.stats().cohortSize, 1, "the cohort size never came down");
  // Now every wrapper is registered alone: of objects made and dropped,
  // all but the kept are freed while the kept ones live.
  const before = destroyed();
  const keptBefore = keep.length;
  (() => {
    for (let i = 0; i < 1000; i++) {
      const o = new m.MyClass(i);
      if (i % 100 === 0) keep.push(o);
    }
  })();
  assert.ok(await collectUntil(() => destroyed() - before >= 990), `${destroyed() - before} of 990 freed`);
  assert.equal(keep.length, keptBefore + 10);
  // In a function of its own: a suspended async frame keeps its loop
  // variable, which would hold the last object.
  (() => {
    for (const o of keep) assert.equal(o.my_method() % 2, 0); // 2h: each still works
  })();
  keep.length = 0;
  await settle(destroyed);
  assert.equal(m.stats().live.MyClass, 0);
  assert.equal(m.check(), null);
});

test("after objects stop outliving collections, cohorts come back", async () => {
  const m = await loadExamples({ cohortSize: 8 });
  // Drive the size down as above, with small cohorts.
  const keep = await jobsUntil(m, (size) => size === 1, 4);
  assert.equal(m.stats().cohortSize, 1);
  keep.length = 0;
  // Plain churn: everything dies young, so cohorts are tried and kept.
  await jobsUntil(m, (size) => size === 8, 0);
  assert.equal(m.stats().cohortSize, 8, "cohorts never came back");
});

test("cohorts whose members all die young keep their size, even when opened while a collection's callbacks wait", async () => {
  const m = await loadExamples({ cohortSize: 4 });
  const destroyed = m.exports.myclass_destructor_calls;
  // Each round: a full collection, then, before its callbacks can run, a
  // job of 64 objects (16 cohorts, the least judged at once) that die at
  // once; the next full collection collects them, in the same callbacks as
  // its canary. None of them outlived a collection, so none is pinned.
  const sizes = [];
  for (let round = 0; round < 20; round++) {
    globalThis.gc();
    (() => {
      for (let i = 0; i < 64; i++) new m.MyClass(i);
    })();
    await nextTask();
    globalThis.gc();
    await nextTask();
    sizes.push(m.stats().cohortSize);
  }
  assert.deepEqual(sizes, Array(20).fill(4), `cohort sizes after each round: ${sizes}`);
  await settle(destroyed);
  assert.equal(m.stats().live.MyClass, 0);
  assert.equal(m.check(), null);
});
