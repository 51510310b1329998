// The loader's node test suite in chromium: every tests/node/*.test.mjs file,
// unchanged, runs in a page of its own (node-tests.html), whose import map
// points node:test, node:assert/strict and node:fs/promises at browser
// shims. Each test's result is reported here as a subtest. A file that
// imports a node: module with no shim is skipped, saying which.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, serve, launch, watchErrors } from "./harness.mjs";

const NODE_TESTS = join(ROOT, "tests/node");
const PAGE = "tests/browser/node-tests.html";

// The import map is the one list of what the shims cover.
const html = readFileSync(join(ROOT, PAGE), "utf8");
const SHIMMED = new Set(Object.keys(JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(html)[1]).imports));

// The node: modules a test file needs, its own imports and those of the
// files it imports from tests/node/ (helpers.mjs).
function nodeImports(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = readFileSync(join(NODE_TESTS, file), "utf8");
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]);
  return specifiers.flatMap((s) =>
    s.startsWith("node:") ? [s] : s.startsWith("./") && !s.includes("/", 2) ? nodeImports(s.slice(2), seen) : [],
  );
}

// WEAKBIND_NODE_TESTS=regex runs only the matching files (a part's suite).
const only = process.env.WEAKBIND_NODE_TESTS ? new RegExp(process.env.WEAKBIND_NODE_TESTS) : null;
const files = readdirSync(NODE_TESTS)
  .filter((f) => f.endsWith(".test.mjs") && (!only || only.test(f)))
  .sort();

let server;
let browser;

// Two files at a time, each in its own page: while one waits on the
// collector, the other computes.
const PAGES_AT_ONCE = 2;
const runs = new Map(); // file → Promise of { results, errors }

before(async () => {
  // The repository root: the test files reach js/ and build/examples/ by
  // relative URLs, as they reach them by relative paths in node.
  server = await serve(ROOT);
  browser = await launch();
  const queue = files.filter((f) => !skipReason(f));
  const slots = Array.from({ length: PAGES_AT_ONCE }, () => Promise.resolve());
  queue.forEach((file, i) => {
    const run = slots[i % PAGES_AT_ONCE].then(() => runInPage(file));
    slots[i % PAGES_AT_ONCE] = run.catch(() => {});
    runs.set(file, run);
  });
});

async function runInPage(file) {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(`${server.url}${PAGE}?file=${file}`);
    await page.waitForSelector("body[data-done]", { timeout: 60_000 });
    return { results: await page.evaluate(() => window.testResults), errors };
  } finally {
    await page.close();
  }
}

after(async () => {
  await browser?.close();
  server?.close();
});

test("there are node tests to run", () => assert.ok(files.length > 0));

function skipReason(file) {
  // The benchmark harness a test drives reads modules with node:fs.
  if (/from "\.\.\/\.\.\/bench\//.test(readFileSync(join(NODE_TESTS, file), "utf8"))) return "drives bench/lib, which reads modules with node:fs";
  const missing = [...new Set(nodeImports(file))].filter((s) => !SHIMMED.has(s));
  return missing.length > 0 && `imports ${missing.join(", ")}, which the browser shims do not cover`;
}

for (const file of files) {
  test(`${file} in chromium`, { skip: skipReason(file) }, async (t) => {
    const { results, errors } = await runs.get(file);
    assert.ok(results.length > 0, `${file} registered no tests`);
    for (const r of results) {
      await t.test(r.name, { skip: r.skipped }, () => {
        if (!r.ok) throw new Error(r.error);
      });
    }
    // A finalizer or a sweep tick that throws surfaces only here.
    assert.deepEqual(
      errors.filter((e) => !e.startsWith("console.error")),
      [],
    );
  });
}
