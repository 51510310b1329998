// weakbind/bind.hpp — typed exports with no JS glue.
//
// Each macro defines an exported C function with the wire signature and
// writes one metadata record (docs/ARCHITECTURE.md, "Metadata") into the
// module's `weakbind` custom section, so the loader knows every parameter's
// and result's type:
//
//   WEAKBIND_CLASS(Node)                           class, destructor
//   WEAKBIND_CLASS_DERIVED(Group, Node)            class usable as a Node
//   WEAKBIND_CONSTRUCTOR(Node, string)             new Node(name), by arity
//   WEAKBIND_METHOD(Node, name, string)            result first, then params
//   WEAKBIND_METHOD(Node, add_child, ref(Node), string)
//   WEAKBIND_STATIC(Node, make, own(Node), string)
//   WEAKBIND_PROPERTY(Node, x, f64)                read/write data member
//   WEAKBIND_READONLY(Node, id, i64)               read-only data member
//   WEAKBIND_CLASS_AS(Eigen::MatrixXd, Matrix)     a C++ type under a JS name
//   WEAKBIND_METHOD_AS(Matrix, cols, width, i32)   a member under a JS name
//   WEAKBIND_OVERLOAD(Matrix, resize, void, i32)   another arity of a method
//                                                  (C++ overloads, default arguments)
//   WEAKBIND_FUNCTION(gcd, i32, i32, i32)          m.gcd(a, b)
//   WEAKBIND_ENUM(Color, Red, Green, Blue)         m.Color.Red, enum(Color)
//   WEAKBIND_ENUM_STRINGS(Mode, Fast, Exact)       m.Mode.Fast === "Fast"
//
// Type words: void i32 u32 f32 f64 bool i64 u64 string bytes js,
// obj(C) (a C&), nullable(C) (a C*), enum(E), array(f64) array(f32)
// array(i32) array(u32) (a typed array, copied: std::vector<T> or
// weakbind::ArrayArg<T> in, std::vector<T> out), and for results own(C) /
// own_or_null(C) (JS becomes an owner: return std::unique_ptr<C> or a new
// C*) and ref(C) / ref_or_null(C) (owned by `this`: the wrapper keeps its
// parent alive and never frees the object). C (or E) is the JS name the
// class (or enum) macro gave; those macros come first in the translation
// unit when they declare an alias (the _AS forms).
//
// A scalar or enum word must be the C++ parameter's or result's type: an
// integer of the same size and signedness counts (int32_t and long), any
// conversion that can change a value (double to i32, int to f64, a Color
// to i32) fails to compile, and the failed requirement names class,
// member and position (weakbind_where::Class__member__argument_N).
#ifndef WEAKBIND_BIND_HPP
#define WEAKBIND_BIND_HPP

#include "../weakbind.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace weakbind {

// A string argument: UTF-8 bytes borrowed for the call.
struct StringArg {
  const char *data;
  size_t size;
  operator std::string_view() const { return {data, size}; }
  operator std::string() const { return {data, size}; }
};

// A byte-array argument, borrowed for the call.
struct BytesArg {
  const uint8_t *data;
  size_t size;
  operator std::vector<uint8_t>() const { return {data, data + size}; }
};

// A numeric array argument (array(f64) …: a typed array JS passed), copied
// into the heap by the loader and borrowed for the call: a C++ function
// takes a std::vector<T> (a copy) or the ArrayArg itself (no copy).
template <class T> struct ArrayArg {
  const T *data;
  size_t size;
  const T *begin() const { return data; }
  const T *end() const { return data + size; }
  const T &operator[](size_t i) const { return data[i]; }
  operator std::vector<T>() const { return {data, data + size}; }
};

