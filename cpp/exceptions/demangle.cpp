// Type names for the words of an exception: the Itanium mangling of a
// type_info name ("St12out_of_range", "N8nlohmann6detail11parse_errorE")
// turned back into C++ ("std::out_of_range"). libc++abi's __cxa_demangle
// does this for every mangling there is, and is 126 KB of code, about twice
// a small module; the types programs throw are named with a small part of
// the grammar, which this file reads: builtin types, names in namespaces and
// classes (std:: abbreviations, the anonymous namespace), template arguments
// that are types or integers, pointers, references and const. Anything
// else (substitutions, local classes, function types) gives null, and the
// caller reports the mangled name.
#include <stdlib.h>
#include <string.h>

namespace {

struct Reader {
  const char *p;
  char out[256];
  size_t n = 0;
  bool ok = true;

  void put(const char *s, size_t len) {
    if (n + len >= sizeof out) ok = false;
    if (!ok) return;
    memcpy(out + n, s, len);
    n += len;
  }
  void put(const char *s) { put(s, strlen(s)); }

  bool digit() const { return *p >= '0' && *p <= '9'; }

  // <number> <identifier>
  void source_name() {
    size_t len = 0;
    if (!digit()) {
      ok = false;
      return;
    }
    while (digit()) len = len * 10 + size_t(*p++ - '0');
    if (strnlen(p, len) < len) {
      ok = false;
      return;
    }
    if (len > 10 && strncmp(p, "_GLOBAL__N", 10) == 0) put("(anonymous namespace)");
    else put(p, len);
    p += len;
  }

  // I <type or literal>+ E
  void template_args() {
    ++p; // I
    put("<");
    for (bool first = true; ok && *p != 'E'; first = false) {
      if (!first) put(", ");
      if (*p == 'L') { // L <type> <number> E: an integer argument
        ++p;
        size_t mark = n;
        type_();
        n = mark; // the literal's type is not printed, only its value
        if (*p == 'n') {
          put("-");
          ++p;
        }
        const char *start = p;
        while (digit()) ++p;
        put(start, size_t(p - start));
        if (*p++ != 'E') ok = false;
      } else {
        type_();
      }
      if (!*p) ok = false;
    }
    if (ok) ++p; // E
    put(">");
  }

  // St <name> | N [K] <names and template args> E | <source-name>
  void name() {
    if (p[0] == 'S' && p[1] == 't') {
      p += 2;
      put("std::");
      source_name();
    } else if (*p == 'N') {
      ++p;
      if (*p == 'K') ++p; // a const member function's class: not a type's
      for (bool first = true; ok && *p != 'E'; first = false) {
        if (*p == 'I') {
          template_args();
          continue;
        }
        if (!first) put("::");
        if (p[0] == 'S' && p[1] == 't') {
          p += 2;
          put("std");
        } else if (!abbreviation()) {
          source_name();
        }
      }
      if (ok) ++p; // E
      return;
    } else if (!abbreviation()) {
      source_name();
    }
    if (*p == 'I') template_args();
  }

  bool abbreviation() {
    if (p[0] != 'S') return false;
    static const char *const names[][2] = {
        {"a", "std::allocator"}, {"b", "std::basic_string"}, {"s", "std::string"},
        {"i", "std::istream"},   {"o", "std::ostream"},      {"d", "std::iostream"},
    };
    for (auto &entry : names) {
      if (p[1] == entry[0][0]) {
        p += 2;
        put(entry[1]);
        return true;
      }
    }
    ok = false; // S_, S0_, ...: substitutions are not read
    return true;
  }

  void type_() {
    static const char *const builtins[][2] = {
        {"v", "void"},          {"b", "bool"},          {"c", "char"},
        {"a", "signed char"},   {"h", "unsigned char"}, {"s", "short"},
        {"t", "unsigned short"}, {"i", "int"},          {"j", "unsigned int"},
        {"l", "long"},          {"m", "unsigned long"}, {"x", "long long"},
        {"y", "unsigned long long"}, {"f", "float"},    {"d", "double"},
        {"e", "long double"},   {"w", "wchar_t"},       {"n", "__int128"},
        {"o", "unsigned __int128"},
    };
    if (!ok || !*p) {
      ok = false;
      return;
    }
    switch (*p) {
    case 'P': case 'R': case 'O': case 'K': {
      char kind = *p++;
      type_();
      put(kind == 'P' ? "*" : kind == 'R' ? "&" : kind == 'O' ? "&&" : " const");
      return;
    }
    case 'D':
      if (p[1] == 'n') {
        p += 2;
        put("std::nullptr_t");
        return;
      }
      ok = false;
      return;
    default:
      break;
    }
    for (auto &entry : builtins) {
      if (*p == entry[0][0]) {
        ++p;
        put(entry[1]);
        return;
      }
    }
    if (digit() || *p == 'N' || *p == 'S') {
      name();
      return;
    }
    ok = false;
  }
};

} // namespace

namespace weakbind_eh {

// The C++ spelling of a type_info name, malloc'd, or null if it uses a part
// of the grammar not read here.
char *demangle_type(const char *mangled) {
  Reader r{mangled, {}};
  r.type_();
  if (!r.ok || *r.p) return nullptr;
  char *text = static_cast<char *>(malloc(r.n + 1));
  if (!text) return nullptr;
  memcpy(text, r.out, r.n);
  text[r.n] = 0;
  return text;
}

} // namespace weakbind_eh
