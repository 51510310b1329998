// embind, plain class_<T> with constructor<int>(): the JS wrapper owns a raw
// pointer. embind 3.1.6 frees it only on .delete(), never on collection.
#include <emscripten/bind.h>
#include "../myclass.hpp"

std::uint32_t g_destroyed = 0;
static std::uint32_t destroyed_count() { return g_destroyed; }

EMSCRIPTEN_BINDINGS(bench) {
  using namespace emscripten;
  class_<MyClass>("MyClass").constructor<int>().function("my_method", &MyClass::my_method);
  class_<Buffer1K>("Buffer1K").constructor<int>().function("my_method", &Buffer1K::my_method);
  function("destroyed_count", &destroyed_count);
}
