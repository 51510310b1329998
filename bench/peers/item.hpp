// The typed workloads' classes (bench/README.md, "Typed workloads"): Item
// and Point, made from a number, and Named, made from a string. Shared by every C++
// peer of those workloads (raw, embind, weakbind), so they all run the same
// code; the wasm-bindgen crate (bench/peers/wasm-bindgen-typed) mirrors it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

// Destructor calls counted inside wasm, so "destructors ran" is measured.
extern std::uint32_t g_destroyed;

class Item {
 public:
  explicit Item(std::int32_t v) : value_(v) {}
  ~Item() { ++g_destroyed; }
  std::int32_t value() const { return value_ * 2; }
  Item& self() { return *this; }
  // Another object of the class in, an object of the class out.
  Item& or_self(Item* other) { return other ? *other : *this; }
  std::string echo(std::string_view text) const { return std::string(text); }
  double scaled(double by) const { return value_ * by; }

 private:
  std::int32_t value_;
};

// Made from a number like Item, but no method hands one back, so JS never
// needs to find its wrapper again (weakbind: no identity, js/returned.mjs).
class Point {
 public:
  explicit Point(std::int32_t v) : value_(v) {}
  ~Point() { ++g_destroyed; }
  std::int32_t value() const { return value_ * 2; }

 private:
  std::int32_t value_;
};

class Named {
 public:
  explicit Named(std::string name) : name_(std::move(name)) {}
  ~Named() { ++g_destroyed; }
  std::int32_t length() const { return static_cast<std::int32_t>(name_.size()); }

 private:
  std::string name_;
};
