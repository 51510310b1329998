// A type word must agree with the C++ signature, or the build fails with
// the place named: clang++ compiles small translation units
// against bind.hpp here, with the flags every module uses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCpp } from "./compile-cpp.mjs";

// Compiles `source` after a class Shape; returns { ok, stderr }.
function compile(source) {
  return compileCpp(
    `#include "weakbind/bind.hpp"
namespace app {
enum class Kind { A, B };
struct Shape {
  explicit Shape(double s) : size(s) {}
  void scale(double k) { size *= k; }
  void count(long n) { size = n; }
  double area() const { return size * size; }
  int sides() const { return 4; }
  Kind kind() const { return Kind::A; }
  void set_kind(Kind) {}
  double size;
};
}
WEAKBIND_CLASS_AS(app::Shape, Shape);
WEAKBIND_ENUM_AS(app::Kind, Kind, A, B);
${source}
`,
  );
}

test("words that agree compile (same-size integers agree)", () => {
  const r = compile(`WEAKBIND_CONSTRUCTOR(Shape, f64);
WEAKBIND_METHOD(Shape, scale, void, f64);
WEAKBIND_METHOD(Shape, count, void, i32);
WEAKBIND_METHOD(Shape, area, f64);
WEAKBIND_METHOD(Shape, sides, i32);
WEAKBIND_METHOD(Shape, kind, enum(Kind));
WEAKBIND_METHOD(Shape, set_kind, void, enum(Kind));
WEAKBIND_PROPERTY(Shape, size, f64);
double total(const std::vector<double> &v) { return v.empty() ? 0 : v[0]; }
std::vector<int32_t> ints() { return {}; }
WEAKBIND_FUNCTION(total, f64, array(f64));
WEAKBIND_FUNCTION(ints, array(i32));
struct Pt { double x; long n; std::string s; app::Kind k; };
WEAKBIND_VALUE(Pt, (x, f64), (n, i32), (s, string), (k, enum(Kind)));
struct Seg { Pt a, b; bool on; };
WEAKBIND_VALUE(Seg, (a, value(Pt)), (b, value(Pt)), (on, bool));
Seg flip(const Seg &s) { return {s.b, s.a, !s.on}; }
WEAKBIND_FUNCTION(flip, value(Seg), value(Seg));
std::optional<long> maybe(std::optional<int> a, const std::optional<std::string> &s, std::optional<Pt> p) { return a; }
WEAKBIND_FUNCTION(maybe, optional(i32), optional(i32), optional(string), optional(value(Pt)));
std::optional<app::Kind> kind_of(std::optional<app::Kind> k) { return k; }
WEAKBIND_FUNCTION(kind_of, optional(enum(Kind)), optional(enum(Kind)));
std::vector<std::string> names(const std::vector<std::string> &v, std::vector<Pt> p) { return v; }
std::vector<Seg> segs() { return {}; }
WEAKBIND_FUNCTION(names, array(string), array(string), array(value(Pt)));
WEAKBIND_FUNCTION(segs, array(value(Seg)));`);
  assert.ok(r.ok, r.stderr);
});

// A template parameter deduces the type it is given: the word's own type
// (cpp/include/weakbind/deduced.hpp), as Eigen's Matrix(const T0&, const
// T1&) and its operator() beside an indexed-view member template need.
test("a template parameter receives the word's own type", () => {
  const r = compile(`struct Grid {
  template <class R, class C> Grid(const R &r, const C &c) : n(r * c) {
    static_assert(std::is_integral_v<R> && std::is_integral_v<C>, "integers expected");
  }
  template <class T> T twice(const T &x) const {
    static_assert(std::is_same_v<T, double>, "a double expected");
    return 2 * x;
  }
  double at(long i, long j) const { return double(i * 10 + j); }
  template <class I, class J, std::enable_if_t<!std::is_integral_v<I>, int> = 0>
  int at(const I &, const J &) const { static_assert(sizeof(I) == 0, "the indexed view"); return 0; }
  static long area(long w, long h) { return w * h; }
  template <class T> static T id(T x) { return x; }
  long n;
};
WEAKBIND_CLASS(Grid);
WEAKBIND_CONSTRUCTOR(Grid, i32, i32);
WEAKBIND_METHOD(Grid, twice, f64, f64);
WEAKBIND_METHOD(Grid, at, f64, i32, i32);
WEAKBIND_STATIC(Grid, id, u32, u32);
WEAKBIND_STATIC(Grid, area, i32, i32, i32);`);
  assert.ok(r.ok, r.stderr);
});

