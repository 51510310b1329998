// A libc++ class (std::string, std::vector, printf) in the same module: its
// allocations come from the runtime's heap and go back when JS drops it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, createAndDrop, objectBytes } from "./helpers.mjs";

test("libc++ objects allocate from the runtime heap and give it all back", async () => {
  const m = await loadExamples();
  // The registry's own tables grow and shrink on their own schedule; what
  // the objects allocate is the heap beyond them.
  const warmup = Array.from({ length: 500 }, (_, i) => new m.Notebook(i));
  for (const n of warmup) n.dispose();
  const baseline = objectBytes(m);
  const destroyed = () => m.exports.notebook_destructor_calls() - 500;
  createAndDrop(500, (i) => {
    const n = new m.Notebook(i);
    assert.equal(n.add_notes(20), 20);
    assert.ok(n.total_length() > 20 * 6);
  });
  const grown = objectBytes(m);
  assert.ok(grown > baseline + 500 * 20 * 8, `heap grew by only ${grown - baseline} bytes`);
  assert.ok(await collectUntil(() => destroyed() === 500), `${destroyed()} of 500 destroyed`);
  assert.equal(objectBytes(m), baseline);
  assert.equal(m.stats().live.Notebook, 0);
  assert.equal(m.check(), null);
});

test("printf reaches the console through the WASI shim", async () => {
  const lines = [];
  const m = await loadExamples({ stdout: (line) => lines.push(line) });
  const n = new m.Notebook(7);
  n.add_notes(3);
  n.print_summary();
  assert.deepEqual(lines, [`Notebook 7 holds 3 notes, ${n.total_length()} bytes of text`]);
});

test("stats() breaks the heap down by size class", async () => {
  const m = await loadExamples();
  // The registry's tables keep their high-water mark: grow them first.
  for (const b of Array.from({ length: 100 }, () => new m.Buffer(1000))) b.dispose();
  const before = m.stats().heap;
  const buffers = Array.from({ length: 100 }, () => new m.Buffer(1000));
  const after = m.stats().heap;
  const sum = (heap) => heap.classes.reduce((n, c) => n + c.live, 0) + heap.large;
  assert.equal(sum(before), before.allocations);
  assert.equal(sum(after), after.allocations);
  // Each Buffer is a small header block and a 1000-byte block.
  const grew = after.classes.filter((c) => c.live - (before.classes.find((b) => b.size === c.size)?.live ?? 0) >= 100);
  assert.ok(grew.some((c) => c.size >= 1000 && c.size < 1300), JSON.stringify(after.classes));
  for (const b of buffers) b.dispose();
  assert.deepEqual(m.stats().heap.classes, before.classes);
});
