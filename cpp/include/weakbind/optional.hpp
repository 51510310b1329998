// weakbind/optional.hpp — the type word optional(T): std::optional<T> as
// `T | undefined` in JS, for T one of i32 u32 f32 f64 bool i64 u64 string
// enum(E) value(V), bytes (std::vector<uint8_t>), an array word of
// numbers, strings or values (std::vector) or a map word (maps.hpp). Included by bind.hpp only.
//
// Wire: a parameter is an i32 flag (1: present) before T's own wire
// parameters (zeros when absent); a result is an i32, 0 when absent, else a
// heap block holding T as a value's one field at offset 0 would (values.hpp's
// codecs), which the loader reads and frees with what it holds.
#ifndef WEAKBIND_OPTIONAL_HPP
#define WEAKBIND_OPTIONAL_HPP

#include "values.hpp"

#include <optional>

namespace weakbind {
namespace detail {

// An optional argument that converts to std::optional<U> only for a U its
// word's type agrees with (the rule of Exact); std::optional's own
// converting constructors would otherwise turn an optional(i32) into a
// std::optional<double> without a word.
template <class T, class Where> struct ExactOptional {
  std::optional<T> value;
  template <class U> operator std::optional<U>() const {
    static_assert(word_matches<Where, T, U>::value,
                  "weakbind: an optional word must be the C++ parameter's type (see the "
                  "requirement: where, the word's type, the parameter's type)");
    if (!value) return std::nullopt;
    return static_cast<U>(*value);
  }
};

template <class> struct is_optional : std::false_type {};
template <class U> struct is_optional<std::optional<U>> : std::true_type {};

// An optional result: 0, or a block of T laid out by its codec.
// (The codec fitted to the result's type: a map word's is the container
// the result holds, values.hpp's detail::fitted.)
template <class Word, class Where, class R> uint32_t optional_result(R &&r) {
  using O = std::decay_t<R>;
  static_assert(is_optional<O>::value, "weakbind: an optional word's result must be a std::optional");
  using Codec = typename fitted<Word, typename O::value_type>::type;
  static_assert(word_matches<Where, typename Codec::type, typename O::value_type>::value,
                "weakbind: an optional word must be the C++ result's type (see the requirement: "
                "where, the word's type, the result's type)");
  // (Only then is it written: one error per disagreement.)
  if constexpr (word_matches<Where, typename Codec::type, typename O::value_type>::value) {
    if (!r) return 0;
    auto *block = static_cast<uint8_t *>(std::malloc(Codec::layout.size));
    if (!block) {
      static const char message[] = "out of memory: returning an optional to JS";
      weakbind_abort(message, sizeof message - 1);
    }
    if constexpr (std::is_same_v<typename Codec::type, typename O::value_type>) Codec::write(block, *r);
    else Codec::write(block, static_cast<typename Codec::type>(*r));
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
  }
  return 0;
}

} // namespace detail
} // namespace weakbind

// (WB_APPLY2, the inner word's dispatch, is values.hpp's.)
#define WB_OPT_TYPE_SCALAR(i, T) T
#define WB_OPT_TYPE_STRING(i, T) std::string
#define WB_OPT_TYPE_ENUM(i, E) WB_TYPE(E)
#define WB_OPT_TYPE_VALUE(i, V) WB_TYPE(V)
#define WB_OPT_TYPE_ARRAY(i, T) std::vector<T>
#define WB_OPT_TYPE_BYTES(i, T) std::vector<T>
#define WB_OPT_TYPE_VECTOR(i, C) std::vector<C::type>

#define WB_OPT_DECL(i, t)                                                              \
  int32_t p##i, WB_APPLY2(WB_DECL_, i, t)
#define WB_OPT_ARG(i, t)                                                               \
  ::weakbind::detail::ExactOptional<WB_APPLY2(WB_OPT_TYPE_, i, t), WB_WHERE_ARG(i)> {  \
    p##i ? std::optional<WB_APPLY2(WB_OPT_TYPE_, i, t)>(                                \
               static_cast<WB_APPLY2(WB_OPT_TYPE_, i, t)>(WB_APPLY2(WB_ARG_, i, t)))     \
         : std::nullopt                                                                \
  }
#define WB_OPT_RETURN(i, t)                                                            \
  return ::weakbind::detail::optional_result<WB_APPLY2(WB_CODEC_, i, t), WB_WHERE_RESULT>

#endif // WEAKBIND_OPTIONAL_HPP