namespace detail {

// Strings and bytes leave wasm as one heap block: u32 length, then bytes.
// The loader copies them out and frees the block.
inline uint32_t to_block(const void *data, size_t size) {
  auto *block = static_cast<uint8_t *>(std::malloc(4 + size));
  if (!block) {
    static const char message[] = "out of memory: returning a string to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  uint32_t n = static_cast<uint32_t>(size);
  std::memcpy(block, &n, 4);
  if (size) std::memcpy(block + 4, data, size);
  return reinterpret_cast<uintptr_t>(block);
}

inline uint32_t string_result(std::string_view s) { return to_block(s.data(), s.size()); }
inline uint32_t string_result(const char *s) { return s ? string_result(std::string_view(s)) : string_result(""); }
inline uint32_t bytes_result(const std::vector<uint8_t> &b) { return to_block(b.data(), b.size()); }

template <class C> C *object_result(C *p) { return p; }
template <class C> C *object_result(C &r) { return &r; }
template <class C> C *object_result(std::unique_ptr<C> &&p) { return p.release(); }

inline weakbind_jsref js_result(JsRef &&r) { return r.release(); }

// Whether a C++ type agrees with a type word's type: the same type, or an
// integer of the same size and signedness (on wasm32, int32_t is int and
// size_t is unsigned long: no value changes between them).
template <class Word, class Cpp>
inline constexpr bool agrees =
    std::is_same_v<Word, Cpp> ||
    (std::is_integral_v<Word> && std::is_integral_v<Cpp> && !std::is_same_v<Word, bool> &&
     !std::is_same_v<Cpp, bool> && sizeof(Word) == sizeof(Cpp) &&
     std::is_signed_v<Word> == std::is_signed_v<Cpp>);

// The failed requirement of a disagreement names its place: `Where` is
// weakbind_where::Class__member__argument_N (or __result), then the word's
// type, then the C++ type.
template <class Where, class Word, class Cpp> struct word_matches {
  static constexpr bool value = agrees<Word, Cpp>;
};

// A scalar or enum argument that converts only to its own type (or one
// that agrees with it): any other target of overload resolution picks the
// template, whose assertion fails at compile time.
template <class T, class Where> struct Exact {
  T value;
  operator T() const { return value; }
  template <class U, std::enable_if_t<agrees<T, U> && !std::is_same_v<T, U>, int> = 0>
  operator U() const { return static_cast<U>(value); }
  template <class U, std::enable_if_t<!agrees<T, U> && (std::is_arithmetic_v<U> || std::is_enum_v<U>), int> = 0>
  operator U() const {
    static_assert(word_matches<Where, T, U>::value,
                  "weakbind: a type word must be the C++ parameter's type (see the requirement: "
                  "where, the word's type, the parameter's type)");
    return U();
  }
};

// A scalar result, checked against its type word's type.
template <class T, class Where, class R> T exact_result(R &&r) {
  static_assert(word_matches<Where, T, std::decay_t<R>>::value,
                "weakbind: a type word must be the C++ result's type (see the requirement: "
                "where, the word's type, the result's type)");
  return static_cast<T>(r);
}

// An enum result: the C++ result must be the enum itself.
template <class E, class Where, class R> int32_t enum_result(R &&r) {
  static_assert(word_matches<Where, E, std::decay_t<R>>::value,
                "weakbind: an enum word must be the C++ result's type (see the requirement: "
                "where, the word's type, the result's type)");
  return static_cast<int32_t>(r);
}

// An array argument that converts to std::vector<T> and to nothing of
// another element type (a vector<float> for array(f64) fails to compile,
// naming its place as Exact does).
template <class T, class Where> struct ExactArray : ArrayArg<T> {
  template <class U, std::enable_if_t<!std::is_same_v<T, U>, int> = 0>
  operator std::vector<U>() const {
    static_assert(word_matches<Where, std::vector<T>, std::vector<U>>::value,
                  "weakbind: an array word must be the C++ parameter's element type (see the "
                  "requirement: where, the word's type, the parameter's type)");
    return {};
  }
};

// An array result: a heap block `u32 len`, padding, then the elements at
// offset 8 (the heap's blocks are 8-aligned); the loader copies it into a
// new typed array and frees it.
template <class T, class Where, class U> uint32_t array_result(const std::vector<U> &v) {
  static_assert(word_matches<Where, std::vector<T>, std::vector<U>>::value,
                "weakbind: an array word must be the C++ result's element type (see the "
                "requirement: where, the word's type, the result's type)");
  auto *block = static_cast<uint8_t *>(std::malloc(8 + v.size() * sizeof(T)));
  if (!block) {
    static const char message[] = "out of memory: returning an array to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  uint32_t n = static_cast<uint32_t>(v.size());
  std::memcpy(block, &n, 4);
  if (n) std::memcpy(block + 8, v.data(), v.size() * sizeof(T));
  return reinterpret_cast<uintptr_t>(block);
}

// Where a type word disagrees: argument I (from 1) or the result of
// weakbind_where::Class::member.
template <class Member, int I> struct argument;
template <class Member> struct result;

} // namespace detail
} // namespace weakbind

// ---- the preprocessor's part: one table per type word --------------------

#define WB_CAT(a, b) WB_CAT_(a, b)
#define WB_CAT_(a, b) a##b
// The same, for use inside an expansion of WB_CAT (which a macro cannot
// expand again within itself).
#define WB_PASTE(a, b) WB_PASTE_(a, b)
#define WB_PASTE_(a, b) a##b
#define WB_STR(x) WB_STR_(x)
#define WB_STR_(x) #x

#define WB_NARGS(...)                                                                   \
  WB_NARGS_(0 __VA_OPT__(, ) __VA_ARGS__, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, \
            2, 1, 0)
#define WB_NARGS_(z, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, N, \
                  ...)                                                                  \
  N

