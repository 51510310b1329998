// Type matching and the words for an exception: which catch clause takes a
// thrown type (libc++abi's type_info classes know, through the virtual
// can_catch every one of them has), and the type name (demangle.cpp) and
// what() the loader and the terminate handler report.
#include <exception>
#include <stdlib.h>
#include <string.h>

#include "exception.h"

namespace __cxxabiv1 {
// The base of libc++abi's type_info classes (private_typeinfo.h, not
// installed). Only its virtual functions are used, so only the order of
// its vtable slots matters: after std::type_info's destructors come two
// reserved slots, then can_catch.
class __shim_type_info : public std::type_info {
public:
  ~__shim_type_info() override;
  virtual void noop1() const;
  virtual void noop2() const;
  virtual bool can_catch(const __shim_type_info *thrown_type, void *&adjusted) const = 0;
};
} // namespace __cxxabiv1

namespace weakbind_eh {

bool can_catch(const std::type_info *catch_type, const std::type_info *thrown, void **object) {
  using __cxxabiv1::__shim_type_info;
  if (!thrown) return false;
  void *adjusted = *object;
  auto handler = static_cast<const __shim_type_info *>(catch_type);
  if (!handler->can_catch(static_cast<const __shim_type_info *>(thrown), adjusted)) return false;
  *object = adjusted;
  return true;
}

Words describe(Primary *p) {
  Words w{nullptr, nullptr};
  const char *mangled = p->type ? p->type->name() : "(unknown type)";
  w.type = demangle_type(mangled);
  if (!w.type) w.type = strdup(mangled);
  void *object = object_of(p);
  if (can_catch(&typeid(std::exception), p->type, &object)) {
    const char *what = static_cast<const std::exception *>(object)->what();
    w.what = strdup(what ? what : "");
  }
  return w;
}

} // namespace weakbind_eh
