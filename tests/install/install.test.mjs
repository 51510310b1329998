// The out-of-tree project (tests/install) built against `make install`:
// its module loads, both kinds of class work, the collector frees them.
// Run by `make test-install`, which builds it and sets WEAKBIND_INSTALL_WASM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, createAndDrop } from "../node/helpers.mjs";

const path = process.env.WEAKBIND_INSTALL_WASM;
const prefix = process.env.WEAKBIND_INSTALL_PREFIX;
if (!path || !prefix) throw new Error("run through `make test-install` (WEAKBIND_INSTALL_WASM or WEAKBIND_INSTALL_PREFIX is not set)");
const config = (...args) => spawnSync(`${prefix}/bin/weakbind-config`, args, { encoding: "utf8" });

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

test("the installed weakbind-config gives the installed paths and names what was wrong", () => {
  const cflags = config("--cflags");
  assert.equal(cflags.status, 0);
  assert.match(cflags.stdout, new RegExp(`-I${prefix}/include\\b`));
  assert.equal(config("--libs").stdout.trim(), `${prefix}/lib/libweakbind.a`);
  // The runtime's loader ABI comes from the installed header.
  assert.match(config("--ldflags").stdout, /-Wl,--export=weakbind_adopt\b/);
  for (const args of [[], ["--bogus"], ["--cflags", "extra"]]) {
    const r = config(...args);
    assert.equal(r.status, 2, `${args.join(" ")}: usage error`);
    assert.match(r.stderr, /^usage: weakbind-config/);
  }
  const missing = config("--exports", "no-such-object.o");
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /weakbind-config: .* could not read no-such-object\.o/);
  assert.equal(missing.stdout, "", "no flags printed on error");
});