// WB_EACH(M, a, b) -> M(0, a) M(1, b)
#define WB_EACH(M, ...) WB_CAT(WB_EACH_, WB_NARGS(__VA_ARGS__))(M __VA_OPT__(, ) __VA_ARGS__)
#define WB_EACH_0(M)
#define WB_EACH_1(M, a) M(0, a)
#define WB_EACH_2(M, a, b) WB_EACH_1(M, a) M(1, b)
#define WB_EACH_3(M, a, b, c) WB_EACH_2(M, a, b) M(2, c)
#define WB_EACH_4(M, a, b, c, d) WB_EACH_3(M, a, b, c) M(3, d)
#define WB_EACH_5(M, a, b, c, d, e) WB_EACH_4(M, a, b, c, d) M(4, e)
#define WB_EACH_6(M, a, b, c, d, e, f) WB_EACH_5(M, a, b, c, d, e) M(5, f)
#define WB_EACH_7(M, a, b, c, d, e, f, g) WB_EACH_6(M, a, b, c, d, e, f) M(6, g)
#define WB_EACH_8(M, a, b, c, d, e, f, g, h) WB_EACH_7(M, a, b, c, d, e, f, g) M(7, h)
#define WB_EACH_9(M, a, b, c, d, e, f, g, h, i) WB_EACH_8(M, a, b, c, d, e, f, g, h) M(8, i)
#define WB_EACH_10(M, a, b, c, d, e, f, g, h, i, j) WB_EACH_9(M, a, b, c, d, e, f, g, h, i) M(9, j)
#define WB_EACH_11(M, a, b, c, d, e, f, g, h, i, j, k)                                  \
  WB_EACH_10(M, a, b, c, d, e, f, g, h, i, j) M(10, k)
#define WB_EACH_12(M, a, b, c, d, e, f, g, h, i, j, k, l)                               \
  WB_EACH_11(M, a, b, c, d, e, f, g, h, i, j, k) M(11, l)
#define WB_EACH_13(M, a, b, c, d, e, f, g, h, i, j, k, l, m)                            \
  WB_EACH_12(M, a, b, c, d, e, f, g, h, i, j, k, l) M(12, m)
#define WB_EACH_14(M, a, b, c, d, e, f, g, h, i, j, k, l, m, n)                         \
  WB_EACH_13(M, a, b, c, d, e, f, g, h, i, j, k, l, m) M(13, n)
#define WB_EACH_15(M, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o)                      \
  WB_EACH_14(M, a, b, c, d, e, f, g, h, i, j, k, l, m, n) M(14, o)
#define WB_EACH_16(M, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)                   \
  WB_EACH_15(M, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) M(15, p)

