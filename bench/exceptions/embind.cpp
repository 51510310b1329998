// embind's side of bench/exceptions: the same Thrower.
#include <emscripten/bind.h>
#include "thrower.hpp"

EMSCRIPTEN_BINDINGS(bench) {
  using namespace emscripten;
  class_<Thrower>("Thrower")
      .constructor<>()
      .function("check", &Thrower::check)
      .function("throw_catch", &Thrower::throw_catch);
}
