// The JS-callback cycle with embind (Debian's emscripten 3.1.6): an event
// source holding a JS listener as an `emscripten::val`. Bound with
// smart_ptr_constructor / std::shared_ptr, the form embind 3.1.6 frees when
// its JS handle is collected (FinalizationRegistry), so what leaks here is
// the cycle, not the binding form: the val sits in embind's global handle
// table, a GC root, and the listener closes over the source's own handle.
// Every destructor call bumps a counter that JS reads.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <string>

static std::uint32_t g_destroyed = 0;

class EventSource {
public:
  explicit EventSource(std::string name) : name_(std::move(name)) {}
  ~EventSource() { ++g_destroyed; }

  void on(emscripten::val listener) { listener_ = std::move(listener); }

  // Calls the listener with the value; its numeric result.
  double emit(double value) {
    if (listener_.isUndefined()) return 0;
    return listener_(value).as<double>();
  }

private:
  std::string name_;
  emscripten::val listener_ = emscripten::val::undefined();
};

static std::shared_ptr<EventSource> make_source(std::string name) {
  return std::make_shared<EventSource>(std::move(name));
}

static std::uint32_t destroyed_count() { return g_destroyed; }

EMSCRIPTEN_BINDINGS(cycles) {
  using namespace emscripten;
  class_<EventSource>("EventSource")
      .smart_ptr_constructor("EventSource", &make_source)
      .function("on", &EventSource::on)
      .function("emit", &EventSource::emit);
  function("destroyed_count", &destroyed_count);
}
