// weakbind.hpp — C++ helpers over the C ABI in weakbind.h: RAII owners for
// JS values and registered objects, and the export macro the naming
// convention needs.
#ifndef WEAKBIND_HPP
#define WEAKBIND_HPP

#include "weakbind.h"

#include <utility>

// Exports a function from the module under its own (C) name. The loader finds
// classes by name: `_Class__constructor`, `_Class__destructor`,
// `_Class__method`, the seed article's convention.
#define WEAKBIND_EXPORT extern "C" __attribute__((visibility("default"), used))

namespace weakbind {

// One counted reference to a JS value held by wasm. Copy adds a reference to
// the same slot, the destructor drops one (the seed's `decref`).
class JsRef {
public:
  JsRef() = default;
  // Takes over a reference the caller owns, e.g. a handle passed in by JS.
  static JsRef adopt(weakbind_jsref handle) { return JsRef(handle); }

  JsRef(const JsRef &other) : handle_(other.handle_) {
    if (handle_) weakbind_js_incref(handle_);
  }
  JsRef(JsRef &&other) noexcept : handle_(std::exchange(other.handle_, 0)) {}
  JsRef &operator=(JsRef other) noexcept {
    std::swap(handle_, other.handle_);
    return *this;
  }
  ~JsRef() {
    if (handle_) weakbind_js_decref(handle_);
  }

  weakbind_jsref handle() const { return handle_; }
  explicit operator bool() const { return handle_ != 0; }
  // Gives the reference up without dropping it.
  weakbind_jsref release() { return std::exchange(handle_, 0); }

private:
  explicit JsRef(weakbind_jsref handle) : handle_(handle) {}
  weakbind_jsref handle_ = 0;
};

// An owner, inside wasm, of an object registered with the runtime: while a
// Retained<T> lives, collecting the object's JS wrapper does not destroy it.
template <class T> class Retained {
public:
  Retained() = default;
  // Retains `object`; if it is not registered, the Retained stays empty.
  explicit Retained(T *object) {
    if (object && weakbind_retain(object) > 0) object_ = object;
  }
  Retained(const Retained &other) : Retained(other.object_) {}
  Retained(Retained &&other) noexcept
      : object_(std::exchange(other.object_, nullptr)) {}
  Retained &operator=(Retained other) noexcept {
    std::swap(object_, other.object_);
    return *this;
  }
  ~Retained() {
    if (object_) weakbind_release(object_);
  }

  T *get() const { return object_; }
  T *operator->() const { return object_; }
  explicit operator bool() const { return object_ != nullptr; }

private:
  T *object_ = nullptr;
};

} // namespace weakbind

#endif // WEAKBIND_HPP
