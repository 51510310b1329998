// weakbind/vectors.hpp — vectors of strings and values: array(string) and
// array(value(V)) are std::vector<std::string> and std::vector<V> in C++ and
// a JS Array of strings or of plain objects, copied both ways. Included by
// bind.hpp only.
//
// Wire: a parameter is [i32 ptr, i32 count], a heap block of `count`
// elements, each laid out as a value's field of that type would be
// (values.hpp: a string is its bytes' u32 address and u32 length, a value
// its own layout), the loader's, borrowed for the call. A result is an
// i32, a heap block `u32 count`, padding, then the elements from offset 8;
// the loader reads it and frees it with its strings.
#ifndef WEAKBIND_VECTORS_HPP
#define WEAKBIND_VECTORS_HPP

#include "values.hpp"

#include <vector>

namespace weakbind {
namespace detail {

// A vector argument that converts to std::vector of the element word's
// type and to no other vector (std::vector<std::string_view> for
// array(string) fails to compile, naming the place).
template <class Codec, class Where> struct VectorArg {
  const uint8_t *data;
  size_t size;
  template <class U> operator std::vector<U>() const {
    static_assert(word_matches<Where, std::vector<typename Codec::type>, std::vector<U>>::value,
                  "weakbind: an array word must be the C++ parameter's element type (see the "
                  "requirement: where, the word's type, the parameter's type)");
    std::vector<U> out;
    // (Only when the types agree: one error per disagreement.)
    if constexpr (word_matches<Where, std::vector<typename Codec::type>, std::vector<U>>::value) {
      out.reserve(size);
      for (size_t i = 0; i < size; i++) out.push_back(Codec::read(data + i * Codec::layout.size));
    }
    return out;
  }
};

template <class Codec, class Where, class U> uint32_t vector_result(const std::vector<U> &v) {
  static_assert(word_matches<Where, std::vector<typename Codec::type>, std::vector<U>>::value,
                "weakbind: an array word must be the C++ result's element type (see the "
                "requirement: where, the word's type, the result's type)");
  auto *block = static_cast<uint8_t *>(std::malloc(8 + v.size() * Codec::layout.size));
  if (!block) {
    static const char message[] = "out of memory: returning an array to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  uint32_t n = static_cast<uint32_t>(v.size());
  std::memcpy(block, &n, 4);
  for (size_t i = 0; i < v.size(); i++) Codec::write(block + 8 + i * Codec::layout.size, v[i]);
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
}

} // namespace detail
} // namespace weakbind

#endif // WEAKBIND_VECTORS_HPP
