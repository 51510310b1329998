// weakbind/bind.hpp — typed exports with no JS glue.
//
// Each macro defines an exported C function with the wire signature and
// writes one metadata record (docs/ARCHITECTURE.md, "Metadata") into the
// module's `weakbind` custom section, so the loader knows every parameter's
// and result's type:
//
//   WEAKBIND_CLASS(Node)                           class, destructor
//   WEAKBIND_CLASS_DERIVED(Group, Node)            class usable as a Node
//   WEAKBIND_CONSTRUCTOR(Node, string)             new Node(name), by arity
//   WEAKBIND_METHOD(Node, name, string)            result first, then params
//   WEAKBIND_METHOD(Node, add_child, ref(Node), string)
//   WEAKBIND_STATIC(Node, make, own(Node), string)
//   WEAKBIND_PROPERTY(Node, x, f64)                read/write data member
//   WEAKBIND_READONLY(Node, id, i64)               read-only data member
//   WEAKBIND_CLASS_AS(Eigen::MatrixXd, Matrix)     a C++ type under a JS name
//   WEAKBIND_METHOD_AS(Matrix, cols, width, i32)   a member under a JS name
//   WEAKBIND_OVERLOAD(Matrix, resize, void, i32)   another arity of a method
//                                                  (C++ overloads, default arguments)
//   WEAKBIND_METHOD_FUNCTION(Matrix, set_at, set, void, i32, i32, f64)
//                                                  set_at(m, i, j, v) as m.set(i, j, v)
//   WEAKBIND_FUNCTION(gcd, i32, i32, i32)          m.gcd(a, b)
//   WEAKBIND_ENUM(Color, Red, Green, Blue)         m.Color.Red, enum(Color)
//   WEAKBIND_ENUM_STRINGS(Mode, Fast, Exact)       m.Mode.Fast === "Fast"
//   WEAKBIND_VALUE(Vec3, (x, f64), (y, f64))       a struct as a plain object
//   WEAKBIND_PARAMS(Node, move, dx, dy)            parameter names (names.hpp)
//
// Type words: void i32 u32 f32 f64 bool i64 u64 string bytes js,
// obj(C) (a C&), nullable(C) (a C*), enum(E), value(V) (a struct
// WEAKBIND_VALUE described, copied as a plain object), optional(T)
// (std::optional<T> as T | undefined, T a scalar, string, enum or value
// word), fn(R, P...) (a JS function as a std::function<R(P...)>:
// callbacks.hpp, whose words may be enums, values, arrays, optionals and
// maps: call_blocks.hpp), array(f64) array(f32)
// array(i32) array(u32) (a typed array, copied: std::vector<T> or
// weakbind::ArrayArg<T> in, std::vector<T> out), array(string) and
// array(value(V)) (an Array of strings or objects: std::vector<std::string>
// or std::vector<V>, copied), map(K, V) (a JS Map, copied: std::map or
// std::unordered_map, K one of string i32 u32 f64, V a value field's word:
// maps.hpp), array(obj(C)) (an Array of live C wrappers: std::vector<C*> or
// of std::reference_wrapper<C>), array(own(C)) and array(ref(C)) (an Array
// of results: std::vector<std::unique_ptr<C>>, std::vector<C*>;
// object_arrays.hpp), view(f64) view(f32) view(i32) view(u32) (a result
// or a call-into-JS parameter: a weakbind::ArrayView<T> JS reads in place
// while its owner lives or the call lasts: views.hpp), and for results own(C) /
// own_or_null(C) (JS becomes an owner: return std::unique_ptr<C>, a new
// C*, or a C by value or an expression C is constructed from, moved or
// evaluated into a new heap object) and ref(C) / ref_or_null(C) (owned by
// `this`: the wrapper keeps its parent alive and never frees the object; a
// temporary fails to compile). C (or E) is the JS name the
// class (or enum) macro gave; those macros come first in the translation
// unit when they declare an alias (the _AS forms).
//
// A scalar or enum word must be the C++ parameter's or result's type: an
// integer of the same size and signedness counts (int32_t and long), any
// conversion that can change a value (double to i32, int to f64, a Color
// to i32) fails to compile, and the failed requirement names class,
// member and position (detail::argument<weakbind_where::Class::member, N>).
#ifndef WEAKBIND_BIND_HPP
#define WEAKBIND_BIND_HPP

