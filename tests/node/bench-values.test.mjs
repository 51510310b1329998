// `make bench-typed`'s workloads compute what they claim: each raw and
// weakbind step (bench/lib/value-workloads.mjs) over the bench's own
// modules gives the workload's expected result, so a figure in
// bench/results/typed.json is never the cost of a wrong answer. The embind
// peers are checked by `make bench-typed-check`, which needs emscripten.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPeer } from "../../bench/lib/value-peers.mjs";
import { VALUE_WORKLOADS, checkedStep } from "../../bench/lib/value-workloads.mjs";

for (const peer of ["raw", "weakbind"]) {
  for (const [name, w] of Object.entries(VALUE_WORKLOADS)) {
    if (!w[peer]) continue;
    test(`bench-typed ${name}, ${peer}: the expected result, every call`, async () => {
      const { step, check } = checkedStep(peer, name, await loadPeer(peer, w.module));
      for (let i = 0; i < 3; i++) check(step(), `call ${i}`);
    });
  }
}

test("bench-typed: a wrong result is refused, naming peer and workload", async () => {
  const w = VALUE_WORKLOADS.value_struct;
  const lib = await loadPeer("weakbind", w.module);
  const { check } = checkedStep("weakbind", "value_struct", lib);
  assert.throws(() => check(lib.turn({ x: 4, y: 1.5, z: -2 }), "once"), /weakbind value_struct: wrong result once/);
});
