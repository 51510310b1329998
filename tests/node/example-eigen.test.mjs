// The Eigen showcase (examples/eigen/eigen.cpp): real numbers out of
// Eigen 3.4 through weakbind's typed macros — each solver on one 3×3
// system, quaternion rotations, a symmetric matrix's eigenvalues, a
// Levenberg–Marquardt fit over a model implemented in JS — and every
// object freed by dispose or the collector.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, createAndDrop, objectBytes, settle } from "./helpers.mjs";

const m = await load(await readFile(new URL("../../build/examples/eigen.wasm", import.meta.url)), { stdout: () => {}, stderr: () => {} });
const live = () => m.stats().liveTotal;

function matrix(rows) {
  const a = new m.Matrix(rows.length, rows[0].length);
  rows.forEach((r, i) => r.forEach((v, j) => a.set(i, j, v)));
  return a;
}
const close = (actual, expected, eps = 1e-9, what = "") => {
  assert.equal(actual.length, expected.length, what);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) < eps, `${what}[${i}]: ${actual[i]} vs ${e}`));
};

// A symmetric positive definite system with a known solution.
const A = [[4, 1, 2], [1, 5, 3], [2, 3, 6]];
const X = [1, -2, 3];
const B = A.map((r) => r.reduce((s, v, j) => s + v * X[j], 0));

test("matrices: elements, shape, products, sums, transpose, inverse, norms", () => {
  const a = matrix([[1, 2], [3, 4]]);
  assert.deepEqual([a.rows(), a.cols(), a.get(1, 0)], [2, 2, 3]);
  // Eigen's Matrix(const T0&, const T1&) and operator()'s member template
  // get the words' own type (cpp/include/weakbind/deduced.hpp).
  const b = new m.Matrix(2, 3);
  assert.deepEqual([b.rows(), b.cols()], [2, 3]);
  b.dispose();
  assert.throws(() => new m.Matrix(2.5, 3), /new Matrix\(\): argument 1 must be an integer \(i32\), got number 2.5/);
  assert.equal(a.determinant(), -2);
  const inv = a.inverse();
  close([inv.get(0, 0), inv.get(0, 1), inv.get(1, 0), inv.get(1, 1)], [-2, 1, 1.5, -0.5]);
  const id = a.multiply(inv);
  close([id.get(0, 0), id.get(0, 1), id.get(1, 0), id.get(1, 1)], [1, 0, 0, 1]);
  const t = a.transpose();
  assert.deepEqual([t.get(0, 1), t.get(1, 0)], [3, 2]);
  const s = a.add(t);
  assert.deepEqual([s.get(0, 0), s.get(0, 1), s.get(1, 1)], [2, 5, 8]);
  assert.equal(a.norm(m.Norm.L1), 10);
  assert.equal(a.norm(m.Norm.Max), 4);
  assert.ok(Math.abs(a.norm(m.Norm.Frobenius) - Math.sqrt(30)) < 1e-12);
  close(a.apply(new Float64Array([1, 1])), [3, 7]);
  const i3 = m.Matrix.identity(3, 3);
  assert.deepEqual([i3.get(2, 2), i3.get(0, 2)], [1, 0]);
  for (const o of [a, inv, id, t, s, i3]) o.dispose();
  assert.equal(m.check(), null);
});

test("an element out of range is Eigen's assertion, a JS error, and nothing leaks", () => {
  const a = matrix([[1]]);
  const before = live();
  assert.throws(() => a.get(1, 0), /row >= 0 && row < rows\(\)/);
  assert.throws(() => a.set(0, -1, 2), /col >= 0 && col < cols\(\)/);
  assert.equal(a.get(0, 0), 1);
  assert.equal(live(), before);
  a.dispose();
  assert.equal(m.check(), null);
});

test("each solver, constructed from the matrix or by kind, solves the 3×3 system", () => {
  const a = matrix(A);
  for (const [S, kind] of [[m.LU, m.Kind.LU], [m.QR, m.Kind.QR], [m.Cholesky, m.Kind.Cholesky], [m.SVD, m.Kind.SVD]]) {
    const s = new S(a);
    assert.ok(s instanceof m.Solver);
    assert.equal(s.kind(), kind);
    close(s.solve(new Float64Array(B)), X, 1e-12, S.name);
    const byKind = m.solver(a, kind);
    assert.equal(byKind.kind(), kind);
    close(byKind.solve(new Float64Array(B)), X, 1e-12, `solver(${kind})`);
    s.dispose();
    byKind.dispose();
  }
  a.dispose();
  assert.equal(m.check(), null);
});