#define WB_IF_NOT_FIRST(i, x) WB_CAT(WB_IF_NOT_FIRST_, i)(x)
#define WB_IF_NOT_FIRST_0(x)
#define WB_IF_NOT_FIRST_N(x) x
#define WB_IF_NOT_FIRST_1 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_2 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_3 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_4 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_5 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_6 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_7 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_8 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_9 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_10 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_11 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_12 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_13 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_14 WB_IF_NOT_FIRST_N
#define WB_IF_NOT_FIRST_15 WB_IF_NOT_FIRST_N
// A comma before every item but the first (a macro, not an argument: a bare
// comma passed as an argument would split it).
#define WB_COMMA_IF(i) WB_CAT(WB_COMMA_IF_, i)
#define WB_COMMA_IF_0
#define WB_COMMA_IF_1 ,
#define WB_COMMA_IF_2 ,
#define WB_COMMA_IF_3 ,
#define WB_COMMA_IF_4 ,
#define WB_COMMA_IF_5 ,
#define WB_COMMA_IF_6 ,
#define WB_COMMA_IF_7 ,
#define WB_COMMA_IF_8 ,
#define WB_COMMA_IF_9 ,
#define WB_COMMA_IF_10 ,
#define WB_COMMA_IF_11 ,
#define WB_COMMA_IF_12 ,
#define WB_COMMA_IF_13 ,
#define WB_COMMA_IF_14 ,
#define WB_COMMA_IF_15 ,

// The C++ type a JS class or enum name stands for: the class itself, or
// the alias WEAKBIND_CLASS_AS declares.
#define WB_TYPE(C) C

// Metadata text of a type word.
#define WB_TEXT(t) WB_CAT(WB_TEXT_, t)
#define WB_TEXT_void "void"
#define WB_TEXT_i32 "i32"
#define WB_TEXT_u32 "u32"
#define WB_TEXT_f32 "f32"
#define WB_TEXT_f64 "f64"
#define WB_TEXT_bool "bool"
#define WB_TEXT_i64 "i64"
#define WB_TEXT_u64 "u64"
#define WB_TEXT_string "string"
#define WB_TEXT_bytes "bytes"
#define WB_TEXT_js "js"
#define WB_TEXT_obj(C) #C
#define WB_TEXT_nullable(C) #C "?"
#define WB_TEXT_enum(E) "enum:" #E
#define WB_TEXT_array(t) WB_PASTE(WB_TEXT_, t) "[]"
#define WB_TEXT_own(C) "own:" #C
#define WB_TEXT_own_or_null(C) "own:" #C "?"
#define WB_TEXT_ref(C) "ref:" #C
#define WB_TEXT_ref_or_null(C) "ref:" #C "?"

#define WB_PARAM_TEXT(i, t) WB_IF_NOT_FIRST(i, ",") WB_TEXT(t)
#define WB_PARAMS_TEXT(...) WB_CAT(WB_PARAMS_TEXT_, WB_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define WB_PARAMS_TEXT_0() "-"
#define WB_PARAMS_TEXT_N(...) WB_EACH(WB_PARAM_TEXT, __VA_ARGS__)
#define WB_PARAMS_TEXT_1 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_2 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_3 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_4 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_5 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_6 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_7 WB_PARAMS_TEXT_N
#define WB_PARAMS_TEXT_8 WB_PARAMS_TEXT_N

// What a type word is: a kind, and the C++ type, class or enum it names.
#define WB_KIND(t) WB_CAT(WB_KIND_, t)
#define WB_KIND_void VOID, void
#define WB_KIND_i32 SCALAR, int32_t
#define WB_KIND_u32 SCALAR, uint32_t
#define WB_KIND_f32 SCALAR, float
#define WB_KIND_f64 SCALAR, double
#define WB_KIND_bool SCALAR, bool
#define WB_KIND_i64 SCALAR, int64_t
#define WB_KIND_u64 SCALAR, uint64_t
#define WB_KIND_string STRING, char
#define WB_KIND_bytes BYTES, uint8_t
#define WB_KIND_js JS, weakbind_jsref
#define WB_KIND_obj(C) OBJ, C
#define WB_KIND_nullable(C) NULLABLE, C
#define WB_KIND_enum(E) ENUM, E
#define WB_KIND_array(t) ARRAY, WB_ELEMENT(t)
// The element types an array word takes.
#define WB_ELEMENT(t) WB_PASTE(WB_ELEMENT_, t)
#define WB_ELEMENT_f64 double
#define WB_ELEMENT_f32 float
#define WB_ELEMENT_i32 int32_t
#define WB_ELEMENT_u32 uint32_t
#define WB_KIND_own(C) OBJECT_RESULT, C
#define WB_KIND_own_or_null(C) OBJECT_RESULT, C
#define WB_KIND_ref(C) OBJECT_RESULT, C
#define WB_KIND_ref_or_null(C) OBJECT_RESULT, C

