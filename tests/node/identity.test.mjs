// Identity of typed wrappers (js/identity.mjs): the wrapper that owns an
// object is found again through the registry and the cohort or scope that
// holds it, in later jobs too, with no weak reference of its own; a
// disposed or collected owner is never returned, and the arrays that hold
// owners keep no disposed wrapper alive.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, settle, createAndDrop } from "./helpers.mjs";

// Counts WeakRefs made while `fn` runs: the loader reads the global each
// time it makes one.
function weakRefsMadeBy(fn) {
  const Original = globalThis.WeakRef;
  let made = 0;
  globalThis.WeakRef = class extends Original {
    constructor(target) {
      super(target);
      made++;
    }
  };
  try {
    fn();
  } finally {
    globalThis.WeakRef = Original;
  }
  return made;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

const m = await loadExamples();
const destroyed = () => m.exports.scene_nodes_destroyed();

test("owned wrappers cost no WeakRef each: 10,000 made in one job make a few", () => {
  const nodes = [];
  const made = weakRefsMadeBy(() => {
    for (let i = 0; i < 10_000; i++) nodes.push(new m.Node(`n${i}`));
  });
  assert.ok(made <= 10_000 / 64, `${made} WeakRefs for 10,000 wrappers`);
  for (const n of nodes) assert.equal(n.self(), n);
  for (const n of nodes) n.dispose();
});

test("an owner is found again in later jobs, after the lookup cache is gone", async () => {
  const nodes = Array.from({ length: 600 }, (_, i) => new m.Node(`later${i}`));
  await nextTask();
  globalThis.gc();
  await nextTask();
  for (const n of nodes) assert.equal(n.self(), n);
  const root = nodes[0];
  for (const n of nodes.slice(1, 50)) assert.equal(root.or_self(n), n);
  for (const n of nodes) n.dispose();
});

test("a scoped owner is found in its scope, and a kept one after it", async () => {
  let kept;
  m.scope(() => {
    const a = new m.Node("scoped");
    assert.equal(a.self(), a);
    kept = m.keep(new m.Node("kept"));
    assert.equal(kept.self(), kept);
  });
  await nextTask();
  assert.equal(kept.self(), kept);
  assert.equal(kept.name(), "kept");
  kept.dispose();
});

test("a disposed owner is never returned: the same address gets a new wrapper", () => {
  const a = new m.Node("first");
  a.dispose();
  const b = new m.Node("second");
  const again = b.self();
  assert.equal(again, b);
  assert.notEqual(again, a);
  assert.equal(again.name(), "second");
  b.dispose();
});

test("disposed wrappers are collected while their cohort-mates live", async () => {
  const base = await settle(destroyed);
  const witness = new FinalizationRegistry(() => witnessed++);
  let witnessed = 0;
  const live = (() => {
    const nodes = Array.from({ length: 200 }, (_, i) => new m.Node(`c${i}`));
    for (const n of nodes.slice(0, 100)) {
      witness.register(n, 0);
      n.dispose();
    }
    return nodes.slice(100);
  })();
  assert.equal(destroyed(), base + 100);
  assert.ok(await collectUntil(() => witnessed === 100), `${witnessed} of 100 disposed wrappers collected`);
  for (const n of live) assert.equal(n.self(), n);
  for (const n of live) n.dispose();
});

test("collected owners are released, and their addresses' new objects get new wrappers", async () => {
  const base = await settle(destroyed);
  createAndDrop(5_000, (i) => new m.Node(`gone${i}`).self());
  assert.ok(await collectUntil(() => destroyed() >= base + 5_000, { module: m }), "every dropped node destroyed");
  const fresh = Array.from({ length: 100 }, (_, i) => new m.Node(`fresh${i}`));
  for (const [i, n] of fresh.entries()) {
    assert.equal(n.self(), n);
    assert.equal(n.self().name(), `fresh${i}`);
  }
  for (const n of fresh) n.dispose();
  assert.equal(m.check(), null);
});
