// Attack class 7: memory pinned by cohorts. Wrappers made in one job
// share one collector registration, so a survivor keeps its cohort-mates'
// memory. A cohort closes once the heap grew by `cohortBytes` since it
// opened, so keeping a few big objects out of many pins little else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil } from "./helpers.mjs";
import { loadFaults } from "./reliability-fixtures.mjs";

const MIB = 1 << 20;

async function keepSomeBigOnes(options) {
  const m = await loadFaults(options);
  const kept = [];
  (() => {
    for (let i = 0; i < 120; i++) {
      const b = new m.Buffer(MIB);
      if (i % 20 === 0) kept.push(b);
    }
  })();
  const live = () => m.stats().live.Buffer;
  await collectUntil(() => live() <= 2 * kept.length, { rounds: 60 });
  const result = { live: live(), kept: kept.length, inUse: m.stats().heap.inUse };
  for (const b of kept) b.dispose();
  return result;
}

test("keeping 6 of 120 one-MiB objects made in one job pins no more than their cohort budget", async () => {
  const { live, kept, inUse } = await keepSomeBigOnes({});
  assert.ok(live <= 2 * kept, `${live} buffers still live for ${kept} kept`);
  assert.ok(inUse <= 2 * kept * MIB + MIB, `${inUse} bytes in use`);
});

test("without a byte budget the same survivors pin their whole cohorts (what the budget prevents)", async () => {
  const { live, kept } = await keepSomeBigOnes({ cohortBytes: 2 ** 40 });
  assert.ok(live > 4 * kept, `${live} buffers live for ${kept} kept`);
});

test("cohortBytes must be a non-negative integer", async () => {
  await assert.rejects(loadFaults({ cohortBytes: -1 }), /cohortBytes must be a non-negative integer/);
});
