// weakbind/callbacks.hpp — JS functions as typed C++ callbacks: the word
// fn(R, P...) (a std::function<R(P...)> parameter), and what calls into JS
// with words share with interfaces.hpp (the C++ type of each word, whether
// a C++ type agrees with it, and the result read back).
//
//   double integrate(std::function<double(double)> f, double a, double b);
//   WEAKBIND_FUNCTION(integrate, f64, fn(f64, f64), f64, f64);   // m.integrate((x) => x * x, 0, 1)
//
// Words a callback may use: void (results) i32 u32 f32 f64 bool i64 u64
// string js, view(t) as a parameter (a weakbind::ArrayView<T>, views.hpp), obj(C) as a parameter (a C&: a registered object, whose
// wrapper JS gets) and as a result (a C&: JS returns a live wrapper of C or
// a class derived from it), nullable(C) as a result (a C*: that or null),
// and both ways enum(E), value(V), array(f64 f32 i32 u32), bytes (a
// std::vector<uint8_t>), array(string),
// array(value(V)), optional(T) and map(K, V), copied, and array(obj(C))
// and array(nullable(C)), a std::vector<C *> of borrowed objects as
// obj(C) is (call_blocks.hpp);
// at most six parameters. An object result is borrowed: JS keeps owning
// it, and it stays valid until the outermost call from JS returns (the
// loader holds the wrapper until then; to keep it longer, retain it). The loader checks the argument is a function and
// each result against its word before C++ reads it (an i32 never converts
// an out-of-range double); a wrong result or an exception the callback
// throws gives C++ a zero value and reaches the JS caller of the outermost
// call. The std::function holds one reference to the JS function, rooted:
// a callback C++ keeps past the call lives until C++ drops it (to keep one
// that reaches the object keeping it, take `js` and JsRef::owned_by(this)).
#ifndef WEAKBIND_CALLBACKS_HPP
#define WEAKBIND_CALLBACKS_HPP

#include "call_blocks.hpp"
#include "convert.hpp"
#include "views.hpp"

#include <charconv>
#include <functional>
#include <string>
#include <tuple>
#include <string_view>
#include <type_traits>
#include <utility>

