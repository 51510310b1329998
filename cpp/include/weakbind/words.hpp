// weakbind/words.hpp — the preprocessor's tables behind bind.hpp's macros:
// for each type word, its metadata text, its kind and C++ type, its wire
// parameters, the C++ argument made from them, its wire result and how a
// C++ value is returned. Included by bind.hpp only.
#ifndef WEAKBIND_WORDS_HPP
#define WEAKBIND_WORDS_HPP

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
#define WB_TEXT_value(V) "value:" #V
#define WB_TEXT_optional(t) "opt:" WB_PASTE(WB_TEXT_, t)
// (Its own paste: an array word may stand inside optional(), whose text
// is pasted with WB_PASTE.)
#define WB_TEXT_array(t) WB_TEXT_ELEMENT(t) "[]"
#define WB_TEXT_ELEMENT(t) WB_TEXT_ELEMENT_(t)
#define WB_TEXT_ELEMENT_(t) WB_ETEXT_##t
// An element's text: the word's own, but an Array's, which is spelled by
// a name of its own (WB_TEXT_array cannot expand within itself): Arrays
// of Arrays nest one deep.
#define WB_ETEXT_f64 WB_TEXT_f64
#define WB_ETEXT_f32 WB_TEXT_f32
#define WB_ETEXT_i32 WB_TEXT_i32
#define WB_ETEXT_u32 WB_TEXT_u32
#define WB_ETEXT_string WB_TEXT_string
#define WB_ETEXT_bytes WB_TEXT_bytes
#define WB_ETEXT_value(V) WB_TEXT_value(V)
#define WB_ETEXT_enum(E) WB_TEXT_enum(E)
#define WB_ETEXT_obj(C) WB_TEXT_obj(C)
#define WB_ETEXT_nullable(C) WB_TEXT_nullable(C)
#define WB_ETEXT_own(C) WB_TEXT_own(C)
#define WB_ETEXT_own_or_null(C) WB_TEXT_own_or_null(C)
#define WB_ETEXT_ref(C) WB_TEXT_ref(C)
#define WB_ETEXT_ref_or_null(C) WB_TEXT_ref_or_null(C)
#define WB_ETEXT_array(t) WB_TEXT_INNER(t) "[]"
#define WB_TEXT_INNER(t) WB_TEXT_INNER_(t)
#define WB_TEXT_INNER_(t) WB_TEXT_##t
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
#define WB_KIND_value(V) VALUE, V
#define WB_KIND_optional(t) OPTIONAL, t
// An array word's kind by its element: a numeric array (ARRAY, the element
// type), or a vector of strings, enums, values or arrays (VECTOR, the
// element's codec, values.hpp).
// (Its own paste, as for the text.)
#define WB_KIND_array(t) WB_KIND_ELEMENT(t)
#define WB_KIND_ELEMENT(t) WB_KIND_ELEMENT_(t)
#define WB_KIND_ELEMENT_(t) WB_ELEMENT_##t
#define WB_ELEMENT_f64 ARRAY, double
#define WB_ELEMENT_f32 ARRAY, float
#define WB_ELEMENT_i32 ARRAY, int32_t
#define WB_ELEMENT_u32 ARRAY, uint32_t
#define WB_ELEMENT_string VECTOR, ::weakbind::detail::StringCodec
#define WB_ELEMENT_bytes VECTOR, ::weakbind::detail::ListCodec< ::weakbind::detail::ScalarCodec<uint8_t>>
#define WB_ELEMENT_value(V) VECTOR, ::weakbind::detail::ValueCodec< ::WB_TYPE(V)>
#define WB_ELEMENT_enum(E) VECTOR, ::weakbind::detail::EnumCodec< ::WB_TYPE(E)>
// An Array of Arrays (one deep): its element is an Array of the inner
// word's codec (a numeric array's element is its number's).
#define WB_ELEMENT_array(t) VECTOR, ::weakbind::detail::ListCodec<WB_INNER_CODEC(t)>
#define WB_INNER_CODEC(t) WB_INNER_CODEC_(t)
#define WB_INNER_CODEC_(t) WB_ICODEC_##t
#define WB_ICODEC_f64 ::weakbind::detail::ScalarCodec<double>
#define WB_ICODEC_f32 ::weakbind::detail::ScalarCodec<float>
#define WB_ICODEC_i32 ::weakbind::detail::ScalarCodec<int32_t>
#define WB_ICODEC_u32 ::weakbind::detail::ScalarCodec<uint32_t>
#define WB_ICODEC_string ::weakbind::detail::StringCodec
#define WB_ICODEC_value(V) ::weakbind::detail::ValueCodec< ::WB_TYPE(V)>
#define WB_ICODEC_enum(E) ::weakbind::detail::EnumCodec< ::WB_TYPE(E)>
#define WB_KIND_own(C) OWN_RESULT, C
#define WB_KIND_own_or_null(C) OWN_RESULT, C
#define WB_KIND_ref(C) REF_RESULT, C
#define WB_KIND_ref_or_null(C) REF_RESULT, C

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
#define WB_DECL_VALUE(i, V) const uint8_t *a##i
#define WB_DECL_VECTOR(i, C) const uint8_t *a##i, size_t n##i
#define WB_DECL_OPTIONAL(i, t) WB_OPT_DECL(i, t)
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
#define WB_ARG_VALUE(i, V) ::weakbind::detail::ValueOf<WB_TYPE(V)>::read(a##i)
#define WB_ARG_OPTIONAL(i, t) WB_OPT_ARG(i, t)
#define WB_ARG_VECTOR(i, C) ::weakbind::detail::VectorArg<C, WB_WHERE_ARG(i)>{a##i, n##i}
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
#define WB_RESULT_TYPE_VALUE(i, V) uint32_t
#define WB_RESULT_TYPE_OPTIONAL(i, t) uint32_t
#define WB_RESULT_TYPE_VECTOR(i, C) uint32_t
#define WB_RESULT_TYPE_ARRAY(i, T) uint32_t
#define WB_RESULT_TYPE_OWN_RESULT(i, C) WB_TYPE(C) *
#define WB_RESULT_TYPE_REF_RESULT(i, C) WB_TYPE(C) *

