// weakbind/maps.hpp — the type word map(K, V): std::map<K, V> or
// std::unordered_map<K, V> in C++ and a JS Map, copied both ways, K one of
// string i32 u32 f64 and V one of i32 u32 f32 f64 bool i64 u64 string
// bytes enum(E) value(V), an array word or a map word. A parameter, a result, a value's field and an
// optional's type. Included by bind.hpp only.
//
// Wire: an entry is laid out as a value of two fields, `key` then `value`
// (values.hpp's rule and codecs). A parameter is [i32 ptr, i32 count], a
// heap block of `count` entries, the loader's, borrowed for the call. A
// result is an i32, a heap block `u32 count`, padding, then the entries
// from offset 8, in the C++ container's iteration order; the loader reads
// it into a new Map and frees it with its strings. A field (MapCodec) is
// 8 bytes, aligned 4: u32 pointer, u32 count of a heap block of entries,
// as an array field is; in, the loader's, borrowed for the call; out,
// malloc'd here, read and freed by the loader with what the entries hold.
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

// The value words a map takes: a field's, but an optional (an entry is
// there or not) or a map (map(K, map(...)) has no expansion here).
template <class Codec> inline constexpr bool map_value = true;
template <class C> inline constexpr bool map_value<OptionalCodec<C>> = false;

// One entry's layout: the key at 0, the value at the next aligned offset;
// `fill` reads a block of n entries into a container, `put` writes one.
template <class K, class V> struct MapEntry {
  static_assert(map_key<K>, "weakbind: a map's key word must be string, i32, u32 or f64");
  static_assert(map_value<V>, "weakbind: a map's value word must be one of i32 u32 f32 f64 bool i64 u64 "
                              "string bytes enum(E) value(V) array(t) map(K, V)");
  static constexpr FieldLayout fields[] = {K::layout, V::layout};
  static constexpr auto layout = layout_of(fields);

  template <class M> static void fill(const uint8_t *data, size_t n, M &out) {
    for (size_t i = 0; i < n; i++) {
      const uint8_t *e = data + i * layout.size;
      out.emplace(K::read(e + layout.offset[0]), V::read(e + layout.offset[1]));
    }
  }
  // Writes m's entries from `e` on, in its iteration order.
  template <class M> static void put(uint8_t *e, const M &m) {
    for (const auto &[key, value] : m) {
      K::write(e + layout.offset[0], key);
      V::write(e + layout.offset[1], value);
      e += layout.size;
    }
  }
};

// A map argument that converts to std::map or std::unordered_map of the
// words' types and to no other key or value type (a std::map<std::string,
// float> for map(string, f64) fails to compile, naming the place).
template <class K, class V, class Where> struct MapArg {
  using Entry = MapEntry<K, V>;
  const uint8_t *data;
  size_t size;

  template <class M> void fill(M &out) const { Entry::fill(data, size, out); }
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
  Entry::put(block + 8, m);
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(block));
}

template <class> inline constexpr bool is_unordered = false;
template <class... A> inline constexpr bool is_unordered<std::unordered_map<A...>> = true;

// A map field (`map:K:V` in a value's record), or an optional map's
// result block: u32 pointer, u32 count of a block of entries. `M` is the
// member's container with the words' key and value types (fitted below).
template <class K, class V, class M = std::map<typename K::type, typename V::type>> struct MapCodec {
  using type = M;
  using Entry = MapEntry<K, V>;
  static constexpr FieldLayout layout{8, 4};
  static M read(const uint8_t *p) {
    uint32_t ptr, n;
    std::memcpy(&ptr, p, 4);
    std::memcpy(&n, p + 4, 4);
    M out;
    if constexpr (is_unordered<M>) out.reserve(n);
    Entry::fill(reinterpret_cast<const uint8_t *>(static_cast<uintptr_t>(ptr)), n, out);
    return out;
  }
  static void write(uint8_t *p, const M &m) {
    size_t bytes = m.size() * Entry::layout.size;
    auto *data = static_cast<uint8_t *>(std::malloc(bytes ? bytes : 1));
    if (!data) {
      static const char message[] = "out of memory: returning a value's map to JS";
      weakbind_abort(message, sizeof message - 1);
    }
    Entry::put(data, m);
    put_block(p, data, m.size());
  }
  static void release(const uint8_t *p) {
    uint32_t n;
    std::memcpy(&n, p + 4, 4);
    auto *data = static_cast<uint8_t *>(pointer_at(p));
    for (uint32_t i = 0; i < n; i++) {
      K::release(data + i * Entry::layout.size + Entry::layout.offset[0]);
      V::release(data + i * Entry::layout.size + Entry::layout.offset[1]);
    }
    std::free(data);
  }
};

