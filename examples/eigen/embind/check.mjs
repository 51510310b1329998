// Runs the embind build of the slice (`make eigen-embind`) on the numbers
// tests/node/example-eigen.test.mjs checks for weakbind, by hand: embind
// has no collector release, so every object is delete()d.
// `node examples/eigen/embind/check.mjs`
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const dir = new URL("../../../build/examples/eigen-embind/", import.meta.url);
const createModule = createRequire(import.meta.url)(new URL("eigen.js", dir).pathname);
const m = await createModule({ wasmBinary: await readFile(new URL("eigen.wasm", dir)) });

const a = m.Matrix.zeros(3, 3);
[[4, 1, 2], [1, 5, 3], [2, 3, 6]].forEach((row, i) => row.forEach((v, j) => a.set(i, j, v)));
assert.deepEqual([a.rows(), a.cols(), a.determinant()], [3, 3, 70]);
for (const S of [m.LU, m.QR, m.Cholesky, m.SVD]) {
  const s = new S(a);
  const x = s.solve(new Float64Array([8, 0, 14]));
  [1, -2, 3].forEach((e, i) => assert.ok(Math.abs(x[i] - e) < 1e-12, `${S.name}: ${x}`));
  s.delete();
}
const q = m.axis_angle(Math.PI / 2, { x: 0, y: 0, z: 1 });
const r = q.rotate({ x: 1, y: 0, z: 0 });
assert.ok(Math.abs(r.y - 1) < 1e-15 && Math.abs(r.x) < 1e-15);
const unit = new m.Quaternion(2, 0, 0, 0).normalized();
assert.equal(unit.norm(), 1);
unit.delete();
const e = new m.SymmetricEigen(a);
console.log("eigenvalues:", e.eigenvalues());
const xs = Array.from({ length: 25 }, (_, i) => i / 5);
const ys = xs.map((x) => 2.5 * Math.exp(-0.7 * x));
const Decay = m.Model.extend("Model", {
  count() { return xs.length; },
  residual(i, p, k) { return p * Math.exp(k * xs[i]) - ys[i]; },
});
const model = new Decay();
const fit = m.levenberg_marquardt(model, 1, 0, 100);
assert.ok(fit.converged && Math.abs(fit.a - 2.5) < 1e-6 && Math.abs(fit.b + 0.7) < 1e-6, JSON.stringify(fit));
console.log("fit:", fit);
for (const o of [a, q, e, model]) o.delete();
console.log("embind build: solvers, rotation, eigenvalues and fit agree");