namespace weakbind::detail {

// The word `string`, as a callback's or virtual's parameter or result.
struct StringWord;

// Whether a C++ parameter type of a call into JS agrees with its word: by
// value or const reference (a non-const reference would be an out-parameter
// JS cannot write).
template <class Word, class P> struct param_agrees {
  static constexpr bool value = agrees<Word, std::remove_cv_t<std::remove_reference_t<P>>> &&
                                !(std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
};
template <class P> struct param_agrees<StringWord, P> {
  using T = std::remove_cv_t<std::remove_reference_t<P>>;
  static constexpr bool value = (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) &&
                                !(std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
};
template <class P> struct param_agrees<JsRef, P> {
  static constexpr bool value = std::is_same_v<std::remove_cv_t<std::remove_reference_t<P>>, JsRef> &&
                                !(std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
};
// The word obj(C): a registered object, by reference (JS gets its wrapper).
template <class C> struct ObjectWord;
template <class C, class P> struct param_agrees<ObjectWord<C>, P> {
  static constexpr bool value =
      std::is_reference_v<P> && std::is_same_v<std::remove_cv_t<std::remove_reference_t<P>>, C>;
};
// The word view(t): a weakbind::ArrayView<T>, by value or const reference;
// JS reads it only until the call returns.
template <class T, class P> struct param_agrees<ViewWord<T>, P> {
  static constexpr bool value = std::is_same_v<std::remove_cv_t<std::remove_reference_t<P>>, ArrayView<T>> &&
                                !(std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
};
// The word nullable(C): a result only, a C* (null allowed).
template <class C> struct NullableWord;
template <class C, class P> struct param_agrees<NullableWord<C>, P> {
  static constexpr bool value = false;
};
template <class Word, class R> struct result_agrees {
  static constexpr bool value = agrees<Word, R>;
};
// A block word (call_blocks.hpp) is the C++ type its codec stands for, by
// value or const reference as a parameter, by value as a result; an enum
// word is the enum itself.
template <class C, class P> struct param_agrees<CodecWord<C>, P> {
  static constexpr bool value = codec_is<C, std::remove_cv_t<std::remove_reference_t<P>>> &&
                                !(std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
};
template <class C, class R> struct result_agrees<CodecWord<C>, R> {
  static constexpr bool value = codec_is<C, R>;
};
template <class E, class P> struct param_agrees<EnumWord<E>, P> {
  static constexpr bool value = std::is_same_v<std::remove_cv_t<std::remove_reference_t<P>>, E> &&
                                !(std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>);
};
template <class E, class R> struct result_agrees<EnumWord<E>, R> {
  static constexpr bool value = std::is_same_v<R, E>;
};
template <class C, class R> struct result_agrees<ObjectWord<C>, R> {
  static constexpr bool value =
      std::is_reference_v<R> && std::is_same_v<std::remove_cv_t<std::remove_reference_t<R>>, C>;
};
template <class C, class R> struct result_agrees<NullableWord<C>, R> {
  static constexpr bool value =
      std::is_pointer_v<R> && std::is_same_v<std::remove_cv_t<std::remove_pointer_t<R>>, C>;
};

// A 64-bit integer crosses into JS as two numbers, its low 32 bits (as
// unsigned) and its high 32 bits (signed for int64_t), which the loader
// makes one BigInt of; out of JS as its decimal text (the result channels
// are a double, a string and a JS value, and a double holds 53 bits).
template <class R> constexpr bool is_wide = std::is_integral_v<R> && sizeof(R) == 8;
template <class R> struct result_agrees<void, R> {
  static constexpr bool value = std::is_void_v<R>;
};
template <class R> struct result_agrees<StringWord, R> {
  static constexpr bool value = std::is_same_v<R, std::string>;
};
template <class R> struct result_agrees<JsRef, R> {
  static constexpr bool value = std::is_same_v<R, JsRef>;
};

// What a call into JS returned, as C++ returns it; a call that threw gives
// a zero value (the exception reaches the JS caller once the outermost call
// returns).
template <class R> R from_js(const JsResult &r) {
  if constexpr (std::is_void_v<R>) {
    (void)r;
  } else if constexpr (is_wide<R>) {
    // The loader checked the BigInt's range and wrote it in decimal.
    std::string text = r.string();
    R v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
  } else if constexpr (std::is_pointer_v<R>) {
    // The loader checked the object (live, of the class) and holds its
    // wrapper until the outermost call returns.
    return reinterpret_cast<R>(static_cast<uintptr_t>(r.number()));
  } else if constexpr (std::is_reference_v<R>) {
    // No zero value exists for a reference: a refused result (the JS
    // caller's error, already recorded) ends the call with a trap instead.
    auto *p = from_js<std::remove_reference_t<R> *>(r);
    if (!p) {
      static const char message[] = "weakbind: a call into JS returned no object where C++ takes a reference";
      weakbind_abort(message, sizeof message - 1);
    }
    return *p;
  } else if constexpr (std::is_same_v<R, bool>) {
    return r.number() != 0;
  } else if constexpr (std::is_enum_v<R>) {
    // The loader checked it is one of the enum's values.
    return static_cast<R>(static_cast<int32_t>(r.number()));
  } else if constexpr (std::is_arithmetic_v<R>) {
    // The loader checked the JS result against the word (an integer in
    // range for i32 and u32), so the conversion is exact.
    return static_cast<R>(r.number());
  } else if constexpr (std::is_same_v<R, std::string>) {
    return r.string();
  } else {
    static_assert(std::is_same_v<R, JsRef>, "weakbind: a callback's or virtual's result is a number, bool, std::string or JsRef");
    return r.value();
  }
}
// The same, by the result's word: a block word's result is a block.
template <class Word, class R> R from_js_word(const JsResult &r) {
  if constexpr (is_codec_word<Word>::value) return block_result<typename is_codec_word<Word>::codec, R>(r);
  else return from_js<R>(r);
}

// An argument as JsRef::call takes it: an object (a reference) as its
// pointer, which the runtime turns into the object's wrapper (or refuses:
// a TypeError for the JS caller, if it is no registered object).
template <class A> decltype(auto) js_arg(const A &a) {
  if constexpr (std::is_class_v<A> && !std::is_convertible_v<const A &, std::string_view> &&
                !std::is_same_v<A, JsRef>) {
    return static_cast<const void *>(&a);
  } else {
    return (a);
  }
}

// One argument's values for JsRef::call: two numbers for a 64-bit integer
// (low, then high: is_wide), else js_arg's one.
template <class A> auto js_args(const A &a) {
  if constexpr (is_owned_block<A>::value) {
    // A block word's argument: the block's address (call_blocks.hpp).
    return std::tuple<double>(static_cast<double>(reinterpret_cast<uintptr_t>(a.block)));
  } else if constexpr (std::is_enum_v<A>) {
    return std::tuple<double>(static_cast<double>(static_cast<int32_t>(a)));
  } else if constexpr (is_array_view<A>) {
    // A view: its elements' address and count (views.hpp).
    return std::tuple<double, double>(static_cast<double>(reinterpret_cast<uintptr_t>(a.data)),
                                      static_cast<double>(a.size));
  } else if constexpr (is_wide<A>) {
    using High = std::conditional_t<std::is_signed_v<A>, int32_t, uint32_t>;
    return std::tuple<double, double>(static_cast<double>(static_cast<uint32_t>(a)),
                                      static_cast<double>(static_cast<High>(a >> 32)));
  } else {
    return std::tuple<decltype(js_arg(a))>(js_arg(a));
  }
}

// An argument of word `Word` as js_args takes it: a block word's written
// into a block owned until the call returns, another as it is.
template <class Word, class A> decltype(auto) js_owned(const A &a) {
  if constexpr (is_codec_word<Word>::value) return block_of<typename is_codec_word<Word>::codec>(a);
  else return (a);
}

// f.call(arguments...), argument k of word Words[k], each as js_args makes
// it; the blocks live until the call returned.
template <class... Words, class... A> JsResult call_js(const JsRef &f, const A &...a) {
  static_assert(sizeof...(Words) == sizeof...(A));
  return std::apply(
      [&f](const auto &...owned) {
        return std::apply([&f](const auto &...v) { return f.call(v...); }, std::tuple_cat(js_args(owned)...));
      },
      std::tuple<decltype(js_owned<Words>(a))...>(js_owned<Words>(a)...));
}

// A fn(R, P...) argument: the JS function, owned here (so a C++ function
// that never converts it drops it), converted to the std::function
// parameter the C++ function takes, whose types must agree with the words.
template <class ResultWord, class... ParamWords> struct CallbackArg {
  JsRef function;
  template <class R, class... A> operator std::function<R(A...)>() const {
    static_assert(sizeof...(A) == sizeof...(ParamWords),
                  "weakbind: a fn(...) word takes as many parameters as the std::function");
    if constexpr (sizeof...(A) == sizeof...(ParamWords)) {
      static_assert(result_agrees<ResultWord, R>::value && (param_agrees<ParamWords, A>::value && ...),
                    "weakbind: a fn(...) word's types must be the std::function's (see the "
                    "requirement: the words, then the C++ types)");
    }
    return [f = function](A... a) -> R { return from_js_word<ResultWord, R>(call_js<ParamWords...>(f, a...)); };
  }
};

} // namespace weakbind::detail

// The C++ type standing for a word in a call into JS.
// (Its own paste, as the fn text's: a word's table may use WB_PASTE, and
// WB_APPLY may be expanding around a fn(...).)
#define WB_JS_WORD(t) WB_JS_WORD_P(t)
#define WB_JS_WORD_P(t) WB_JS_WORD_##t
#define WB_JS_WORD_LIST(j, t) WB_COMMA_IF(j) WB_JS_WORD(t)
#define WB_JS_WORD_void void
#define WB_JS_WORD_i32 int32_t
#define WB_JS_WORD_u32 uint32_t
#define WB_JS_WORD_f32 float
#define WB_JS_WORD_f64 double
#define WB_JS_WORD_bool bool
#define WB_JS_WORD_i64 int64_t
#define WB_JS_WORD_u64 uint64_t
#define WB_JS_WORD_string ::weakbind::detail::StringWord
#define WB_JS_WORD_js ::weakbind::JsRef
#define WB_JS_WORD_obj(C) ::weakbind::detail::ObjectWord<WB_TYPE(C)>
#define WB_JS_WORD_nullable(C) ::weakbind::detail::NullableWord<WB_TYPE(C)>

// The word fn(R, P...) in bind.hpp's tables (words.hpp): the text
// `fn:R(P;P)` (no comma: PARAMS separates types by commas), one wire
// parameter (a JS-value handle the callee owns), the CallbackArg.
#define WB_TEXT_fn(R, ...) "fn:" WB_FN_WORD_TEXT(R) "(" WB_FN_TEXT(__VA_ARGS__) ")"
#define WB_KIND_fn(R, ...) FN, (R __VA_OPT__(, ) __VA_ARGS__)
#define WB_DECL_FN(i, T) weakbind_js_handle a##i
#define WB_ARG_FN(i, T) ::weakbind::detail::CallbackArg<WB_FN_TYPES T>{::weakbind::JsRef::adopt(a##i)}

#define WB_FN_TEXT(...) WB_PASTE(WB_FN_TEXT_, WB_NARGS(__VA_ARGS__))(__VA_ARGS__)
// (A word's own text may use WB_PASTE: optional(t)'s does.)
#define WB_FN_WORD_TEXT(t) WB_FN_WORD_TEXT_(t)
#define WB_FN_WORD_TEXT_(t) WB_TEXT_##t
#define WB_FN_TEXT_0()
#define WB_FN_TEXT_1(a) WB_FN_WORD_TEXT(a)
#define WB_FN_TEXT_2(a, b) WB_FN_TEXT_1(a) ";" WB_FN_WORD_TEXT(b)
#define WB_FN_TEXT_3(a, b, c) WB_FN_TEXT_2(a, b) ";" WB_FN_WORD_TEXT(c)
#define WB_FN_TEXT_4(a, b, c, d) WB_FN_TEXT_3(a, b, c) ";" WB_FN_WORD_TEXT(d)
#define WB_FN_TEXT_5(a, b, c, d, e) WB_FN_TEXT_4(a, b, c, d) ";" WB_FN_WORD_TEXT(e)
#define WB_FN_TEXT_6(a, b, c, d, e, f) WB_FN_TEXT_5(a, b, c, d, e) ";" WB_FN_WORD_TEXT(f)

#define WB_FN_TYPES(R, ...) WB_JS_WORD(R) WB_FN_TYPE_LIST(__VA_ARGS__)
#define WB_FN_TYPE_LIST(...) WB_PASTE(WB_FN_TYPES_, WB_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define WB_FN_TYPES_0()
#define WB_FN_TYPES_1(a) , WB_JS_WORD(a)
#define WB_FN_TYPES_2(a, b) WB_FN_TYPES_1(a), WB_JS_WORD(b)
#define WB_FN_TYPES_3(a, b, c) WB_FN_TYPES_2(a, b), WB_JS_WORD(c)
#define WB_FN_TYPES_4(a, b, c, d) WB_FN_TYPES_3(a, b, c), WB_JS_WORD(d)
#define WB_FN_TYPES_5(a, b, c, d, e) WB_FN_TYPES_4(a, b, c, d), WB_JS_WORD(e)
#define WB_FN_TYPES_6(a, b, c, d, e, f) WB_FN_TYPES_5(a, b, c, d, e), WB_JS_WORD(f)

#endif // WEAKBIND_CALLBACKS_HPP
