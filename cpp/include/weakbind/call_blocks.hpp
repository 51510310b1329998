// weakbind/call_blocks.hpp — the words of calls into JS (callbacks.hpp,
// interfaces.hpp) that cross as a heap block: value(V), array(f64 f32 i32
// u32), bytes (a std::vector<uint8_t>), array(string), array(value(V)), optional(T), map(K, V) and the
// arrays of objects array(obj(C)) and array(nullable(C)) (a
// std::vector<C *>), and the word enum(E), which crosses as a number.
//
// Wire. Each block word is a value field's codec (values.hpp, maps.hpp),
// and crosses as a block holding one field of that codec at offset 0 (the
// layout an optional result's block has), its address as a number:
// - a parameter (C++ -> JS): C++ writes the block with the codec and keeps
//   owning it: it frees the block and what it holds (the codec's release)
//   once the call into JS returns, whatever JS did — also when the call
//   never reached the JS function (a refused argument) or the loader
//   refused to convert it. The loader reads it as a copy (it never frees
//   it).
// - a result (JS -> C++): the loader checks and copies what JS returned as
//   it would an argument of that type (user code — getters, Proxies — runs
//   before anything is allocated), into heap blocks of its own (not the
//   call's arena, which belongs to the outer call), and returns the
//   block's address: the field at offset 0, then, at the next multiple of
//   4 past it, u32 count and that many u32 addresses of the other blocks
//   it allocated (the field's strings, element blocks, …). C++ reads the
//   field and frees every block listed, then the block. A refused result
//   is 0: C++ returns an empty value (V{}, an empty container, nullopt).
// An enum crosses as its i32 value; the loader names a string enum's
// value, and checks an enum result is one of the enum's values.
#ifndef WEAKBIND_CALL_BLOCKS_HPP
#define WEAKBIND_CALL_BLOCKS_HPP

#include "convert.hpp"
#include "maps.hpp"
#include "values.hpp"
#include "vectors.hpp"

#include <cstdlib>
#include <cstring>
#include <type_traits>
#include <utility>

namespace weakbind::detail {

// Whether the C++ type T is the type a codec's word stands for (the
// codec fitted to T: a map word is a std::map or std::unordered_map).
template <class C, class T> inline constexpr bool codec_is = std::is_same_v<typename fitted<C, T>::type::type, T>;

// The words' C++ types: a block word stands for its field codec C, an
// enum word for its enum (callbacks.hpp says which C++ types agree).
template <class C> struct CodecWord;
template <class E> struct EnumWord;
template <class W> struct is_codec_word : std::false_type {};
template <class C> struct is_codec_word<CodecWord<C>> : std::true_type {
  using codec = C;
};

// A parameter's block, owned for the call into JS: freed with what it
// holds when the call returns.
template <class C> struct OwnedBlock {
  uint8_t *block;
  explicit OwnedBlock(uint8_t *b) : block(b) {}
  OwnedBlock(OwnedBlock &&o) noexcept : block(std::exchange(o.block, nullptr)) {}
  OwnedBlock(const OwnedBlock &) = delete;
  OwnedBlock &operator=(const OwnedBlock &) = delete;
  ~OwnedBlock() {
    if (!block) return;
    C::release(block);
    std::free(block);
  }
};

template <class C, class A> OwnedBlock<typename fitted<C, A>::type> block_of(const A &a) {
  using F = typename fitted<C, A>::type;
  auto *block = static_cast<uint8_t *>(std::malloc(F::layout.size ? F::layout.size : 1));
  if (!block) {
    static const char message[] = "out of memory: passing an argument to JS";
    weakbind_abort(message, sizeof message - 1);
  }
  F::write(block, a);
  return OwnedBlock<F>(block);
}

// An element of array(obj(C)) or array(nullable(C)) in a call into JS: the
// object's u32 address (0 for null), by ListCodec as any element is. As a
// parameter, the loader gives JS each object's wrapper and refuses the call
// if one is no registered C; as a result it checked each is a live wrapper
// of C (or null where nullable) and holds it until the outermost call from
// JS returns, as a single object result.
template <class C> struct ObjectCodec {
  using type = C *;
  static constexpr FieldLayout layout{4, 4};
  static C *read(const uint8_t *p) { return static_cast<C *>(pointer_at(p)); }
  static void write(uint8_t *p, C *v) {
    const auto address = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(v));
    std::memcpy(p, &address, 4);
  }
  static void release(const uint8_t *) {}
};

