// Malformed inputs to the loader, beyond the cases of
// loader.test.mjs (not wasm, a truncated module, an import the loader
// lacks) and of metadata.test.mjs, metadata-corpus.test.mjs and rust/meta's
// generated cases (malformed metadata): every prefix of a real module,
// corrupted section headers, imports of every kind the loader does not
// provide, a runtime of another ABI version, a module without its function
// table, failed fetches. Each is refused with an error that says what is
// wrong, and leaves nothing behind: the real module loads and works after.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load, ABI_VERSION } from "../../js/weakbind.mjs";
import { FAULTS_WASM, moduleBytes, sectionOffsets, state, wasmModule, warmRegistry } from "./reliability-fixtures.mjs";

const quiet = { stdout: () => {} };

// A deterministic pseudo-random sequence (xorshift32).
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

async function refusal(source) {
  try {
    await load(source, quiet);
  } catch (e) {
    return e;
  }
  return null;
}

test("every section boundary and 300 other prefixes of a real module: refused as malformed, or a shorter valid module", async () => {
  const bytes = await moduleBytes(FAULTS_WASM);
  const rand = random(9);
  const boundaries = sectionOffsets(bytes).slice(0, -1);
  const cuts = new Set(boundaries);
  for (const at of boundaries) cuts.add(at + 1).add(at + 2);
  while (cuts.size < 300 + boundaries.length * 3) cuts.add(Math.floor(rand() * bytes.length));
  for (const n of [...cuts].sort((a, b) => a - b)) {
    const e = await refusal(bytes.slice(0, n));
    if (e === null) {
      // Cut exactly between two sections, the prefix is itself a valid
      // module (fewer sections: docs/RELIABILITY.md); anywhere else it is not.
      assert.ok(boundaries.includes(n), `a prefix of ${n} bytes, inside a section, loaded`);
      continue;
    }
    assert.equal(e.name, "WeakbindError", `prefix of ${n} bytes: ${e.name}: ${e.message}`);
    assert.match(e.message, /^(load|metadata): /, `prefix of ${n} bytes: ${e.message}`);
  }
});

test("corrupted section headers (ids and sizes) are refused with a WeakbindError", async () => {
  const bytes = await moduleBytes(FAULTS_WASM);
  const offsets = sectionOffsets(bytes).slice(0, -1);
  let refused = 0;
  for (const at of offsets) {
    for (const [what, patch] of [
      ["id 0x7f", (b) => (b[at] = 0x7f)],
      ["size + 1", (b) => (b[at + 1] = (b[at + 1] & 0x80) | ((b[at + 1] + 1) & 0x7f))],
      ["size 0", (b) => (b[at + 1] = 0)],
    ]) {
      const copy = bytes.slice();
      patch(copy);
      const e = await refusal(copy);
      if (e === null) continue; // e.g. an emptied custom section: still a module
      refused++;
      assert.equal(e.name, "WeakbindError", `section at ${at}, ${what}: ${e.name}: ${e.message}`);
    }
  }
  assert.ok(refused >= offsets.length * 2, `only ${refused} corruptions were refused`);
});

const lacking = [
  [{ module: "env", name: "memory", kind: "memory" }, "env.memory (memory)"],
  [{ module: "env", name: "__indirect_function_table", kind: "table" }, "env.__indirect_function_table (table)"],
  [{ module: "env", name: "__stack_pointer", kind: "global" }, "env.__stack_pointer (global)"],
  [{ module: "weakbind", name: "no_such_import" }, "weakbind.no_such_import (function)"],
  [{ module: "wasi_snapshot_preview1", name: "sock_accept" }, "wasi_snapshot_preview1.sock_accept (function)"],
  [{ module: "weakbind", name: "abort", kind: "memory" }, "weakbind.abort (memory)"],
];

for (const [entry, named] of lacking) {
  test(`a module importing ${named} is refused, naming it`, async () => {
    await assert.rejects(load(wasmModule({ imports: [entry] }), quiet), {
      name: "WeakbindError",
      message: `load: the module imports ${named}, which the weakbind loader does not provide`,
    });
  });
}

test("every missing import is named at once", async () => {
  const imports = [{ module: "a", name: "x" }, { module: "weakbind", name: "incref" }, { module: "b", name: "y", kind: "memory" }];
  await assert.rejects(load(wasmModule({ imports }), quiet), {
    message: "load: the module imports a.x (function), b.y (memory), which the weakbind loader does not provide",
  });
});

test("a runtime of another ABI version is refused before any class is built", async () => {
  const functions = [
    { name: "weakbind_abi_version", result: ABI_VERSION + 1 },
    { name: "_Thing__constructor", params: 1 },
    { name: "_Thing__destructor", params: 1 },
  ];
  await assert.rejects(load(wasmModule({ functions, table: true }), quiet), {
    name: "WeakbindError",
    message: `load: the module's runtime has ABI version ${ABI_VERSION + 1}; this loader speaks ${ABI_VERSION}`,
  });
});

test("classes without the runtime are refused", async () => {
  const thing = [
    { name: "_Thing__constructor", params: 1 },
    { name: "_Thing__destructor", params: 1 },
  ];
  await assert.rejects(load(wasmModule({ functions: thing }), quiet), {
    message: "load: the module exports classes (Thing) but was not linked with the weakbind runtime (no weakbind_abi_version export)",
  });
});

test("failed fetches and odd sources say what went wrong", async () => {
  await assert.rejects(load(new Response("not found", { status: 404 }), quiet), {
    name: "WeakbindError",
    message: /^load: fetching the module failed with HTTP 404$/,
  });
  await assert.rejects(load(Promise.resolve(new Response("<html>", { headers: { "Content-Type": "application/wasm" } })), quiet), {
    name: "WeakbindError",
    message: /not a WebAssembly module/,
  });
  await assert.rejects(load(new URL("./no-such-module.wasm", import.meta.url), quiet), (e) => /no-such-module\.wasm/.test(e.message));
  await assert.rejects(load(Promise.reject(new Error("network down")), quiet), { message: "network down" });
  for (const odd of [null, undefined, {}, "", [1, 2, 3]]) {
    await assert.rejects(load(odd, quiet), (e) => e instanceof Error && e.message.length > 0);
  }
});

test("after all the refusals the real module loads twice, as two independent instances", async () => {
  const bytes = await moduleBytes(FAULTS_WASM);
  const [a, b] = [warmRegistry(await load(bytes, quiet)), warmRegistry(await load(bytes, quiet))];
  const before = state(b);
  const f = new a.Faulty(3);
  assert.equal(f.value(), 3);
  assert.equal(a.stats().live.Faulty, 1);
  assert.deepEqual(state(b), before, "an object of one instance showed in the other");
  assert.throws(() => b.Faulty.prototype.value.call(f), { name: "TypeError", message: "Faulty.value: called on an object that is no wrapper of this module, not a Faulty" });
  f.dispose();
  assert.equal(a.check(), null);
  assert.equal(b.check(), null);
});
