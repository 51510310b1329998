// The loader refuses malformed metadata with a message naming the record
// (the message shapes are the corpus's: metadata-corpus.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../js/weakbind.mjs";
import { buildModule, moduleWithMetadata } from "./wasm-builder.mjs";

const FUNCTIONS = [
  { name: "_N__new1", params: 2 }, // (string)
  { name: "_N__destructor", params: 1 },
  { name: "_N__size", params: 1 },
];
const GOOD = ["weakbind 1", "class N", "ctor N _N__new1 string", "dtor N _N__destructor", "method N size _N__size - i32"];

const cases = [
  ["truncated section", GOOD, { terminate: false }, "metadata: truncated (no final NUL) in record 'method N size _N__size - i32'"],
  ["unknown version", ["weakbind 2", ...GOOD.slice(1)], {}, "metadata: unknown version '2' in record 'weakbind 2'"],
  ["no version", GOOD.slice(1), {}, "metadata: no version record ('weakbind 1')"],
  ["unknown type", [...GOOD.slice(0, 4), "method N size _N__size - i128"], {}, "metadata: unknown type 'i128' in record 'method N size _N__size - i128'"],
  ["missing export", [...GOOD, "method N gone _N__gone - i32"], {}, "metadata: missing export '_N__gone' in record 'method N gone _N__gone - i32'"],
  ["undeclared class", [...GOOD, "method M size _N__size - i32"], {}, "metadata: undeclared class 'M' in record 'method M size _N__size - i32'"],
  ["unknown kind", [...GOOD, "field N x"], {}, "metadata: unknown record kind 'field' in record 'field N x'"],
  ["wrong arity", [...GOOD.slice(0, 4), "method N size _N__size i32 i32"], {}, "metadata: export '_N__size' has 1 wasm parameters, expected 2 in record 'method N size _N__size i32 i32'"],
  ["object result without ownership", [...GOOD.slice(0, 4), "method N size _N__size - N"], {}, "metadata: type 'N' is not allowed as a result in record 'method N size _N__size - N'"],
  ["missing fields", [...GOOD, "method N size"], {}, "metadata: expected 'method CLASS NAME EXPORT PARAMS RESULT' in record 'method N size'"],
  ["unknown base", ["weakbind 1", "class N Missing"], {}, "metadata: undeclared class 'Missing' in record 'class N Missing'"],
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

test("the section's pieces are one section: joined before the NUL check", async () => {
  // wasm-ld may leave one custom section per object; a record (here even a
  // character) may span two pieces.
  const bytes = new TextEncoder().encode(`${GOOD.join("\0")}\0method N \u00e9t\u00e9 _N__size - i32\0`);
  const cut = bytes.indexOf(0xa9); // inside the two bytes of the first é
  const custom = [bytes.subarray(0, cut), bytes.subarray(cut)].map((b) => ({ name: "weakbind", bytes: [...b] }));
  await assert.rejects(load(buildModule({ functions: FUNCTIONS, custom })), {
    message: "metadata: invalid name '\u00e9t\u00e9' in record 'method N \u00e9t\u00e9 _N__size - i32'",
  });
  // Only the last piece needs the final NUL.
  const pieces = [bytes.subarray(0, 5), bytes.subarray(5, bytes.indexOf(0xc3))].map((b) => ({ name: "weakbind", bytes: [...b] }));
  await assert.rejects(load(buildModule({ functions: FUNCTIONS, custom: pieces })), {
    message: "metadata: truncated (no final NUL) in record 'method N '",
  });
});
