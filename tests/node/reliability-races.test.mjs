// Finalizer races: a release that arrives late — after dispose(),
// after the object's address was reused by a new object, after C++ took
// the object over or handed it back to JS in a new wrapper — must never
// destroy anything twice or destroy the wrong object. Destructor calls are
// counted inside wasm; each new object checks its own fields.
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil, settle } from "./helpers.mjs";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const ALIVE = 0xa11ce;
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Waits until the collector has reclaimed every wrapper registered with
// `witness` (so the loader's own finalizers, queued by the same collection,
// have had their turn too), then a few tasks more.
async function witnessed(witness, n, m) {
  assert.ok(await collectUntil(() => witness.count === n, { module: m }), `only ${witness.count} of ${n} wrappers were collected`);
  for (let i = 0; i < 5; i++) {
    await nextTask();
    m.flush();
  }
}
function makeWitness() {
  const w = { count: 0 };
  w.registry = new FinalizationRegistry(() => w.count++);
  return w;
}

// A fixture module with a warm registry, and what each race test compares
// against: destructor calls so far, the module's state, a fresh witness.
async function race(release, { interval = 5, warm } = {}) {
  const m = warmRegistry(await loadFaults({ release, sweep: { interval } }), warm);
  const destroyed = () => m.exports.faulty_destroyed_count();
  const count = await settle(destroyed);
  return { m, destroyed, count, base: state(m), witness: makeWitness() };
}

for (const release of ["finalization", "sweep"]) {
  for (const n of [1, 5000]) {
    test(`${release}: ${n} disposed, their addresses reused by new objects, then collected: no late release frees a new object`, async () => {
      const { m, destroyed, count, base, witness } = await race(release, { warm: 2 * n + 64 });
      const oldAddresses = (() => {
        const old = Array.from({ length: n }, (_, i) => new m.Faulty(i));
        const addresses = old.map((f) => f.address());
        for (const f of old) {
          witness.registry.register(f, 0);
          f.dispose();
        }
        return new Set(addresses);
      })();
      assert.equal(destroyed(), count + n);
      // New objects land on the freed addresses (and registry slots).
      const fresh = Array.from({ length: n }, (_, i) => new m.Faulty(1000 + i));
      const reused = fresh.filter((f) => oldAddresses.has(f.address())).length;
      assert.ok(reused > 0, "no freed address was reused: the race was not set up");
      if (n === 1) assert.equal(reused, 1);

      await witnessed(witness, n, m);
      assert.equal(destroyed(), count + n, "a late release destroyed a new object");
      fresh.forEach((f, i) => {
        assert.equal(f.value(), 1000 + i);
        assert.equal(f.magic(), ALIVE);
      });
      assert.equal(m.stats().live.Faulty, base.live.Faulty + n);
      for (const f of fresh) f.dispose();
      assert.equal(destroyed(), count + 2 * n);
      assert.deepEqual(state(m), base);
    });
  }

  test(`${release}: collected while C++ retains it: the late release keeps it; C++'s release destroys it, once`, async () => {
    const { m, destroyed, count, base, witness } = await race(release);
    (() => {
      const f = new m.Faulty(3);
      witness.registry.register(f, 0);
      assert.equal(m.Keeper.hold(f), 1);
    })();
    await witnessed(witness, 1, m);
    assert.equal(destroyed(), count, "collecting the wrapper destroyed an object C++ retains");
    assert.equal(m.stats().live.Faulty, base.live.Faulty + 1);
    assert.equal(m.Keeper.release(1), 0);
    assert.equal(destroyed(), count + 1);
    assert.deepEqual(state(m), base);
  });

  test(`${release}: re-wrapped while the old wrapper's release is pending: the stale release is ignored`, async () => {
    const { m, destroyed, count, base, witness } = await race(release, { interval: 1e6 });
    (() => {
      const f = new m.Faulty(4);
      witness.registry.register(f, 0);
      m.Keeper.hold(f);
    })();
    await nextTask(); // the first wrapper's WeakRefs are no longer kept for this task
    // Collect, and re-wrap in the same task: the old wrapper is gone but
    // its release (finalizer or sweep) has not run yet.
    globalThis.gc();
    const again = m.Keeper.peek();
    assert.equal(again.value(), 4);
    assert.equal(witness.count, 0, "the old wrapper's finalizers ran already; the race was not set up");
    await witnessed(witness, 1, m);
    assert.equal(destroyed(), count, "the old wrapper's late release ended the new wrapper's ownership");
    assert.equal(again.magic(), ALIVE);
    m.Keeper.release(1); // C++ lets go; the new wrapper still owns it
    assert.equal(destroyed(), count);
    assert.equal(again.value(), 4);
    again.dispose();
    assert.equal(destroyed(), count + 1);
    assert.deepEqual(state(m), base);
  });

  test(`${release}: disposed while C++ retains it, then collected, then released by C++: destroyed once`, async () => {
    const { m, destroyed, count, base, witness } = await race(release);
    (() => {
      const f = new m.Faulty(5);
      witness.registry.register(f, 0);
      m.Keeper.hold(f);
      f.dispose(); // JS lets go first; C++ still owns it
      assert.equal(destroyed(), count);
    })();
    await witnessed(witness, 1, m);
    assert.equal(destroyed(), count);
    m.Keeper.release(1);
    assert.equal(destroyed(), count + 1);
    assert.deepEqual(state(m), base);
  });
}

test("dispose, collection and C++ releases interleaved over 20,000 objects: every destructor exactly once", async () => {
  const m = warmRegistry(await loadFaults(), 25_000);
  const destroyed = () => m.exports.faulty_destroyed_count();
  const count = await settle(destroyed);
  const base = state(m);
  const N = 20_000;
  for (let round = 0; round < 4; round++) {
    (() => {
      for (let i = 0; i < N / 4; i++) {
        const f = new m.Faulty(i);
        if (i % 3 === 0) m.Keeper.hold(f);
        if (i % 5 === 0) f.dispose();
      }
    })();
    await nextTask();
    m.Keeper.release(N); // some wrappers alive, some collected, some disposed
  }
  assert.ok(await collectUntil(() => destroyed() === count + N, { module: m }), `${destroyed() - count} of ${N} destroyed`);
  await collectUntil(() => false, { rounds: 5 }); // any stray late release would show now
  assert.equal(destroyed(), count + N);
  assert.deepEqual(state(m), base);
});
