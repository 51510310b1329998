// Map and object-array words (maps as parameters, results, values' fields
// and optionals) must agree with the C++ signature, or the
// build fails naming the place (as bind-compile.test.mjs holds for the
// other words): clang++ compiles small translation units against bind.hpp.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCpp } from "./compile-cpp.mjs";

function compile(source) {
  return compileCpp(
    `#include "weakbind/bind.hpp"
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
enum class Kind { A, B };
WEAKBIND_ENUM(Kind, A, B);
struct Pt { double x; };
WEAKBIND_VALUE(Pt, (x, f64));
struct Node { int id = 0; virtual ~Node() {} };
struct Leaf : Node {};
WEAKBIND_CLASS(Node);
WEAKBIND_CLASS_DERIVED(Leaf, Node);
${source}
`,
  );
}

test("map and object-array words that agree compile", () => {
  const r = compile(`std::map<std::string, double> a(const std::map<std::string, double> &m) { return m; }
std::unordered_map<int, Pt> b(std::unordered_map<int32_t, Pt> m) { return m; }
std::map<unsigned, Kind> c(std::map<uint32_t, Kind> m) { return m; }
std::map<double, std::string> d(const std::unordered_map<double, std::string> &) { return {}; }
std::map<std::string, int64_t> e(std::map<std::string, bool>) { return {}; }
WEAKBIND_FUNCTION(a, map(string, f64), map(string, f64));
WEAKBIND_FUNCTION(b, map(i32, value(Pt)), map(i32, value(Pt)));
WEAKBIND_FUNCTION(c, map(u32, enum(Kind)), map(u32, enum(Kind)));
WEAKBIND_FUNCTION(d, map(f64, string), map(f64, string));
WEAKBIND_FUNCTION(e, map(string, i64), map(string, bool));
int f(std::vector<Node *> v, const std::vector<const Node *> &w) { return int(v.size() + w.size()); }
int g(std::vector<std::reference_wrapper<Node>> v, std::vector<std::reference_wrapper<const Node>> w) { return 0; }
std::vector<std::unique_ptr<Node>> h() { return {}; }
std::vector<Node *> k() { return {}; }
WEAKBIND_FUNCTION(f, i32, array(obj(Node)), array(obj(Node)));
WEAKBIND_FUNCTION(g, i32, array(obj(Node)), array(obj(Node)));
WEAKBIND_FUNCTION(h, array(own(Node)));
WEAKBIND_FUNCTION(k, array(ref(Node)));
int n(std::vector<Node *> v, const std::vector<const Node *> &w) { return int(v.size() + w.size()); }
std::vector<std::unique_ptr<Node>> o() { return {}; }
std::vector<Node *> p() { return {}; }
WEAKBIND_FUNCTION(n, i32, array(nullable(Node)), array(nullable(Node)));
WEAKBIND_FUNCTION(o, array(own_or_null(Node)));
WEAKBIND_FUNCTION(p, array(ref_or_null(Node)));
std::map<std::string, std::map<int32_t, Pt>> q(std::unordered_map<std::string, std::map<int32_t, std::string>> m) { return {}; }
WEAKBIND_FUNCTION(q, map(string, map(i32, value(Pt))), map(string, map(i32, string)));
struct Deep { std::map<std::string, std::map<std::string, double>> m; std::optional<std::map<int32_t, std::map<int32_t, bool>>> o; };
WEAKBIND_VALUE(Deep, (m, map(string, map(string, f64))), (o, optional(map(i32, map(i32, bool)))));`);
  assert.ok(r.ok, r.stderr);
});

