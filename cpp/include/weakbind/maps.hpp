// weakbind/maps.hpp — the type word map(K, V): std::map<K, V> or
// std::unordered_map<K, V> in C++ and a JS Map, copied both ways, K one of
// string i32 u32 f64 and V any word a value's field takes (i32 u32 f32 f64
// bool i64 u64 string enum(E) value(V)). Included by bind.hpp only.
//
// Wire: an entry is laid out as a value of two fields, `key` then `value`
// (values.hpp's rule and codecs). A parameter is [i32 ptr, i32 count], a
// heap block of `count` entries, the loader's, borrowed for the call. A
// result is an i32, a heap block `u32 count`, padding, then the entries
// from offset 8, in the C++ container's iteration order; the loader reads
// it into a new Map and frees it with its strings.
#ifndef WEAKBIND_MAPS_HPP
#define WEAKBIND_MAPS_HPP

#include "optional.hpp"
#include "values.hpp"

#include <map>
#include <unordered_map>

namespace weakbind {
namespace detail {

// The key words a map takes: a JS Map's distinct keys stay distinct C++
// keys for them (the loader refuses NaN and strings UTF-8 cannot carry).
template <class Codec> inline constexpr bool map_key = false;
template <> inline constexpr bool map_key<StringCodec> = true;
template <> inline constexpr bool map_key<ScalarCodec<int32_t>> = true;
template <> inline constexpr bool map_key<ScalarCodec<uint32_t>> = true;
template <> inline constexpr bool map_key<ScalarCodec<double>> = true;

// One entry's layout: the key at 0, the value at the next aligned offset.
template <class K, class V> struct MapEntry {
  static_assert(map_key<K>, "weakbind: a map's key word must be string, i32, u32 or f64");
  static constexpr FieldLayout fields[] = {K::layout, V::layout};
  static constexpr auto layout = layout_of(fields);
};

// A map argument that converts to std::map or std::unordered_map of the
// words' types and to no other key or value type (a std::map<std::string,
// float> for map(string, f64) fails to compile, naming the place).
template <class K, class V, class Where> struct MapArg {
  using Entry = MapEntry<K, V>;
  const uint8_t *data;
  size_t size;

  template <class M> void fill(M &out) const {
    for (size_t i = 0; i < size; i++) {
      const uint8_t *e = data + i * Entry::layout.size;
      out.emplace(K::read(e + Entry::layout.offset[0]), V::read(e + Entry::layout.offset[1]));
    }
  }
  template <class K2, class V2, class C, class A> operator std::map<K2, V2, C, A>() const {
    static_assert(word_matches<Where, std::map<typename K::type, typename V::type>, std::map<K2, V2>>::value,
                  "weakbind: a map word must be the C++ parameter's key and value types (see the "
                  "requirement: where, the word's type, the parameter's type)");
    std::map<K2, V2, C, A> out;
    if constexpr (word_matches<Where, std::map<typename K::type, typename V::type>, std::map<K2, V2>>::value)
      fill(out);
    return out;
  }
  template <class K2, class V2, class H, class E, class A>
  operator std::unordered_map<K2, V2, H, E, A>() const {
    static_assert(word_matches<Where, std::unordered_map<typename K::type, typename V::type>,
                               std::unordered_map<K2, V2>>::value,
                  "weakbind: a map word must be the C++ parameter's key and value types (see the "
                  "requirement: where, the word's type, the parameter's type)");
    std::unordered_map<K2, V2, H, E, A> out;
    if constexpr (word_matches<Where, std::unordered_map<typename K::type, typename V::type>,
                               std::unordered_map<K2, V2>>::value) {
      out.reserve(size);
      fill(out);
    }
    return out;
  }
};

// The std::map or std::unordered_map a result word stands for, given the
// C++ result's type; anything else is no map (`void`, which never agrees).
template <class K, class V, class R> struct map_word {
  using type = void;
};
template <class K, class V, class K2, class V2, class C, class A>
struct map_word<K, V, std::map<K2, V2, C, A>> {
  using type = std::map<K, V>;
  using given = std::map<K2, V2>;
};
template <class K, class V, class K2, class V2, class H, class E, class A>
struct map_word<K, V, std::unordered_map<K2, V2, H, E, A>> {
  using type = std::unordered_map<K, V>;
  using given = std::unordered_map<K2, V2>;
};
template <class M> struct given_map {
  using type = typename M::given;
};

template <class K, class V, class M> uint32_t map_block(const M &m);

template <class K, class V, class Where, class R> uint32_t map_result(const R &m) {
  using Word = map_word<typename K::type, typename V::type, R>;
  static_assert(!std::is_void_v<typename Word::type>,
                "weakbind: a map word's result must be a std::map or std::unordered_map");
  if constexpr (!std::is_void_v<typename Word::type>) {
    static_assert(word_matches<Where, typename Word::type, typename given_map<Word>::type>::value,
                  "weakbind: a map word must be the C++ result's key and value types (see the "
                  "requirement: where, the word's type, the result's type)");
    // (Only then is the map written: one error per disagreement.)
    if constexpr (word_matches<Where, typename Word::type, typename given_map<Word>::type>::value)
      return map_block<K, V>(m);
  }
  return 0;
}

template <class K, class V, class M> uint32_t map_block(const M &m) {
  using Entry = MapEntry<K, V>;
  auto *block = static_cast<uint8_t *>(std::malloc(8 + m.size() * Entry::layout.size));
  if (!block) {
    static const char message[] = "out of memory: returning a map to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  uint32_t n = static_cast<uint32_t>(m.size());
  std::memcpy(block, &n, 4);
  uint8_t *e = block + 8;
  for (const auto &[key, value] : m) {
    K::write(e + Entry::layout.offset[0], key);
    V::write(e + Entry::layout.offset[1], value);
    e += Entry::layout.size;
  }
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
}

} // namespace detail
} // namespace weakbind

// The word's tables (words.hpp's, for the kind MAP): map(K, V) is the kind
// MAP with the pair (K, V), whose codecs values.hpp's tables give.
#define WB_TEXT_map(K, V) "map:" WB_PASTE(WB_TEXT_, K) ":" WB_PASTE(WB_TEXT_, V)
#define WB_KIND_map(K, V) MAP, (K, V)
#define WB_MAP_CODECS(K, V) WB_APPLY2(WB_CODEC_, 0, K), WB_APPLY2(WB_CODEC_, 0, V)
#define WB_DECL_MAP(i, KV) const uint8_t *a##i, size_t n##i
#define WB_ARG_MAP(i, KV)                                                              \
  ::weakbind::detail::MapArg<WB_MAP_CODECS KV, WB_WHERE_ARG(i)> { a##i, n##i }
#define WB_RESULT_TYPE_MAP(i, KV) uint32_t
#define WB_RETURN_MAP(i, KV) return ::weakbind::detail::map_result<WB_MAP_CODECS KV, WB_WHERE_RESULT>

#endif // WEAKBIND_MAPS_HPP
