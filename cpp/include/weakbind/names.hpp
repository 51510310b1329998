// weakbind/names.hpp — parameter names for `weakbind dts`, which otherwise
// calls a typed member's parameters a0, a1, …; the loader does not need
// them. Included by bind.hpp.
//
//   WEAKBIND_METHOD(Shape, move, void, f64, f64);
//   WEAKBIND_PARAMS(Shape, move, dx, dy);        // move(dx: number, dy: number)
//   WEAKBIND_PARAMS(Shape, constructor, w, h);   // the constructor (or a JS
//                                                // subclass's) of arity 2
//   WEAKBIND_FUNCTION_PARAMS(gcd, a, b);         // a free function
//
// A line of its own rather than names inside the binding's type words: the
// words stay the ones every macro reads (a name would have to be peeled off
// each word before its table is looked up), a binding gets names without
// being rewritten, and one line names a method, a static, an overload (the
// count of names is the arity it names), a constructor, a virtual a
// WEAKBIND_INTERFACE lists or a free function alike. Names must be
// distinct identifiers: they are declared as the parameters of a function
// in weakbind_where, so a repeat or a non-identifier fails to compile here
// rather than when the module loads. A name TypeScript reserves (`function`,
// `let`) is printed with `_` after it; members with no names keep a0, a1.
// Record: `params CLASS MEMBER NAMES` (`-` for CLASS: a free function).
#ifndef WEAKBIND_NAMES_HPP
#define WEAKBIND_NAMES_HPP

#include "words.hpp"

#define WEAKBIND_PARAMS(Class, member, ...)                                             \
  WB_NAMES_CHECK(Class, member, __VA_ARGS__)                                           \
  WB_RECORD("params " #Class " " #member " " WB_EACH(WB_NAME_TEXT, __VA_ARGS__))       \
  static_assert(true, "")

#define WEAKBIND_FUNCTION_PARAMS(name, ...)                                             \
  WB_NAMES_CHECK(functions, name, __VA_ARGS__)                                         \
  WB_RECORD("params - " #name " " WB_EACH(WB_NAME_TEXT, __VA_ARGS__))                  \
  static_assert(true, "")

#define WB_NAME_TEXT(i, name) WB_IF_NOT_FIRST(i, ",") #name
#define WB_NAME_DECL(i, name) WB_COMMA_IF(i) int name
// A declaration only (redeclaring it is allowed; an arity is an overload).
#define WB_NAMES_CHECK(Class, member, ...)                                              \
  namespace weakbind_where {                                                           \
  namespace Class {                                                                    \
  void member##__params(WB_EACH(WB_NAME_DECL, __VA_ARGS__));                           \
  }                                                                                    \
  }

#endif // WEAKBIND_NAMES_HPP
