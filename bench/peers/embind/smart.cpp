// embind, smart_ptr_constructor with std::shared_ptr: the only embind form
// 3.1.6 releases through its FinalizationRegistry.
#include <emscripten/bind.h>
#include <memory>
#include "../myclass.hpp"

std::uint32_t g_destroyed = 0;
static std::uint32_t destroyed_count() { return g_destroyed; }

EMSCRIPTEN_BINDINGS(bench) {
  using namespace emscripten;
  class_<MyClass>("MyClass")
      .smart_ptr_constructor("MyClass", &std::make_shared<MyClass, int>)
      .function("my_method", &MyClass::my_method);
  class_<Buffer1K>("Buffer1K")
      .smart_ptr_constructor("Buffer1K", &std::make_shared<Buffer1K, int>)
      .function("my_method", &Buffer1K::my_method);
  function("destroyed_count", &destroyed_count);
}