template <class T> struct is_owned_block : std::false_type {};
template <class C> struct is_owned_block<OwnedBlock<C>> : std::true_type {};

// What a block word's result block holds, as R; 0 (refused, or the call
// threw) is an empty R.
template <class C, class R> R block_result(const JsResult &r) {
  auto *block = reinterpret_cast<uint8_t *>(static_cast<uintptr_t>(r.number()));
  if (!block) return R{};
  using F = typename fitted<C, R>::type;
  R out = F::read(block);
  const size_t at = (F::layout.size + 3) / 4 * 4;
  uint32_t n;
  std::memcpy(&n, block + at, 4);
  for (uint32_t k = 0; k < n; k++) std::free(pointer_at(block + at + 4 + 4 * k));
  std::free(block);
  return out;
}

} // namespace weakbind::detail

// The words' C++ types in calls into JS (callbacks.hpp's table): a block
// word stands for its field codec, by values.hpp's tables.
#define WB_JS_WORD_enum(E) ::weakbind::detail::EnumWord<WB_TYPE(E)>
#define WB_JS_WORD_value(V) ::weakbind::detail::CodecWord< ::weakbind::detail::ValueCodec<WB_TYPE(V)>>
#define WB_JS_WORD_array(t) ::weakbind::detail::CodecWord<WB_JS_CODEC(array(t))>
#define WB_JS_WORD_bytes ::weakbind::detail::CodecWord<WB_CODEC_BYTES(0, uint8_t)>
#define WB_JS_WORD_optional(t) ::weakbind::detail::CodecWord<WB_JS_CODEC(optional(t))>
#define WB_JS_WORD_map(K, V) ::weakbind::detail::CodecWord<WB_JS_CODEC(map(K, V))>
// (Its own dispatch: WB_APPLY may be expanding already, around a fn(...).)
#define WB_JS_CODEC(t) WB_JS_CODEC_(WB_KIND_##t)
#define WB_JS_CODEC_(kind_and_type) WB_JS_CODEC__(kind_and_type)
#define WB_JS_CODEC__(k, T) WB_JS_CODEC_##k(T)
#define WB_JS_CODEC_ARRAY(T) WB_CODEC_ARRAY(0, T)
#define WB_JS_CODEC_VECTOR(C) WB_CODEC_VECTOR(0, C)
#define WB_JS_CODEC_OPTIONAL(t) WB_CODEC_OPTIONAL(0, t)
#define WB_JS_CODEC_MAP(KV) WB_CODEC_MAP(0, KV)
#define WB_JS_CODEC_OBJECTS(C) ::weakbind::detail::ListCodec< ::weakbind::detail::ObjectCodec<WB_TYPE(C)>>
#define WB_JS_CODEC_NULLABLE_OBJECTS(C) WB_JS_CODEC_OBJECTS(C)

// The base export's result word (interfaces.hpp): the word itself.
#define WB_IF_BASE_WORD_enum(E) enum(E)
#define WB_IF_BASE_WORD_value(V) value(V)
#define WB_IF_BASE_WORD_array(t) array(t)
#define WB_IF_BASE_WORD_bytes bytes
#define WB_IF_BASE_WORD_optional(t) optional(t)
#define WB_IF_BASE_WORD_map(K, V) map(K, V)

#endif // WEAKBIND_CALL_BLOCKS_HPP
