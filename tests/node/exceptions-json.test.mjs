// nlohmann::json (Debian's nlohmann-json3-dev) in a module built with C++
// exceptions (tests/fixtures/json.cpp): parse errors caught inside C++, and
// escaping to JS as CppExceptions with the library's own words; nothing
// leaks over many invalid documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load, CppException } from "../../js/weakbind.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/json.wasm", import.meta.url)));
const heap = () => m.stats().heap.inUse - m.stats().heap.registryBytes;
// The inline namespace names the library version Debian ships.
const PARSE_ERROR = /^nlohmann::json_abi_v[0-9_]+::detail::parse_error$/;

test("invalid documents: parse_error caught inside C++ gives the byte position", () => {
  const before = heap();
  assert.equal(m.Document.try_parse('{"a": [1, 2, 3]}'), -1);
  assert.equal(m.Document.try_parse('{"a": [1, 2,, 3]}'), 13);
  assert.equal(m.Document.try_parse("[1, 2"), 6);
  assert.equal(m.Document.try_parse(""), 1);
  assert.equal(heap(), before);
  assert.equal(m.check(), null);
});

test("a parse error escaping from the constructor: the library's message, nothing registered", () => {
  const live = m.stats().live.Document;
  const before = heap();
  let e = null;
  try {
    new m.Document('{"open": ');
  } catch (error) {
    e = error;
  }
  assert.ok(e instanceof CppException, `threw ${e}`);
  assert.match(e.type, PARSE_ERROR);
  assert.match(e.message, /^\[json\.exception\.parse_error\.101\] parse error at line 1, column 10/);
  assert.equal(e.className, "Document");
  assert.equal(e.method, "constructor");
  assert.equal(m.stats().live.Document, live);
  assert.equal(heap(), before);
  assert.equal(m.check(), null);
});

test("out_of_range and parse_error escaping from a method; the document still usable", () => {
  const d = new m.Document('{"a": [1, {"b": "x"}]}');
  assert.equal(d.get("/a/1/b"), '"x"');
  const before = heap();
  assert.throws(() => d.get("/a/5"), (e) => e instanceof CppException && /out_of_range$/.test(e.type) && /out of range/.test(e.message) && e.method === "get");
  assert.throws(() => d.get("no-slash"), (e) => e instanceof CppException && /parse_error$/.test(e.type));
  assert.equal(heap(), before);
  assert.equal(d.size(), 1);
  assert.equal(m.check(), null);
  d.dispose();
});

test("10,000 invalid documents escaping to JS: the heap back at its baseline", () => {
  try {
    new m.Document("[1, 2");
  } catch {}
  const before = heap();
  for (let i = 0; i < 10_000; i++) {
    try {
      new m.Document(`{"k${i}": [${i}, }`);
    } catch (e) {
      if (!(e instanceof CppException)) throw e;
    }
  }
  assert.equal(heap(), before);
  assert.equal(m.check(), null);
});