// A member that is a std::map or std::unordered_map (any comparator, hash
// or allocator) is read and written as that container, holding the words'
// key and value types: a member of other types disagrees with it.
template <class Alloc, class K, class V>
using rebound = typename std::allocator_traits<Alloc>::template rebind_alloc<std::pair<const K, V>>;
template <class K, class V, class K2, class V2, class C, class A>
struct fitted<MapCodec<K, V>, std::map<K2, V2, C, A>> {
  using type = MapCodec<K, V, std::map<typename K::type, typename V::type, C, rebound<A, typename K::type, typename V::type>>>;
};
template <class K, class V, class K2, class V2, class H, class E, class A>
struct fitted<MapCodec<K, V>, std::unordered_map<K2, V2, H, E, A>> {
  using type = MapCodec<K, V, std::unordered_map<typename K::type, typename V::type, H, E,
                                                 rebound<A, typename K::type, typename V::type>>>;
};

// An optional map argument: std::optional of a std::map or
// std::unordered_map, converted as a map argument is (MapArg checks the
// key and value types).
template <class K, class V, class W, class Where> struct ExactOptional<MapArg<K, V, W>, Where> {
  std::optional<MapArg<K, V, W>> value;
  template <class U> operator std::optional<U>() const {
    constexpr bool is_map = !std::is_void_v<typename map_word<typename K::type, typename V::type, U>::type>;
    static_assert(is_map || word_matches<Where, std::map<typename K::type, typename V::type>, U>::value,
                  "weakbind: an optional map word must be a std::optional of a std::map or "
                  "std::unordered_map (see the requirement: where, the word's type, the parameter's type)");
    if constexpr (is_map) {
      if (value) return static_cast<U>(*value);
    }
    return std::nullopt;
  }
};

} // namespace detail
} // namespace weakbind

