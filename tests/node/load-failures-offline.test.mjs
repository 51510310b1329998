// A failed load whose messages cannot be fetched (bad inputs, as
// a page meets them when the server went away between fetching the loader
// and the failure). Node only: it copies the loader on disk, so the browser
// run skips this file, not the rest of reliability-inputs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, rm, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

test("a failed load whose messages cannot be fetched still names the check that refused it", async () => {
  // A copy of the loader without load-failures.mjs.
  const dir = await mkdtemp(join(tmpdir(), "weakbind-loader-"));
  try {
    await cp(new URL("../../js/", import.meta.url), dir, { recursive: true });
    await rm(join(dir, "load-failures.mjs"));
    const copy = await import(join(dir, "weakbind.mjs"));
    const e = await copy.load(new Uint8Array([1, 2, 3, 4, 5])).then(() => null, (err) => err);
    assert.equal(e?.name, "WeakbindError");
    assert.match(e.message, /^load: refused \(notWasm\); the loader's messages did not load: /);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
