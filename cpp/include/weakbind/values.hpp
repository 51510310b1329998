// weakbind/values.hpp — value types: a C++ struct described once by
// WEAKBIND_VALUE crosses as a plain JS object, copied both ways, through a
// heap block whose layout both sides derive from the record's field list
// (docs/BINDING.md, "Value types"). Included by bind.hpp only.
//
// Block layout: the fields in record order, each at the next offset aligned
// to its wire alignment; the block's size is rounded up to its largest
// alignment. i32 u32 f32 bool (0 or 1 as an i32) and enums are 4 bytes;
// f64 i64 u64 are 8; a string is 8, aligned 4: u32 pointer, u32 byte
// length of its UTF-8 bytes; a nested value is its own block, inline; an
// optional is an i32 flag then its type, inline (OptionalCodec); an array
// is 8, aligned 4: u32 pointer, u32 count of a block of its elements; a
// map is 8, aligned 4: u32 pointer, u32 count of a block of its entries,
// each laid out as a value of two fields, key and value (MapCodec,
// maps.hpp).
#ifndef WEAKBIND_VALUES_HPP
#define WEAKBIND_VALUES_HPP

#include "convert.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <optional>
#include <type_traits>
#include <vector>

namespace weakbind {
namespace detail {

// Specialised by WEAKBIND_VALUE: read(block) -> V, write(block, v), layout.
template <class V> struct ValueOf;

// Where a field's type disagrees: the member of weakbind_where::Value.
template <class Field> struct field;

struct FieldLayout {
  size_t size, align;
};
template <size_t N> struct Layout {
  size_t offset[N];
  size_t size, align;
};
// The layout rule of the header comment; the loader computes the same
// offsets from the record (js/values.mjs).
template <size_t N> constexpr Layout<N> layout_of(const FieldLayout (&fields)[N]) {
  Layout<N> out{};
  size_t at = 0, align = 1;
  for (size_t i = 0; i < N; i++) {
    at = (at + fields[i].align - 1) / fields[i].align * fields[i].align;
    out.offset[i] = at;
    at += fields[i].size;
    if (fields[i].align > align) align = fields[i].align;
  }
  out.size = (at + align - 1) / align * align;
  out.align = align;
  return out;
}

// How one field of each kind sits in a block. `type` is the C++ type the
// field's word names, which the struct's member must agree with.
template <class T> struct ScalarCodec {
  using type = T;
  // A bool is an i32; every other number its own size (a uint8_t is a
  // `bytes` element, packed).
  static constexpr uint32_t size = std::is_same_v<T, bool> ? 4u : static_cast<uint32_t>(sizeof(T));
  static constexpr FieldLayout layout{size, size};
  static T read(const uint8_t *p) {
    if constexpr (std::is_same_v<T, bool>) {
      int32_t v;
      std::memcpy(&v, p, 4);
      return v != 0;
    } else {
      T v;
      std::memcpy(&v, p, sizeof v);
      return v;
    }
  }
  static void write(uint8_t *p, T v) {
    if constexpr (std::is_same_v<T, bool>) {
      int32_t i = v ? 1 : 0;
      std::memcpy(p, &i, 4);
    } else {
      std::memcpy(p, &v, sizeof v);
    }
  }
  static void release(const uint8_t *) {}
};

template <class E> struct EnumCodec {
  using type = E;
  static constexpr FieldLayout layout{4, 4};
  static E read(const uint8_t *p) {
    int32_t v;
    std::memcpy(&v, p, 4);
    return static_cast<E>(v);
  }
  static void write(uint8_t *p, E v) {
    int32_t i = static_cast<int32_t>(v);
    std::memcpy(p, &i, 4);
  }
  static void release(const uint8_t *) {}
};

// The u32 pointer a field holds at `p`.
inline void *pointer_at(const uint8_t *p) {
  uint32_t ptr;
  std::memcpy(&ptr, p, 4);
  return reinterpret_cast<void *>(static_cast<uintptr_t>(ptr));
}

// Writes a field's (u32 address, u32 count) of `data` at `p`: a string's
// bytes, an array's elements, a map's entries.
inline void put_block(uint8_t *p, const void *data, size_t count) {
  uint32_t ptr = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(data));
  uint32_t n = static_cast<uint32_t>(count);
  std::memcpy(p, &ptr, 4);
  std::memcpy(p + 4, &n, 4);
}

// Each codec's `release(p)` frees what a field `write` made at `p` holds
// (its strings' bytes, its arrays' element blocks, and what those hold),
// but not the block `p` is in: C++'s arguments of a call into JS, which
// C++ writes and frees itself (call_blocks.hpp).

// A string field: the loader's bytes, borrowed for the call, copied into
// the member; out, a malloc'd copy the loader decodes and frees.
struct StringCodec {
  using type = std::string;
  static constexpr FieldLayout layout{8, 4};
  static std::string read(const uint8_t *p) {
    uint32_t ptr, len;
    std::memcpy(&ptr, p, 4);
    std::memcpy(&len, p + 4, 4);
    return std::string(reinterpret_cast<const char *>(static_cast<uintptr_t>(ptr)), len);
  }
  static void write(uint8_t *p, const std::string &s) {
    auto *bytes = static_cast<char *>(std::malloc(s.size() ? s.size() : 1));
    if (!bytes) {
      static const char message[] = "out of memory: returning a value's string to JS";
      weakbind_abort(message, sizeof message - 1);
    }
    if (!s.empty()) std::memcpy(bytes, s.data(), s.size());
    put_block(p, bytes, s.size());
  }
  static void release(const uint8_t *p) { std::free(pointer_at(p)); }
};

template <class V> struct ValueCodec {
  using type = V;
  static constexpr FieldLayout layout{ValueOf<V>::layout.size, ValueOf<V>::layout.align};
  static V read(const uint8_t *p) { return ValueOf<V>::read(p); }
  static void write(uint8_t *p, const V &v) { ValueOf<V>::write(p, v); }
  static void release(const uint8_t *p) { ValueOf<V>::release(p); }
};

// An optional field (`opt:T`): an i32 flag (1: present), then T at the
// next offset aligned for it, the whole rounded up to its alignment (as a
// value of two fields would be); absent, T's bytes are zeros.
template <class C> struct OptionalCodec {
  using type = std::optional<typename C::type>;
  static constexpr size_t align = C::layout.align > 4 ? C::layout.align : 4;
  static constexpr size_t at = (4 + C::layout.align - 1) / C::layout.align * C::layout.align;
  static constexpr FieldLayout layout{(at + C::layout.size + align - 1) / align * align, align};
  static type read(const uint8_t *p) {
    int32_t flag;
    std::memcpy(&flag, p, 4);
    if (flag == 0) return std::nullopt;
    return C::read(p + at);
  }
  static void write(uint8_t *p, const type &v) {
    int32_t flag = v ? 1 : 0;
    std::memcpy(p, &flag, 4);
    if (v) C::write(p + at, *v);
    else std::memset(p + at, 0, C::layout.size);
  }
  static void release(const uint8_t *p) {
    int32_t flag;
    std::memcpy(&flag, p, 4);
    if (flag != 0) C::release(p + at);
  }
};

// An array field (`f64[]` …, `string[]`, `value:V[]`): u32 pointer, u32
// count of a heap block of elements laid out as fields of that type. In,
// the loader's block, borrowed for the call; out, malloc'd here, the
// loader reads and frees it with what its elements hold.
template <class C> struct ListCodec {
  using type = std::vector<typename C::type>;
  static constexpr FieldLayout layout{8, 4};
  static type read(const uint8_t *p) {
    uint32_t ptr, n;
    std::memcpy(&ptr, p, 4);
    std::memcpy(&n, p + 4, 4);
    const auto *data = reinterpret_cast<const uint8_t *>(static_cast<uintptr_t>(ptr));
    type out;
    out.reserve(n);
    for (uint32_t i = 0; i < n; i++) out.push_back(C::read(data + i * C::layout.size));
    return out;
  }
  static void write(uint8_t *p, const type &v) {
    size_t bytes = v.size() * C::layout.size;
    auto *data = static_cast<uint8_t *>(std::malloc(bytes ? bytes : 1));
    if (!data) {
      static const char message[] = "out of memory: returning a value's array to JS";
      weakbind_abort(message, sizeof message - 1);
    }
    for (size_t i = 0; i < v.size(); i++) C::write(data + i * C::layout.size, v[i]);
    put_block(p, data, v.size());
  }
  static void release(const uint8_t *p) {
    uint32_t n;
    std::memcpy(&n, p + 4, 4);
    auto *data = static_cast<uint8_t *>(pointer_at(p));
    for (uint32_t i = 0; i < n; i++) C::release(data + i * C::layout.size);
    std::free(data);
  }
};

// The codec of a field (or optional result) whose C++ type is `Member`:
// `C` itself, but for a word that stands for more than one container (a
// map: std::map or std::unordered_map, maps.hpp), the codec of the one
// the member is, so the check compares the member with that.
template <class C, class Member> struct fitted {
  using type = C;
};
template <class C, class M> struct fitted<OptionalCodec<C>, std::optional<M>> {
  using type = OptionalCodec<typename fitted<C, M>::type>;
};

// A field is read and written only when its member can take the word's
// type: a member that disagrees is named by the field's check alone (one
// error per disagreement).
template <class C, class M> void read_field(const uint8_t *p, M &out) {
  if constexpr (std::is_assignable_v<M &, typename C::type>) out = C::read(p);
}
template <class C, class M> void write_field(uint8_t *p, const M &v) {
  if constexpr (std::is_invocable_v<decltype(&C::write), uint8_t *, const M &>) C::write(p, v);
}

// A value result: a heap block the loader reads into a new object and
// frees (with the strings in it). The C++ result must be the value's type.
template <class V, class Where, class R> uint32_t value_result(R &&r) {
  static_assert(word_matches<Where, V, std::decay_t<R>>::value,
                "weakbind: a value word must be the C++ result's type (see the requirement: "
                "where, the word's type, the result's type)");
  auto *block = static_cast<uint8_t *>(std::malloc(ValueOf<V>::layout.size));
  if (!block) {
    static const char message[] = "out of memory: returning a value to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  ValueOf<V>::write(block, r);
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
}

} // namespace detail
} // namespace weakbind

