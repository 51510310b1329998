// Object results by value: own(C) of a C a method, static or free function
// returns by value, moved into a heap object JS owns, and of an
// expression-like type C is constructed from; freed by dispose and by the
// collector like any owned result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { compileCpp } from "./compile-cpp.mjs";
import { collectUntil, createAndDrop, objectBytes, settle } from "./helpers.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/results.wasm", import.meta.url)));
const { results_live: live, results_moved: moved, results_copied: copied, results_evaluated: evaluated } = m.exports;

test("a result by value is moved into an object JS owns", () => {
  const v = new m.Vec2(1, 2);
  const [m0, c0, l0] = [moved(), copied(), live()];
  const w = v.scaled(3);
  assert.ok(w instanceof m.Vec2);
  assert.deepEqual([w.x(), w.y()], [3, 6]);
  assert.equal(moved() - m0, 1, "moved once into the heap object");
  assert.equal(copied() - c0, 0, "never copied");
  assert.equal(live() - l0, 1, "the temporary is gone, the heap object lives");
  const again = v.scaled(3);
  assert.notEqual(again, w, "each call is a new object");
  again.dispose();
  w.dispose();
  assert.equal(live() - l0, 0, "dispose runs the destructor");
  v.dispose();
  assert.equal(m.check(), null);
});

test("an expression C constructs itself from is evaluated into a new C", () => {
  const a = new m.Vec2(1, 2);
  const b = new m.Vec2(10, 20);
  const [e0, l0] = [evaluated(), live()];
  const s = a.plus(b);
  assert.deepEqual([s.x(), s.y()], [11, 22]);
  const t = m.sum(s, a);
  assert.deepEqual([t.x(), t.y()], [12, 24]);
  assert.equal(evaluated() - e0, 2);
  assert.equal(live() - l0, 2);
  for (const o of [s, t, a, b]) o.dispose();
  assert.equal(m.check(), null);
});

test("statics and free functions return by value; a const C& is copied", () => {
  const u = m.Vec2.unit_x();
  assert.deepEqual([u.x(), u.y()], [1, 0]);
  const l = m.lerp(u, new m.Vec2(3, 4), 0.5);
  assert.deepEqual([l.x(), l.y()], [2, 2]);
  const c0 = copied();
  const c = u.itself();
  assert.notEqual(c, u);
  assert.equal(copied() - c0, 1);
  u.dispose();
  assert.deepEqual([c.x(), c.y()], [1, 0], "the copy outlives the original");
  c.dispose();
  l.dispose();
});

test("results by value are freed by the collector, and the heap returns to where it was", async () => {
  const base = await settle(live);
  const bytes = objectBytes(m);
  createAndDrop(50, (i) => {
    const v = new m.Vec2(i, i);
    v.scaled(2);
    v.plus(v);
    m.lerp(v, v, 0.25);
    m.Vec2.unit_x();
  });
  assert.ok(await collectUntil(() => live() === base, { module: m }), `${live() - base} of 250 left`);
  assert.equal(objectBytes(m), bytes);
  assert.equal(m.check(), null);
});

test("a free function or lambda taking the object first is a method", () => {
  const a = new m.Vec2(1, 2);
  const b = new m.Vec2(3, 4);
  assert.equal(a.dot(b), 11);
  assert.equal(a.total(), 3);
  const c = a.times(3);
  assert.deepEqual([c.x(), c.y()], [3, 6]);
  assert.throws(() => a.times(1.5), /Vec2\.times: argument 1 must be an integer/);
  assert.throws(() => a.dot(5), /Vec2\.dot: argument 1/);
  assert.throws(() => m.Vec2.prototype.total.call({}), /Vec2\.total/);
  for (const o of [a, b, c]) o.dispose();
  assert.throws(() => a.total(), /disposed/);
  assert.equal(m.check(), null);
});

