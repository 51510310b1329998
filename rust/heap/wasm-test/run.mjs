// The heap inside wasm, from node: `make test-heap-wasm` (CHECKED=1 for the
// checked build). node rust/heap/wasm-test/run.mjs path/to/heap-test.wasm
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const module = new WebAssembly.Module(readFileSync(process.argv[2]));

/** A fresh instance; the `weakbind.abort` import throws like the loader. */
function instance() {
  let memory;
  const abort = (ptr, len) => {
    throw new Error(Buffer.from(new Uint8Array(memory.buffer, ptr, len)).toString());
  };
  const e = new WebAssembly.Instance(module, { weakbind: { abort } }).exports;
  memory = e.memory;
  return e;
}

test("random operations against a model, invariants every 1000", () => {
  const e = instance();
  for (let seed = 1; seed <= 4; ++seed) assert.equal(e.random_ops(seed, 50_000), 0, `seed ${seed}`);
  assert.equal(e.heap_allocations(), 0);
});

test("C API: alignment, zero sizes, calloc overflow, usable size", () => {
  const e = instance();
  const a = e.malloc(0), b = e.malloc(0);
  assert.ok(a && b && a !== b);
  assert.equal(e.calloc(0x10000, 0x10001), 0, "calloc overflow");
  for (const align of [16, 64, 4096, 65536]) {
    const p = e.aligned_alloc(align, 100);
    assert.equal(p % align, 0);
    assert.ok(e.malloc_usable_size(p) >= 100);
    e.free(p);
  }
  assert.equal(e.aligned_alloc(1 << 17, 8), 0, "alignment beyond 64 KiB");
  const out = e.malloc(8);
  assert.equal(e.posix_memalign(out, 256, 1000), 0);
  assert.equal(new Uint32Array(e.memory.buffer, out, 1)[0] % 256, 0);
  assert.equal(e.posix_memalign(out, 24, 8), 28, "EINVAL");
  e.free(0);
  for (const p of [a, b, out]) e.free(p);
  assert.equal(e.heap_check(), 0);
});

test("realloc keeps contents and grows a large block in place", () => {
  const e = instance();
  let p = e.malloc(100);
  new Uint8Array(e.memory.buffer, p, 100).fill(7);
  p = e.realloc(p, 200_000);
  assert.ok(new Uint8Array(e.memory.buffer, p, 100).every((x) => x === 7));
  const q = e.realloc(p, 4_000_000);
  assert.equal(q, p, "the block at the top grows in place");
  assert.ok(new Uint8Array(e.memory.buffer, q, 100).every((x) => x === 7));
  e.free(q);
  assert.equal(e.heap_check(), 0);
});

test("operator new and delete, every form", () => {
  const e = instance();
  for (const [n, d] of [["_Znwm", "_ZdlPv"], ["_Znam", "_ZdaPv"]]) e[d](e[n](24));
  e._ZdlPvm(e._Znwm(40), 40);
  e._ZdaPvm(e._Znam(40), 40);
  for (const [n, d] of [["_ZnwmSt11align_val_t", "_ZdlPvSt11align_val_t"], ["_ZnamSt11align_val_t", "_ZdaPvSt11align_val_t"]]) {
    const p = e[n](100, 256);
    assert.equal(p % 256, 0);
    e[d](p, 256);
  }
  e._ZdlPvmSt11align_val_t(e._ZnwmSt11align_val_t(10, 64), 10, 64);
  e._ZdaPvmSt11align_val_t(e._ZnamSt11align_val_t(10, 64), 10, 64);
  e._ZdlPvRKSt9nothrow_t(e._ZnwmRKSt9nothrow_t(8, 0), 0);
  e._ZdaPvRKSt9nothrow_t(e._ZnamRKSt9nothrow_t(8, 0), 0);
  e._ZdlPvSt11align_val_tRKSt9nothrow_t(e._ZnwmSt11align_val_tRKSt9nothrow_t(8, 32, 0), 32, 0);
  e._ZdaPvSt11align_val_tRKSt9nothrow_t(e._ZnamSt11align_val_tRKSt9nothrow_t(8, 32, 0), 32, 0);
  assert.equal(e.heap_allocations(), 0);
  assert.equal(e.heap_check(), 0);
});

test("200,000 × 1 KB grow memory in large steps", () => {
  const e = instance();
  const t0 = performance.now();
  assert.equal(e.fill(200_000, 1000), 200_000);
  const ms = performance.now() - t0;
  const bytes = e.memory.buffer.byteLength;
  assert.ok(bytes < 200_000 * 1024 * 1.2, `memory ${bytes}`);
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  assert.equal(e.heap_check(), 0);
});

test("out of memory: malloc returns NULL, operator new throws, the heap recovers", () => {
  const e = instance(); // maximum 256 MiB
  const blocks = [];
  for (;;) {
    const p = e.malloc(1 << 20);
    if (!p) break;
    blocks.push(p);
  }
  assert.ok(blocks.length > 200, `${blocks.length} MiB`);
  assert.equal(e.malloc(1 << 20), 0);
  assert.throws(() => e._Znwm(1 << 20), /^Error: out of memory: operator new\(1048576\)$/);
  assert.throws(() => e._ZnamSt11align_val_t(5 << 20, 64), /^Error: out of memory: operator new\[\]\(5242880, align 64\)$/);
  assert.equal(e._ZnwmRKSt9nothrow_t(1 << 20, 0), 0, "nothrow new returns NULL");
  assert.equal(e.heap_check(), 0);
  for (const p of blocks.splice(0, 10)) e.free(p);
  assert.ok(e._Znwm(1 << 20), "fits again after frees");
  assert.ok(e.malloc(100));
  assert.equal(e.heap_check(), 0);
});

test("checked mode reports misuse with kind and address", (t) => {
  const e = instance();
  if (!e.checked_mode()) return t.skip("build with CHECKED=1");
  const p = e.malloc(32);
  e.free(p);
  const hex = "0x" + p.toString(16).padStart(8, "0");
  assert.throws(() => e.free(p), new RegExp(`^Error: heap corruption: double free of ${hex}$`));
  const q = e.malloc(64);
  assert.throws(() => e.free(q + 4), /^Error: heap corruption: free of foreign pointer 0x/);
});
