// The benchmark's C++, shared by weakbind and embind: a method that throws
// on a negative argument, and a loop that throws and catches inside C++.
// Built without exceptions, the throw is an abort (that build measures
// only the call that does not throw).
#pragma once
#include <stdexcept>
#include <cstdlib>

struct Thrower {
  int base = 1;
  int check(int x) {
    if (x < 0) {
#if __cpp_exceptions
      throw std::invalid_argument("negative");
#else
      std::abort();
#endif
    }
    return x + base;
  }
  // n throws, each caught here: what one exception costs inside C++.
  int throw_catch(int n) {
    int caught = 0;
    for (int i = 0; i < n; ++i) {
#if __cpp_exceptions
      try {
        check(-1 - (i & 1));
      } catch (const std::invalid_argument &) {
        ++caught;
      }
#endif
    }
    return caught;
  }
};