// ref(C) is owned by `this`: a temporary it would point into is refused at
// compile time, naming the place; own(C) refuses what it cannot make a C of.
const CLASSES = `#include "weakbind/bind.hpp"
#include <memory>
namespace app {
struct Shape {
  explicit Shape(double s) : size(s) {}
  Shape scaled(double k) const { return Shape(size * k); }
  Shape &self() { return *this; }
  const Shape &view() const { return *this; }
  Shape &&moved() { return static_cast<Shape &&>(*this); }
  std::unique_ptr<Shape> clone() const { return std::make_unique<Shape>(size); }
  double size;
};
struct Square : Shape { Square() : Shape(1) {} };
Shape make(double s) { return Shape(s); }
Square square() { return {}; }
}
WEAKBIND_CLASS_AS(app::Shape, Shape);
`;

test("ref(C) of a C& or C* compiles; own(C) of a value, a C& or a std::unique_ptr compiles", () => {
  const r = compileCpp(`${CLASSES}
WEAKBIND_METHOD(Shape, self, ref(Shape));
WEAKBIND_METHOD(Shape, scaled, own(Shape), f64);
WEAKBIND_METHOD(Shape, clone, own(Shape));
WEAKBIND_METHOD_AS(Shape, self, adopted, own(Shape));
WEAKBIND_METHOD(Shape, view, own(Shape));
WEAKBIND_FUNCTION_AS(app::make, make, own(Shape), f64);`);
  assert.ok(r.ok, r.stderr);
});

const refusals = [
  ["a method function's parameter of another type than its word", "WEAKBIND_METHOD_FUNCTION(Shape, ([](app::Shape &s, double k) { s.size *= k; }), grow, void, i32);", "argument<weakbind_where::Shape::grow, 1>, int, double>"],
  ["ref(C) of a method's result by value", "WEAKBIND_METHOD(Shape, scaled, ref(Shape), f64);", "ref_no_temporary<weakbind::detail::result<weakbind_where::Shape::scaled>, app::Shape, app::Shape>"],
  ["ref(C) of an rvalue reference", "WEAKBIND_METHOD(Shape, moved, ref(Shape));", "ref_no_temporary<weakbind::detail::result<weakbind_where::Shape::moved>, app::Shape, app::Shape>"],
  ["ref(C) of a std::unique_ptr", "WEAKBIND_METHOD(Shape, clone, ref(Shape));", "ref_no_temporary<weakbind::detail::result<weakbind_where::Shape::clone>, app::Shape, std::unique_ptr<app::Shape, std::default_delete<app::Shape>>>"],
  ["ref_or_null(C) of a static's result by value", "struct Maker { static app::Shape make() { return app::Shape(1); } };\nWEAKBIND_CLASS(Maker);\nWEAKBIND_STATIC(Maker, make, ref_or_null(Shape));", "ref_no_temporary<weakbind::detail::result<weakbind_where::Maker::make>, app::Shape, app::Shape>"],
  ["ref(C) of a free function's result by value", "WEAKBIND_FUNCTION_AS(app::make, make, ref(Shape), f64);", "ref_no_temporary<weakbind::detail::result<weakbind_where::functions::make>, app::Shape, app::Shape>"],
  ["own(C) of a value no C is made from", "std::string name() { return {}; }\nWEAKBIND_FUNCTION(name, own(Shape));", "own_converts<weakbind::detail::result<weakbind_where::functions::name>, app::Shape, std::string &&>"],
  ["own(C) of a derived class by value (sliced)", "WEAKBIND_FUNCTION_AS(app::square, square, own(Shape));", "own_no_slice<weakbind::detail::result<weakbind_where::functions::square>, app::Shape, app::Square>"],
];
for (const [what, source, place] of refusals) {
  test(`refused at compile time: ${what}`, () => {
    const r = compileCpp(`${CLASSES}${source}\n`);
    assert.equal(r.ok, false, "compiled");
    assert.ok(/weakbind: (an? (ref|own)\(C\) result|a type word must be)/.test(r.stderr), r.stderr);
    assert.ok(r.stderr.includes(place), `no '${place}' in:\n${r.stderr}`);
  });
}