// The word's tables (words.hpp's, for the kind MAP): map(K, V) is the kind
// MAP with the pair (K, V), whose codecs values.hpp's tables give.
// (Their own pastes and dispatch: a map word may stand inside optional()
// and as a field, whose tables already use WB_PASTE and WB_APPLY2.)
// A map's value may be a map (one deep, as Arrays of Arrays): the inner
// map's text and codec are spelled by names of their own (WB_MTEXT_,
// WB_CODEC_MAP_IN), as a macro cannot expand within itself; the inner map
// is a std::map.
#define WB_TEXT_map(K, V) "map:" WB_TEXT_MAPPED(K) ":" WB_TEXT_MAPPED(V)
#define WB_TEXT_MAPPED(t) WB_TEXT_MAPPED_(t)
#define WB_TEXT_MAPPED_(t) WB_MTEXT_##t
#define WB_MTEXT_i32 WB_TEXT_i32
#define WB_MTEXT_u32 WB_TEXT_u32
#define WB_MTEXT_f32 WB_TEXT_f32
#define WB_MTEXT_f64 WB_TEXT_f64
#define WB_MTEXT_bool WB_TEXT_bool
#define WB_MTEXT_i64 WB_TEXT_i64
#define WB_MTEXT_u64 WB_TEXT_u64
#define WB_MTEXT_string WB_TEXT_string
#define WB_MTEXT_bytes WB_TEXT_bytes
#define WB_MTEXT_enum(E) WB_TEXT_enum(E)
#define WB_MTEXT_value(V) WB_TEXT_value(V)
#define WB_MTEXT_array(t) WB_TEXT_array(t)
// (Refused by the codec: a map holds no optionals.)
#define WB_MTEXT_optional(t) WB_TEXT_optional(t)
#define WB_MTEXT_map(K, V) "map:" WB_TEXT_INNER_MAPPED(K) ":" WB_TEXT_INNER_MAPPED(V)
#define WB_TEXT_INNER_MAPPED(t) WB_TEXT_INNER_MAPPED_(t)
#define WB_TEXT_INNER_MAPPED_(t) WB_TEXT_##t
#define WB_KIND_map(K, V) MAP, (K, V)
#define WB_APPLY3(P, i, t) WB_APPLY3_(P, i, WB_KIND_MAPPED(t))
#define WB_KIND_MAPPED(t) WB_KIND_MAPPED_(t)
#define WB_KIND_MAPPED_(t) WB_KIND_##t
#define WB_APPLY3_(P, i, kind_and_type) WB_APPLY3__(P, i, kind_and_type)
#define WB_APPLY3__(P, i, k, T) WB_MAP_PASTE(P, WB_MKIND_##k)(i, T)
#define WB_MAP_PASTE(a, b) WB_MAP_PASTE_(a, b)
#define WB_MAP_PASTE_(a, b) a##b
// A key's or value's kind; a map value's MAP_IN.
#define WB_MKIND_SCALAR SCALAR
#define WB_MKIND_STRING STRING
#define WB_MKIND_BYTES BYTES
#define WB_MKIND_ENUM ENUM
#define WB_MKIND_VALUE VALUE
#define WB_MKIND_ARRAY ARRAY
#define WB_MKIND_VECTOR VECTOR
#define WB_MKIND_OPTIONAL OPTIONAL
#define WB_MKIND_MAP MAP_IN
#define WB_MAP_CODECS(K, V) WB_APPLY3(WB_CODEC_, 0, K), WB_APPLY3(WB_CODEC_, 0, V)
#define WB_CODEC_MAP(i, KV) ::weakbind::detail::MapCodec<WB_MAP_CODECS KV>
#define WB_CODEC_MAP_IN(i, KV) ::weakbind::detail::MapCodec<WB_MAP_IN_CODECS KV>
#define WB_MAP_IN_CODECS(K, V) WB_APPLY4(WB_CODEC_, 0, K), WB_APPLY4(WB_CODEC_, 0, V)
#define WB_APPLY4(P, i, t) WB_APPLY4_(P, i, WB_KIND_INNER_MAPPED(t))
#define WB_KIND_INNER_MAPPED(t) WB_KIND_INNER_MAPPED_(t)
#define WB_KIND_INNER_MAPPED_(t) WB_KIND_##t
#define WB_APPLY4_(P, i, kind_and_type) WB_APPLY4__(P, i, kind_and_type)
#define WB_APPLY4__(P, i, k, T) P##k(i, T)
#define WB_OPT_TYPE_MAP(i, KV) ::weakbind::detail::MapArg<WB_MAP_CODECS KV, WB_WHERE_ARG(i)>
#define WB_DECL_MAP(i, KV) const uint8_t *a##i, size_t n##i
#define WB_ARG_MAP(i, KV)                                                              \
  ::weakbind::detail::MapArg<WB_MAP_CODECS KV, WB_WHERE_ARG(i)> { a##i, n##i }
#define WB_RESULT_TYPE_MAP(i, KV) uint32_t
#define WB_RETURN_MAP(i, KV) return ::weakbind::detail::map_result<WB_MAP_CODECS KV, WB_WHERE_RESULT>

#endif // WEAKBIND_MAPS_HPP
