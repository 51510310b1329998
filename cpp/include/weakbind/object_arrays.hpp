// weakbind/object_arrays.hpp — arrays of objects: array(obj(C)) is a JS
// Array of live C wrappers (a C++ std::vector<C*> or of
// std::reference_wrapper<C>, const or not), array(own(C)) a
// std::vector<std::unique_ptr<C>> result JS owns each element of, and
// array(ref(C)) a std::vector<C*> result of objects `this` owns, as a
// single ref(C) result is. Their nullable forms, array(nullable(C)) in
// (a std::vector of C* or const C*) and array(own_or_null(C)) and
// array(ref_or_null(C)) out, allow null elements (nullptr). Included by
// bind.hpp only.
//
// Wire: a parameter is [i32 ptr, i32 count], a heap block of `count` u32
// object pointers (each a registered C the loader checked, or 0 where the
// element word is nullable), borrowed for the call. A result is an i32, a heap block `u32 count`, padding, then
// the u32 pointers from offset 8, which the loader reads and frees before
// it wraps them.
#ifndef WEAKBIND_OBJECT_ARRAYS_HPP
#define WEAKBIND_OBJECT_ARRAYS_HPP

#include "convert.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace weakbind {
namespace detail {

// The element types a C++ vector of a parameter may have for obj(C).
template <class C, class U>
inline constexpr bool object_element =
    std::is_same_v<U, C *> || std::is_same_v<U, const C *> ||
    std::is_same_v<U, std::reference_wrapper<C>> || std::is_same_v<U, std::reference_wrapper<const C>>;

// The failed requirement names the place, the word's vector and the C++ one.
template <class Where, class Word, class Cpp> struct objects_match;
template <class Where, class C, class U> struct objects_match<Where, std::vector<C *>, std::vector<U>> {
  static constexpr bool value = object_element<C, U>;
};

// A nullable element is a pointer: a reference_wrapper holds no null.
template <class C, class U>
inline constexpr bool nullable_object_element = std::is_same_v<U, C *> || std::is_same_v<U, const C *>;
template <class Where, class Word, class Cpp> struct nullable_objects_match;
template <class Where, class C, class U> struct nullable_objects_match<Where, std::vector<C *>, std::vector<U>> {
  static constexpr bool value = nullable_object_element<C, U>;
};

// Invariant: data[0..size) are live registered C objects, or (Nullable)
// nullptr; the loader checked each.
template <class C, class Where, bool Nullable = false> struct ObjectsArg {
  C *const *data;
  size_t size;
  template <class U, class A> operator std::vector<U, A>() const {
    if constexpr (Nullable) {
      static_assert(nullable_objects_match<Where, std::vector<C *>, std::vector<U>>::value,
                    "weakbind: an array(nullable(C)) word's parameter must be a std::vector of C* "
                    "or const C* (see the requirement: where, the word's type, the parameter's "
                    "type)");
    } else {
      static_assert(objects_match<Where, std::vector<C *>, std::vector<U>>::value,
                    "weakbind: an array(obj(C)) word's parameter must be a std::vector of C*, const "
                    "C*, or std::reference_wrapper<C> (see the requirement: where, the word's type, "
                    "the parameter's type)");
    }
    std::vector<U, A> out;
    out.reserve(size);
    if constexpr (Nullable ? nullable_object_element<C, U> : object_element<C, U>) {
      for (size_t i = 0; i < size; i++) {
        if constexpr (std::is_pointer_v<U>) out.push_back(data[i]);
        else out.push_back(std::ref(*data[i]));
      }
    }
    return out;
  }
};

inline uint8_t *pointer_block(size_t n) {
  auto *block = static_cast<uint8_t *>(std::malloc(8 + n * 4));
  if (!block) {
    static const char message[] = "out of memory: returning an array of objects to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  uint32_t count = static_cast<uint32_t>(n);
  std::memcpy(block, &count, 4);
  return block;
}
inline void put_pointer(uint8_t *block, size_t i, const void *p) {
  uint32_t v = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p));
  std::memcpy(block + 8 + i * 4, &v, 4);
}

// array(own(C)) and array(own_or_null(C)): the vector's objects handed
// over (a null one is 0, which for own(C) the loader refuses after it took
// the others).
template <class C, class Where, class R> uint32_t owned_objects_result(R &&r) {
  static_assert(word_matches<Where, std::vector<std::unique_ptr<C>>, std::decay_t<R>>::value &&
                    !std::is_lvalue_reference_v<R>,
                "weakbind: an array(own(C)) word's result must be a std::vector<std::unique_ptr<C>> "
                "returned by value (see the requirement: where, the word's type, the result's type)");
  if constexpr (std::is_same_v<std::decay_t<R>, std::vector<std::unique_ptr<C>>>) {
    uint8_t *block = pointer_block(r.size());
    for (size_t i = 0; i < r.size(); i++) put_pointer(block, i, r[i].release());
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
  }
  return 0;
}

// array(ref(C)) and array(ref_or_null(C)): pointers to objects the receiver (or the first object
// argument, for statics and functions) keeps alive.
template <class C, class Where, class R> uint32_t ref_objects_result(const R &r) {
  static_assert(word_matches<Where, std::vector<C *>, R>::value,
                "weakbind: an array(ref(C)) word's result must be a std::vector<C*> (see the "
                "requirement: where, the word's type, the result's type)");
  if constexpr (std::is_same_v<R, std::vector<C *>>) {
    uint8_t *block = pointer_block(r.size());
    for (size_t i = 0; i < r.size(); i++) put_pointer(block, i, r[i]);
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
  }
  return 0;
}

} // namespace detail
} // namespace weakbind

// The element tables of array(t) (words.hpp's WB_KIND_array) for objects.
#define WB_ELEMENT_obj(C) OBJECTS, C
#define WB_ELEMENT_own(C) OWNED_OBJECTS, C
#define WB_ELEMENT_ref(C) REF_OBJECTS, C
#define WB_ELEMENT_nullable(C) NULLABLE_OBJECTS, C
#define WB_ELEMENT_own_or_null(C) OWNED_OBJECTS, C
#define WB_ELEMENT_ref_or_null(C) REF_OBJECTS, C
#define WB_DECL_OBJECTS(i, C) WB_TYPE(C) *const *a##i, size_t n##i
#define WB_ARG_OBJECTS(i, C) ::weakbind::detail::ObjectsArg<WB_TYPE(C), WB_WHERE_ARG(i)>{a##i, n##i}
#define WB_DECL_NULLABLE_OBJECTS(i, C) WB_TYPE(C) *const *a##i, size_t n##i
#define WB_ARG_NULLABLE_OBJECTS(i, C)                                                  \
  ::weakbind::detail::ObjectsArg<WB_TYPE(C), WB_WHERE_ARG(i), true>{a##i, n##i}
#define WB_RESULT_TYPE_OWNED_OBJECTS(i, C) uint32_t
#define WB_RESULT_TYPE_REF_OBJECTS(i, C) uint32_t
#define WB_RETURN_OWNED_OBJECTS(i, C)                                                  \
  return ::weakbind::detail::owned_objects_result<WB_TYPE(C), WB_WHERE_RESULT>
#define WB_RETURN_REF_OBJECTS(i, C)                                                    \
  return ::weakbind::detail::ref_objects_result<WB_TYPE(C), WB_WHERE_RESULT>

#endif // WEAKBIND_OBJECT_ARRAYS_HPP
