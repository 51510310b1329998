// The value workloads of `make bench-typed` (bench/README.md, "Values,
// arrays, enums and interfaces"): the same C++ for every peer (raw,
// weakbind, embind), so the figures differ only by the binding. Each
// function does little work, so the binding's conversions are what is
// timed; each result is one the bench checks before it times anything.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

// A value struct in and out: the fields rotated, one changed, so a binding
// that returned its argument unchanged (or swapped fields) is caught.
struct Vec3 {
  double x, y, z;
};
inline Vec3 turn(Vec3 v) { return {v.y, v.z, v.x + 1}; }

// A numeric array in and out: every element doubled.
inline std::vector<double> doubled(std::vector<double> v) {
  for (double &d : v) d *= 2;
  return v;
}

// A vector of strings out: the first `n` of a fixed table ("label 0" …
// "label 99", short enough for libc++'s inline storage), copied as a
// function returning a std::vector<std::string> by value would.
inline const std::vector<std::string> &label_table() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t;
    for (int i = 0; i < 100; ++i) t.push_back("label " + std::to_string(i));
    return t;
  }();
  return table;
}
inline std::vector<std::string> labels(std::int32_t n) {
  const auto &t = label_table();
  std::size_t count = n < 0 ? 0 : (static_cast<std::size_t>(n) < t.size() ? static_cast<std::size_t>(n) : t.size());
  return std::vector<std::string>(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(count));
}

// An enum in and out: the next shade, cycling Red → Green → Blue → Red.
enum class Shade : std::int32_t { Red = 1, Green = 5, Blue = -3 };
inline Shade next_shade(Shade s) {
  switch (s) {
  case Shade::Red: return Shade::Green;
  case Shade::Green: return Shade::Blue;
  default: return Shade::Red;
  }
}

// A virtual C++ calls, implemented by a JS subclass: sum_residuals makes
// `n` calls through the virtual per call from JS.
class Model {
 public:
  virtual ~Model() = default;
  virtual double residual(double x) const = 0;
};
inline double sum_residuals(Model &m, std::int32_t n) {
  double sum = 0;
  for (std::int32_t i = 0; i < n; ++i) sum += m.residual(i);
  return sum;
}
