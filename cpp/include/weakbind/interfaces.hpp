// weakbind/interfaces.hpp — C++ classes JS can extend: a C++ class whose
// virtual functions a JS class implements.
//
//   class Model {                                   // the C++ interface
//   public:
//     explicit Model(double weight);
//     virtual ~Model();
//     virtual double residual(double x) const = 0;
//     virtual std::string label() { return "model"; }
//   };
//   WEAKBIND_CLASS(Model);
//   WEAKBIND_INTERFACE(Model,
//                      (pure, residual, f64, f64),       // JS must implement it
//                      (virtual, label, string));        // else Model::label runs
//   WEAKBIND_INTERFACE_CONSTRUCTOR(Model, f64);          // super(weight)
//
//   class Twice extends m.Model { residual(x) { return 2 * x; } }
//   m.fit(new Twice(1.5));                               // C++ calls Twice.residual
//
// WEAKBIND_INTERFACE defines `weakbind_js_Model`, a C++ class derived from
// Model whose overrides call the JS object's method of the same name, and
// writes one `virtual` record per entry; each entry is (pure|virtual, name,
// result word, parameter words...), in the order JS numbers them. A
// non-pure virtual also gets the export _Class__base_name, its C++
// implementation, which a JS override's super.name(...) calls.
// WEAKBIND_INTERFACE_CONSTRUCTOR(Model, words...) exports the constructor
// a JS subclass's super(...) calls, by arity (`extend` records).
//
// Ownership: the derived object holds one JS function (the loader's
// dispatcher, which reaches the JS instance), owned by the object itself
// as JsRef::owned_by(this) is, so the JS instance and the C++ object live
// and die together and a cycle through them is collected.
//
// Words a virtual may use: void (results) i32 u32 f32 f64 bool i64 u64
// string js, view(t) as a parameter (a weakbind::ArrayView<T>, ended
// when the JS method returns: views.hpp), obj(C) as a parameter (a C&,
// which must be a registered object: JS gets its wrapper, and any other
// is a TypeError for the JS caller), and obj(C) (a C&) or nullable(C) (a C*) as a result: an object
// JS keeps owning, valid until the outermost call from JS returns
// (callbacks.hpp), and both ways enum(E), value(V), bytes, the array words of
// numbers, strings and values, optional(T) and map(K, V), copied
// (call_blocks.hpp). A non-pure virtual's C++ implementation returns its
// object to a JS super.name() as ref(C) does: owned by the instance.
// Each must be the C++ virtual's parameter or result type (string: a
// std::string or std::string_view parameter, a std::string result; js: a
// weakbind::JsRef); the C++ types are read from the virtual itself, so a
// disagreement fails to compile naming the member. The base class needs a
// virtual destructor. When the JS method throws, or returns a value of the
// wrong type, the override returns a zero value (0, false, "", an empty
// JsRef) and the exception reaches the JS caller of the outermost call once
// it returns, as a JsRef callee's does.
#ifndef WEAKBIND_INTERFACES_HPP
#define WEAKBIND_INTERFACES_HPP

#include "bind.hpp"
#include "callbacks.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace weakbind::detail {

// The parts of a member function pointer type.
template <class M> struct virtual_of;
#define WB_IF_VIRTUAL_OF(qualifiers, constness)                                          \
  template <class R, class C, class... A> struct virtual_of<R (C::*)(A...) qualifiers> {  \
    using result = R;                                                                     \
    using args = std::tuple<A...>;                                                        \
    static constexpr bool is_const = constness;                                           \
  };
WB_IF_VIRTUAL_OF(, false)
WB_IF_VIRTUAL_OF(const, true)
WB_IF_VIRTUAL_OF(noexcept, false)
WB_IF_VIRTUAL_OF(const noexcept, true)
#undef WB_IF_VIRTUAL_OF

template <class M, size_t I> using virtual_arg = std::tuple_element_t<I, typename virtual_of<M>::args>;

template <class Args, class Words, class Index> struct params_agree;
template <class Args, class... Words, size_t... I>
struct params_agree<Args, std::tuple<Words...>, std::index_sequence<I...>> {
  static constexpr bool value = (param_agrees<Words, std::tuple_element_t<I, Args>>::value && ...);
};