// WB_APPLY(P, i, t) -> P##KIND(i, TYPE): dispatch on the kind of a type word.
#define WB_APPLY(P, i, t) WB_APPLY_(P, i, WB_KIND(t))
#define WB_APPLY_(P, i, kind_and_type) WB_APPLY__(P, i, kind_and_type)
#define WB_APPLY__(P, i, k, T) WB_CAT(P, k)(i, T)

// Wire parameters of a type word (strings and bytes take two).
#define WB_DECL(i, t) WB_APPLY(WB_DECL_, i, t)
#define WB_DECL_SCALAR(i, T) T a##i
#define WB_DECL_STRING(i, T) const char *a##i, size_t n##i
#define WB_DECL_BYTES(i, T) const uint8_t *a##i, size_t n##i
#define WB_DECL_JS(i, T) weakbind_jsref a##i
#define WB_DECL_OBJ(i, C) WB_TYPE(C) *a##i
#define WB_DECL_NULLABLE(i, C) WB_TYPE(C) *a##i
#define WB_DECL_ENUM(i, E) int32_t a##i
#define WB_DECL_ARRAY(i, T) const T *a##i, size_t n##i
#define WB_DECL_AFTER_SELF(i, t) , WB_DECL(i, t)
#define WB_DECL_LIST(i, t) WB_COMMA_IF(i) WB_DECL(i, t)

