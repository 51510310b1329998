// weakbind/convert.hpp — the C++ half of typed exports' conversions: the
// argument types a C++ function receives (StringArg, BytesArg, ArrayArg),
// result blocks, and the compile-time agreement of type words with C++
// types (detail::Exact, detail::word_matches). bind.hpp's macros use it.
#ifndef WEAKBIND_CONVERT_HPP
#define WEAKBIND_CONVERT_HPP

#include "../weakbind.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>
#if __has_include(<span>) && __cplusplus > 201703L
#include <span>
#endif

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
// takes a std::vector<T> (a copy), the ArrayArg itself or, from C++20, a
// std::span<const T> (no copy: both borrowed for the call).
template <class T> struct ArrayArg {
  const T *data;
  size_t size;
  const T *begin() const { return data; }
  const T *end() const { return data + size; }
  const T &operator[](size_t i) const { return data[i]; }
  operator std::vector<T>() const { return {data, data + size}; }
#if defined(__cpp_lib_span)
  operator std::span<const T>() const { return {data, size}; }
#endif
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

template <class T> inline constexpr bool is_unique_ptr = false;
template <class T, class D> inline constexpr bool is_unique_ptr<std::unique_ptr<T, D>> = true;

// The failed requirements of object results name their place (Where, as
// for word_matches), then the class and the C++ result's type.
template <class Where, class C, class R> struct own_converts {
  static constexpr bool value = std::is_constructible_v<C, R>;
};
template <class Where, class C, class R> struct own_no_slice {
  static constexpr bool value = false;
};
template <class Where, class C, class R> struct ref_no_temporary {
  static constexpr bool value = false;
};

// own(C): JS becomes the owner of a C* (a new object), a
// std::unique_ptr<C> (released), a C& (the object it names), or of a new
// heap object made from a result by value: a C moved (`new C(std::move(v))`)
// or anything C can be constructed from (an expression template such as
// Eigen's `a + b`, evaluated into the C). A by-value object of a class
// derived from C would be sliced and fails to compile.
template <class C, class Where, class R> C *own_result(R &&r) {
  using D = std::remove_cv_t<std::remove_reference_t<R>>;
  if constexpr (std::is_pointer_v<D>) {
    return r;
  } else if constexpr (is_unique_ptr<D>) {
    return r.release();
  } else if constexpr (std::is_lvalue_reference_v<R> && !std::is_const_v<std::remove_reference_t<R>> &&
                       std::is_base_of_v<C, D>) {
    return &r;
  } else if constexpr (!std::is_same_v<C, D> && std::is_base_of_v<C, D>) {
    static_assert(own_no_slice<Where, C, D>::value,
                  "weakbind: an own(C) result by value must be a C, not a class derived from it "
                  "(it would be sliced): return a pointer or std::unique_ptr, or bind own(Derived) "
                  "(see the requirement: where, the class, the result's type)");
    return nullptr;
  } else if constexpr (!std::is_constructible_v<C, R &&>) {
    static_assert(own_converts<Where, C, R &&>::value,
                  "weakbind: an own(C) result must be a C*, a std::unique_ptr<C>, a C& or a value "
                  "C can be constructed from (see the requirement: where, the class, the result's type)");
    return nullptr;
  } else {
    return new C(std::forward<R>(r));
  }
}

// ref(C): a C* or C& that outlives the call (owned by `this`, or by C++).
// A result by value, a std::unique_ptr or an rvalue reference is a
// temporary a reference to would dangle, and fails to compile.
template <class C, class Where, class R> C *ref_result(R &&r) {
  if constexpr (std::is_pointer_v<std::remove_cv_t<std::remove_reference_t<R>>>) {
    return r;
  } else if constexpr (std::is_lvalue_reference_v<R>) {
    return &r;
  } else {
    static_assert(ref_no_temporary<Where, C, std::remove_cv_t<R>>::value,
                  "weakbind: a ref(C) result must be a C* or C& that outlives the call; a "
                  "temporary would dangle: bind own(C) to give JS the object (see the "
                  "requirement: where, the class, the result's type)");
    return nullptr;
  }
}

inline weakbind_js_handle js_result(JsRef &&r) { return r.into_handle(); }

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
#if defined(__cpp_lib_span)
  template <class U, std::enable_if_t<!std::is_same_v<T, U>, int> = 0>
  operator std::span<const U>() const {
    static_assert(word_matches<Where, std::vector<T>, std::vector<U>>::value,
                  "weakbind: an array word must be the C++ parameter's element type (see the "
                  "requirement: where, the word's type, the parameter's type)");
    return {};
  }
#endif
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

#endif // WEAKBIND_CONVERT_HPP