// Where a virtual's words disagree with its C++ signature: the failed
// requirement names weakbind_where::Class::member, then the words, then the
// member's type.
template <class Where, class ResultWord, class ParamWords, class M> struct virtual_matches {
  using V = virtual_of<M>;
  static constexpr bool arity = std::tuple_size_v<typename V::args> == std::tuple_size_v<ParamWords>;
  static constexpr bool value =
      arity && result_agrees<ResultWord, typename V::result>::value &&
      params_agree<typename V::args, ParamWords, std::make_index_sequence<arity ? std::tuple_size_v<ParamWords> : 0>>::value;
};

// What WEAKBIND_INTERFACE's class holds: the loader's dispatcher for its
// JS instance (called with the virtual's index first), and which of the
// non-pure virtuals JS implements (bit i: virtual i).
class JsImplementation {
public:
  void weakbind_js_link(JsRef dispatcher, uint32_t implemented, const void *self) {
    weakbind_js_implemented_ = implemented;
    weakbind_js_dispatcher_ = std::move(dispatcher).owned_by(self);
  }

protected:
  bool weakbind_js_has(uint32_t i) const { return (weakbind_js_implemented_ >> i) & 1u; }
  // Virtual i, of result word RW and parameter words PWs (a std::tuple).
  template <class R, class RW, class PWs, class... A> R weakbind_js_call(uint32_t i, const A &...args) const {
    return from_js_word<RW, R>(call_with<PWs>::call(weakbind_js_dispatcher_, static_cast<double>(i), args...));
  }

private:
  template <class PWs> struct call_with;
  template <class... W> struct call_with<std::tuple<W...>> {
    template <class... A> static JsResult call(const JsRef &f, double i, const A &...a) {
      return call_js<double, W...>(f, i, a...);
    }
  };

private:
  JsRef weakbind_js_dispatcher_;
  uint32_t weakbind_js_implemented_ = 0;
};

} // namespace weakbind::detail

// ---- the macros ------------------------------------------------------------

#define WEAKBIND_INTERFACE(Class, ...)                                                    \
  static_assert(std::has_virtual_destructor_v<WB_TYPE(Class)>,                           \
                "weakbind: an interface (" #Class ") needs a virtual destructor");       \
  WB_IF_EACH(WB_IF_WHERE, Class, __VA_ARGS__)                                             \
  struct weakbind_js_##Class final : WB_TYPE(Class), ::weakbind::detail::JsImplementation { \
    template <class... A>                                                                 \
    explicit weakbind_js_##Class(A &&...a) : WB_TYPE(Class)(std::forward<A>(a)...) {}     \
    WB_IF_EACH(WB_IF_MEMBER, Class, __VA_ARGS__)                                          \
  };                                                                                      \
  WB_RECORD("weakbind 1")                                                                 \
  WB_IF_EACH(WB_IF_RECORD, Class, __VA_ARGS__)                                            \
  static_assert(true, "")

// The constructor a JS subclass's super(...) calls, by arity: the export
// _Class__extend<arity>(dispatcher, implemented, arguments...).
#define WEAKBIND_INTERFACE_CONSTRUCTOR(Class, ...)                                        \
  WB_WHERE(Class, constructor)                                                            \
  WB_RECORD("extend " #Class " _" #Class "__extend" WB_STR(WB_NARGS(__VA_ARGS__)) " "      \
            WB_PARAMS_TEXT(__VA_ARGS__))                                                  \
  WEAKBIND_EXPORT WB_TYPE(Class) *WB_CAT(_##Class##__extend, WB_NARGS(__VA_ARGS__))(      \
      weakbind_js_handle dispatcher, uint32_t implemented WB_EACH(WB_DECL_AFTER_SELF, __VA_ARGS__)) { \
    WB_MEMBER(Class, constructor);                                                        \
    /* Owned before the constructor runs: one that throws drops it. */                   \
    ::weakbind::JsRef js = ::weakbind::JsRef::adopt(dispatcher);                          \
    auto *made = new weakbind_js_##Class(WB_EACH(WB_ARG, __VA_ARGS__));                   \
    WB_TYPE(Class) *self = made;                                                          \
    /* `self` is the pointer JS registers: the JS value is owned by it. */               \
    made->weakbind_js_link(std::move(js), implemented, self);                             \
    return self;                                                                          \
  }                                                                                       \
  static_assert(true, "")

