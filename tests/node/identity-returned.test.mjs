// Identity finds the owners of the classes the metadata says wasm can hand
// back, whichever way they come back (js/returned.mjs), in a module that
// holds no JS values; a class that never comes back keeps every safety
// property without it: interned objects are co-owned and destroyed once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { RUNTIME_IMPORTS, VALUE_HOME_IMPORTS } from "../../js/abi.mjs";
import { collectUntil } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/returned.wasm", import.meta.url));
const m = await load(bytes);
const destroyed = () => m.exports.returned_destroyed();

test("the module holds no JS values, so only returned classes are findable", () => {
  for (const { module, name } of WebAssembly.Module.imports(new WebAssembly.Module(bytes))) {
    if (module === "weakbind") assert.ok(RUNTIME_IMPORTS.includes(name) || VALUE_HOME_IMPORTS.includes(name), `imports ${name}`);
  }
});

test("a derived object that comes back as its base is its own wrapper", () => {
  const shelf = new m.Shelf();
  const c = new m.Circle();
  shelf.put(c);
  const back = shelf.take();
  assert.equal(back, c);
  assert.equal(back.sides(), 1);
  c.dispose();
  shelf.dispose();
  assert.equal(m.check(), null);
});

test("an object a free function hands back is its own wrapper", () => {
  const t = new m.Tag(5);
  m.stash(t);
  assert.equal(m.stashed_tag(), t);
  t.dispose();
  assert.equal(m.check(), null);
});

test("objects an array result holds are their own wrappers", () => {
  const shelf = new m.Shelf();
  const a = new m.Pin();
  const b = new m.Pin();
  shelf.pin(a);
  shelf.pin(b);
  const pins = shelf.pins();
  assert.equal(pins[0], a);
  assert.equal(pins[1], b);
  shelf.dispose();
  a.dispose();
  b.dispose();
  assert.equal(m.check(), null);
});

test("a class never handed back: an interned object is co-owned by both wrappers and dies with the last", () => {
  const count = destroyed();
  const a = new m.Atom(42);
  const b = new m.Atom(42);
  assert.notEqual(a, b);
  a.dispose();
  assert.equal(destroyed(), count, "b still owns it");
  assert.equal(b.get(), 42);
  assert.throws(() => a.get(), /disposed/);
  b.dispose();
  assert.equal(destroyed(), count + 1);
  assert.throws(() => b.get(), /disposed/);
  assert.equal(m.stats().live.Atom, 0);
  assert.equal(m.check(), null);
});

test("a class never handed back, left to the collector: every object destroyed once", async () => {
  const count = destroyed();
  const make = () => {
    for (let i = 0; i < 1000; i++) {
      new m.Atom(i).get();
      new m.Atom(i); // a second owner of the same object
      new m.Tag(i).get();
    }
  };
  make();
  assert.ok(await collectUntil(() => destroyed() === count + 2000), `destroyed ${destroyed() - count} of 2000`);
  assert.equal(m.stats().liveTotal, 0);
  assert.equal(m.check(), null);
});

// A module whose metadata passes JS values: C++ can make any object the
// owner of one, so every class is findable.
const mv = await load(await readFile(new URL("../../build/fixtures/returned-values.wasm", import.meta.url)));
const destroyedValues = () => mv.exports.returned_values_destroyed();

test("a JS value owned by an object no result hands back lives on its wrapper: a cycle through it is collected", async () => {
  const count = destroyedValues();
  (() => {
    for (let i = 0; i < 200; i++) {
      const h = new mv.Holder();
      h.hold(() => h); // value -> wrapper -> object -> value
    }
  })();
  assert.ok(await collectUntil(() => destroyedValues() === count + 200, { module: mv }), `destroyed ${destroyedValues() - count} of 200`);
  assert.equal(mv.stats().live.Holder, 0);
  assert.equal(mv.check(), null);
});

test("an interned object handed back is its owner's wrapper, in the job that made the co-owner and after", async () => {
  const a = new mv.Rune(4);
  const b = new mv.Rune(4); // co-owns a's object
  assert.notEqual(a, b);
  assert.equal(a.self(), a);
  assert.equal(b.self(), a);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(a.self(), a);
  assert.equal(b.self(), a);
  a.dispose();
  assert.equal(b.self(), b);
  const count = destroyedValues();
  b.dispose();
  assert.equal(destroyedValues(), count + 1);
  assert.equal(mv.check(), null);
});
