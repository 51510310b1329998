// The loader bundled by each pinned bundler with zero configuration
// (build.mjs), then run in Chromium: on a page and in a module Worker, a
// typed module's and a convention-only module's objects are used, dropped
// and freed by the collector. Also records what each page fetches, min+gzip,
// in tests/out/bundle-sizes.json. Run by `make test-bundlers`, which builds
// the wasm files and sets WEAKBIND_BUNDLER_WASM to their folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { BUNDLERS, bundle, stage } from "./build.mjs";
import { launch, outDir, serve, watchErrors } from "../browser/harness.mjs";

const wasmDir = process.env.WEAKBIND_BUNDLER_WASM;
if (!wasmDir) throw new Error("run through `make test-bundlers` (WEAKBIND_BUNDLER_WASM is not set)");
const work = join(wasmDir, "bundles");
const src = join(work, "src");

let server;
let browser;
const sizes = {};

before(async () => {
  stage(src, { examplesWasm: join(wasmDir, "examples.wasm"), myclassWasm: join(wasmDir, "myclass.wasm") });
  [server, browser] = await Promise.all([serve(work), launch()]);
});

after(async () => {
  await browser?.close();
  server?.close();
  writeFileSync(join(outDir(), "bundle-sizes.json"), `${JSON.stringify(sizes, null, 2)}\n`);
});

// Opens the bundle's page with `hash` in a fresh context (nothing cached)
// and returns the scenario's result and the JS it fetched, gzipped.
async function open(name, hash) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const scripts = [];
  page.on("response", (response) => {
    if (/\.m?js$/.test(new URL(response.url()).pathname)) scripts.push(response.body().then((b) => gzipSync(b, { level: 9 }).length));
  });
  try {
    await page.goto(`${server.url}${name}/index.html#${hash}`);
    const { value, error } = await page.evaluate(() => window.result);
    assert.equal(error, undefined, `${name} #${hash}`);
    assert.deepEqual(errors, []);
    return { value, gzipped: (await Promise.all(scripts)).reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}

const typedClasses = ["Buffer", "EventSource", "Group", "MyClass", "Node", "Notebook"];

for (const name of Object.keys(BUNDLERS)) {
  test(`${name} bundles the loader with no configuration, and the bundle frees objects on a page and in a Worker`, async () => {
    await bundle(name, src, join(work, name));
    const typed = await open(name, "typed");
    assert.deepEqual(typed.value.classes, typedClasses);
    assert.ok(typed.value.liveAfterCreate > 0, "objects were alive before the collection");
    assert.equal(typed.value.liveAfterCollection, 0, "every object freed after collection");
    assert.equal(typed.value.check, null);

    const convention = await open(name, "convention");
    assert.deepEqual(convention.value.classes, ["MyClass"]);
    assert.equal(convention.value.liveAfterCollection, 0);

    const worker = await open(name, "typed-worker");
    assert.deepEqual(worker.value, typed.value, "the Worker does what the page does");
    sizes[name] = { conventionPage: convention.gzipped, typedPage: typed.gzipped };
  });
}
