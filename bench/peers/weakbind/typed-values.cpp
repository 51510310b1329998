// The value workloads' module for the raw and weakbind peers
// (bench/README.md, "Values, arrays, enums and interfaces"): the shared
// functions of bench/peers/values.hpp bound with the typed macros, and
// raw_* exports that do the same work with hand-written glue for the raw
// peer (bench/lib/value-peers.mjs). A module of its own, so the other
// bench modules and their sizes stay as they are.
#include "weakbind/interfaces.hpp"
#include "../values.hpp"

#include <cstdint>
#include <cstring>

WEAKBIND_VALUE(Vec3, (x, f64), (y, f64), (z, f64));
WEAKBIND_FUNCTION(turn, value(Vec3), value(Vec3));
WEAKBIND_FUNCTION(doubled, array(f64), array(f64));
WEAKBIND_FUNCTION(labels, array(string), i32);
WEAKBIND_ENUM(Shade, Red, Green, Blue);
WEAKBIND_FUNCTION(next_shade, enum(Shade), enum(Shade));

WEAKBIND_CLASS(Model);
WEAKBIND_INTERFACE(Model, (pure, residual, f64, f64));
WEAKBIND_INTERFACE_CONSTRUCTOR(Model);
WEAKBIND_FUNCTION(sum_residuals, f64, obj(Model), i32);

// The raw peer's glue, as a hand-written binding would be: fields as
// scalars and the result written into a block JS allocated once.
WEAKBIND_EXPORT void raw_turn(double x, double y, double z, double *out) {
  Vec3 r = turn({x, y, z});
  out[0] = r.x;
  out[1] = r.y;
  out[2] = r.z;
}

// The elements copied in from JS's block, the result copied out into
// another: the same vector in and out that doubled() takes and returns.
WEAKBIND_EXPORT void raw_doubled(const double *in, std::int32_t n, double *out) {
  std::vector<double> r = doubled(std::vector<double>(in, in + n));
  std::memcpy(out, r.data(), r.size() * sizeof(double));
}

// The strings stay alive in `held` until the next call; the result is
// [u32 count, then (u32 address, u32 length) per string], which JS decodes.
WEAKBIND_EXPORT const std::uint32_t *raw_labels(std::int32_t n) {
  static std::vector<std::string> held;
  static std::vector<std::uint32_t> words;
  held = labels(n);
  words.assign(1, static_cast<std::uint32_t>(held.size()));
  for (const std::string &s : held) {
    words.push_back(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(s.data())));
    words.push_back(static_cast<std::uint32_t>(s.size()));
  }
  return words.data();
}

WEAKBIND_EXPORT std::int32_t raw_next_shade(std::int32_t s) {
  return static_cast<std::int32_t>(next_shade(static_cast<Shade>(s)));
}
