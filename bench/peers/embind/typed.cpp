// embind's side of the typed workloads: the shared Item, Point and Named as
// class_<> with std::shared_ptr (smart_ptr_constructor), the only form
// embind 3.1.6 frees through its FinalizationRegistry; strings as
// std::string. The free functions below are glue: they call the shared
// class's own methods.
#include <emscripten/bind.h>
#include <memory>
#include <string>
#include "../item.hpp"

std::uint32_t g_destroyed = 0;
static std::uint32_t destroyed_count() { return g_destroyed; }

// embind passes `this` as a plain Item&, so the shared_ptr of `this` is not
// at hand: the result is `other` itself when or_self picked it, else a
// shared_ptr that does not own `this` (aliasing an empty one), which JS
// may hold but that never deletes it.
static std::shared_ptr<Item> or_self(Item& self, std::shared_ptr<Item> other) {
  Item* picked = &self.or_self(other.get());
  return picked == other.get() ? other : std::shared_ptr<Item>(std::shared_ptr<Item>(), picked);
}
static std::string echo(const Item& self, const std::string& text) { return self.echo(text); }

EMSCRIPTEN_BINDINGS(bench) {
  using namespace emscripten;
  class_<Item>("Item")
      .smart_ptr_constructor("Item", &std::make_shared<Item, std::int32_t>)
      .function("value", &Item::value)
      .function("or_self", &or_self)
      .function("echo", &echo)
      .function("scaled", &Item::scaled);
  class_<Point>("Point")
      .smart_ptr_constructor("Point", &std::make_shared<Point, std::int32_t>)
      .function("value", &Point::value);
  class_<Named>("Named")
      .smart_ptr_constructor("Named", &std::make_shared<Named, std::string>)
      .function("length", &Named::length);
  function("destroyed_count", &destroyed_count);
}
