// The npm package as published: `npm pack` in js/, installed into a scratch
// project (tests/npm/app, copied out of the repository) from the tarball
// alone, then used there: the loader runs under node, `npx weakbind-dts`
// writes declarations, and tsc checks the project with lib ES2022 + DOM.
// Run by `make test-npm`, which sets WEAKBIND_NPM_OUT and
// WEAKBIND_EXAMPLES_WASM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const out = process.env.WEAKBIND_NPM_OUT;
const wasm = process.env.WEAKBIND_EXAMPLES_WASM;
if (!out || !wasm) throw new Error("run through `make test-npm` (WEAKBIND_NPM_OUT or WEAKBIND_EXAMPLES_WASM is not set)");
const root = fileURLToPath(new URL("../../", import.meta.url));
const npm = process.env.NPM ?? "npm";
const tsc = join(root, "node_modules/typescript/bin/tsc");
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("npm pack: the tarball holds the loader, its declarations, the generator, the README and both licenses", () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const [packed] = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", out], join(root, "js")));
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ["LICENSE-APACHE", "LICENSE-MIT", "README.md", "bin/weakbind-dts.mjs", "dts.mjs", "package.json", "weakbind.d.ts", "weakbind.mjs"]) {
    assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
  }
  assert.deepEqual(readdirSync(join(root, "js")).filter((f) => f.startsWith("LICENSE")), [], "postpack removed the copies");
});

test("the tarball installs into a scratch project and runs there", () => {
  const app = join(out, "app");
  cpSync(fileURLToPath(new URL("./app/", import.meta.url)), app, { recursive: true });
  copyFileSync(wasm, join(app, "examples.wasm"));
  writeFileSync(join(app, "package.json"), `${JSON.stringify({ name: "scratch", private: true, type: "module" })}\n`);
  const [tarball] = readdirSync(out).filter((f) => f.endsWith(".tgz"));
  run(npm, ["install", "--no-audit", "--no-fund", "--offline", join(out, tarball)], app);

  const result = JSON.parse(run(process.execPath, ["--expose-gc", "main.mjs"], app));
  assert.equal(result.live, 0, "every object freed");
  assert.ok(result.destroyed >= 50);

  const dts = run(npm, ["exec", "--offline", "--", "weakbind-dts", "examples.wasm"], app);
  assert.match(dts, /export interface Module extends Weakbind__Module/);
  writeFileSync(join(app, "examples.d.ts"), dts);
  run(process.execPath, [tsc, "-p", "tsconfig.json"], app);
});