const refusals = [
  ["i32 for a double parameter", "WEAKBIND_METHOD(Shape, scale, void, i32);", "argument<weakbind_where::Shape::scale, 1>, int, double>"],
  ["f64 for a long parameter", "WEAKBIND_METHOD(Shape, count, void, f64);", "argument<weakbind_where::Shape::count, 1>, double, long>"],
  ["i32 for a constructor's double", "WEAKBIND_CONSTRUCTOR(Shape, i32);", "argument<weakbind_where::Shape::constructor, 1>, int, double>"],
  ["f64 for a long beside a template parameter", "struct T2 { template <class A> void put(const A &, long) {} };\nWEAKBIND_CLASS(T2);\nWEAKBIND_METHOD(T2, put, void, i32, f64);", "argument<weakbind_where::T2::put, 2>, double, long>"],
  ["i32 for a double result", "WEAKBIND_METHOD(Shape, area, i32);", "result<weakbind_where::Shape::area>, int, double>"],
  ["f64 for an int result", "WEAKBIND_METHOD(Shape, sides, f64);", "result<weakbind_where::Shape::sides>, double, int>"],
  ["i32 for an enum result", "WEAKBIND_METHOD(Shape, kind, i32);", "result<weakbind_where::Shape::kind>, int, app::Kind>"],
  ["i32 for an enum parameter", "WEAKBIND_METHOD(Shape, set_kind, void, i32);", "argument<weakbind_where::Shape::set_kind, 1>, int, app::Kind>"],
  ["an enum for a double parameter", "WEAKBIND_METHOD(Shape, scale, void, enum(Kind));", "argument<weakbind_where::Shape::scale, 1>, app::Kind, double>"],
  ["i32 for a double property", "WEAKBIND_PROPERTY(Shape, size, i32);", "weakbind_where::Shape::size>, int, double>"],
  ["array(f64) for a vector<float> parameter", "void take(std::vector<float>) {}\nWEAKBIND_FUNCTION(take, void, array(f64));", "argument<weakbind_where::functions::take, 1>, std::vector<double, std::allocator<double>>, std::vector<float"],
  ["array(f32) for a vector<double> result", "std::vector<double> give() { return {}; }\nWEAKBIND_FUNCTION(give, array(f32));", "result<weakbind_where::functions::give>, std::vector<float, std::allocator<float>>, std::vector<double"],
  ["a free function's argument", "double twice(double x) { return 2 * x; }\nWEAKBIND_FUNCTION(twice, f64, i32);", "argument<weakbind_where::functions::twice, 1>, int, double>"],
  ["f64 for an int field", "struct V { int x; };\nWEAKBIND_VALUE(V, (x, f64));", "field<weakbind_where::V::x>, double, int>"],
  ["i32 for an enum field", "struct V { app::Kind k; };\nWEAKBIND_VALUE(V, (k, i32));", "field<weakbind_where::V::k>, int, app::Kind>"],
  ["string for a const char * field", "struct V { const char *s; };\nWEAKBIND_VALUE(V, (s, string));", "field<weakbind_where::V::s>, std::string, const char *>"],
  ["one value for a field of another", "struct A { int x; };\nWEAKBIND_VALUE(A, (x, i32));\nstruct B { int x; };\nstruct V { B b; };\nWEAKBIND_VALUE(V, (b, value(A)));", "field<weakbind_where::V::b>, A, B>"],
  ["a value word for another struct's result", "struct A { int x; };\nWEAKBIND_VALUE(A, (x, i32));\nstruct B { int x; };\nB give() { return {}; }\nWEAKBIND_FUNCTION(give, value(A));", "result<weakbind_where::functions::give>, A, B>"],
  ["optional(i32) for a std::optional<double> parameter", "void take(std::optional<double>) {}\nWEAKBIND_FUNCTION(take, void, optional(i32));", "argument<weakbind_where::functions::take, 1>, int, double>"],
  ["optional(string) for a std::optional<std::string_view> parameter", "void take(std::optional<std::string_view>) {}\nWEAKBIND_FUNCTION(take, void, optional(string));", "argument<weakbind_where::functions::take, 1>, std::string, std::string_view>"],
  ["optional(f64) for a std::optional<float> result", "std::optional<float> give() { return {}; }\nWEAKBIND_FUNCTION(give, optional(f64));", "result<weakbind_where::functions::give>, double, float>"],
  ["optional(f64) for a double result", "double give() { return 0; }\nWEAKBIND_FUNCTION(give, optional(f64));", "an optional word's result must be a std::optional"],
  ["array(string) for a std::vector<std::string_view> parameter", "void take(std::vector<std::string_view>) {}\nWEAKBIND_FUNCTION(take, void, array(string));", "argument<weakbind_where::functions::take, 1>, std::vector<std::string, std::allocator<std::string>>, std::vector<std::string_view"],
  ["array(value(A)) for a std::vector<B> result", "struct A { int x; };\nWEAKBIND_VALUE(A, (x, i32));\nstruct B { int x; };\nstd::vector<B> give() { return {}; }\nWEAKBIND_FUNCTION(give, array(value(A)));", "result<weakbind_where::functions::give>, std::vector<A, std::allocator<A>>, std::vector<B"],
];

const MESSAGES = ["a type word must be", "an enum word must be", "an array word must be", "a value's field word must be", "a value word must be", "an optional word"];
for (const [what, source, place] of refusals) {
  test(`refused at compile time: ${what}`, () => {
    const r = compile(source);
    assert.equal(r.ok, false, "compiled");
    assert.ok(MESSAGES.some((m) => r.stderr.includes(`weakbind: ${m}`)), r.stderr);
    assert.ok(r.stderr.includes(place), `no '${place}' in:\n${r.stderr}`);
  });
}

test("C++20: an array word takes a std::span<const T> parameter; a span of another element type names the place", () => {
  const ok = compileCpp(
    `#include "weakbind/bind.hpp"
#include <span>
double total(std::span<const double> v) { double s = 0; for (double x : v) s += x; return s; }
int32_t first(std::span<const int32_t> v) { return v.empty() ? 0 : v[0]; }
WEAKBIND_FUNCTION(total, f64, array(f64));
WEAKBIND_FUNCTION(first, i32, array(i32));
`,
    "c++20",
  );
  assert.ok(ok.ok, ok.stderr);
  const bad = compileCpp(
    `#include "weakbind/bind.hpp"
#include <span>
double total(std::span<const float> v) { return v.size(); }
WEAKBIND_FUNCTION(total, f64, array(f64));
`,
    "c++20",
  );
  assert.equal(bad.ok, false);
  assert.match(bad.stderr, /an array word must be the C\+\+ parameter's element type/);
  assert.match(bad.stderr, /argument<weakbind_where::functions::total, 1>, std::vector<double, std::allocator<double>>, std::vector<float/);
});
