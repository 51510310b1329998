// Where exceptions end outside a catch clause: the loader's view of one that
// left wasm, std::terminate's default handler, and the throws libc++abi's
// no-exception build replaces with aborts (bad_cast, bad_typeid,
// bad_array_new_length, and operator new's bad_alloc).
//
// Debian's wasm32 libc++abi is built without exceptions. The archive
// members this runtime replaces (cxa_noexception, cxa_default_handlers,
// cxa_aux_runtime) are never pulled into a link: every symbol they define
// is defined here, and this library comes first.
#include <exception>
#include <new>
#include <stdlib.h>
#include <string.h>
#include <typeinfo>

#include "exception.h"
#include "weakbind.h"

namespace weakbind_eh {
[[noreturn]] void fail(const char *message) { weakbind_abort(message, strlen(message)); }
} // namespace weakbind_eh

using namespace weakbind_eh;

// ---- for the loader (js/exceptions.mjs) -----------------------------------

extern "C" {
// What the loader reads of an exception that left wasm. The strings are the
// runtime's until the next call.
struct weakbind_exception_words {
  const char *type;
  const char *what; // null: not a std::exception
};

// `thrown` (the __cpp_exception value JS caught): describes the exception
// and ends it. Null for a value this runtime did not throw; with 0, only
// frees the previous call's words.
__attribute__((visibility("default"))) const weakbind_exception_words *weakbind_exception_escaped(void *thrown) {
  static weakbind_exception_words words;
  free(const_cast<char *>(words.type));
  free(const_cast<char *>(words.what));
  words = {nullptr, nullptr};
  Header *h = header_of(thrown);
  if (!h) return nullptr;
  Words w = describe(h->primary);
  words = {w.type, w.what};
  escaped(h);
  return &words;
}

// The outermost call into wasm has unwound (a C++ exception, a trap or a JS
// exception passed through): nothing is thrown or caught any more.
__attribute__((visibility("default"))) void weakbind_exceptions_unwound() { unwound(); }
}

// ---- std::terminate --------------------------------------------------------

namespace {
// "terminate called after throwing std::out_of_range: vector", or without
// an exception being handled, "terminate called". The abort never returns,
// so the text lives in a static buffer.
[[noreturn]] void terminate_with_message() {
  static char text[512];
  size_t n = 0;
  auto put = [&](const char *s) {
    while (s && *s && n + 1 < sizeof text) text[n++] = *s++;
  };
  put("terminate called");
  Header *h = top_caught();
  if (!h) h = in_flight();
  if (h) {
    Words w = describe(h->primary);
    put(" after throwing ");
    put(w.type);
    if (w.what) {
      put(": ");
      put(w.what);
    }
  }
  text[n] = 0;
  weakbind_abort(text, n);
}

// std::unexpected_handler left the language in C++17; libc++abi still has
// the hook (its members this file replaces define it).
using unexpected_handler = void (*)();
void unexpected_default() { std::terminate(); }
void terminate_default() { terminate_with_message(); }
} // namespace

extern "C" {
// libc++abi's std::terminate, std::unexpected and std::get_new_handler read
// these (cxa_handlers.cpp); its cxa_default_handlers.cpp would define them.
std::terminate_handler __cxa_terminate_handler = terminate_default;
unexpected_handler __cxa_unexpected_handler = unexpected_default;
std::new_handler __cxa_new_handler = nullptr;
}

namespace std {
terminate_handler set_terminate(terminate_handler f) noexcept {
  terminate_handler old = __cxa_terminate_handler;
  __cxa_terminate_handler = f ? f : terminate_default;
  return old;
}
void (*set_unexpected(void (*f)()) noexcept)();
void (*set_unexpected(void (*f)()) noexcept)() {
  unexpected_handler old = __cxa_unexpected_handler;
  __cxa_unexpected_handler = f ? f : unexpected_default;
  return old;
}
new_handler set_new_handler(new_handler f) noexcept {
  new_handler old = __cxa_new_handler;
  __cxa_new_handler = f;
  return old;
}
} // namespace std

// ---- what the compiler and operator new call to throw -----------------------

extern "C" {
[[noreturn]] void __cxa_bad_cast() { throw std::bad_cast(); }
[[noreturn]] void __cxa_bad_typeid() { throw std::bad_typeid(); }
[[noreturn]] void __cxa_throw_bad_array_new_length() { throw std::bad_array_new_length(); }

// The runtime's throwing operator new calls this when the heap is full.
[[noreturn]] static void new_failed(size_t) { throw std::bad_alloc(); }
}

// Registered before any other static constructor can allocate: from then
// on, operator new throws std::bad_alloc instead of aborting.
__attribute__((constructor(101))) static void throw_bad_alloc() { weakbind_on_new_failure(new_failed); }
