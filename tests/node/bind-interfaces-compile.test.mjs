// An interface's words and a callback's must agree with the C++ virtuals
// and std::function types, or the build fails naming the place: clang++
// compiles small translation units against interfaces.hpp here, with the
// flags every module uses (as bind-compile.test.mjs does for bind.hpp).
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCpp } from "./compile-cpp.mjs";

// Compiles `source` after an interface Model (`virtual ~Model` unless
// `destructor` says otherwise); returns { ok, stderr }.
function compile(source, { destructor = "virtual ~Model() = default;" } = {}) {
  return compileCpp(
    `#include "weakbind/interfaces.hpp"
struct Model {
  ${destructor}
  virtual double residual(double x) const = 0;
  virtual int32_t steps(int32_t n) { return n; }
  virtual std::string label(const std::string &tag) { return tag; }
  virtual void out(double &x) { x = 1; }
};
WEAKBIND_CLASS(Model);
${source}
`,
  );
}

test("words that agree compile: virtuals, constructors, callbacks", () => {
  const r = compile(`WEAKBIND_INTERFACE(Model, (pure, residual, f64, f64), (virtual, steps, i32, i32), (virtual, label, string, string));
WEAKBIND_INTERFACE_CONSTRUCTOR(Model);
int32_t apply(std::function<int32_t(std::string_view, bool)> f) { return f("x", true); }
WEAKBIND_FUNCTION(apply, i32, fn(i32, string, bool));`);
  assert.ok(r.ok, r.stderr);
});

test("a virtual's word that is not its C++ type fails, naming the member", () => {
  const r = compile(`WEAKBIND_INTERFACE(Model, (pure, residual, f64, f64), (virtual, steps, f64, i32));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /virtual_matches<weakbind_where::Model::steps, double, std::tuple<int>/);
  assert.match(r.stderr, /a virtual's words must be its C\+\+ parameter and result types/);
});

test("a virtual listed with the wrong number of parameters fails", () => {
  const r = compile(`WEAKBIND_INTERFACE(Model, (pure, residual, f64, f64, f64));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /weakbind_where::Model::residual/);
});

test("a non-const reference parameter (an out-parameter JS cannot write) fails", () => {
  const r = compile(`WEAKBIND_INTERFACE(Model, (pure, residual, f64, f64), (virtual, out, void, f64));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /weakbind_where::Model::out/);
});

test("an object word is a reference to that class", () => {
  const ok = compile(`double weigh(std::function<double(Model &)> f, Model &m) { return f(m); }
WEAKBIND_FUNCTION(weigh, f64, fn(f64, obj(Model)), obj(Model));`);
  assert.ok(ok.ok, ok.stderr);
  const r = compile(`WEAKBIND_INTERFACE(Model, (pure, residual, f64, obj(Model)));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /weakbind_where::Model::residual/);
});

test("an interface without a virtual destructor fails", () => {
  const r = compile(`WEAKBIND_INTERFACE(Model, (pure, residual, f64, f64));`, { destructor: "~Model() = default;" });
  assert.equal(r.ok, false);
  assert.match(r.stderr, /an interface \(Model\) needs a virtual destructor/);
});

test("a callback's words that are not the std::function's types fail", () => {
  const r = compile(`int32_t apply(std::function<int32_t(double)> f) { return f(1); }
WEAKBIND_FUNCTION(apply, i32, fn(i32, i32));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /a fn\(\.\.\.\) word's types must be the std::function's/);
  const n = compile(`int32_t apply(std::function<int32_t(double)> f) { return f(1); }
WEAKBIND_FUNCTION(apply, i32, fn(i32, f64, f64));`);
  assert.equal(n.ok, false);
  assert.match(n.stderr, /a fn\(\.\.\.\) word takes as many parameters as the std::function/);
});
