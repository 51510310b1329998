// Shared by the reliability tests (tests/node/reliability-*.test.mjs): the
// fault fixture modules (tests/fixtures/faults.cpp, built by `make
// fixtures`), a snapshot of everything a fault must leave as it was, and a
// small wasm module builder for loader inputs the compiler never makes.
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { uleb } from "./wasm-builder.mjs";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { collectUntil, settle } from "./helpers.mjs";

export const FAULTS_WASM = new URL("../../build/fixtures/faults.wasm", import.meta.url);
// The same module with its memory capped at 4 MiB (FAULTS_SMALL_MAX in
// mk/reliability.mk), for out-of-memory tests.
export const FAULTS_SMALL_WASM = new URL("../../build/fixtures/faults-small.wasm", import.meta.url);
export const FAULTS_SMALL_MAX = 4 * 1024 * 1024;
// A Rust class that panics (tests/fixtures/rust-panic), and the mixed
// Rust/C++ example (examples/mixed, mk/mixed.mk).
export const RUST_PANIC_WASM = new URL("../../build/fixtures/rust-panic.wasm", import.meta.url);
export const MIXED_WASM = new URL("../../build/mixed/mixed.wasm", import.meta.url);

const bytes = new Map();
export async function moduleBytes(url) {
  // A plain Uint8Array (a node Buffer's slice() would share memory).
  if (!bytes.has(url.href)) bytes.set(url.href, new Uint8Array(await readFile(url)));
  return bytes.get(url.href);
}
async function instance(url, options) {
  return load(await moduleBytes(url), { stdout: () => {}, ...options });
}

export const loadFaults = (options = {}) => instance(FAULTS_WASM, options);
export const loadFaultsSmall = (options = {}) => instance(FAULTS_SMALL_WASM, options);

// The registry's tables grow with the most objects alive at once (and
// shrink back only past a floor of thousands), so the first time a module
// holds more objects than before, the heap grows by their growth. Holding
// `n` objects once up front keeps that out of the figures tests compare
// (below `n` live objects).
export function warmRegistry(m, n = 256) {
  const objects = [];
  for (let i = 0; i < n; i++) objects.push(new m.MyClass(i));
  for (const o of objects) o.dispose();
  return m;
}

// Everything a fault must leave exact: the self-check's verdict (registry,
// heap and JS-value table invariants), live objects by class, heap bytes
// and blocks in use beyond the registry's own tables, JS values held by
// wasm, and the shadow stack pointer.
export function state(m) {
  const s = m.stats();
  return {
    check: m.check(),
    live: s.live,
    heapInUse: s.heap.inUse - s.heap.registryBytes,
    heapAllocations: s.heap.allocations - s.heap.registryBlocks,
    jsValues: s.jsValues,
    stackPointer: m.exports.__stack_pointer?.value,
  };
}

// `state(m)` once the collector freed what earlier tests dropped (it stops
// changing), for a test that drops objects of its own.
export async function settledState(m) {
  await settle(() => {
    m.flush();
    return JSON.stringify(state(m));
  });
  return state(m);
}

// Collects until `state(m)` is `before` again, then asserts it is.
export async function collectedBack(m, before) {
  await collectUntil(() => isDeepStrictEqual(state(m), before), { module: m });
  assert.deepEqual(state(m), before);
}

// `state(m)` with the heap figures moved by `bytes` and `blocks`.
export function shifted(before, { bytes = 0, blocks = 0 } = {}) {
  return { ...before, heapInUse: before.heapInUse + bytes, heapAllocations: before.heapAllocations + blocks };
}

// ---- wasm modules by hand -----------------------------------------------------

const encoder = new TextEncoder();
function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}
const vec = (items) => [...uleb(items.length), ...items.flat()];
const name = (s) => vec([...encoder.encode(s)]);
const section = (id, body) => [id, ...uleb(body.length), ...body];

/**
 * A module with function imports, any-kind imports, exported functions
 * returning an i32 constant, and optionally an exported table:
 *   imports: [{ module, name, kind: "function" | "memory" | "table" | "global" }]
 *   functions: [{ name, params, result }]   (params: number of i32s)
 */
export function wasmModule({ imports = [], functions = [], table = false } = {}) {
  const fnImports = imports.filter((i) => (i.kind ?? "function") === "function");
  const types = [[0x60, 0, 0], ...functions.map((f) => [0x60, ...vec(Array(f.params ?? 0).fill(0x7f)), 1, 0x7f])];
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  out.push(...section(1, vec(types)));
  const importEntries = imports.map((i) => {
    const head = [...name(i.module), ...name(i.name)];
    switch (i.kind ?? "function") {
      case "function":
        return [...head, 0x00, 0x00];
      case "memory":
        return [...head, 0x02, 0x00, 0x01];
      case "table":
        return [...head, 0x01, 0x70, 0x00, 0x01];
      case "global":
        return [...head, 0x03, 0x7f, 0x00];
      default:
        throw new Error(`wasmModule: unknown import kind ${i.kind}`);
    }
  });
  if (importEntries.length > 0) out.push(...section(2, vec(importEntries)));
  if (functions.length > 0) out.push(...section(3, vec(functions.map((_, i) => uleb(i + 1)))));
  if (table) out.push(...section(4, vec([[0x70, 0x00, 0x01]])));
  const exported = functions.map((f, i) => [...name(f.name), 0x00, ...uleb(fnImports.length + i)]);
  if (table) exported.push([...name("__indirect_function_table"), 0x01, 0x00]);
  if (exported.length > 0) out.push(...section(7, vec(exported)));
  if (functions.length > 0) {
    const bodies = functions.map((f) => {
      const body = [0x00, 0x41, ...sleb(f.result ?? 0), 0x0b]; // no locals; i32.const; end
      return [...uleb(body.length), ...body];
    });
    out.push(...section(10, vec(bodies)));
  }
  return new Uint8Array(out);
}

// A copy of module `bytes` whose (one, own) memory cannot grow past
// `maxPages` pages of 64 KiB: what `-Wl,--max-memory` does at link time,
// for modules built without it (cargo's).
export function withMemoryMaximum(bytes, maxPages) {
  const parts = [bytes.subarray(0, 8)];
  const offsets = sectionOffsets(bytes);
  let patched = false;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const [start, end] = [offsets[i], offsets[i + 1]];
    if (bytes[start] !== 5) {
      parts.push(bytes.subarray(start, end));
      continue;
    }
    let at = start + 1;
    while (bytes[at++] & 0x80); // the section size
    if (bytes[at] !== 1 || bytes[at + 1] !== 0) throw new Error("withMemoryMaximum: expected one memory without a maximum");
    at += 2;
    let min = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      min |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    const body = [1, 0x01, ...uleb(min), ...uleb(maxPages)];
    parts.push(new Uint8Array(section(5, body)));
    patched = true;
  }
  if (!patched) throw new Error("withMemoryMaximum: the module defines no memory");
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Offsets where each top-level section of a wasm module starts, and the end.
export function sectionOffsets(bytes) {
  const offsets = [];
  let at = 8;
  while (at < bytes.length) {
    offsets.push(at);
    at++; // id
    let size = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      size |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    at += size;
  }
  offsets.push(bytes.length);
  return offsets;
}
