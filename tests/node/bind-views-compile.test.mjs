// View words must agree with the C++ signature, or the build fails naming
// the place (as bind-compile.test.mjs holds for the other words): clang++
// compiles small translation units against bind.hpp.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCpp } from "./compile-cpp.mjs";

function compile(source) {
  return compileCpp(
    `#include "weakbind/bind.hpp"
#include <array>
#include <functional>
#include <vector>
struct Series {
  std::vector<double> xs;
  std::array<float, 3> fs{};
  weakbind::ArrayView<double> samples() const { return xs; }
  weakbind::ArrayView<float> narrow() const { return fs; }
  virtual ~Series() {}
};
WEAKBIND_CLASS(Series);
${source}
`,
  );
}

test("view words that agree compile", () => {
  const r = compile(`WEAKBIND_METHOD(Series, samples, view(f64));
WEAKBIND_METHOD(Series, narrow, view(f32));
weakbind::ArrayView<int32_t> ints(const Series &) { static const int32_t v[2] = {1, 2}; return {v, 2}; }
WEAKBIND_FUNCTION(ints, view(i32), obj(Series));
weakbind::ArrayView<uint32_t> none(const Series &) { return {}; }
WEAKBIND_FUNCTION(none, view(u32), obj(Series));
double each(std::function<double(weakbind::ArrayView<double>)> f) { return f({}); }
double each_ref(std::function<double(const weakbind::ArrayView<float> &)> f) { return f({}); }
WEAKBIND_FUNCTION(each, f64, fn(f64, view(f64)));
WEAKBIND_FUNCTION(each_ref, f64, fn(f64, view(f32)));`);
  assert.ok(r.ok, r.stderr);
});

const refusals = [
  ["view(f64) for an ArrayView<float> result", "WEAKBIND_METHOD(Series, narrow, view(f64));", "a view word's result must be a weakbind::ArrayView", ["result<weakbind_where::Series::narrow>, weakbind::ArrayView<double>, weakbind::ArrayView<float>"]],
  ["view(f64) for a std::vector<double> result", "std::vector<double> give() { return {}; }\nWEAKBIND_FUNCTION(give, view(f64));", "a view word's result must be a weakbind::ArrayView", ["result<weakbind_where::functions::give>, weakbind::ArrayView<double>, std::vector<double"]],
  ["view(i32) for an ArrayView<uint32_t> result", "weakbind::ArrayView<uint32_t> give() { return {}; }\nWEAKBIND_FUNCTION(give, view(i32));", "a view word's result must be a weakbind::ArrayView", ["result<weakbind_where::functions::give>, weakbind::ArrayView<int>, weakbind::ArrayView<unsigned int>"]],
  ["fn(f64, view(f64)) for a callback taking ArrayView<float>", "double each(std::function<double(weakbind::ArrayView<float>)> f) { return f({}); }\nWEAKBIND_FUNCTION(each, f64, fn(f64, view(f64)));", "a fn(...) word's types must be the std::function's", ["ViewWord<double>"]],
  ["fn(f64, view(f64)) for a callback taking a mutable ArrayView&", "double each(std::function<double(weakbind::ArrayView<double> &)> f) { weakbind::ArrayView<double> v; return f(v); }\nWEAKBIND_FUNCTION(each, f64, fn(f64, view(f64)));", "a fn(...) word's types must be the std::function's", ["ViewWord<double>"]],
];

for (const [what, source, message, place] of refusals) {
  test(`refused at compile time: ${what}`, () => {
    const r = compile(source);
    assert.equal(r.ok, false, "compiled");
    assert.ok(r.stderr.includes(`weakbind: ${message}`), r.stderr);
    for (const part of place) assert.ok(r.stderr.includes(part), `no '${part}' in:\n${r.stderr}`);
    assert.equal(r.stderr.match(/error:/g).length, 1, r.stderr);
  });
}

test("an ArrayView of a temporary vector does not compile (it would dangle)", () => {
  const r = compile(`weakbind::ArrayView<double> give() { return std::vector<double>{1, 2}; }
WEAKBIND_FUNCTION(give, view(f64));`);
  assert.equal(r.ok, false, "compiled");
  assert.match(r.stderr, /deleted/);
});
