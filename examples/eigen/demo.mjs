// The Eigen showcase from JS: `make eigen-example && node examples/eigen/demo.mjs`.
// No dispose() but in the loop at the end: the collector frees the rest.
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

const m = await load(await readFile(new URL("../../build/examples/eigen.wasm", import.meta.url)));

const a = m.Matrix.zeros(3, 3);
[[4, 1, 2], [1, 5, 3], [2, 3, 6]].forEach((row, i) => row.forEach((v, j) => a.set(i, j, v)));
console.log(`A is ${a.rows()}×${a.cols()}, det ${a.determinant()}, max norm ${a.norm(m.Norm.Max)}`);
console.log("A·A⁻¹ (0,0):", a.multiply(a.inverse()).get(0, 0), " (A + Aᵀ)(0,1):", a.add(a.transpose()).get(0, 1));

const b = new Float64Array([8, 0, 14]); // A · [1, -2, 3]
for (const kind of Object.keys(m.Kind)) {
  console.log(`${kind.padEnd(8)} x =`, Array.from(m.solver(a, m.Kind[kind]).solve(b), (v) => +v.toFixed(12)));
}

const eig = new m.SymmetricEigen(a);
console.log("eigenvalues of A:", Array.from(eig.eigenvalues(), (v) => +v.toFixed(6)));

const quarter = m.axis_angle(Math.PI / 2, { x: 0, y: 0, z: 1 });
console.log("x rotated a quarter about z:", quarter.rotate({ x: 1, y: 0, z: 0 }));
console.log("…twice:", quarter.compose(quarter).rotate({ x: 1, y: 0, z: 0 }));

// A model implemented in JS: y = a·e^(b·x), fitted to points of 3·e^(-0.4x).
const xs = Array.from({ length: 30 }, (_, i) => i / 3);
const ys = xs.map((x) => 3 * Math.exp(-0.4 * x));
class Decay extends m.Model {
  count() { return xs.length; }
  residual(i, a, b) { return a * Math.exp(b * xs[i]) - ys[i]; }
}
console.log("fit:", m.levenberg_marquardt(new Decay(), 1, 0, 100));

for (let i = 0; i < 1000; i++) a.multiply(a).dispose(); // or `using p = a.multiply(a)`
console.log("live objects:", m.stats().liveTotal, "heap bytes in use:", m.stats().heap.inUse);
