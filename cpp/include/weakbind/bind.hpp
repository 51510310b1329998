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
//
// Type words: void i32 u32 f32 f64 bool i64 u64 string bytes js,
// obj(C) (a C&), nullable(C) (a C*), and for results own(C) / own_or_null(C)
// (JS becomes an owner: return std::unique_ptr<C> or a new C*) and
// ref(C) / ref_or_null(C) (owned by `this`: the wrapper keeps its parent
// alive and never frees the object). The compiler checks every call, so a
// word that disagrees with the C++ signature does not compile.
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

} // namespace detail
} // namespace weakbind

// ---- the preprocessor's part: one table per type word --------------------

#define WB_CAT(a, b) WB_CAT_(a, b)
#define WB_CAT_(a, b) a##b
#define WB_STR(x) WB_STR_(x)
#define WB_STR_(x) #x

#define WB_NARGS(...) WB_NARGS_(0 __VA_OPT__(, ) __VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define WB_NARGS_(z, a1, a2, a3, a4, a5, a6, a7, a8, N, ...) N

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

#define WB_IF_NOT_FIRST(i, x) WB_CAT(WB_IF_NOT_FIRST_, i)(x)
#define WB_IF_NOT_FIRST_0(x)
#define WB_IF_NOT_FIRST_1(x) x
#define WB_IF_NOT_FIRST_2(x) x
#define WB_IF_NOT_FIRST_3(x) x
#define WB_IF_NOT_FIRST_4(x) x
#define WB_IF_NOT_FIRST_5(x) x
#define WB_IF_NOT_FIRST_6(x) x
#define WB_IF_NOT_FIRST_7(x) x
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

// What a type word is: a kind, and the C++ type or class it names.
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
#define WB_DECL_OBJ(i, C) C *a##i
#define WB_DECL_NULLABLE(i, C) C *a##i
#define WB_DECL_AFTER_SELF(i, t) , WB_DECL(i, t)
#define WB_DECL_LIST(i, t) WB_COMMA_IF(i) WB_DECL(i, t)

// The C++ argument made from a type word's wire parameters.
#define WB_ARG(i, t) WB_COMMA_IF(i) WB_APPLY(WB_ARG_, i, t)
#define WB_ARG_SCALAR(i, T) a##i
#define WB_ARG_STRING(i, T) ::weakbind::StringArg{a##i, n##i}
#define WB_ARG_BYTES(i, T) ::weakbind::BytesArg{a##i, n##i}
#define WB_ARG_JS(i, T) ::weakbind::JsRef::adopt(a##i)
#define WB_ARG_OBJ(i, C) (*a##i)
#define WB_ARG_NULLABLE(i, C) a##i

// Wire result type of a type word.
#define WB_RESULT_TYPE(t) WB_APPLY(WB_RESULT_TYPE_, 0, t)
#define WB_RESULT_TYPE_VOID(i, T) void
#define WB_RESULT_TYPE_SCALAR(i, T) T
#define WB_RESULT_TYPE_STRING(i, T) uint32_t
#define WB_RESULT_TYPE_BYTES(i, T) uint32_t
#define WB_RESULT_TYPE_JS(i, T) weakbind_jsref
#define WB_RESULT_TYPE_OBJECT_RESULT(i, C) C *

// `WB_RETURN(t) (expr);` returns a C++ value as the wire result.
#define WB_RETURN(t) WB_APPLY(WB_RETURN_, 0, t)
#define WB_RETURN_VOID(i, T)
#define WB_RETURN_SCALAR(i, T) return
#define WB_RETURN_STRING(i, T) return ::weakbind::detail::string_result
#define WB_RETURN_BYTES(i, T) return ::weakbind::detail::bytes_result
#define WB_RETURN_JS(i, T) return ::weakbind::detail::js_result
#define WB_RETURN_OBJECT_RESULT(i, C) return ::weakbind::detail::object_result

// One metadata record, NUL-terminated, appended to the custom section. (The
// wasm assembler has no .pushsection; the compiler names the section of
// everything it emits itself, so switching here disturbs nothing.)
#define WB_RECORD(text) __asm__(".section .custom_section.weakbind,\"\",@\n.asciz \"" text "\"\n");

#define WB_EXPORT_NAME(Class, member) "_" #Class "__" #member

// ---- the macros ------------------------------------------------------------

#define WEAKBIND_CLASS(Class) WB_CLASS_RECORDS(Class, "class " #Class)
#define WEAKBIND_CLASS_DERIVED(Class, Base) WB_CLASS_RECORDS(Class, "class " #Class " " #Base)

#define WB_CLASS_RECORDS(Class, class_record)                                          \
  WB_RECORD("weakbind 1")                                                              \
  WB_RECORD(class_record)                                                              \
  WB_RECORD("dtor " #Class " " WB_EXPORT_NAME(Class, destructor))                      \
  WEAKBIND_EXPORT void _##Class##__destructor(Class *self) { delete self; }            \
  static_assert(true, "")

// Overloads by arity: the export is _Class__new<arity>.
#define WEAKBIND_CONSTRUCTOR(Class, ...)                                                \
  WB_RECORD("ctor " #Class " _" #Class "__new" WB_STR(WB_NARGS(__VA_ARGS__)) " "        \
            WB_PARAMS_TEXT(__VA_ARGS__))                                               \
  WEAKBIND_EXPORT Class *WB_CAT(_##Class##__new, WB_NARGS(__VA_ARGS__))(               \
      WB_EACH(WB_DECL_LIST, __VA_ARGS__)) {                                            \
    return new Class(WB_EACH(WB_ARG, __VA_ARGS__));                                    \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_METHOD(Class, name, Result, ...)                                       \
  WB_RECORD("method " #Class " " #name " " WB_EXPORT_NAME(Class, name) " "              \
            WB_PARAMS_TEXT(__VA_ARGS__) " " WB_TEXT(Result))                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) _##Class##__##name(                           \
      Class *self WB_EACH(WB_DECL_AFTER_SELF, __VA_ARGS__)) {                          \
    WB_RETURN(Result)(self->name(WB_EACH(WB_ARG, __VA_ARGS__)));                       \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_STATIC(Class, name, Result, ...)                                       \
  WB_RECORD("static " #Class " " #name " " WB_EXPORT_NAME(Class, name) " "              \
            WB_PARAMS_TEXT(__VA_ARGS__) " " WB_TEXT(Result))                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) _##Class##__##name(                           \
      WB_EACH(WB_DECL_LIST, __VA_ARGS__)) {                                            \
    WB_RETURN(Result)(Class::name(WB_EACH(WB_ARG, __VA_ARGS__)));                      \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_READONLY(Class, field, Type)                                           \
  WB_RECORD("getter " #Class " " #field " " WB_EXPORT_NAME(Class, get_##field) " "      \
            WB_TEXT(Type))                                                             \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Type) _##Class##__get_##field(Class *self) {          \
    WB_RETURN(Type)(self->field);                                                      \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_PROPERTY(Class, field, Type)                                           \
  WEAKBIND_READONLY(Class, field, Type);                                                \
  WB_RECORD("setter " #Class " " #field " " WB_EXPORT_NAME(Class, set_##field) " "      \
            WB_TEXT(Type))                                                             \
  WEAKBIND_EXPORT void _##Class##__set_##field(Class *self WB_DECL_AFTER_SELF(0, Type)) { \
    self->field = WB_ARG(0, Type);                                                     \
  }                                                                                    \
  static_assert(true, "")

#endif // WEAKBIND_BIND_HPP
