// A module linked the seed article's way (tests/seed/Makefile: wasm-ld
// --no-entry --export-dynamic --allow-undefined, no function table export)
// plus the weakbind library loads, and the collector frees its objects: the
// runtime reaches the destructors through the loader (weakbind.h,
// weakbind_class_define). Run by `make test-seed`, which builds it and sets
// WEAKBIND_SEED_WASM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, createAndDrop } from "../node/helpers.mjs";

const path = process.env.WEAKBIND_SEED_WASM;
if (!path) throw new Error("run through `make test-seed` (WEAKBIND_SEED_WASM is not set)");

test("the seed's link line: the module loads and its objects are freed", async () => {
  const m = await load(await readFile(path));
  assert.equal(m.exports.__indirect_function_table, undefined, "linked without an exported table");
  const o = new m.MyClass(21);
  assert.equal(o.my_method(), 42);
  o.dispose();
  assert.equal(m.exports.seed_destroyed(), 1, "dispose ran the destructor at once");
  assert.throws(() => o.my_method(), /MyClass\.my_method: the object was disposed/);
  createAndDrop(50, (i) => new m.MyClass(5 + i).my_method());
  assert.ok(await collectUntil(() => m.exports.seed_destroyed() >= 51), `${m.exports.seed_destroyed() - 1} of 50 freed`);
  assert.deepEqual(m.stats().live, { MyClass: 0 });
  assert.equal(m.check(), null);
});
