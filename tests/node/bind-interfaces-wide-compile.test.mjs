// 64-bit and object words of virtuals and callbacks must agree with the
// C++ signature, or the build fails naming the place: i64/u64 are int64_t
// and uint64_t, obj(C) as a result a C&, nullable(C) a C* (and no
// parameter). clang++ compiles small translation units here, as
// bind-interfaces-compile.test.mjs does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCpp } from "./compile-cpp.mjs";

function compile(source) {
  return compileCpp(
    `#include "weakbind/interfaces.hpp"
struct Token { virtual ~Token() = default; int32_t id = 0; };
WEAKBIND_CLASS(Token);
struct Source {
  virtual ~Source() = default;
  virtual int64_t next(int64_t after) = 0;
  virtual uint64_t mask(uint64_t bits) { return bits; }
  virtual int32_t small(int32_t n) { return n; }
  virtual Token &pick(int32_t id) = 0;
  virtual Token *find(int32_t id) { return nullptr; }
  virtual const Token &peek() = 0;
};
WEAKBIND_CLASS(Source);
${source}
`,
  );
}
const VIRTUAL = /a virtual's words must be its C\+\+ parameter and result types/;
const CALLBACK = /a fn\(\.\.\.\) word's types must be the std::function's/;

test("64-bit and object words that agree compile, in virtuals and callbacks", () => {
  const r = compile(`WEAKBIND_INTERFACE(Source, (pure, next, i64, i64), (virtual, mask, u64, u64), (pure, pick, obj(Token), i32),
                   (virtual, find, nullable(Token), i32), (pure, peek, obj(Token)));
int64_t f(std::function<int64_t(int64_t, uint64_t)> g) { return g(1, 2); }
int32_t h(std::function<Token &(int32_t)> g) { return g(1).id; }
int32_t k(std::function<const Token *()> g) { return g() ? 1 : 0; }
WEAKBIND_FUNCTION(f, i64, fn(i64, i64, u64));
WEAKBIND_FUNCTION(h, i32, fn(obj(Token), i32));
WEAKBIND_FUNCTION(k, i32, fn(nullable(Token)));`);
  assert.ok(r.ok, r.stderr);
});

test("an i64 word on an int32_t virtual, or i32 on an int64_t one, fails naming the member", () => {
  const r = compile(`WEAKBIND_INTERFACE(Source, (pure, next, i64, i64), (virtual, small, i64, i32));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /virtual_matches<weakbind_where::Source::small, long long, std::tuple<int>/);
  assert.match(r.stderr, VIRTUAL);
  const s = compile(`WEAKBIND_INTERFACE(Source, (pure, next, i32, i64));`);
  assert.equal(s.ok, false);
  assert.match(s.stderr, /virtual_matches<weakbind_where::Source::next, int, std::tuple<long long>/);
});

test("obj(C) on a virtual returning C*, or nullable(C) on one returning C&, fails", () => {
  const r = compile(`WEAKBIND_INTERFACE(Source, (pure, next, i64, i64), (virtual, find, obj(Token), i32));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, /virtual_matches<weakbind_where::Source::find, weakbind::detail::ObjectWord<Token>/);
  assert.match(r.stderr, VIRTUAL);
  const s = compile(`WEAKBIND_INTERFACE(Source, (pure, pick, nullable(Token), i32));`);
  assert.equal(s.ok, false);
  assert.match(s.stderr, /virtual_matches<weakbind_where::Source::pick, weakbind::detail::NullableWord<Token>/);
});

test("nullable(C) is no parameter word", () => {
  const r = compile(`struct Sink { virtual ~Sink() = default; virtual void take(Token *t) = 0; };
WEAKBIND_CLASS(Sink);
WEAKBIND_INTERFACE(Sink, (pure, take, void, nullable(Token)));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, VIRTUAL);
});

test("a callback's 64-bit or object words that are not the std::function's fail", () => {
  const r = compile(`int64_t f(std::function<int64_t(int32_t)> g) { return g(1); }
WEAKBIND_FUNCTION(f, i64, fn(i64, i64));`);
  assert.equal(r.ok, false);
  assert.match(r.stderr, CALLBACK);
  const s = compile(`int32_t h(std::function<Token *(int32_t)> g) { return g(1) ? 1 : 0; }
WEAKBIND_FUNCTION(h, i32, fn(obj(Token), i32));`);
  assert.equal(s.ok, false);
  assert.match(s.stderr, CALLBACK);
});
