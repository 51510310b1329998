// An event source holding a JS listener: the shape that makes a cycle
// across the boundary (wrapper -> wasm object -> JS callback -> wrapper).
// The listener is owned by its source (`owned_by(this)`), so while only the
// source's JS wrapper owns the source, the collector sees the whole cycle.
// A C++-side hub retains sources, which keeps them and their listeners
// alive for C++ to call later.
#include "weakbind/bind.hpp"

#include <string>
#include <vector>

static int sources_destroyed = 0;
static int listener_failures = 0; // calls that came back as an error result

class EventSource {
public:
  explicit EventSource(std::string name) : name_(std::move(name)) {}
  ~EventSource() { ++sources_destroyed; }

  void on(weakbind::JsRef listener) { listener_ = std::move(listener).owned_by(this); }

  // Calls the listener with (value, name, this); returns its numeric result,
  // or -1 if it threw.
  double emit(double value) {
    if (!listener_) return 0;
    weakbind::JsResult r = listener_.call(value, name_, this);
    if (r.threw()) ++listener_failures;
    return r ? r.number() : -1;
  }

  // Passes text through the listener and returns its string result.
  std::string transform(std::string_view text) {
    weakbind::JsResult r = listener_.call(text);
    return r ? r.string() : std::string("<threw>");
  }

  // Hands the listener back to JS (a new reference).
  weakbind::JsRef listener() const { return listener_; }

  // C++ keeps sources in a hub of its own: retained owners.
  static void keep(EventSource &source) { hub().emplace_back(&source); }
  static int32_t emit_all(double value) {
    int32_t called = 0;
    for (auto &source : hub())
      if (source->emit(value) >= 0) ++called;
    return called;
  }
  static void release_all() { hub().clear(); }

private:
  static std::vector<weakbind::Retained<EventSource>> &hub() {
    static std::vector<weakbind::Retained<EventSource>> sources;
    return sources;
  }
  std::string name_;
  weakbind::JsRef listener_;
};

WEAKBIND_CLASS(EventSource);
WEAKBIND_CONSTRUCTOR(EventSource, string);
WEAKBIND_METHOD(EventSource, on, void, js);
WEAKBIND_METHOD(EventSource, emit, f64, f64);
WEAKBIND_METHOD(EventSource, transform, string, string);
WEAKBIND_METHOD(EventSource, listener, js);
WEAKBIND_STATIC(EventSource, keep, void, obj(EventSource));
WEAKBIND_STATIC(EventSource, emit_all, i32, f64);
WEAKBIND_STATIC(EventSource, release_all, void);

WEAKBIND_EXPORT int event_sources_destroyed() { return sources_destroyed; }
WEAKBIND_EXPORT int event_listener_failures() { return listener_failures; }

// What C++ code does to a handle it copies or drops (weakbind::JsRef's copy
// and destructor), for the tests that drive the handle table directly.
WEAKBIND_EXPORT void events_handle_clone(weakbind_jsref handle) { weakbind_js_incref(handle); }
WEAKBIND_EXPORT void events_handle_drop(weakbind_jsref handle) { weakbind_js_decref(handle); }