test("quaternions: axis-angle, rotating a vector, composing, normalizing", () => {
  const q = m.axis_angle(Math.PI / 2, { x: 0, y: 0, z: 2 }); // the axis is normalized
  close([q.w(), q.x(), q.y(), q.z()], [Math.SQRT1_2, 0, 0, Math.SQRT1_2], 1e-15);
  const r = q.rotate({ x: 1, y: 0, z: 0 });
  close([r.x, r.y, r.z], [0, 1, 0], 1e-15);
  const half = q.compose(q);
  const r2 = half.rotate({ x: 1, y: 2, z: 3 });
  close([r2.x, r2.y, r2.z], [-1, -2, 3], 1e-14);
  assert.ok(Math.abs(q.angularDistance(half) - Math.PI / 2) < 1e-12);
  const raw = new m.Quaternion(2, 0, 0, 0);
  const unit = raw.normalized();
  assert.equal(raw.norm(), 2);
  assert.equal(unit.norm(), 1);
  assert.throws(() => q.rotate({ x: 1, y: 0 }), /missing field 'z' of Vec3/);
  for (const o of [q, half, raw, unit]) o.dispose();
  assert.equal(m.check(), null);
});

test("a symmetric matrix's eigenvalues, ascending, and eigenvectors", () => {
  const a = matrix([[2, 1, 0], [1, 2, 0], [0, 0, 5]]);
  const e = new m.SymmetricEigen(a);
  const values = e.eigenvalues();
  assert.ok(values instanceof Float64Array);
  close(values, [1, 3, 5], 1e-12);
  const v = e.eigenvectors(); // A v = λ v for the first
  const av = a.apply(new Float64Array([v.get(0, 0), v.get(1, 0), v.get(2, 0)]));
  close(av, [v.get(0, 0), v.get(1, 0), v.get(2, 0)], 1e-12);
  for (const o of [a, e, v]) o.dispose();
  assert.equal(m.check(), null);
});

test("Levenberg–Marquardt converges on data from a known curve, the model in JS", () => {
  const xs = Array.from({ length: 25 }, (_, i) => i / 5);
  const ys = xs.map((x) => 2.5 * Math.exp(-0.7 * x));
  class Decay extends m.Model {
    count() { return xs.length; }
    residual(i, a, b) { return a * Math.exp(b * xs[i]) - ys[i]; }
  }
  const model = new Decay();
  const fit = m.levenberg_marquardt(model, 1, 0, 100);
  assert.equal(fit.converged, true);
  assert.ok(Math.abs(fit.a - 2.5) < 1e-6 && Math.abs(fit.b + 0.7) < 1e-6, JSON.stringify(fit));
  assert.ok(fit.cost < 1e-12 && fit.iterations > 1 && fit.iterations < 100, JSON.stringify(fit));
  model.dispose();
  assert.equal(m.check(), null);
});

test("a model missing a pure virtual is a TypeError naming it", () => {
  class Half extends m.Model { count() { return 3; } }
  const h = new Half();
  assert.throws(() => m.levenberg_marquardt(h, 1, 1, 5), /Half.residual: not implemented \(pure virtual Model.residual/);
  h.dispose();
  assert.equal(m.check(), null);
});

test("every result, solver and model is freed by the collector; the heap returns to where it was", async () => {
  const base = await settle(live);
  const bytes = objectBytes(m);
  createAndDrop(20, (i) => {
    const a = matrix(A);
    a.multiply(a).add(a.transpose()).inverse();
    new m.LU(a).solve(new Float64Array(B));
    m.solver(a, m.Kind.SVD).solve(new Float64Array(B));
    new m.SymmetricEigen(a).eigenvectors();
    m.axis_angle(i, { x: 1, y: 0, z: 0 }).compose(new m.Quaternion(1, 0, 0, 0)).normalized();
    class Line extends m.Model {
      count() { return 3; }
      residual(k, p, q) { return p + q * k - (1 + 2 * k); }
    }
    m.levenberg_marquardt(new Line(), 0, 0, 20);
  });
  assert.ok(await collectUntil(() => live() === base, { module: m }), `${live() - base} objects left`);
  assert.equal(objectBytes(m), bytes);
  assert.equal(m.check(), null);
});

test("count-glue's rule: comments and blank lines are no glue; each line is boilerplate, registration or wrapper", async () => {
  // The tree this file is in, or (the checked-heap run's copy of tests/) the one make runs from.
  const script = "examples/eigen/count-glue.mjs";
  const own = new URL(`../../${script}`, import.meta.url);
  const { countGlue, countFiles } = await import(existsSync(own) ? own : pathToFileURL(join(process.cwd(), script)));
  const weakbind = `// a comment
#include "library.hpp"
/* a block
   comment */
static double twice(double x) { return 2 * x; } // trailing
WEAKBIND_FUNCTION(twice, f64, f64);
WEAKBIND_METHOD_FUNCTION(Matrix, ([](const MatrixXd &m) {
  return m.sum(); }), sum, f64);

struct V {
  double x;
};`;
  assert.deepEqual(countGlue(weakbind), { boilerplate: 2, registration: 3, wrapper: 3, lines: 8, chars: 189 });
  const embind = `using namespace emscripten;
EMSCRIPTEN_BINDINGS(m) {
  function("url", &url); // "http://" inside a string is no comment:
  function("x", optional_override([] { return "//"; }));
}
static int after() { return 1; }`;
  assert.deepEqual(countGlue(embind), { boilerplate: 3, registration: 2, wrapper: 1, lines: 6, chars: 145 });
  const [w, e] = countFiles();
  assert.ok(w.lines <= e.lines, `weakbind ${w.lines} lines, embind ${e.lines}`);
});
