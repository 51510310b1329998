// Attack class 5: errors on the way out. A JS callback that throws, a
// destructor that traps or calls a throwing listener, an onReleaseError
// that throws, a JS stack overflow through JS <-> wasm recursion, traps
// caught inside a callback: whatever wasm returned is adopted or freed
// before the exception is rethrown, every release of a batch runs, the
// error reaches the call that caused it, and the depth counters and the
// stack pointer are back where they were.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil } from "./helpers.mjs";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());

test("a callback that throws: the string result's block is freed, every time", () => {
  const src = new m.EventSource("s");
  src.on(() => {
    throw new Error("listener failed");
  });
  assert.throws(() => src.transform("warm"), /listener failed/);
  const before = state(m);
  for (let i = 0; i < 1000; i++) assert.throws(() => src.transform("x"), /listener failed/);
  assert.deepEqual(state(m), before);
  src.dispose();
});

test("a callback that throws before an owned result: the result is adopted, then freed by the collector", async () => {
  const leaves = m.exports.attack_leaves_destroyed();
  const n = new m.Notifier((v) => {
    if (v >= 0) throw new Error("no");
  });
  await new Promise((resolve) => setTimeout(resolve)); // n in a cohort of its own: it must not pin the results
  (() => {
    for (let i = 0; i < 200; i++) assert.throws(() => n.call_then_make(i), /no/);
  })();
  assert.ok(await collectUntil(() => m.exports.attack_leaves_destroyed() === leaves + 200), "every result was freed");
  n.dispose();
  assert.equal(m.check(), null);
});

test("a destructor's listener that throws: dispose() gets the exception, the next call does not", () => {
  const before = state(m);
  const n = new m.Notifier(() => {
    throw new Error("from the destructor");
  });
  assert.throws(() => n.dispose(), /from the destructor/);
  const f = new m.Faulty(3);
  assert.equal(f.value(), 3, "an unrelated call is not hit by it");
  f.dispose();
  assert.deepEqual(state(m), before);
});

test("a trapping deferred destructor does not abandon the releases after it", () => {
  const count = m.exports.faulty_destroyed_count();
  const r = new m.Reentrant(1);
  const fs = [new m.Faulty(1), new m.Faulty(2), new m.Faulty(3)];
  fs[0].set_abort_on_destroy(true);
  assert.throws(() => r.call_back(() => fs.forEach((f) => f.dispose())), /abort|unreachable/i);
  assert.equal(m.exports.faulty_destroyed_count(), count + 3);
  assert.equal(m.stats().live.Faulty, 0);
  r.dispose();
  assert.equal(m.check(), null);
});

test("an onReleaseError that throws does not stop the rest of a collected cohort", async () => {
  const mm = await loadFaults({ onReleaseError: () => { throw new Error("reporter failed"); } });
  const errors = console.error;
  console.error = () => {};
  try {
    (() => {
      for (let i = 0; i < 50; i++) {
        const f = new mm.Faulty(i);
        if (i % 10 === 0) f.set_abort_on_destroy(true);
      }
    })();
    assert.ok(await collectUntil(() => mm.stats().live.Faulty === 0), `${mm.stats().live.Faulty} left`);
  } finally {
    console.error = errors;
  }
  assert.equal(mm.check(), null);
});

test("a JS stack overflow through JS <-> wasm recursion: later C++ releases still run their destructors", () => {
  const r = new m.Reentrant(1);
  const deeper = (self, depth) => self.call_nested(deeper, depth + 1);
  assert.throws(() => r.call_nested(deeper, 0), RangeError);
  const count = m.exports.reentrant_destroyed_count();
  const kept = new m.Reentrant(2);
  m.Reentrant.keep(kept);
  kept.dispose();
  m.Reentrant.release_kept();
  assert.equal(m.exports.reentrant_destroyed_count(), count + 1, "the destructor ran at once");
  r.dispose();
  assert.equal(m.check(), null);
});

test("traps caught inside a callback put the stack pointer back each time", () => {
  const before = state(m);
  const r = new m.Reentrant(1);
  const f = new m.Faulty(1);
  let caught = 0;
  r.call_back(() => {
    for (let i = 0; i < 20000; i++) {
      try {
        f.trap_deep(8);
      } catch {
        caught++;
      }
    }
    assert.equal(f.value(), 1, "calls still work inside the callback");
  });
  assert.equal(caught, 20000);
  r.dispose();
  f.dispose();
  assert.deepEqual(state(m), before);
});

test("a call made from a callback whose own callback throws throws to that callback, not to the outermost caller", () => {
  const before = state(m);
  const r = new m.Reentrant(1);
  let caught = null;
  r.call_back(() => {
    try {
      r.call_back(() => {
        throw new Error("inner");
      });
    } catch (e) {
      caught = e;
    }
  });
  assert.equal(caught?.message, "inner");
  assert.throws(
    () => r.call_back(() => r.call_back(() => { throw new Error("uncaught inner"); })),
    /uncaught inner/,
    "let through, it reaches the outermost caller",
  );
  r.dispose();
  assert.deepEqual(state(m), before);
});
