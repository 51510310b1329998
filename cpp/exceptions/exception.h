// The C++ exception runtime of weakbind modules built with -fwasm-exceptions:
// what its parts share. Internal to cpp/exceptions/; user code sees only the
// Itanium ABI functions (__cxa_*) and std::.
//
// Layout of an exception (every pointer the ABI hands out is the thrown
// object's; the wasm `throw` carries the Header's address):
//
//   [ Primary: Header + type, destructor, references ][ padding ][ object ]
//                                                                 ^ 16-aligned
//
// A Dependent is a second Header pointing at a Primary, thrown by
// std::rethrow_exception, so one object can be in flight (and on the stack
// of caught exceptions) more than once.
#ifndef WEAKBIND_EXCEPTIONS_EXCEPTION_H
#define WEAKBIND_EXCEPTIONS_EXCEPTION_H

#include <stddef.h>
#include <stdint.h>
#include <typeinfo>

namespace weakbind_eh {

enum : uint32_t {
  PRIMARY = 0x57624550,   // "WbEP": the Header of a Primary
  DEPENDENT = 0x57624544, // "WbED": the Header of a Dependent
};

struct Primary;

// Wasm's C++ ABI has destructors return `this`; a function pointer of
// another type would trap when called.
using Destructor = void *(*)(void *);

struct Header {
  uint32_t kind;       // PRIMARY or DEPENDENT
  Header *next_caught; // the stack of caught exceptions, innermost first
  int32_t handlers;    // catch blocks active on this header
  bool rethrown;       // thrown again by `throw;` and not yet caught
  void *adjusted;      // what __cxa_begin_catch returns: set by the personality
  Primary *primary;    // itself, for a Primary
};

struct Primary {
  Header header;
  const std::type_info *type;
  Destructor destructor;
  uint32_t references; // exception_ptrs, plus one while thrown or caught
};

// The object starts this far after the Primary, so it is aligned as
// malloc's blocks are (the Itanium ABI asks for the largest alignment).
constexpr size_t OBJECT_ALIGN = 16;
constexpr size_t OBJECT_OFFSET = (sizeof(Primary) + OBJECT_ALIGN - 1) & ~(OBJECT_ALIGN - 1);

inline void *object_of(Primary *p) { return reinterpret_cast<char *>(p) + OBJECT_OFFSET; }
inline Primary *primary_of(void *object) {
  return reinterpret_cast<Primary *>(static_cast<char *>(object) - OBJECT_OFFSET);
}

// The Header a wasm catch received, or null for a foreign (JS) value.
inline Header *header_of(void *thrown) {
  Header *h = static_cast<Header *>(thrown);
  return h && (h->kind == PRIMARY || h->kind == DEPENDENT) ? h : nullptr;
}

// One reference fewer: the object is destroyed and freed at zero.
void release(Primary *p);
// Ends an exception no catch will take (it left wasm for JS, or the frames
// that caught it are gone): its Header is dropped and its reference given up.
void abandon(Header *h);

// Can a handler of type `catch_type` take an object of `thrown` type at
// `*object`? Adjusts `*object` to the handler's view (a base subobject, the
// pointer a pointer handler receives).
bool can_catch(const std::type_info *catch_type, const std::type_info *thrown, void **object);

// Throws `h` as a C++ exception (the wasm tag __cpp_exception).
[[noreturn]] void raise(Header *h);

// What an exception says about itself: its type, demangled, and what() if
// it is a std::exception (else null); both malloc'd (null if memory ran out).
struct Words {
  char *type;
  char *what;
};
Words describe(Primary *p);

// The C++ spelling of a type_info name (malloc'd), or null when the name
// uses more of the mangling grammar than type names usually do.
char *demangle_type(const char *mangled);

// The innermost caught exception, or null.
Header *top_caught();
// The exception thrown last, while one is thrown and not caught; else null.
Header *in_flight();
// An exception left wasm for JS: it is no longer thrown and nobody will
// catch it.
void escaped(Header *h);
// The outermost call has unwound: whatever is still on the caught stack
// belonged to frames that are gone.
void unwound();

// Sends `message` to the loader, which throws it as a JS error.
[[noreturn]] void fail(const char *message);

} // namespace weakbind_eh

#endif
