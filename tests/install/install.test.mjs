// The out-of-tree project (tests/install) built against `make install`:
// its module loads, both kinds of class work, the collector frees them.
// Run by `make test-install`, which builds it and sets WEAKBIND_INSTALL_WASM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, createAndDrop } from "../node/helpers.mjs";

const path = process.env.WEAKBIND_INSTALL_WASM;
if (!path) throw new Error("run through `make test-install` (WEAKBIND_INSTALL_WASM is not set)");

test("a project built against the installed library loads and is collected", async () => {
  const m = await load(await readFile(path));
  // weakbind-config's link flags, not a list in the project's Makefile:
  // the stack pointer the loader unwinds after a trap is exported too.
  assert.ok(m.exports.__stack_pointer instanceof WebAssembly.Global, "__stack_pointer is exported");
  const c = new m.Circle(2);
  assert.equal(c.area(), 12);
  c.grow(1);
  assert.equal(c.radius, 3);
  assert.equal(c.label(), "circle of radius 3");
  assert.equal(new m.Square(4).area(), 16);
  c.dispose();
  const before = m.exports.shapes_destroyed();
  createAndDrop(100, (i) => [new m.Circle(i).area(), new m.Square(i).area()]);
  assert.ok(await collectUntil(() => m.exports.shapes_destroyed() - before >= 201), `${m.exports.shapes_destroyed() - before} of 201 freed`);
  assert.deepEqual(m.stats().live, { Circle: 0, Square: 0 });
  assert.equal(m.check(), null);
});
