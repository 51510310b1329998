// The loader refuses malformed metadata with a message naming the record.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../js/weakbind.mjs";
import { moduleWithMetadata } from "./wasm-builder.mjs";

const FUNCTIONS = [
  { name: "_N__new1", params: 2 }, // (string)
  { name: "_N__destructor", params: 1 },
  { name: "_N__size", params: 1 },
];
const GOOD = ["weakbind 1", "class N", "ctor N _N__new1 string", "dtor N _N__destructor", "method N size _N__size - i32"];

const cases = [
  ["truncated section", GOOD, { terminate: false }, "metadata: the section is truncated (its last record has no terminating NUL)"],
  ["unknown version", ["weakbind 2", ...GOOD.slice(1)], {}, "metadata: unsupported version '2' (this loader reads 1), in record 'weakbind 2'"],
  ["no version", GOOD.slice(1), {}, "metadata: the section has no version record ('weakbind 1')"],
  ["unknown type", [...GOOD.slice(0, 4), "method N size _N__size - i128"], {}, "metadata: unknown type 'i128' in record 'method N size _N__size - i128'"],
  ["missing export", [...GOOD, "method N gone _N__gone - i32"], {}, "metadata: record 'method N gone _N__gone - i32' names export '_N__gone', which the module does not export"],
  ["undeclared class", [...GOOD, "method M size _N__size - i32"], {}, "metadata: class 'M' is not declared, in record 'method M size _N__size - i32'"],
  ["unknown kind", [...GOOD, "field N x"], {}, "metadata: unknown record kind 'field' in record 'field N x'"],
  ["wrong arity", [...GOOD.slice(0, 4), "method N size _N__size i32 i32"], {}, "metadata: export '_N__size' takes 1 wasm parameters, but record 'method N size _N__size i32 i32' describes 2"],
  ["object result without ownership", [...GOOD.slice(0, 4), "method N size _N__size - N"], {}, "metadata: unknown type 'N' in record 'method N size _N__size - N'"],
  ["missing fields", [...GOOD, "method N size"], {}, "metadata: malformed record 'method N size' (expected 6 fields)"],
  ["unknown base", ["weakbind 1", "class N Missing"], {}, "metadata: class 'N' names base 'Missing', which is not declared"],
];

for (const [what, records, options, message] of cases) {
  test(`malformed metadata is refused: ${what}`, async () => {
    await assert.rejects(load(moduleWithMetadata(records, FUNCTIONS, options)), { name: "WeakbindError", message });
  });
}

test("well-formed metadata passes the parser and reaches the runtime check", async () => {
  // No runtime is linked in, so the next check refuses it, by name.
  await assert.rejects(load(moduleWithMetadata(GOOD, FUNCTIONS)), {
    message: "load: the module exports classes (N) but was not linked with the weakbind runtime (no weakbind_abi_version export)",
  });
});