// `WB_RETURN(t) (expr);` returns a C++ value as the wire result.
#define WB_RETURN(t) WB_APPLY(WB_RETURN_, 0, t)
#define WB_WHERE_RESULT ::weakbind::detail::result<wb_member>
#define WB_RETURN_VOID(i, T)
#define WB_RETURN_SCALAR(i, T) return ::weakbind::detail::exact_result<T, WB_WHERE_RESULT>
#define WB_RETURN_STRING(i, T) return ::weakbind::detail::string_result
#define WB_RETURN_BYTES(i, T) return ::weakbind::detail::bytes_result
#define WB_RETURN_JS(i, T) return ::weakbind::detail::js_result
#define WB_RETURN_ENUM(i, E) return ::weakbind::detail::enum_result<WB_TYPE(E), WB_WHERE_RESULT>
#define WB_RETURN_OPTIONAL(i, t) WB_OPT_RETURN(i, t)
#define WB_RETURN_VECTOR(i, C) return ::weakbind::detail::vector_result<C, WB_WHERE_RESULT>
#define WB_RETURN_VALUE(i, V) return ::weakbind::detail::value_result<WB_TYPE(V), WB_WHERE_RESULT>
#define WB_RETURN_ARRAY(i, T) return ::weakbind::detail::array_result<T, WB_WHERE_RESULT>
#define WB_RETURN_OWN_RESULT(i, C) return ::weakbind::detail::own_result<WB_TYPE(C), WB_WHERE_RESULT>
#define WB_RETURN_REF_RESULT(i, C) return ::weakbind::detail::ref_result<WB_TYPE(C), WB_WHERE_RESULT>

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

#endif // WEAKBIND_WORDS_HPP
