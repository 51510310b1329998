// Known failures found by the reliability work (docs/RELIABILITY.md, "Known
// failures", numbered alike). Not part of the suite — the name matches none
// of node --test's patterns — until they are fixed in js/, rust/ or the
// Makefile; each then moves into its reliability-*.test.mjs. Run them with
//   node --expose-gc --test tests/node/reliability-known-failures.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { collectUntil, createAndDrop } from "./helpers.mjs";
import { load } from "../../js/weakbind.mjs";
import { RUST_PANIC_WASM, loadFaults, loadFaultsSmall, moduleBytes, warmRegistry } from "./reliability-fixtures.mjs";

test("8. KNOWN FAILURE rust/build: a Rust panic in a cargo-built module loses its message", async () => {
  const m = await load(await moduleBytes(RUST_PANIC_WASM));
  const p = new m.Panicky(1);
  assert.throws(() => p.panic_plain(), { message: /Panicky gave up/ }); // fails: RuntimeError "unreachable"
});

test("10. KNOWN FAILURE rust: the runtime's panic handler drops formatted messages", async () => {
  // The C++ module's runtime (libweakbind.a) reports panics as
  // "Rust panic: (message with arguments) at …": an allocation failure in
  // the registry says neither "out of memory" nor how much (see the
  // registry-growth failure above for a module that shows it).
  const m = await loadFaultsSmall();
  const hog = new m.Hog(1);
  const keep = [];
  for (let i = 0; i < 255; i++) keep.push(new m.Faulty(i));
  for (const kib of [256, 64, 16, 4, 1]) while (hog.try_grow(kib));
  assert.throws(() => new m.Faulty(1), { message: /memory allocation of \d+ bytes failed/ }); // fails
});
