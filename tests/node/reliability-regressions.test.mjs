// Faults that must stay fixed (docs/RELIABILITY.md, "Regressions held by
// tests", numbered alike).
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil, createAndDrop } from "./helpers.mjs";
import { load } from "../../js/weakbind.mjs";
import { RUST_PANIC_WASM, loadFaults, loadFaultsSmall, moduleBytes, warmRegistry } from "./reliability-fixtures.mjs";

test("a destructor trapping under dispose() leaves the shadow stack pointer where it was", async () => {
  const m = warmRegistry(await loadFaults());
  const top = m.exports.__stack_pointer.value;
  const f = new m.Faulty(3);
  f.set_abort_on_destroy(true);
  assert.throws(() => f.dispose(), { name: "WeakbindError", message: "abort() called" });
  assert.equal(m.exports.__stack_pointer.value, top);
});

test("a destructor trapping in a late release (finalizer) leaves the shadow stack pointer where it was", async () => {
  const errors = [];
  const m = await loadFaults({ onReleaseError: (e) => errors.push(e) });
  const top = m.exports.__stack_pointer.value;
  createAndDrop(10, () => new m.Faulty(1).set_abort_on_destroy(true));
  assert.ok(await collectUntil(() => errors.length === 10, { module: m }));
  assert.equal(m.exports.__stack_pointer.value, top);0
});

test("dispose works when the heap is full; the registry stays consistent", async () => {
  const m = await loadFaultsSmall();
  const buffers = [];
  for (const size of [65536, 4096, 256, 16, 1]) {
    for (;;) {
      try {
        buffers.push(new m.Buffer(size)); // malloc; NULL (an error here) when full
      } catch {
        break;
      }
    }
  }
  // Every dispose now fails: "Rust panic: (message with arguments) at …/alloc.rs:553"
  // — the registry's free-slot list grows before the destructor frees anything.
  // Each constructor the registry refused was destroyed at once, not leaked.
  const refused = m.exports.buffer_destructor_calls();
  buffers[0].dispose();
  assert.equal(m.exports.buffer_destructor_calls(), refused + 1);
  assert.equal(m.check(), null);
});

test("the self-check allocates nothing, so it runs when the heap is full", async () => {
  const m = await loadFaultsSmall();
  for (const size of [65536, 4096, 256, 16, 1]) {
    for (;;) {
      try {
        new m.Buffer(size);
      } catch {
        break;
      }
    }
  }
  assert.equal(m.check(), null); // throws: Rust panic … (vec![0; classes] in Registry::check)
});

test("a registry that cannot grow says out of memory and frees the refused object", async () => {
  const m = await loadFaultsSmall();
  const hog = new m.Hog(1);
  const keep = [];
  for (let i = 0; i < 255; i++) keep.push(new m.Faulty(i)); // 256 entries: the registry's table is full
  for (const kib of [256, 64, 16, 4, 1]) while (hog.try_grow(kib)); // and so is the heap, to the last KiB
  const before = m.stats().heap.allocations;
  // fails: "Rust panic: (message with arguments) at …/alloc.rs:553" — the
  // constructor ran, then weakbind_adopt could not grow the registry
  assert.throws(() => new m.Faulty(1), { message: /out of memory/ });
  assert.equal(m.stats().heap.allocations, before); // fails: +1, the constructed object is lost
});

test("a shadow-stack overflow traps instead of overwriting static data (--stack-first)", async () => {
  const m = await loadFaults();
  const keep = Array.from({ length: 10 }, (_, i) => new m.Faulty(i));
  // ~300 frames of ~256 bytes run past the 64 KiB stack into .data/.bss,
  // where the registry and heap keep their state. Expected: a trap.
  assert.throws(() => keep[0].recurse(300), { name: "RuntimeError" }); // fails: returns 300
  assert.equal(m.check(), null); // afterwards: "registry: a class's live count is wrong", or a hang
});

test("a callback releasing the last C++ owner: the object is destroyed only after its running method returns", async () => {
  const m = warmRegistry(await loadFaults());
  const destroyed = () => m.exports.reentrant_destroyed_count();
  const r = new m.Reentrant(7);
  m.Reentrant.keep(r);
  r.dispose(); // C++ is the only owner now
  let during;
  const seen = m.Reentrant.call_kept(() => {
    m.Reentrant.release_kept(); // the last owner lets go while call_back runs
    during = destroyed();
  });
  assert.equal(during, 0, "the destructor ran while the method was on the stack");
  assert.equal(seen, 0xa11ce, "the method read its freed object");
  assert.equal(destroyed(), 1, "the deferred destructor ran once the call returned");
  assert.equal(m.check(), null);
});

test("10,000 Rust panics leave a cargo-built module usable (its stack pointer is exported and restored)", async () => {
  const m = await load(await moduleBytes(RUST_PANIC_WASM));
  const p = new m.Panicky(1);
  for (let i = 0; i < 10_000; i++) assert.throws(() => p.panic_formatted("why"), { name: "WeakbindError", message: /gave up: why$/ });
  new m.Panicky(2).dispose();
});

test("a Rust panic in a cargo-built module reaches JS with its message", async () => {
  const m = await load(await moduleBytes(RUST_PANIC_WASM));
  const p = new m.Panicky(1);
  assert.throws(() => p.panic_plain(), { message: /Panicky gave up/ });
});
