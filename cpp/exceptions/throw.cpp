// Throwing and catching: the Itanium C++ ABI entry points clang's
// -fwasm-exceptions code calls (__cxa_allocate_exception, __cxa_throw,
// __cxa_begin_catch, __cxa_end_catch, __cxa_rethrow, ...), and the ones
// libc++'s std::exception_ptr and std::uncaught_exceptions are built on.
//
// Wasm unwinds in one phase: a `throw` goes to the nearest enclosing wasm
// `catch`, where compiled code runs its cleanups (destructors) and rethrows,
// or asks the personality routine (personality.cpp) whether one of its
// catch clauses takes the exception. So there is no search phase here and
// nothing to walk: state is the stack of caught exceptions (the innermost
// active catch on top, what `throw;` and std::current_exception() mean) and
// the count of exceptions thrown and not yet caught.
//
// A module is single-threaded, so that state is plain globals.
#include <exception>
#include <stdlib.h>
#include <string.h>

#include "exception.h"

using namespace weakbind_eh;

namespace {
Header *caught = nullptr;   // innermost first, linked through next_caught
unsigned uncaught = 0;      // thrown, not yet caught (std::uncaught_exceptions)
Header *last_raised = nullptr; // for std::terminate's message; cleared when freed

void push_caught(Header *h) {
  h->next_caught = caught;
  caught = h;
}
} // namespace

namespace weakbind_eh {

[[noreturn]] void raise(Header *h) {
  // Tag 0 is __cpp_exception: the tag every catch clause of -fwasm-exceptions
  // code catches. Its one value is this Header.
  last_raised = h;
  __builtin_wasm_throw(0, h);
}

void release(Primary *p) {
  if (--p->references != 0) return;
  if (last_raised && last_raised->primary == p) last_raised = nullptr;
  if (p->destructor) p->destructor(object_of(p));
  free(p);
}

void abandon(Header *h) {
  if (h == last_raised) last_raised = nullptr;
  Primary *p = h->primary;
  if (h->kind == DEPENDENT) free(h);
  release(p);
}

} // namespace weakbind_eh

// For the loader (handlers.cpp) and the terminate handler.
namespace weakbind_eh {
Header *top_caught() { return caught; }

// An exception in flight: thrown, no handler entered yet (std::terminate
// from a noexcept frame, which catches it without __cxa_begin_catch).
Header *in_flight() { return uncaught ? last_raised : nullptr; }

void escaped(Header *h) {
  if (h) {
    if (uncaught) --uncaught;
    abandon(h);
  }
}

void unwound() {
  while (Header *h = caught) {
    caught = h->next_caught;
    abandon(h);
  }
  uncaught = 0;
}
} // namespace weakbind_eh

extern "C" {

void *__cxa_allocate_exception(size_t size) throw() {
  size_t total = (OBJECT_OFFSET + size + OBJECT_ALIGN - 1) & ~(OBJECT_ALIGN - 1);
  void *block = aligned_alloc(OBJECT_ALIGN, total);
  if (!block) fail("out of memory: allocating a C++ exception");
  memset(block, 0, OBJECT_OFFSET);
  Primary *p = static_cast<Primary *>(block);
  p->header.kind = PRIMARY;
  p->header.primary = p;
  return object_of(p);
}

// For an exception allocated but never thrown (its copy constructor threw).
void __cxa_free_exception(void *object) throw() { free(primary_of(object)); }

// No references yet: __cxa_throw takes the first, and the exception_ptr
// std::make_exception_ptr builds takes its own (libc++ increments).
// (libc++ declares the result as its own opaque __cxa_exception.)
__cxxabiv1::__cxa_exception *__cxa_init_primary_exception(void *object, std::type_info *type, Destructor destructor) throw() {
  Primary *p = primary_of(object);
  p->type = type;
  p->destructor = destructor;
  p->references = 0;
  p->header.adjusted = object;
  return reinterpret_cast<__cxxabiv1::__cxa_exception *>(p);
}

[[noreturn]] void __cxa_throw(void *object, std::type_info *type, Destructor destructor) {
  Primary *p = reinterpret_cast<Primary *>(__cxa_init_primary_exception(object, type, destructor));
  p->references = 1; // the throw's, until a handler ends or the exception leaves wasm
  ++uncaught;
  raise(&p->header);
}

// What a catch-by-value copies from before __cxa_begin_catch.
void *__cxa_get_exception_ptr(void *thrown) throw() { return static_cast<Header *>(thrown)->adjusted; }

void *__cxa_begin_catch(void *thrown) throw() {
  Header *h = header_of(thrown);
  if (!h) return nullptr; // catch clauses catch only __cpp_exception: never reached
  h->rethrown = false;
  if (h != caught) push_caught(h);
  ++h->handlers;
  if (uncaught) --uncaught;
  return h->adjusted;
}

// Leaving a catch block (normally, or by an exception): the innermost
// caught exception loses a handler; with none left it is off the stack and,
// unless `throw;` sent it on, destroyed.
void __cxa_end_catch() {
  Header *h = caught;
  if (!h || --h->handlers != 0) return;
  caught = h->next_caught;
  h->next_caught = nullptr;
  if (!h->rethrown) abandon(h);
}

// `throw;`: the innermost caught exception, again. It stays on the caught
// stack until its catch block's __cxa_end_catch runs on the way out.
[[noreturn]] void __cxa_rethrow() {
  Header *h = caught;
  if (!h) std::terminate(); // `throw;` with nothing caught
  h->rethrown = true;
  h->adjusted = object_of(h->primary);
  ++uncaught;
  raise(h);
}

// ---- std::exception_ptr (libc++ holds the thrown object's address) --------

void __cxa_increment_exception_refcount(void *object) throw() {
  if (object) ++primary_of(object)->references;
}

void __cxa_decrement_exception_refcount(void *object) throw() {
  if (object) release(primary_of(object));
}

void *__cxa_current_primary_exception() throw() {
  if (!caught) return nullptr;
  Primary *p = caught->primary;
  ++p->references;
  return object_of(p);
}

// std::rethrow_exception: a Dependent carries the same object, so it can be
// in flight while the exception_ptr, or an earlier throw, still holds it.
void __cxa_rethrow_primary_exception(void *object) {
  if (!object) return; // libc++ calls std::terminate then
  Primary *p = primary_of(object);
  Header *d = static_cast<Header *>(calloc(1, sizeof(Header)));
  if (!d) fail("out of memory: rethrowing a C++ exception");
  d->kind = DEPENDENT;
  d->primary = p;
  d->adjusted = object;
  ++p->references;
  ++uncaught;
  raise(d);
}

bool __cxa_uncaught_exception() throw() { return uncaught != 0; }
unsigned int __cxa_uncaught_exceptions() throw() { return uncaught; }

} // extern "C"
