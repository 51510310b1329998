// load(): every kind of source, and bad input with messages that say what
// was wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { EXAMPLES_WASM } from "./helpers.mjs";

const quiet = { stdout: () => {} };

test("load accepts bytes, a Response, a Promise of a Response, a URL and a Module", async () => {
  const bytes = await readFile(EXAMPLES_WASM);
  const response = () => new Response(bytes, { headers: { "Content-Type": "application/wasm" } });
  const sources = [
    bytes,
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    response(),
    Promise.resolve(response()),
    EXAMPLES_WASM,
    await WebAssembly.compile(bytes),
  ];
  for (const source of sources) {
    const m = await load(source, quiet);
    assert.equal(new m.MyClass(4).my_method(), 8);
  }
});

test("load rejects input that is not wasm, saying so", async () => {
  await assert.rejects(load(new TextEncoder().encode("<!doctype html><p>not found</p>")), {
    name: "WeakbindError",
    message: /not a WebAssembly module \(31 bytes, starting 3c 21 64 6f/,
  });
  await assert.rejects(load(new Uint8Array(0)), { message: /not a WebAssembly module \(0 bytes/ });
  await assert.rejects(load(42), { message: /expected wasm bytes, a Response, a URL or a WebAssembly.Module, got number/ });
});

test("a truncated module is reported as malformed", async () => {
  const bytes = await readFile(EXAMPLES_WASM);
  await assert.rejects(load(bytes.subarray(0, 100)), { message: /the WebAssembly module is malformed/ });
});

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const PLAIN_MODULE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127, 3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7,
  0, 32, 0, 32, 1, 106, 11,
]);

test("a module without convention exports loads with no classes", async () => {
  const m = await load(PLAIN_MODULE);
  assert.equal(m.exports.add(2, 3), 5);
  assert.deepEqual(m.stats().live, {});
});

// (module (import "env" "mystery" (func)))
const ODD_IMPORT = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 15, 1, 3, 101, 110, 118, 7, 109, 121, 115, 116, 101, 114, 121, 0, 0,
]);

test("a module importing something the loader lacks is refused by name", async () => {
  await assert.rejects(load(ODD_IMPORT), {
    message: "load: the module imports env.mystery (function), which the weakbind loader does not provide",
  });
});

test("a constructor returning NULL throws and registers nothing", async () => {
  const m = await loadExamplesQuiet();
  const before = m.stats();
  assert.throws(() => new m.Buffer(0xfff00000), {
    name: "WeakbindError",
    message: "new Buffer(): the constructor returned NULL (out of memory?)",
  });
  const after = m.stats();
  assert.equal(after.live.Buffer, 0);
  assert.equal(after.heap.inUse, before.heap.inUse);
  assert.equal(m.check(), null);
  const small = new m.Buffer(16); // the heap still serves requests that fit
  assert.equal(small.byte_at(15), 0xab);
});

async function loadExamplesQuiet() {
  return load(await readFile(EXAMPLES_WASM), quiet);
}

test("load() takes the release strategy as `strategy` (and `release`, its old name), and refuses others", async () => {
  const bytes = await readFile(new URL("../../build/examples/examples.wasm", import.meta.url));
  for (const options of [{ strategy: "sweep" }, { release: "sweep" }]) assert.equal((await load(bytes, options)).stats().strategy, "sweep");
  assert.equal((await load(bytes, { strategy: "finalization" })).stats().strategy, "finalization");
  await assert.rejects(load(bytes, { strategy: "weakref" }), TypeError);
});

test("m.handle(value) makes the handle m.jsvalue() reads back (m.jsref is its old name)", async () => {
  const m = await load(await readFile(new URL("../../build/examples/examples.wasm", import.meta.url)));
  const value = { v: 1 };
  assert.equal(m.jsvalue(m.handle(value)), value);
  assert.equal(m.jsref, m.handle);
});
