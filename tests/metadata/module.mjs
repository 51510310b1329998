// Builds the wasm module a case of cases.json describes: one function export
// per entry of `exports` (that many i32 parameters, no result, empty body),
// one i32 global export per name in `globals`, and the case's `weakbind`
// custom section. Modules are written by hand so the node tests need no
// wasm toolchain; rust/meta/tests/corpus.rs builds the same ones with `wat`.

// node:fs/promises, not node:fs: the browser test page maps it to fetch, so
// the same file runs in chromium.
import { readFile } from "node:fs/promises";
import { uleb } from "../node/wasm-builder.mjs";

export const corpus = JSON.parse(await readFile(new URL("./cases.json", import.meta.url), "utf8"));

// The bytes of a case's section.
export function sectionBytes(testCase) {
  if (testCase.section_hex !== undefined) {
    return Uint8Array.from(testCase.section_hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));
  }
  return new TextEncoder().encode(testCase.section);
}

// A module with the corpus's exports and `section` as its `weakbind` section.
export function buildModule(section, { exports, globals } = corpus) {
  const names = Object.keys(exports);
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const sectionOf = (id, body) => bytes.push(id, ...uleb(body.length), ...body);
  const vec = (items) => [...uleb(items.length), ...items.flat()];
  const name = (s) => vec([...new TextEncoder().encode(s)]);
  // One function type per export, in export order (duplicates are valid).
  sectionOf(1, vec(names.map((n) => [0x60, ...vec(new Array(exports[n]).fill(0x7f)), 0x00])));
  sectionOf(3, vec(names.map((_, i) => uleb(i))));
  sectionOf(6, vec(globals.map(() => [0x7f, 0x00, 0x41, 0x00, 0x0b])));
  sectionOf(7, vec([...names.map((n, i) => [...name(n), 0x00, ...uleb(i)]), ...globals.map((g, i) => [...name(g), 0x03, ...uleb(i)])]));
  sectionOf(10, vec(names.map(() => [0x02, 0x00, 0x0b])));
  sectionOf(0, [...name("weakbind"), ...section]);
  return Uint8Array.from(bytes);
}