// The C++ argument made from a type word's wire parameters. Scalars and
// enums convert only to the type their word names (detail::Exact); the
// exported function declares `wb_member`, the place a disagreement names.
#define WB_ARG(i, t) WB_COMMA_IF(i) WB_APPLY(WB_ARG_, i, t)
#define WB_WHERE_ARG(i) ::weakbind::detail::argument<wb_member, i + 1>
#define WB_ARG_SCALAR(i, T) ::weakbind::detail::Exact<T, WB_WHERE_ARG(i)>{a##i}
#define WB_ARG_STRING(i, T) ::weakbind::StringArg{a##i, n##i}
#define WB_ARG_BYTES(i, T) ::weakbind::BytesArg{a##i, n##i}
#define WB_ARG_JS(i, T) ::weakbind::JsRef::adopt(a##i)
#define WB_ARG_OBJ(i, C) (*a##i)
#define WB_ARG_NULLABLE(i, C) a##i
#define WB_ARG_ARRAY(i, T)                                                             \
  ::weakbind::detail::ExactArray<T, WB_WHERE_ARG(i)>{{a##i, n##i}}
#define WB_ARG_ENUM(i, E)                                                              \
  ::weakbind::detail::Exact<WB_TYPE(E), WB_WHERE_ARG(i)>{static_cast<WB_TYPE(E)>(a##i)}

// Wire result type of a type word.
#define WB_RESULT_TYPE(t) WB_APPLY(WB_RESULT_TYPE_, 0, t)
#define WB_RESULT_TYPE_VOID(i, T) void
#define WB_RESULT_TYPE_SCALAR(i, T) T
#define WB_RESULT_TYPE_STRING(i, T) uint32_t
#define WB_RESULT_TYPE_BYTES(i, T) uint32_t
#define WB_RESULT_TYPE_JS(i, T) weakbind_jsref
#define WB_RESULT_TYPE_ENUM(i, E) int32_t
#define WB_RESULT_TYPE_ARRAY(i, T) uint32_t
#define WB_RESULT_TYPE_OBJECT_RESULT(i, C) WB_TYPE(C) *

// `WB_RETURN(t) (expr);` returns a C++ value as the wire result.
#define WB_RETURN(t) WB_APPLY(WB_RETURN_, 0, t)
#define WB_WHERE_RESULT ::weakbind::detail::result<wb_member>
#define WB_RETURN_VOID(i, T)
#define WB_RETURN_SCALAR(i, T) return ::weakbind::detail::exact_result<T, WB_WHERE_RESULT>
#define WB_RETURN_STRING(i, T) return ::weakbind::detail::string_result
#define WB_RETURN_BYTES(i, T) return ::weakbind::detail::bytes_result
#define WB_RETURN_JS(i, T) return ::weakbind::detail::js_result
#define WB_RETURN_ENUM(i, E) return ::weakbind::detail::enum_result<WB_TYPE(E), WB_WHERE_RESULT>
#define WB_RETURN_ARRAY(i, T) return ::weakbind::detail::array_result<T, WB_WHERE_RESULT>
#define WB_RETURN_OBJECT_RESULT(i, C) return ::weakbind::detail::object_result

// One metadata record, NUL-terminated, appended to the custom section. (The
// wasm assembler has no .pushsection; the compiler names the section of
// everything it emits itself, so switching here disturbs nothing.)
#define WB_RECORD(text) __asm__(".section .custom_section.weakbind,\"\",@\n.asciz \"" text "\"\n");

#define WB_EXPORT_NAME(Class, member) "_" #Class "__" #member

// The place a type word's disagreement names: weakbind_where::Class::member
// (declared here, an incomplete type used only by its name), then
// `using wb_member = ...;` inside the exported function.
#define WB_WHERE(Class, member)                                                        \
  namespace weakbind_where {                                                           \
  namespace Class {                                                                    \
  struct member;                                                                       \
  }                                                                                    \
  }
#define WB_MEMBER(Class, member) using wb_member = ::weakbind_where::Class::member

// ---- the macros ------------------------------------------------------------

#define WEAKBIND_CLASS(Class) WB_CLASS_RECORDS(Class, "class " #Class)
#define WEAKBIND_CLASS_DERIVED(Class, Base) WB_CLASS_RECORDS(Class, "class " #Class " " #Base)

// A C++ type (any qualified name: Eigen::MatrixXd) under the JS name
// `Name`, declared as an alias (`using Name = Type;`) that the other macros
// then use for it; an alias of that name already declared must name the
// same type.
#define WEAKBIND_CLASS_AS(Type, Name)                                                   \
  using Name = Type;                                                                   \
  WB_CLASS_RECORDS(Name, "class " #Name)
#define WEAKBIND_CLASS_DERIVED_AS(Type, Name, Base)                                     \
  using Name = Type;                                                                   \
  WB_CLASS_RECORDS(Name, "class " #Name " " #Base)

#define WB_CLASS_RECORDS(Class, class_record)                                          \
  WB_RECORD("weakbind 1")                                                              \
  WB_RECORD(class_record)                                                              \
  WB_RECORD("dtor " #Class " " WB_EXPORT_NAME(Class, destructor))                      \
  WEAKBIND_EXPORT void _##Class##__destructor(WB_TYPE(Class) *self) { delete self; }   \
  static_assert(true, "")

// Overloads by arity: the export is _Class__new<arity>.
#define WEAKBIND_CONSTRUCTOR(Class, ...)                                                \
  WB_WHERE(Class, constructor)                                                         \
  WB_RECORD("ctor " #Class " _" #Class "__new" WB_STR(WB_NARGS(__VA_ARGS__)) " "        \
            WB_PARAMS_TEXT(__VA_ARGS__))                                               \
  WEAKBIND_EXPORT WB_TYPE(Class) *WB_CAT(_##Class##__new, WB_NARGS(__VA_ARGS__))(      \
      WB_EACH(WB_DECL_LIST, __VA_ARGS__)) {                                            \
    WB_MEMBER(Class, constructor);                                                     \
    return new WB_TYPE(Class)(WB_EACH(WB_ARG, __VA_ARGS__));                           \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_METHOD(Class, name, Result, ...)                                       \
  WEAKBIND_METHOD_AS(Class, name, name, Result __VA_OPT__(, ) __VA_ARGS__)

// The C++ member `member` as the JS method `name`.
#define WEAKBIND_METHOD_AS(Class, member, name, Result, ...)                            \
  WB_METHOD(Class, member, name, _##Class##__##name, WB_EXPORT_NAME(Class, name), Result, \
            __VA_ARGS__)

// Another arity of a method already bound under `name`: C++ overloads and
// default arguments (bind each arity JS may call). JS chooses by the number
// of arguments; the export is _Class__name__<arity>.
#define WEAKBIND_OVERLOAD(Class, name, Result, ...)                                     \
  WEAKBIND_OVERLOAD_AS(Class, name, name, Result __VA_OPT__(, ) __VA_ARGS__)
#define WEAKBIND_OVERLOAD_AS(Class, member, name, Result, ...)                          \
  WB_METHOD(Class, member, name, WB_OVERLOAD_EXPORT(_##Class##__##name, __VA_ARGS__),     \
            WB_OVERLOAD_TEXT(WB_EXPORT_NAME(Class, name), __VA_ARGS__), Result, __VA_ARGS__)

#define WB_OVERLOAD_EXPORT(base, ...) WB_CAT(WB_CAT(base, __), WB_NARGS(__VA_ARGS__))
#define WB_OVERLOAD_TEXT(base, ...) base "__" WB_STR(WB_NARGS(__VA_ARGS__))

#define WB_METHOD(Class, member, name, exported, exported_text, Result, ...)            \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("method " #Class " " #name " " exported_text " " WB_PARAMS_TEXT(__VA_ARGS__) " " \
            WB_TEXT(Result))                                                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) exported(                                     \
      WB_TYPE(Class) *self WB_EACH(WB_DECL_AFTER_SELF, __VA_ARGS__)) {                 \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Result)(self->member(WB_EACH(WB_ARG, __VA_ARGS__)));                     \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_STATIC(Class, name, Result, ...)                                       \
  WEAKBIND_STATIC_AS(Class, name, name, Result __VA_OPT__(, ) __VA_ARGS__)

#define WEAKBIND_STATIC_AS(Class, member, name, Result, ...)                            \
  WB_STATIC(Class, member, name, _##Class##__##name, WB_EXPORT_NAME(Class, name), Result, \
            __VA_ARGS__)
#define WEAKBIND_STATIC_OVERLOAD(Class, name, Result, ...)                              \
  WB_STATIC(Class, name, name, WB_OVERLOAD_EXPORT(_##Class##__##name, __VA_ARGS__),       \
            WB_OVERLOAD_TEXT(WB_EXPORT_NAME(Class, name), __VA_ARGS__), Result, __VA_ARGS__)

#define WB_STATIC(Class, member, name, exported, exported_text, Result, ...)            \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("static " #Class " " #name " " exported_text " " WB_PARAMS_TEXT(__VA_ARGS__) " " \
            WB_TEXT(Result))                                                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) exported(WB_EACH(WB_DECL_LIST, __VA_ARGS__)) { \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Result)(WB_TYPE(Class)::member(WB_EACH(WB_ARG, __VA_ARGS__)));           \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_READONLY(Class, field, Type) WEAKBIND_READONLY_AS(Class, field, field, Type)

#define WEAKBIND_READONLY_AS(Class, field, name, Type)                                  \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("getter " #Class " " #name " " WB_EXPORT_NAME(Class, get_##name) " "        \
            WB_TEXT(Type))                                                             \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Type) _##Class##__get_##name(WB_TYPE(Class) *self) {  \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Type)(self->field);                                                      \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_PROPERTY(Class, field, Type) WEAKBIND_PROPERTY_AS(Class, field, field, Type)

#define WEAKBIND_PROPERTY_AS(Class, field, name, Type)                                  \
  WEAKBIND_READONLY_AS(Class, field, name, Type);                                      \
  WB_RECORD("setter " #Class " " #name " " WB_EXPORT_NAME(Class, set_##name) " "        \
            WB_TEXT(Type))                                                             \
  WEAKBIND_EXPORT void _##Class##__set_##name(WB_TYPE(Class) *self WB_DECL_AFTER_SELF(0, Type)) { \
    WB_MEMBER(Class, name);                                                            \
    self->field = WB_ARG(0, Type);                                                     \
  }                                                                                    \
  static_assert(true, "")

// A free function on the module: m.name(...). The export is
// weakbind_fn_<name>; `function` is the C++ function (any qualified name).
#define WEAKBIND_FUNCTION(name, Result, ...)                                            \
  WEAKBIND_FUNCTION_AS(name, name, Result __VA_OPT__(, ) __VA_ARGS__)

#define WEAKBIND_FUNCTION_AS(function, name, Result, ...)                               \
  WB_FUNCTION(function, name, weakbind_fn_##name, "weakbind_fn_" #name, Result, __VA_ARGS__)
// Another arity of a free function: the export is weakbind_fn_<name>__<arity>.
#define WEAKBIND_FUNCTION_OVERLOAD(name, Result, ...)                                   \
  WEAKBIND_FUNCTION_OVERLOAD_AS(name, name, Result __VA_OPT__(, ) __VA_ARGS__)
#define WEAKBIND_FUNCTION_OVERLOAD_AS(function, name, Result, ...)                      \
  WB_FUNCTION(function, name, WB_OVERLOAD_EXPORT(weakbind_fn_##name, __VA_ARGS__),        \
              WB_OVERLOAD_TEXT("weakbind_fn_" #name, __VA_ARGS__), Result, __VA_ARGS__)

#define WB_FUNCTION(function, name, exported, exported_text, Result, ...)               \
  WB_WHERE(functions, name)                                                            \
  WB_RECORD("function " #name " " exported_text " " WB_PARAMS_TEXT(__VA_ARGS__) " "     \
            WB_TEXT(Result))                                                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) exported(WB_EACH(WB_DECL_LIST, __VA_ARGS__)) { \
    WB_MEMBER(functions, name);                                                        \
    WB_RETURN(Result)(function(WB_EACH(WB_ARG, __VA_ARGS__)));                         \
  }                                                                                    \
  static_assert(true, "")

// An enum or enum class as a frozen object of its named values on the
// module (m.Color.Red), and the type word enum(Color). The record names the
// enumerators; the export weakbind_enum_<Name>(i) gives the i-th one's
// value (the preprocessor cannot spell it), or 0 past the last.
#define WEAKBIND_ENUM(Name, ...) WB_ENUM_RECORDS(Name, "", __VA_ARGS__)

#define WEAKBIND_ENUM_AS(Type, Name, ...)                                               \
  using Name = Type;                                                                   \
  WB_ENUM_RECORDS(Name, "", __VA_ARGS__)

// The same, JS seeing each value as its name: m.Mode.Fast === "Fast", and
// a parameter takes the name.
#define WEAKBIND_ENUM_STRINGS(Name, ...) WB_ENUM_RECORDS(Name, " strings", __VA_ARGS__)

#define WEAKBIND_ENUM_STRINGS_AS(Type, Name, ...)                                       \
  using Name = Type;                                                                   \
  WB_ENUM_RECORDS(Name, " strings", __VA_ARGS__)

#define WB_ENUM_RECORDS(Name, form, ...)                                                \
  static_assert(std::is_enum_v<WB_TYPE(Name)>, "weakbind: " #Name " is not an enum");  \
  WB_RECORD("weakbind 1")                                                              \
  WB_RECORD("enum " #Name " weakbind_enum_" #Name " " WB_ENUM_NAMES(__VA_ARGS__) form) \
  WEAKBIND_EXPORT int32_t weakbind_enum_##Name(uint32_t i) {                           \
    using E = WB_TYPE(Name);                                                           \
    static constexpr E values[] = {WB_EACH(WB_ENUM_VALUE, __VA_ARGS__)};               \
    for (E v : values)                                                                 \
      static_assert(sizeof(v) <= 4, "weakbind: enum values cross as i32");            \
    return i < sizeof values / sizeof values[0] ? static_cast<int32_t>(values[i]) : 0; \
  }                                                                                    \
  static_assert(true, "")
#define WB_ENUM_NAMES(...) WB_EACH(WB_ENUM_NAME, __VA_ARGS__)
#define WB_ENUM_NAME(i, n) WB_IF_NOT_FIRST(i, ",") #n
#define WB_ENUM_VALUE(i, n) WB_COMMA_IF(i) E::n

#endif // WEAKBIND_BIND_HPP
