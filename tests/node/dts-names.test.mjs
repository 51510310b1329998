// Parameter names in `weakbind dts`: a `params` record's names (C++'s
// WEAKBIND_PARAMS / WEAKBIND_FUNCTION_PARAMS in tests/fixtures/names.cpp;
// Rust's signatures in tests/fixtures/rust-containers), TypeScript's
// reserved words escaped, a0, a1 where no record names them; a repeated or
// invalid C++ name fails to compile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { declarations } from "../../js/dts.mjs";
import { paramNames } from "../../js/dts-names.mjs";
import { load } from "../../js/weakbind.mjs";
import { compileCpp } from "./compile-cpp.mjs";

const bind = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const rust = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));

test("C++ names: constructors, methods, overloads, statics and functions; unnamed ones stay a0", () => {
  const text = declarations(bind, { fileName: "bind.wasm" });
  assert.match(text, /  constructor\(origin: number, unit: number\);\n/);
  assert.match(text, /  at\(ticks: number\): number;\n  at\(ticks: number, fraction: number\): number;\n/);
  assert.match(text, /  span\(a0: number, a1: number\): number;\n/);
  assert.match(text, /  static metric\(origin: number\): Ruler;\n/);
  assert.match(text, /  lerp\(from: number, to: number, t: number\): number;\n/);
  assert.match(text, /  gcd\(a0: number, a1: number\): number;\n/, "a function with no names");
});

test("names TypeScript reserves get a `_`", () => {
  const text = declarations(bind, { fileName: "bind.wasm" });
  assert.match(text, /  pick\(function_: number, let_: number, arguments_: boolean\): number;\n/);
});

test("the names change nothing the loader does", async () => {
  const m = await load(bind);
  const r = new m.Ruler(1, 0.5);
  assert.equal(r.at(2), 2);
  assert.equal(r.at(2, 1), 2.5);
  assert.equal(m.pick(1, 2, false), 2);
  r.dispose();
  assert.equal(m.check(), null);
});

test("Rust names come from the signatures: functions, methods, statics, constructors", () => {
  const text = declarations(rust, { fileName: "rust-containers.wasm" });
  assert.match(text, /  constructor\(title\?: string \| undefined\);\n/);
  assert.match(text, /  add\(tags: Tag\[\]\): number;\n/);
  assert.match(text, /  static labelled\(names: string\[\], shade\?: Shade \| undefined\): Shelf;\n/);
  assert.match(text, /  join\(parts: string\[\], sep\?: string \| undefined\): string;\n/);
  assert.match(text, /  count_or\(n: number \| undefined, fallback: number\): number;\n/);
  assert.match(text, /  set title\(value: string \| undefined\);\n/, "a setter's parameter is value");
});

test("a name that would repeat another falls back to a0, a1 for the whole signature", () => {
  assert.deepEqual(paramNames(2, ["x", "y"]), ["x", "y"]);
  assert.deepEqual(paramNames(2, undefined), ["a0", "a1"]);
  assert.deepEqual(paramNames(2, ["x"]), ["a0", "a1"], "names of another arity");
  assert.deepEqual(paramNames(2, ["this_", "this"]), ["a0", "a1"]);
  assert.deepEqual(paramNames(2, ["eval", "string"]), ["eval_", "string"]);
});

test("C++ parameter names must be distinct identifiers, or the build fails", () => {
  const ok = compileCpp(`#include "weakbind/bind.hpp"
double span(double from, double to) { return to - from; }
WEAKBIND_FUNCTION(span, f64, f64, f64);
WEAKBIND_FUNCTION_PARAMS(span, from, to);
WEAKBIND_FUNCTION_PARAMS(span, from);`);
  assert.ok(ok.ok, ok.stderr);
  const twice = compileCpp(`#include "weakbind/bind.hpp"
WEAKBIND_FUNCTION_PARAMS(span, from, from);`);
  assert.equal(twice.ok, false);
  assert.match(twice.stderr, /redefinition of parameter 'from'/);
  const number = compileCpp(`#include "weakbind/bind.hpp"
WEAKBIND_PARAMS(Ruler, at, 1x);`);
  assert.equal(number.ok, false);
  assert.match(number.stderr, /Ruler::at__params|expected/);
});
