// The randomized differential test of the JS API (tests/fuzz):
// 100,000 operations from fixed seeds — create, call, dispose, drop,
// collect, C++ retain and release, scopes, callbacks that re-enter and
// dispose, and the attacks not gated in tests/fuzz/known-unsafe.mjs —
// across convention, typed and Rust classes in three modules, each step
// checked against the model (destructor counts inside wasm, live counts,
// m.check()), the heap back at its baseline at every checkpoint. `make
// fuzz-js` runs ten million. Also: the harness fails when the model is
// wrong or the loader is broken.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runFuzz, replay, formatOp } from "../fuzz/runner.mjs";
import { CLASSES } from "../fuzz/classes.mjs";

// [seed, configuration, operations]: 100,000 in all.
const RUNS = [
  [1, "exact", 30000],
  [2, "cohorts", 25000],
  [3, "sweep", 25000],
  [4, "exact", 20000],
];

for (const [seed, config, ops] of RUNS) {
  test(`fuzz-js: ${ops} operations from seed ${seed} (${config})`, async () => {
    const { ops: ran, failure } = await runFuzz({ seed, ops, config });
    if (failure) {
      const last = failure.trace.slice(-25).map(formatOp).join("\n  ");
      assert.fail(`seed ${seed}, ${config}, step ${failure.step}: ${failure.error}\nreproduce: node --expose-gc tests/fuzz/run.mjs --seed ${seed} --ops ${failure.step + 1} --config ${config}\nthe last operations:\n  ${last}`);
    }
    assert.equal(ran, ops);
  });
}

const SOME = [
  { k: "new", cls: "Probe", args: [5], id: 1 },
  { k: "call", id: 1, name: "add", args: [2] },
  { k: "new", cls: "Cell", args: [7], id: 2 },
  { k: "call", id: 2, name: "add", args: [1] },
  { k: "dispose", id: 2 },
  { k: "new", cls: "Cell", args: [8], id: 3 },
  { k: "drop", id: 3 },
  { k: "collect" },
];

test("the harness passes the hand-written sequence it is tested with", async () => {
  assert.equal(await replay(SOME, "exact"), null);
});

test("the harness fails on a wrong expectation of the model", async () => {
  const add = CLASSES.Probe.methods.add;
  const right = add.run;
  add.run = (x, r, args) => right(x, { ...r, v: { v: r.v.v + 1 } }, args); // off by one
  try {
    assert.match(await replay(SOME, "exact"), /Probe\.add: got 7, expected 8/);
  } finally {
    add.run = right;
  }
});

test("the harness fails on a broken loader: a dispose that frees nothing, a method run after its object was freed", async () => {
  const leaky = (worlds) => (worlds.faults.m.Cell.prototype.dispose = () => {});
  assert.match(await replay(SOME, "exact", { tamper: leaky }), /cell destructors ran, the model allows/);
  const late = (worlds) => {
    const { Probe } = worlds.faults.m;
    const add = Probe.prototype.add;
    Probe.prototype.add = function (a) {
      return add.call(this, { valueOf: () => (this.dispose(), a) });
    };
  };
  assert.match(await replay(SOME, "exact", { tamper: late }), /Probe\.add: got -2125315823, expected 7|disposed/);
});
