// Shared by the node tests: the example module, and a bounded wait for the
// collector that checks a wasm-side count instead of sleeping and hoping.
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

export const EXAMPLES_WASM = new URL("../../build/examples/examples.wasm", import.meta.url);

export async function loadExamples(options = {}) {
  return load(await readFile(EXAMPLES_WASM), { stdout: () => {}, ...options });
}

if (typeof globalThis.gc !== "function") {
  throw new Error("run the node tests with --expose-gc");
}

const nextTask = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

// Collects and lets finalizers (or sweep ticks) run until `done()` holds or
// the rounds run out. Returns whether it held; the caller asserts on the
// counts themselves. Each collection starts in a task of its own: a WeakRef
// created or dereferenced in the current task keeps its target alive until
// the task ends (KeepDuringJob), so collecting right after a sweep would
// find nothing.
export async function collectUntil(done, { rounds = 200, module } = {}) {
  for (let i = 0; i < rounds; i++) {
    if (done()) return true;
    await nextTask();
    globalThis.gc();
    await nextTask(i < 20 ? 0 : 10);
    module?.flush();
  }
  return done();
}

// Collects until `count()` stops changing (earlier tests' garbage is gone),
// and returns it: the baseline for a test that counts destructor calls.
export async function settle(count, { quietRounds = 3, rounds = 100 } = {}) {
  let last = count();
  let quiet = 0;
  for (let i = 0; i < rounds && quiet < quietRounds; i++) {
    await nextTask();
    globalThis.gc();
    await nextTask();
    const now = count();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

// Creates wrappers in a function frame of its own, so nothing on the
// caller's stack keeps them alive.
export function createAndDrop(count, make) {
  for (let i = 0; i < count; i++) make(i);
}

// Heap bytes in use beyond the registry's own tables, which grow and shrink
// on their own schedule (a chunk of entries, a bitmap for a new region of
// addresses): what objects hold.
export function objectBytes(m) {
  const { inUse, registryBytes } = m.stats().heap;
  return inUse - registryBytes;
}