test("map fields and optional maps that agree compile: std::map, std::unordered_map, any comparator", () => {
  const r = compile(`struct Book {
  std::map<std::string, double> a;
  std::unordered_map<int32_t, Pt> b;
  std::map<uint32_t, Kind, std::greater<uint32_t>> c;
  std::optional<std::unordered_map<double, std::string>> d;
  std::optional<std::map<std::string, bool>> e;
};
WEAKBIND_VALUE(Book, (a, map(string, f64)), (b, map(i32, value(Pt))), (c, map(u32, enum(Kind))),
               (d, optional(map(f64, string))), (e, optional(map(string, bool))));
std::optional<std::unordered_map<std::string, double>> o(std::optional<std::map<std::string, double>> m,
                                                         const std::optional<std::unordered_map<int32_t, Pt>> &) {
  if (!m) return std::nullopt;
  return std::unordered_map<std::string, double>(m->begin(), m->end());
}
std::optional<std::map<int32_t, Pt>> q(Book) { return std::nullopt; }
WEAKBIND_FUNCTION(o, optional(map(string, f64)), optional(map(string, f64)), optional(map(i32, value(Pt))));
WEAKBIND_FUNCTION(q, optional(map(i32, value(Pt))), value(Book));`);
  assert.ok(r.ok, r.stderr);
});

