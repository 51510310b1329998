// The out-of-tree project (tests/install) built against `make install`,
// with weakbind-config (its Makefile), pkg-config and CMake
// (find_package(weakbind)): each module loads through the installed JS
// loader, both kinds of class work, the collector frees them. Run by `make
// test-install`, which builds them and sets WEAKBIND_INSTALL_OUT (the
// Makefile's output; the CMake build in OUT/cmake) and
// WEAKBIND_INSTALL_PREFIX.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { collectUntil, createAndDrop } from "../node/helpers.mjs";

const out = process.env.WEAKBIND_INSTALL_OUT;
const prefix = process.env.WEAKBIND_INSTALL_PREFIX;
if (!out || !prefix) throw new Error("run through `make test-install` (WEAKBIND_INSTALL_OUT or WEAKBIND_INSTALL_PREFIX is not set)");
const config = (...args) => spawnSync(`${prefix}/bin/weakbind-config`, args, { encoding: "utf8" });
// The installed loader, not the repository's js/.
const { load } = await import(`${prefix}/share/weakbind/js/weakbind.mjs`);

const builds = {
  "weakbind-config": `${out}/shapes.wasm`,
  "weakbind-config --debug": `${out}/shapes-debug.wasm`,
  "pkg-config": `${out}/pkg-config/shapes.wasm`,
  "CMake weakbind_add_module": `${out}/cmake/shapes.wasm`,
};

for (const [how, path] of Object.entries(builds)) {
  test(`built with ${how}: the module loads through the installed loader and is collected`, async () => {
    const m = await load(await readFile(path));
    const c = new m.Circle(2);
    assert.equal(c.area(), 12);
    assert.equal(new m.Square(4).area(), 16);
    c.dispose();
    const before = m.exports.shapes_destroyed();
    createAndDrop(100, (i) => [new m.Circle(i).area(), new m.Square(i).area()]);
    assert.ok(await collectUntil(() => m.exports.shapes_destroyed() - before >= 200), `${m.exports.shapes_destroyed() - before} of 200 freed`);
    assert.deepEqual(m.stats().live, { Circle: 0, Square: 0 });
  });
}

// Custom sections present, by name.
async function sections(path) {
  const module = await WebAssembly.compile(await readFile(path));
  const names = [".debug_info", "name", "producers", "weakbind"];
  return Object.fromEntries(names.map((n) => [n, WebAssembly.Module.customSections(module, n).length > 0]));
}

test("the default link strips what the loader does not read; --debug keeps DWARF and names", async () => {
  assert.deepEqual(await sections(builds["weakbind-config"]), { ".debug_info": false, name: false, producers: false, weakbind: true });
  assert.deepEqual(await sections(builds["weakbind-config --debug"]), { ".debug_info": true, name: true, producers: true, weakbind: true });
  assert.match(config("--debug", "--cflags").stdout, / -g\b/);
  assert.doesNotMatch(config("--debug", "--ldflags").stdout, /--strip/);
  assert.equal(config("--debug", "--libs").status, 2, "--debug goes with --cflags or --ldflags");
});

test("the installed CLI and npx-style generator write the same declarations", () => {
  const rust = spawnSync(`${prefix}/bin/weakbind`, ["dts", builds["weakbind-config"]], { encoding: "utf8" });
  const js = spawnSync(process.execPath, [`${prefix}/share/weakbind/js/bin/weakbind-dts.mjs`, builds["weakbind-config"]], { encoding: "utf8" });
  assert.equal(rust.status, 0, rust.stderr);
  assert.match(rust.stdout, /declare class Circle extends Weakbind__Object/);
  assert.equal(js.stdout, rust.stdout);
});

test("the weakbind-config build: typed members, and the stack pointer exported", async () => {
  const m = await load(await readFile(builds["weakbind-config"]));
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
