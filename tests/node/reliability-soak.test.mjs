// The soak of bench/soak.mjs (`make soak`: 10 million objects), shortened
// for `make test`: objects of mixed classes created, used and dropped in
// batches with yields, 10% disposed, 10% retained by C++ and released
// later. At the end every destructor ran exactly once, no object is live,
// the JS-value table and the heap are back at their baselines (beyond the
// registry's own tables, which stats() reports), and the self-check is clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { soak, formatReport, leakFree } from "../../bench/soak.mjs";
import { loadFaults } from "./reliability-fixtures.mjs";

// Shorter still where the suite runs again (the checked heap, a browser).
const inNode = typeof process !== "undefined" && process.versions?.node;
const checked = inNode && process.env.WEAKBIND_CHECKED === "1";
const OBJECTS = inNode && !checked ? 200_000 : 50_000;

for (const [release, objects] of [
  ["finalization", OBJECTS],
  ["sweep", OBJECTS / 4],
]) {
  test(`${release}: a soak of ${objects.toLocaleString("en-US")} objects ends with no leaks`, async () => {
    const options = { release, sweep: { interval: 5 } };
    const report = await soak(await loadFaults(options), { objects, batch: 10_000 });
    assert.ok(leakFree(report), formatReport(report));
    assert.equal(report.objects, objects);
  });
}