const refusals = [
  ["map(string, f64) for a std::map<std::string, float> parameter", "void take(std::map<std::string, float>) {}\nWEAKBIND_FUNCTION(take, void, map(string, f64));", "a map word must be", ["argument<weakbind_where::functions::take, 1>, std::map<std::string, double,", ">, std::map<std::string, float,"]],
  ["map(i32, f64) for a std::unordered_map<long, double> parameter", "void take(const std::unordered_map<long, double> &) {}\nWEAKBIND_FUNCTION(take, void, map(i32, f64));", "a map word must be", ["argument<weakbind_where::functions::take, 1>, std::unordered_map<int, double,", ">, std::unordered_map<long, double,"]],
  ["map(string, value(Pt)) for a std::unordered_map<std::string, int> parameter", "void take(std::unordered_map<std::string, int>) {}\nWEAKBIND_FUNCTION(take, void, map(string, value(Pt)));", "a map word must be", ["argument<weakbind_where::functions::take, 1>, std::unordered_map<std::string, Pt,", ">, std::unordered_map<std::string, int,"]],
  ["map(string, value(Pt)) for a std::map<std::string, int> result", "std::map<std::string, int> give() { return {}; }\nWEAKBIND_FUNCTION(give, map(string, value(Pt)));", "a map word must be", ["result<weakbind_where::functions::give>, std::map<std::string, Pt,", ">, std::map<std::string, int,"]],
  ["map(string, f64) for a std::vector result", "std::vector<double> give() { return {}; }\nWEAKBIND_FUNCTION(give, map(string, f64));", "a map word's result must be a std::map or std::unordered_map", ""],
  ["a bool key", "std::map<bool, int> give() { return {}; }\nWEAKBIND_FUNCTION(give, map(bool, i32));", "a map's key word must be string, i32, u32 or f64", ""],
  ["map(string, f64) for a std::map<std::string, float> field", "struct V { std::map<std::string, float> m; };\nWEAKBIND_VALUE(V, (m, map(string, f64)));", "a value's field word must be", ["field<weakbind_where::V::m>, std::map<std::string, double,", ">, std::map<std::string, float,"]],
  ["map(i32, string) for a std::unordered_map<long, std::string> field", "struct V { std::unordered_map<long, std::string> m; };\nWEAKBIND_VALUE(V, (m, map(i32, string)));", "a value's field word must be", ["field<weakbind_where::V::m>, std::unordered_map<int, std::string,", ">, std::unordered_map<long, std::string,"]],
  ["map(string, f64) for a std::vector<double> field", "struct V { std::vector<double> m; };\nWEAKBIND_VALUE(V, (m, map(string, f64)));", "a value's field word must be", ["field<weakbind_where::V::m>, std::map<std::string, double,", ">, std::vector<double,"]],
  ["optional(map(string, value(Pt))) for a std::optional<std::map<std::string, int>> field", "struct V { std::optional<std::map<std::string, int>> m; };\nWEAKBIND_VALUE(V, (m, optional(map(string, value(Pt)))));", "a value's field word must be", ["field<weakbind_where::V::m>, std::optional<std::map<std::string, Pt,", ">, std::optional<std::map<std::string, int,"]],
  ["optional(map(string, f64)) for a std::optional<std::map<std::string, float>> parameter", "void take(std::optional<std::map<std::string, float>>) {}\nWEAKBIND_FUNCTION(take, void, optional(map(string, f64)));", "a map word must be", ["argument<weakbind_where::functions::take, 1>, std::map<std::string, double,", ">, std::map<std::string, float,"]],
  ["optional(map(string, f64)) for a std::optional<std::vector<double>> parameter", "void take(std::optional<std::vector<double>>) {}\nWEAKBIND_FUNCTION(take, void, optional(map(string, f64)));", "an optional map word must be", ["argument<weakbind_where::functions::take, 1>, std::map<std::string, double,", ">, std::vector<double,"]],
  ["optional(map(string, f64)) for a std::optional<std::unordered_map<std::string, int>> result", "std::optional<std::unordered_map<std::string, int>> give() { return {}; }\nWEAKBIND_FUNCTION(give, optional(map(string, f64)));", "an optional word must be", ["result<weakbind_where::functions::give>, std::unordered_map<std::string, double,", ">, std::unordered_map<std::string, int,"]],
  ["a map of optionals", "void take(std::map<std::string, std::optional<double>>) {}\nWEAKBIND_FUNCTION(take, void, map(string, optional(f64)));", "a map's value word must be one of", ""],
  ["array(array(f64)) for a std::vector<std::vector<float>> parameter", "void take(std::vector<std::vector<float>>) {}\nWEAKBIND_FUNCTION(take, void, array(array(f64)));", "an array word must be the C++ parameter's element type", ["argument<weakbind_where::functions::take, 1>, std::vector<std::vector<double,", ">, std::vector<std::vector<float,"]],
  ["array(obj(Node)) for a std::vector<Node> parameter", "void take(std::vector<Node>) {}\nWEAKBIND_FUNCTION(take, void, array(obj(Node)));", "an array(obj(C)) word's parameter must be", ["argument<weakbind_where::functions::take, 1>, std::vector<Node *,", ">, std::vector<Node,"]],
  ["array(obj(Node)) for a std::vector<Leaf *> parameter", "void take(std::vector<Leaf *>) {}\nWEAKBIND_FUNCTION(take, void, array(obj(Node)));", "an array(obj(C)) word's parameter must be", ["argument<weakbind_where::functions::take, 1>, std::vector<Node *,", ">, std::vector<Leaf *,"]],
  ["array(nullable(Node)) for a std::vector<std::reference_wrapper<Node>> parameter", "void take(std::vector<std::reference_wrapper<Node>>) {}\nWEAKBIND_FUNCTION(take, void, array(nullable(Node)));", "an array(nullable(C)) word's parameter must be", ["argument<weakbind_where::functions::take, 1>, std::vector<Node *,", ">, std::vector<std::reference_wrapper<Node>,"]],
  ["array(own(Node)) for a std::vector<Node *> result", "std::vector<Node *> give() { return {}; }\nWEAKBIND_FUNCTION(give, array(own(Node)));", "an array(own(C)) word's result must be", ["result<weakbind_where::functions::give>, std::vector<std::unique_ptr<Node,", ">, std::vector<Node *,"]],
  ["array(ref(Node)) for a std::vector<std::unique_ptr<Node>> result", "std::vector<std::unique_ptr<Node>> give() { return {}; }\nWEAKBIND_FUNCTION(give, array(ref(Node)));", "an array(ref(C)) word's result must be", ["result<weakbind_where::functions::give>, std::vector<Node *,", ">, std::vector<std::unique_ptr<Node,"]],
  ["map(string, map(string, f64)) for an inner map of float", "void take(std::map<std::string, std::map<std::string, float>>) {}\nWEAKBIND_FUNCTION(take, void, map(string, map(string, f64)));", "a map word must be the C++ parameter's key and value types", ["argument<weakbind_where::functions::take, 1>", "std::map<std::string, float>"]],
];

// Each refusal is one error (the static assertion), naming the place, the
// word's type and the C++ type.
for (const [what, source, message, place] of refusals) {
  test(`refused at compile time: ${what}`, () => {
    const r = compile(source);
    assert.equal(r.ok, false, "compiled");
    assert.ok(r.stderr.includes(`weakbind: ${message}`), r.stderr);
    for (const part of [place].flat()) assert.ok(r.stderr.includes(part), `no '${part}' in:\n${r.stderr}`);
    assert.equal(r.stderr.match(/error:/g).length, 1, r.stderr);
  });
}