#include "callbacks.hpp"
#include "convert.hpp"
#include "deduced.hpp"
#include "maps.hpp"
#include "object_arrays.hpp"
#include "names.hpp"
#include "optional.hpp"
#include "values.hpp"
#include "vectors.hpp"
#include "views.hpp"
#include "words.hpp"

// ---- the macros ------------------------------------------------------------

#define WEAKBIND_CLASS(Class) WB_CLASS_RECORDS(Class, "class " #Class)
#define WEAKBIND_CLASS_DERIVED(Class, Base) WB_CLASS_RECORDS(Class, "class " #Class " " #Base)

// A C++ type (any qualified name: Eigen::MatrixXd) under the JS name
// `Name`, declared as an alias (`using Name = Type;`) that the other macros
// then use for it; an alias of that name already declared must name the
// same type.
#define WEAKBIND_CLASS_AS(Type, Name)                                                   \
  using Name = Type;                                                                   \
  WB_CLASS_RECORDS(Name, "class " #Name)
#define WEAKBIND_CLASS_DERIVED_AS(Type, Name, Base)                                     \
  using Name = Type;                                                                   \
  WB_CLASS_RECORDS(Name, "class " #Name " " #Base)

#define WB_CLASS_RECORDS(Class, class_record)                                          \
  WB_RECORD("weakbind 1")                                                              \
  WB_RECORD(class_record)                                                              \
  WB_RECORD("dtor " #Class " " WB_EXPORT_NAME(Class, destructor))                      \
  WEAKBIND_EXPORT void _##Class##__destructor(WB_TYPE(Class) *self) { delete self; }   \
  static_assert(true, "")

// Overloads by arity: the export is _Class__new<arity>.
#define WEAKBIND_CONSTRUCTOR(Class, ...)                                                \
  WB_WHERE(Class, constructor)                                                         \
  WB_RECORD("ctor " #Class " _" #Class "__new" WB_STR(WB_NARGS(__VA_ARGS__)) " "        \
            WB_PARAMS_TEXT(__VA_ARGS__))                                               \
  WEAKBIND_EXPORT WB_TYPE(Class) *WB_CAT(_##Class##__new, WB_NARGS(__VA_ARGS__))(      \
      WB_EACH(WB_DECL_LIST, __VA_ARGS__)) {                                            \
    WB_MEMBER(Class, constructor);                                                     \
    return WB_DEDUCED(new WB_TYPE(Class), __VA_ARGS__);                                 \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_METHOD(Class, name, Result, ...)                                       \
  WEAKBIND_METHOD_AS(Class, name, name, Result __VA_OPT__(, ) __VA_ARGS__)

// The C++ member `member` as the JS method `name`.
#define WEAKBIND_METHOD_AS(Class, member, name, Result, ...)                            \
  WB_METHOD(Class, member, name, _##Class##__##name, WB_EXPORT_NAME(Class, name), Result, \
            __VA_ARGS__)

// Another arity of a method already bound under `name`: C++ overloads and
// default arguments (bind each arity JS may call). JS chooses by the number
// of arguments; the export is _Class__name__<arity>.
#define WEAKBIND_OVERLOAD(Class, name, Result, ...)                                     \
  WEAKBIND_OVERLOAD_AS(Class, name, name, Result __VA_OPT__(, ) __VA_ARGS__)
#define WEAKBIND_OVERLOAD_AS(Class, member, name, Result, ...)                          \
  WB_METHOD(Class, member, name, WB_OVERLOAD_EXPORT(_##Class##__##name, __VA_ARGS__),     \
            WB_OVERLOAD_TEXT(WB_EXPORT_NAME(Class, name), __VA_ARGS__), Result, __VA_ARGS__)

#define WB_OVERLOAD_EXPORT(base, ...) WB_CAT(WB_CAT(base, __), WB_NARGS(__VA_ARGS__))
#define WB_OVERLOAD_TEXT(base, ...) base "__" WB_STR(WB_NARGS(__VA_ARGS__))

#define WB_METHOD(Class, member, name, exported, exported_text, Result, ...)            \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("method " #Class " " #name " " exported_text " " WB_PARAMS_TEXT(__VA_ARGS__) " " \
            WB_TEXT(Result))                                                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) exported(                                     \
      WB_TYPE(Class) *self WB_EACH(WB_DECL_AFTER_SELF, __VA_ARGS__)) {                 \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Result)(WB_DEDUCED(self->member, __VA_ARGS__));                          \
  }                                                                                    \
  static_assert(true, "")

// A free function whose first parameter is the object (`C&` or `const
// C&`), as the JS method `name`: what the class has no member for (a
// setter, a conversion to a type word's type) without deriving a class.
// `function` is any qualified name, or a lambda in parentheses.
#define WEAKBIND_METHOD_FUNCTION(Class, function, name, Result, ...)                    \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("method " #Class " " #name " " WB_EXPORT_NAME(Class, name) " "              \
            WB_PARAMS_TEXT(__VA_ARGS__) " " WB_TEXT(Result))                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) _##Class##__##name(                           \
      WB_TYPE(Class) *self WB_EACH(WB_DECL_AFTER_SELF, __VA_ARGS__)) {                 \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Result)(function(*self __VA_OPT__(, ) WB_EACH(WB_ARG, __VA_ARGS__)));    \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_STATIC(Class, name, Result, ...)                                       \
  WEAKBIND_STATIC_AS(Class, name, name, Result __VA_OPT__(, ) __VA_ARGS__)

