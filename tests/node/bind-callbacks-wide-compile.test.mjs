// The words of calls into JS that cross as blocks or enums (value, array,
// optional, map, enum: weakbind/call_blocks.hpp) must agree with the
// std::function's or the virtual's C++ types, or the build fails naming
// the place: clang++ compiles small translation units here, with the flags
// every module uses (as bind-interfaces-compile.test.mjs does).
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCpp } from "./compile-cpp.mjs";

const PRELUDE = `#include "weakbind/interfaces.hpp"
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>
enum class Hue { Red, Blue };
WEAKBIND_ENUM(Hue, Red, Blue);
struct Pt { double x = 0; std::string tag; };
WEAKBIND_VALUE(Pt, (x, f64), (tag, string));
struct Other { double x = 0; };
WEAKBIND_VALUE(Other, (x, f64));
`;
const compile = (source) => compileCpp(`${PRELUDE}${source}\n`);
const FN_TYPES = /a fn\(\.\.\.\) word's types must be the std::function's/;
const VIRTUAL_TYPES = /a virtual's words must be its C\+\+ parameter and result types/;

test("words that agree compile: callbacks and virtuals, by value and const reference", () => {
  const r = compile(`Pt a(std::function<Pt(const Pt &, std::vector<double>, const std::vector<std::string> &)> f) { return f({}, {}, {}); }
WEAKBIND_FUNCTION(a, value(Pt), fn(value(Pt), value(Pt), array(f64), array(string)));
std::optional<Hue> b(std::function<std::optional<Hue>(Hue, const std::vector<Pt> &, std::optional<std::vector<int32_t>>)> f) { return f(Hue::Red, {}, {}); }
WEAKBIND_FUNCTION(b, optional(enum(Hue)), fn(optional(enum(Hue)), enum(Hue), array(value(Pt)), optional(array(i32))));
int32_t c(std::function<std::unordered_map<int32_t, Pt>(const std::map<std::string, double> &)> f) { return int32_t(f({}).size()); }
WEAKBIND_FUNCTION(c, i32, fn(map(i32, value(Pt)), map(string, f64)));
struct Face {
  virtual ~Face() = default;
  virtual Hue hue(Hue h) = 0;
  virtual std::vector<float> scale(const std::vector<float> &v) { return v; }
  virtual std::optional<Pt> maybe(std::optional<std::string> s) = 0;
  virtual std::map<std::string, Pt> table(std::unordered_map<uint32_t, bool> m) = 0;
};
WEAKBIND_CLASS(Face);
WEAKBIND_INTERFACE(Face, (pure, hue, enum(Hue), enum(Hue)), (virtual, scale, array(f32), array(f32)),
                   (pure, maybe, optional(value(Pt)), optional(string)), (pure, table, map(string, value(Pt)), map(u32, bool)));
WEAKBIND_INTERFACE_CONSTRUCTOR(Face);`);
  assert.ok(r.ok, r.stderr);
});

test("a callback's block word that is not the std::function's type fails", () => {
  const cases = [
    `Pt a(std::function<Pt(const Other &)> f) { return f({}); }\nWEAKBIND_FUNCTION(a, value(Pt), fn(value(Pt), value(Pt)));`,
    `double a(std::function<double(std::vector<float>)> f) { return f({}); }\nWEAKBIND_FUNCTION(a, f64, fn(f64, array(f64)));`,
    `std::vector<double> a(std::function<std::vector<double>()> f) { return f(); }\nWEAKBIND_FUNCTION(a, array(f64), fn(array(f32)));`,
    `double a(std::function<double(std::optional<int64_t>)> f) { return f({}); }\nWEAKBIND_FUNCTION(a, f64, fn(f64, optional(i32)));`,
    `double a(std::function<double(std::vector<std::string_view>)> f) { return f({}); }\nWEAKBIND_FUNCTION(a, f64, fn(f64, array(string)));`,
    `double a(std::function<double(std::map<std::string, float>)> f) { return f({}); }\nWEAKBIND_FUNCTION(a, f64, fn(f64, map(string, f64)));`,
    `int32_t a(std::function<int32_t(Hue)> f) { return f(Hue::Red); }\nWEAKBIND_FUNCTION(a, i32, fn(enum(Hue), enum(Hue)));`,
    `int32_t a(std::function<int32_t(int32_t)> f) { return f(0); }\nWEAKBIND_FUNCTION(a, i32, fn(i32, enum(Hue)));`,
    // An out-parameter JS cannot write.
    `double a(std::function<double(std::vector<double> &)> f) { std::vector<double> v; return f(v); }\nWEAKBIND_FUNCTION(a, f64, fn(f64, array(f64)));`,
  ];
  for (const source of cases) {
    const r = compile(source);
    assert.equal(r.ok, false, source);
    assert.match(r.stderr, FN_TYPES, source);
  }
});

test("a virtual's block or enum word that is not its C++ type fails, naming the member", () => {
  const face = (member, entry) => compile(`struct Face {
  virtual ~Face() = default;
  ${member}
};
WEAKBIND_CLASS(Face);
WEAKBIND_INTERFACE(Face, ${entry});`);
  const cases = [
    ["virtual int32_t hue(Hue h) = 0;", "(pure, hue, enum(Hue), enum(Hue))", /virtual_matches<weakbind_where::Face::hue/],
    ["virtual Pt move(const Other &p) = 0;", "(pure, move, value(Pt), value(Pt))", /virtual_matches<weakbind_where::Face::move/],
    ["virtual std::vector<double> scale(std::vector<double> v) = 0;", "(pure, scale, array(f32), array(f64))", /virtual_matches<weakbind_where::Face::scale/],
    ["virtual void names(std::vector<std::string_view> v) = 0;", "(pure, names, void, array(string))", /virtual_matches<weakbind_where::Face::names/],
    ["virtual std::optional<float> maybe() = 0;", "(pure, maybe, optional(f64))", /virtual_matches<weakbind_where::Face::maybe/],
    ["virtual std::map<std::string, double> table() = 0;", "(pure, table, map(string, f32))", /virtual_matches<weakbind_where::Face::table/],
    ["virtual void fill(std::vector<Pt> &out) = 0;", "(pure, fill, void, array(value(Pt)))", /virtual_matches<weakbind_where::Face::fill/],
  ];
  for (const [member, entry, where] of cases) {
    const r = face(member, entry);
    assert.equal(r.ok, false, member);
    assert.match(r.stderr, VIRTUAL_TYPES, member);
    assert.match(r.stderr, where, member);
  }
});
