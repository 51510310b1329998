// weakbind.hpp — C++ helpers over the C ABI in weakbind.h: RAII owners for
// JS values and registered objects, and the export macro the naming
// convention needs.
#ifndef WEAKBIND_HPP
#define WEAKBIND_HPP

#include "weakbind.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

// Exports a function from the module under its own (C) name. The loader finds
// classes by name: `_Class__constructor`, `_Class__destructor`,
// `_Class__method`, the seed article's convention.
#define WEAKBIND_EXPORT extern "C" __attribute__((visibility("default"), used))

namespace weakbind {

class JsRef;

// What a call into JS returned; empty when the callee threw (the exception
// itself reaches the JS caller of the outermost method once it returns).
class JsResult {
public:
  explicit JsResult(bool ok) : ok_(ok) {}
  explicit operator bool() const { return ok_; }
  bool threw() const { return !ok_; }
  double number() const { return ok_ ? weakbind_js_result_f64() : 0; }
  std::string string() const {
    if (!ok_) return {};
    auto *block = static_cast<const char *>(weakbind_js_result_string());
    if (!block) return {};
    uint32_t n;
    std::memcpy(&n, block, 4);
    std::string text(block + 4, n);
    std::free(const_cast<char *>(block));
    return text;
  }
  inline JsRef value() const;

private:
  bool ok_;
};

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
  // Gives the reference up without dropping it: the caller owns the
  // handle's reference now (Rust: JsRef::into_raw).
  weakbind_js_handle into_handle() { return std::exchange(handle_, 0); }
  [[deprecated("JsRef::release() is into_handle()")]] weakbind_js_handle release() { return into_handle(); }

  // Declares the value owned by the registered object `owner` (usually
  // `this`): kept alive from owner's JS wrapper while that wrapper is its
  // only owner, so a JS callback that captures the wrapper forms a cycle
  // the JS collector can free. See weakbind_js_own.
  JsRef &&owned_by(const void *owner) && {
    if (handle_) weakbind_js_own(handle_, const_cast<void *>(owner));
    return std::move(*this);
  }

  // Calls the JS function this refers to with numbers, strings, JS values
  // and registered wasm objects (pointers) as arguments.
  template <class... Args> JsResult call(const Args &...args) const {
    (push(args), ...);
    return JsResult(weakbind_js_call(handle_) == 0);
  }

private:
  explicit JsRef(weakbind_jsref handle) : handle_(handle) {}

  template <class T> static void push(const T &arg) {
    if constexpr (std::is_arithmetic_v<T>) {
      weakbind_js_arg_f64(static_cast<double>(arg));
    } else if constexpr (std::is_convertible_v<const T &, std::string_view>) {
      std::string_view s = arg;
      weakbind_js_arg_string(s.data(), s.size());
    } else if constexpr (std::is_same_v<T, JsRef>) {
      weakbind_js_arg_value(arg.handle_);
    } else {
      static_assert(std::is_pointer_v<T>, "call() takes numbers, strings, JsRefs and object pointers");
      // A pointer to a number or a string is no object JS could be given
      // (the address of a field, meant as an out-parameter, say).
      using Pointee = std::remove_cv_t<std::remove_pointer_t<T>>;
      static_assert(std::is_class_v<Pointee> || std::is_void_v<Pointee>,
                    "call() takes pointers to registered objects only");
      // A pointer that is no registered object (< 0) makes the call fail
      // with a TypeError for the JS caller (weakbind_js_arg_object).
      weakbind_js_arg_object(const_cast<void *>(static_cast<const void *>(arg)));
    }
  }

  weakbind_jsref handle_ = 0;
};

inline JsRef JsResult::value() const {
  return ok_ ? JsRef::adopt(weakbind_js_result_value()) : JsRef();
}

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