// WB_IF_EACH(M, c, (e0), (e1)) -> M(c, 0, e0) M(c, 1, e1): over a class's
// entries, with the class passed along (WB_EACH passes only the index).
#define WB_IF_EACH(M, c, ...) WB_CAT(WB_IF_EACH_, WB_NARGS(__VA_ARGS__))(M, c, __VA_ARGS__)
#define WB_IF_EACH_1(M, c, a) M(c, 0, WB_IF_UNPACK a)
#define WB_IF_EACH_2(M, c, a, b) WB_IF_EACH_1(M, c, a) M(c, 1, WB_IF_UNPACK b)
#define WB_IF_EACH_3(M, c, a, b, d) WB_IF_EACH_2(M, c, a, b) M(c, 2, WB_IF_UNPACK d)
#define WB_IF_EACH_4(M, c, a, b, d, e) WB_IF_EACH_3(M, c, a, b, d) M(c, 3, WB_IF_UNPACK e)
#define WB_IF_EACH_5(M, c, a, b, d, e, f) WB_IF_EACH_4(M, c, a, b, d, e) M(c, 4, WB_IF_UNPACK f)
#define WB_IF_EACH_6(M, c, a, b, d, e, f, g) WB_IF_EACH_5(M, c, a, b, d, e, f) M(c, 5, WB_IF_UNPACK g)
#define WB_IF_EACH_7(M, c, a, b, d, e, f, g, h)                                           \
  WB_IF_EACH_6(M, c, a, b, d, e, f, g) M(c, 6, WB_IF_UNPACK h)
#define WB_IF_EACH_8(M, c, a, b, d, e, f, g, h, i)                                        \
  WB_IF_EACH_7(M, c, a, b, d, e, f, g, h) M(c, 7, WB_IF_UNPACK i)
#define WB_IF_UNPACK(...) __VA_ARGS__

// M(c, i, form, name, Result, params...) with the entry unpacked.
#define WB_IF_WHERE(c, i, ...) WB_IF_WHERE_(c, __VA_ARGS__)
#define WB_IF_WHERE_(Class, form, name, ...) WB_WHERE(Class, name)
#define WB_IF_MEMBER(c, i, ...) WB_IF_MEMBER_(c, i, __VA_ARGS__)
#define WB_IF_RECORD(c, i, ...) WB_IF_RECORD_(c, __VA_ARGS__)

// The record, and for a non-pure virtual the export of its C++
// implementation, _Class__base_name (a qualified, non-virtual call), which
// a JS override's super.name() reaches.
#define WB_IF_RECORD_(Class, form, name, Result, ...)                                     \
  WB_RECORD("virtual " #Class " " #name " " WB_PARAMS_TEXT(__VA_ARGS__) " " WB_TEXT(Result) \
            " " WB_CAT(WB_IF_FORM_, form)(Class, name))                                   \
  WB_CAT(WB_IF_BASE_, form)(Class, name, Result, __VA_ARGS__)
#define WB_IF_FORM_pure(Class, name) "pure"
#define WB_IF_FORM_virtual(Class, name) WB_EXPORT_NAME(Class, base_##name)
#define WB_IF_BASE_pure(Class, name, Result, ...)
#define WB_IF_BASE_virtual(Class, name, Result, ...)                                      \
  WB_IF_BASE_(Class, name, WB_PASTE(WB_IF_BASE_WORD_, Result), __VA_ARGS__)
#define WB_IF_BASE_(Class, name, Result, ...)                                             \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) _##Class##__base_##name(                         \
      WB_TYPE(Class) *self WB_EACH(WB_DECL_AFTER_SELF, __VA_ARGS__)) {                    \
    WB_MEMBER(Class, name);                                                               \
    WB_RETURN(Result)(self->WB_TYPE(Class)::name(WB_EACH(WB_ARG, __VA_ARGS__)));          \
  }
// The base export's result word: an object result is ref(C), every other
// word itself.
#define WB_IF_BASE_WORD_void void
#define WB_IF_BASE_WORD_i32 i32
#define WB_IF_BASE_WORD_u32 u32
#define WB_IF_BASE_WORD_f32 f32
#define WB_IF_BASE_WORD_f64 f64
#define WB_IF_BASE_WORD_bool bool
#define WB_IF_BASE_WORD_i64 i64
#define WB_IF_BASE_WORD_u64 u64
#define WB_IF_BASE_WORD_string string
#define WB_IF_BASE_WORD_js js
#define WB_IF_BASE_WORD_obj(C) ref(C)
#define WB_IF_BASE_WORD_nullable(C) ref_or_null(C)

