// The scratch crate's module (tests/package/scratch.sh) loads, its Rust and
// C++ classes work together, and the collector frees them.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, createAndDrop } from "../node/helpers.mjs";

const m = await load(await readFile(process.argv[2]));
const matrix = new m.Matrix(2, 2);
matrix.set(0, 0, 4);
const filter = new m.Filter(1);
const blurred = filter.apply(matrix);
assert.equal(blurred.get(0, 0), 1); // the mean of 4 and three zeros
for (const o of [matrix, filter, blurred]) o.dispose();
createAndDrop(20, (i) => new m.Filter(1 + (i % 3)).apply(new m.Matrix(2, 2)));
assert.ok(await collectUntil(() => m.stats().liveTotal === 0), JSON.stringify(m.stats().live));
assert.equal(m.check(), null);
console.log("package-check: the packaged crates build a module that loads and is collected");