#define WEAKBIND_STATIC_AS(Class, member, name, Result, ...)                            \
  WB_STATIC(Class, member, name, _##Class##__##name, WB_EXPORT_NAME(Class, name), Result, \
            __VA_ARGS__)
#define WEAKBIND_STATIC_OVERLOAD(Class, name, Result, ...)                              \
  WB_STATIC(Class, name, name, WB_OVERLOAD_EXPORT(_##Class##__##name, __VA_ARGS__),       \
            WB_OVERLOAD_TEXT(WB_EXPORT_NAME(Class, name), __VA_ARGS__), Result, __VA_ARGS__)

#define WB_STATIC(Class, member, name, exported, exported_text, Result, ...)            \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("static " #Class " " #name " " exported_text " " WB_PARAMS_TEXT(__VA_ARGS__) " " \
            WB_TEXT(Result))                                                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) exported(WB_EACH(WB_DECL_LIST, __VA_ARGS__)) { \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Result)(WB_DEDUCED(WB_TYPE(Class)::member, __VA_ARGS__));                \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_READONLY(Class, field, Type) WEAKBIND_READONLY_AS(Class, field, field, Type)

#define WEAKBIND_READONLY_AS(Class, field, name, Type)                                  \
  WB_WHERE(Class, name)                                                                \
  WB_RECORD("getter " #Class " " #name " " WB_EXPORT_NAME(Class, get_##name) " "        \
            WB_TEXT(Type))                                                             \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Type) _##Class##__get_##name(WB_TYPE(Class) *self) {  \
    WB_MEMBER(Class, name);                                                            \
    WB_RETURN(Type)(self->field);                                                      \
  }                                                                                    \
  static_assert(true, "")

#define WEAKBIND_PROPERTY(Class, field, Type) WEAKBIND_PROPERTY_AS(Class, field, field, Type)

#define WEAKBIND_PROPERTY_AS(Class, field, name, Type)                                  \
  WEAKBIND_READONLY_AS(Class, field, name, Type);                                      \
  WB_RECORD("setter " #Class " " #name " " WB_EXPORT_NAME(Class, set_##name) " "        \
            WB_TEXT(Type))                                                             \
  WEAKBIND_EXPORT void _##Class##__set_##name(WB_TYPE(Class) *self WB_DECL_AFTER_SELF(0, Type)) { \
    WB_MEMBER(Class, name);                                                            \
    self->field = WB_ARG(0, Type);                                                     \
  }                                                                                    \
  static_assert(true, "")

