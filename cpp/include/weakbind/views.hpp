// weakbind/views.hpp — borrowed views of numbers: the word view(t), t one
// of f64 f32 i32 u32, is a weakbind::ArrayView<T> (pointer and count of
// const T) in C++ and a JS view object that reads wasm memory in place
// (js/views.mjs). Included by bind.hpp and callbacks.hpp.
//
//   weakbind::ArrayView<double> samples() const { return samples_; }   // a std::vector member
//   WEAKBIND_METHOD(Series, samples, view(f64));                        // s.samples().at(0)
//
// As a result, the elements are memory the receiver (or, for statics and
// functions, the first object argument) owns: the view ends when that
// object is disposed or collected, or when wasm frees the block holding
// the elements (a vector that grows reallocates them). As a parameter of a
// call into JS (fn(...), a virtual JS implements), the view ends when the
// JS function returns. Reading an ended view is a TypeError, never a read
// of freed memory.
//
// Wire: a result is an i32, the address of view_slot, where C++ wrote the
// elements' address and count; the loader reads both before anything else
// runs. A parameter of a call into JS is two numbers, the address and the
// count.
#ifndef WEAKBIND_VIEWS_HPP
#define WEAKBIND_VIEWS_HPP

#include "convert.hpp"

#include <array>
#include <cstddef>
#include <type_traits>
#include <vector>
#if __has_include(<span>) && __cplusplus > 201703L
#include <span>
#endif

namespace weakbind {

// A borrowed run of `size` const T at `data`. Made from a vector or array
// by reference only: one made from a temporary would dangle as soon as the
// call returned.
template <class T> struct ArrayView {
  const T *data = nullptr;
  size_t size = 0;
  constexpr ArrayView() = default;
  constexpr ArrayView(const T *d, size_t n) : data(d), size(n) {}
  template <class A> ArrayView(const std::vector<T, A> &v) : data(v.data()), size(v.size()) {}
  template <class A> ArrayView(std::vector<T, A> &&) = delete;
  template <size_t N> constexpr ArrayView(const std::array<T, N> &a) : data(a.data()), size(N) {}
  template <size_t N> ArrayView(std::array<T, N> &&) = delete;
#if defined(__cpp_lib_span)
  template <class U, size_t N, std::enable_if_t<std::is_same_v<std::remove_cv_t<U>, T>, int> = 0>
  constexpr ArrayView(std::span<U, N> s) : data(s.data()), size(s.size()) {}
#endif
  const T *begin() const { return data; }
  const T *end() const { return data + size; }
  const T &operator[](size_t i) const { return data[i]; }
};

namespace detail {

// The word view(t) in a call into JS (callbacks.hpp's param_agrees).
template <class T> struct ViewWord;

template <class T> inline constexpr bool is_array_view = false;
template <class T> inline constexpr bool is_array_view<ArrayView<T>> = true;

// Where a view result's address and count wait for the loader (one
// module-wide slot: the loader reads it before any other call).
struct ViewSlot {
  uint32_t data;
  uint32_t size;
};
inline ViewSlot view_slot;

// The failed requirement names its place, then the word's type, then the
// C++ result's type.
template <class Where, class Word, class Cpp> struct view_matches {
  static constexpr bool value = std::is_same_v<Word, Cpp>;
};

template <class T, class Where, class R> uint32_t view_result(R &&r) {
  using D = std::remove_cv_t<std::remove_reference_t<R>>;
  static_assert(view_matches<Where, ArrayView<T>, D>::value,
                "weakbind: a view word's result must be a weakbind::ArrayView of its element type "
                "(see the requirement: where, the word's type, the result's type)");
  if constexpr (std::is_same_v<D, ArrayView<T>>) {
    view_slot.data = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(r.data));
    view_slot.size = static_cast<uint32_t>(r.size);
  }
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&view_slot));
}

} // namespace detail
} // namespace weakbind

// The word view(t) in bind.hpp's tables (words.hpp): a result only.
// (Its own pasting macro: the word is expanded inside WB_CAT and WB_PASTE,
// which cannot expand again within themselves.)
#define WB_VIEW_CAT(a, b) WB_VIEW_CAT_(a, b)
#define WB_VIEW_CAT_(a, b) a##b
#define WB_TEXT_view(t) "view:" #t
#define WB_KIND_view(t) VIEW, WB_VIEW_CAT(WB_VIEW_ELEMENT_, t)
#define WB_VIEW_ELEMENT_f64 double
#define WB_VIEW_ELEMENT_f32 float
#define WB_VIEW_ELEMENT_i32 int32_t
#define WB_VIEW_ELEMENT_u32 uint32_t
#define WB_RESULT_TYPE_VIEW(i, T) uint32_t
#define WB_RETURN_VIEW(i, T) return ::weakbind::detail::view_result<T, WB_WHERE_RESULT>
// And in a call into JS (callbacks.hpp's WB_JS_WORD).
#define WB_JS_WORD_view(t) ::weakbind::detail::ViewWord<WB_VIEW_CAT(WB_VIEW_ELEMENT_, t)>

#endif // WEAKBIND_VIEWS_HPP
