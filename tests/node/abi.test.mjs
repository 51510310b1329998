// The loader against cpp/include/weakbind.h, as rust/abi-check holds the
// Rust runtime to it: the ABI version, the registry's error codes, the
// heap figures' layout, every import name of module "weakbind" and every
// runtime export the loader calls. A name or constant changed on one side
// only fails here.

import test from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";

import * as abi from "../../js/abi.mjs";
import { load } from "../../js/weakbind.mjs";
import { valueImports } from "../../js/js-values.mjs";
import { buildModule } from "./wasm-builder.mjs";

// The repository: this file's grandparent, or above it when the suite runs
// from a copy of js/ and tests/ (make test-checked copies them under build/).
let root = new URL("../../", import.meta.url);
while (!existsSync(new URL("cpp/include/weakbind.h", root)) && root.pathname !== "/") root = new URL("../", root);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const header = read("cpp/include/weakbind.h");

const define = (name) => {
  const m = header.match(new RegExp(`^#define ${name} \\(?(-?\\d+)\\)?$`, "m"));
  assert.ok(m, `weakbind.h defines ${name}`);
  return Number(m[1]);
};

// Every function the header declares (name -> marked WEAKBIND_LOADER).
const declared = new Map(
  [...header.matchAll(/^(WEAKBIND_LOADER )?[\w ]+?[ *](weakbind_\w+)\(/gm)].map((m) => [m[2], m[1] !== undefined]),
);

// The import names listed in the header's opening comment.
function headerImports() {
  const at = header.indexOf('(module "weakbind")');
  assert.ok(at > 0, "weakbind.h lists the imports of module \"weakbind\"");
  const paragraph = header.slice(at, header.indexOf("*/", at));
  const list = paragraph.slice(paragraph.lastIndexOf(":") + 1, paragraph.lastIndexOf("."));
  return list.split(",").map((s) => s.replace(/[\s*]/g, "")).sort();
}

test("the ABI version is the header's", () => {
  assert.equal(abi.ABI_VERSION, define("WEAKBIND_ABI_VERSION"));
});

test("a token's slot bits are the header's", () => {
  assert.equal(abi.TOKEN_SLOT_BITS, define("WEAKBIND_TOKEN_SLOT_BITS"));
});

test("the registry's error codes are the header's, each with words", () => {
  const inHeader = [...header.matchAll(/^#define WEAKBIND_ERR_(\w+) \((-\d+)\)$/gm)].map((m) => [m[1], Number(m[2])]);
  assert.ok(inHeader.length >= 9);
  assert.deepEqual(Object.entries(abi.ERROR_CODES).sort(), inHeader.sort());
  assert.equal(abi.REGISTRY_ERRORS.length, inHeader.length);
  for (const [, code] of inHeader) assert.equal(typeof abi.REGISTRY_ERRORS[-1 - code], "string");
  assert.equal(abi.CLASS_MISMATCH, define("WEAKBIND_ERR_CLASS_MISMATCH"));
  assert.equal(abi.ALREADY_OWNED, define("WEAKBIND_ERR_ALREADY_OWNED"));
});

test("weakbind_heap_info is read field by field in the header's order", () => {
  const body = header.match(/typedef struct weakbind_heap_info \{([^}]*)\}/)[1];
  const fields = [...body.matchAll(/^\s*[\w ]+?[ *](\w+);/gm)].map((m) => m[1]);
  assert.deepEqual(abi.HEAP_INFO, fields);
  // Every field is one 32-bit word on wasm32: size_t or a pointer.
  for (const line of body.split("\n").filter((l) => l.includes(";"))) {
    assert.match(line, /^\s*(size_t|const uint32_t \*)\s*\w+;/, line);
  }
});

test("the loader's imports are the header's, and the runtime's (imports.rs)", () => {
  const expected = headerImports();
  assert.deepEqual([...abi.RUNTIME_IMPORTS, ...abi.JS_VALUE_IMPORTS].sort(), expected);
  const rust = read("rust/runtime/src/imports.rs");
  const block = rust.slice(rust.indexOf('#[link(wasm_import_module = "weakbind")]'));
  const rustNames = [...block.slice(0, block.indexOf("\n    }\n")).matchAll(/pub fn (\w+)\(/g)].map((m) => m[1]);
  assert.deepEqual(rustNames.sort(), expected);
  // What js-values.mjs builds is exactly its list.
  const built = Object.keys(valueImports({}, { readUtf8: () => "", WeakbindError: Error }));
  assert.deepEqual(built.sort(), [...abi.JS_VALUE_IMPORTS].sort());
});

test("a module importing every name the header lists, of the header's version, loads", async () => {
  const bytes = buildModule({
    imports: headerImports().map((name) => ({ module: "weakbind", name })),
    functions: [
      { name: "weakbind_abi_version", params: 0, result: define("WEAKBIND_ABI_VERSION") },
      { name: "weakbind_class_define", params: 1 },
      { name: "_Probe__constructor", params: 0 },
    ],
  });
  const m = await load(bytes);
  assert.equal(typeof m.Probe, "function");
});

test("every runtime export the loader calls is declared (WEAKBIND_LOADER), and every one declared for it is called", () => {
  // The C++ exception runtime's exports are declared where it defines them.
  const exceptionRuntime = readdirSync(new URL("cpp/exceptions/", root))
    .map((f) => read(`cpp/exceptions/${f}`))
    .join("\n");
  const defined = (name) => new RegExp(`visibility\\("default"\\)\\)\\)[^(]*\\b${name}\\(`).test(exceptionRuntime);
  const loader = readdirSync(new URL("js/", root))
    .filter((f) => f.endsWith(".mjs"))
    .map((f) => read(`js/${f}`))
    .join("\n");
  const called = new Set([...loader.matchAll(/exports\??\.(weakbind_\w+)/g)].map((m) => m[1]));
  assert.ok(called.size >= 15, [...called].join(" "));
  for (const name of called) {
    assert.ok(declared.has(name) || defined(name), `the loader calls ${name}, which weakbind.h does not declare`);
  }
  for (const [name, forLoader] of declared) {
    if (forLoader) assert.ok(called.has(name), `weakbind.h marks ${name} WEAKBIND_LOADER, but the loader never calls it`);
  }
});