// A free function on the module: m.name(...). The export is
// weakbind_fn_<name>; `function` is the C++ function (any qualified name).
#define WEAKBIND_FUNCTION(name, Result, ...)                                            \
  WEAKBIND_FUNCTION_AS(name, name, Result __VA_OPT__(, ) __VA_ARGS__)

#define WEAKBIND_FUNCTION_AS(function, name, Result, ...)                               \
  WB_FUNCTION(function, name, weakbind_fn_##name, "weakbind_fn_" #name, Result, __VA_ARGS__)
// Another arity of a free function: the export is weakbind_fn_<name>__<arity>.
#define WEAKBIND_FUNCTION_OVERLOAD(name, Result, ...)                                   \
  WEAKBIND_FUNCTION_OVERLOAD_AS(name, name, Result __VA_OPT__(, ) __VA_ARGS__)
#define WEAKBIND_FUNCTION_OVERLOAD_AS(function, name, Result, ...)                      \
  WB_FUNCTION(function, name, WB_OVERLOAD_EXPORT(weakbind_fn_##name, __VA_ARGS__),        \
              WB_OVERLOAD_TEXT("weakbind_fn_" #name, __VA_ARGS__), Result, __VA_ARGS__)

#define WB_FUNCTION(function, name, exported, exported_text, Result, ...)               \
  WB_WHERE(functions, name)                                                            \
  WB_RECORD("function " #name " " exported_text " " WB_PARAMS_TEXT(__VA_ARGS__) " "     \
            WB_TEXT(Result))                                                           \
  WEAKBIND_EXPORT WB_RESULT_TYPE(Result) exported(WB_EACH(WB_DECL_LIST, __VA_ARGS__)) { \
    WB_MEMBER(functions, name);                                                        \
    WB_RETURN(Result)(function(WB_EACH(WB_ARG, __VA_ARGS__)));                         \
  }                                                                                    \
  static_assert(true, "")

// An enum or enum class as a frozen object of its named values on the
// module (m.Color.Red), and the type word enum(Color). The record names the
// enumerators; the export weakbind_enum_<Name>(i) gives the i-th one's
// value (the preprocessor cannot spell it), or 0 past the last.
#define WEAKBIND_ENUM(Name, ...) WB_ENUM_RECORDS(Name, "", __VA_ARGS__)

#define WEAKBIND_ENUM_AS(Type, Name, ...)                                               \
  using Name = Type;                                                                   \
  WB_ENUM_RECORDS(Name, "", __VA_ARGS__)

// The same, JS seeing each value as its name: m.Mode.Fast === "Fast", and
// a parameter takes the name.
#define WEAKBIND_ENUM_STRINGS(Name, ...) WB_ENUM_RECORDS(Name, " strings", __VA_ARGS__)

#define WEAKBIND_ENUM_STRINGS_AS(Type, Name, ...)                                       \
  using Name = Type;                                                                   \
  WB_ENUM_RECORDS(Name, " strings", __VA_ARGS__)

#define WB_ENUM_RECORDS(Name, form, ...)                                                \
  static_assert(std::is_enum_v<WB_TYPE(Name)>, "weakbind: " #Name " is not an enum");  \
  WB_RECORD("weakbind 1")                                                              \
  WB_RECORD("enum " #Name " weakbind_enum_" #Name " " WB_ENUM_NAMES(__VA_ARGS__) form) \
  WEAKBIND_EXPORT int32_t weakbind_enum_##Name(uint32_t i) {                           \
    using E = WB_TYPE(Name);                                                           \
    static constexpr E values[] = {WB_EACH(WB_ENUM_VALUE, __VA_ARGS__)};               \
    for (E v : values)                                                                 \
      static_assert(sizeof(v) <= 4, "weakbind: enum values cross as i32");            \
    return i < sizeof values / sizeof values[0] ? static_cast<int32_t>(values[i]) : 0; \
  }                                                                                    \
  static_assert(true, "")
#define WB_ENUM_NAMES(...) WB_EACH(WB_ENUM_NAME, __VA_ARGS__)
#define WB_ENUM_NAME(i, n) WB_IF_NOT_FIRST(i, ",") #n
#define WB_ENUM_VALUE(i, n) WB_COMMA_IF(i) E::n

#endif // WEAKBIND_BIND_HPP
