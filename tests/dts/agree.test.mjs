// The npm package's generator (js/bin/weakbind-dts.mjs, over the loader's
// metadata reader) and the Rust CLI (`weakbind dts`) write the same
// declarations for every module the tests build and every case of the
// metadata corpus, and refuse the same modules. Run by `make
// test-dts-agree`, which builds the modules and the CLI and sets
// WEAKBIND_CLI and WEAKBIND_DTS_MODULES (space-separated paths).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModule, corpus, sectionBytes } from "../metadata/module.mjs";
import { declarations } from "../../js/dts.mjs";

const cli = process.env.WEAKBIND_CLI;
const modules = (process.env.WEAKBIND_DTS_MODULES ?? "").split(" ").filter(Boolean);
if (!cli || modules.length === 0) throw new Error("run through `make test-dts-agree` (WEAKBIND_CLI or WEAKBIND_DTS_MODULES is not set)");
const npmBin = fileURLToPath(new URL("../../js/bin/weakbind-dts.mjs", import.meta.url));

// The Rust CLI's run, and the JS generator's outcome in the same shape (in
// this process: the bin is only argument handling around it, tested below).
function both(path, loader) {
  const rust = spawnSync(cli, ["dts", ...(loader ? ["--loader", loader] : []), path], { encoding: "utf8" });
  let js;
  try {
    js = { status: 0, stdout: declarations(new Uint8Array(readFileSync(path)), { fileName: basename(path), loader }) };
  } catch (e) {
    js = { status: 1, stderr: e.message };
  }
  return { rust, js };
}

test("the same declarations for every module the tests build", () => {
  for (const path of modules) {
    for (const loader of [undefined, "./weakbind/weakbind.mjs"]) {
      const { rust, js } = both(path, loader);
      assert.equal(rust.status, 0, `${path}: ${rust.stderr}`);
      assert.equal(js.status, 0, `${path}: ${js.stderr}`);
      assert.equal(js.stdout, rust.stdout, `${basename(path)} ${loader ?? ""}`);
    }
  }
});

test("the same declarations, or both a refusal, for every case of the metadata corpus", () => {
  const dir = mkdtempSync(join(tmpdir(), "weakbind-agree-"));
  let declared = 0;
  for (const [i, testCase] of corpus.cases.entries()) {
    const path = join(dir, `case${i}.wasm`);
    writeFileSync(path, buildModule(sectionBytes(testCase)));
    const { rust, js } = both(path);
    assert.equal(js.status === 0, rust.status === 0, `${testCase.name}: rust ${rust.status} ${rust.stderr} / js ${js.status} ${js.stderr}`);
    if (rust.status === 0) {
      assert.equal(js.stdout, rust.stdout, testCase.name);
      declared++;
    }
  }
  assert.ok(declared > 5, `${declared} cases declared`);
});

test("npx weakbind-dts prints the declarations; usage errors and unreadable files exit as the Rust CLI does", () => {
  const run = (...args) => spawnSync(process.execPath, [npmBin, ...args], { encoding: "utf8" });
  const printed = run("--loader", "weakbind", modules[0]);
  assert.equal(printed.status, 0, printed.stderr);
  assert.equal(printed.stdout, spawnSync(cli, ["dts", modules[0]], { encoding: "utf8" }).stdout);
  assert.equal(run().status, 2);
  assert.equal(run("--bogus", "a.wasm").status, 2);
  const missing = run("no-such.wasm");
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^weakbind-dts: no-such\.wasm: /);
  assert.match(run("--help").stdout, /^usage: weakbind-dts/);
});