// ---- the macro ---------------------------------------------------------------

// WEAKBIND_VALUE(Vec3, (x, f64), (y, f64), (z, f64)): the struct Vec3
// (default-constructible, its fields public members) as a plain JS object
// and the type word value(Vec3). Field words: i32 u32 f32 f64 bool i64 u64
// string enum(E) value(V); E and V declared before. Each member must be its
// word's type (as for parameters), else compilation fails naming
// detail::field<weakbind_where::Vec3::x>. A field may also be optional(T)
// (std::optional<T>, T one of those, an array word or a map word), array(f64
// f32 i32 u32), bytes (std::vector<uint8_t>) or array(string) /
// array(value(V)) (std::vector), or
// map(K, V) (std::map or std::unordered_map, maps.hpp). At namespace scope,
// before the macros that use value(Vec3).
#define WEAKBIND_VALUE(Name, ...) WB_VALUE_RECORDS(Name, __VA_ARGS__)

// A C++ type (any qualified name) under the JS name `Name`, declared as an
// alias as WEAKBIND_CLASS_AS does.
#define WEAKBIND_VALUE_AS(Type, Name, ...)                                              \
  using Name = Type;                                                                   \
  WB_VALUE_RECORDS(Name, __VA_ARGS__)

#define WB_VALUE_RECORDS(Name, ...)                                                     \
  WB_RECORD("weakbind 1")                                                              \
  WB_RECORD("value " #Name " " WB_EACH(WB_FIELD_TEXT, __VA_ARGS__))                     \
  namespace weakbind_where {                                                           \
  namespace Name {                                                                     \
  using wb_value = ::WB_TYPE(Name);                                                    \
  WB_EACH(WB_FIELD_WHERE, __VA_ARGS__)                                                 \
  WB_EACH(WB_FIELD_CHECK, __VA_ARGS__)                                                 \
  }                                                                                    \
  }                                                                                    \
  template <> struct weakbind::detail::ValueOf<WB_TYPE(Name)> {                         \
    using V = WB_TYPE(Name);                                                           \
    static constexpr ::weakbind::detail::FieldLayout fields[] = {                      \
        WB_EACH(WB_FIELD_LAYOUT, __VA_ARGS__)};                                        \
    static constexpr auto layout = ::weakbind::detail::layout_of(fields);              \
    static V read(const uint8_t *b) {                                                  \
      V v{};                                                                           \
      WB_EACH(WB_FIELD_READ, __VA_ARGS__)                                              \
      return v;                                                                        \
    }                                                                                  \
    static void write(uint8_t *b, const V &v) { WB_EACH(WB_FIELD_WRITE, __VA_ARGS__) } \
    static void release(const uint8_t *b) { WB_EACH(WB_FIELD_RELEASE, __VA_ARGS__) }   \
  };                                                                                   \
  static_assert(true, "")

// A field is `(name, word)`. Codecs name enums and values from the global
// scope: the checks expand inside namespace weakbind_where, where a
// class's or value's name is a namespace.
#define WB_FNAME(f) WB_FNAME_ f
#define WB_FNAME_(n, t) n
#define WB_FCODEC(f) WB_FCODEC_ f
#define WB_FCODEC_(n, t) WB_APPLY(WB_CODEC_, 0, t)
#define WB_CODEC_SCALAR(i, T) ::weakbind::detail::ScalarCodec<T>
#define WB_CODEC_STRING(i, T) ::weakbind::detail::StringCodec
#define WB_CODEC_ENUM(i, E) ::weakbind::detail::EnumCodec< ::WB_TYPE(E)>
#define WB_CODEC_VALUE(i, V) ::weakbind::detail::ValueCodec< ::WB_TYPE(V)>
#define WB_CODEC_ARRAY(i, T) ::weakbind::detail::ListCodec< ::weakbind::detail::ScalarCodec<T>>
// (`bytes`, a std::vector<uint8_t>, is an array of uint8_t inside a value.)
#define WB_CODEC_BYTES(i, T) WB_CODEC_ARRAY(i, T)
#define WB_CODEC_VECTOR(i, C) ::weakbind::detail::ListCodec<C>
#define WB_CODEC_OPTIONAL(i, t) ::weakbind::detail::OptionalCodec<WB_APPLY2(WB_CODEC_, i, t)>

// The inner word's tables, by a second dispatch (WB_APPLY cannot expand
// within its own expansion, where these are used).
#define WB_APPLY2(P, i, t) WB_APPLY2_(P, i, WB_PASTE(WB_KIND_, t))
#define WB_APPLY2_(P, i, kind_and_type) WB_APPLY2__(P, i, kind_and_type)
#define WB_APPLY2__(P, i, k, T) WB_PASTE(P, k)(i, T)

#define WB_FIELD_TEXT(i, f) WB_IF_NOT_FIRST(i, ",") WB_FTEXT_ f
#define WB_FTEXT_(n, t) #n ":" WB_TEXT(t)
#define WB_FIELD_WHERE(i, f) struct WB_FNAME(f);
#define WB_FIELD_LAYOUT(i, f) WB_COMMA_IF(i) WB_FCODEC(f)::layout
// The codec fitted to the member's type (detail::fitted); `Of` names the
// struct: V inside ValueOf, wb_value inside weakbind_where.
#define WB_FFIT(Of, f)                                                                 \
  typename ::weakbind::detail::fitted<WB_FCODEC(f), std::remove_cv_t<decltype(Of::WB_FNAME(f))>>::type
#define WB_FIELD_READ(i, f)                                                            \
  ::weakbind::detail::read_field<WB_FFIT(V, f)>(b + layout.offset[i], v.WB_FNAME(f));
#define WB_FIELD_WRITE(i, f)                                                           \
  ::weakbind::detail::write_field<WB_FFIT(V, f)>(b + layout.offset[i], v.WB_FNAME(f));
// (What a field holds does not depend on the member's container type.)
#define WB_FIELD_RELEASE(i, f) WB_FCODEC(f)::release(b + layout.offset[i]);
// The member agrees with its word (the same rule as parameters); expanded
// inside namespace weakbind_where::Name, where the field's name is the
// place a disagreement names.
#define WB_FIELD_CHECK(i, f)                                                           \
  static_assert(::weakbind::detail::word_matches<::weakbind::detail::field<WB_FNAME(f)>, \
                                                 WB_FFIT(wb_value, f)::type,            \
                                                 std::remove_cv_t<decltype(wb_value::WB_FNAME(f))>>::value, \
                "weakbind: a value's field word must be the member's type (see the "     \
                "requirement: where, the word's type, the member's type)");

#endif // WEAKBIND_VALUES_HPP