// One virtual: its words checked against the C++ member, then the
// override in both constnesses (the one matching the base's overrides it;
// the other is an ordinary member nothing calls virtually).
#define WB_IF_MEMBER_(Class, i, form, name, Result, ...)                                  \
  static_assert(::weakbind::detail::virtual_matches<                                     \
                    ::weakbind_where::Class::name, WB_JS_WORD(Result),                   \
                    std::tuple<WB_EACH(WB_JS_WORD_LIST, __VA_ARGS__)>,                    \
                    decltype(&WB_TYPE(Class)::name)>::value,                              \
                "weakbind: a virtual's words must be its C++ parameter and result types " \
                "(see the requirement: where, the words, the member's type)");           \
  ::weakbind::detail::virtual_of<decltype(&WB_TYPE(Class)::name)>::result name(           \
      WB_IF_PARAMS(WB_IF_DECL, decltype(&WB_TYPE(Class)::name), __VA_ARGS__)) {          \
    WB_CAT(WB_IF_BODY_, form)(Class, i, name, Result, __VA_ARGS__)                       \
  }                                                                                       \
  ::weakbind::detail::virtual_of<decltype(&WB_TYPE(Class)::name)>::result name(           \
      WB_IF_PARAMS(WB_IF_DECL, decltype(&WB_TYPE(Class)::name), __VA_ARGS__)) const {    \
    WB_CAT(WB_IF_BODY_, form)(Class, i, name, Result, __VA_ARGS__)                       \
  }

// A pure virtual always calls JS (the loader reports a method JS lacks);
// another calls JS only if the JS class implements it.
#define WB_IF_BODY_pure(Class, i, name, Result, ...)                                      \
  return weakbind_js_call<::weakbind::detail::virtual_of<decltype(&WB_TYPE(Class)::name)>::result, \
                          WB_JS_WORD(Result), std::tuple<WB_EACH(WB_JS_WORD_LIST, __VA_ARGS__)>>( \
      i WB_IF_PARAMS(WB_IF_PASS, -, __VA_ARGS__));
#define WB_IF_BODY_virtual(Class, i, name, Result, ...)                                   \
  if (!weakbind_js_has(i))                                                                \
    return const_cast<weakbind_js_##Class *>(this)->WB_TYPE(Class)::name(                 \
        WB_IF_PARAMS(WB_IF_FORWARD, -, __VA_ARGS__));                                     \
  WB_IF_BODY_pure(Class, i, name, Result, __VA_ARGS__)

// Parameter lists: WB_IF_PARAMS(M, m, words...) -> M(m, 0) M(m, 1) ...,
// `m` the member's pointer type (WB_EACH cannot nest inside WB_IF_EACH's
// expansion with a context of its own).
#define WB_IF_PARAMS(M, m, ...) WB_CAT(WB_IF_PARAMS_, WB_NARGS(__VA_ARGS__))(M, m)
#define WB_IF_PARAMS_0(M, m)
#define WB_IF_PARAMS_1(M, m) M(m, 0)
#define WB_IF_PARAMS_2(M, m) WB_IF_PARAMS_1(M, m) M(m, 1)
#define WB_IF_PARAMS_3(M, m) WB_IF_PARAMS_2(M, m) M(m, 2)
#define WB_IF_PARAMS_4(M, m) WB_IF_PARAMS_3(M, m) M(m, 3)
#define WB_IF_PARAMS_5(M, m) WB_IF_PARAMS_4(M, m) M(m, 4)
#define WB_IF_PARAMS_6(M, m) WB_IF_PARAMS_5(M, m) M(m, 5)
#define WB_IF_PARAMS_7(M, m) WB_IF_PARAMS_6(M, m) M(m, 6)
#define WB_IF_PARAMS_8(M, m) WB_IF_PARAMS_7(M, m) M(m, 7)
#define WB_IF_DECL(m, j) WB_COMMA_IF(j) ::weakbind::detail::virtual_arg<m, j> a##j
#define WB_IF_PASS(m, j) , a##j
#define WB_IF_FORWARD(m, j) WB_COMMA_IF(j) static_cast<decltype(a##j) &&>(a##j)

#endif // WEAKBIND_INTERFACES_HPP
