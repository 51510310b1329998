// The typed workloads' module for the raw, weakbind and weakbind_sweep
// peers: the shared Item and Named bound with the typed macros, linked
// against the weakbind runtime as cpp/examples are. weakbind's loader reads
// the metadata; raw calls the same exports (_Item__new1, _Item__echo, …)
// directly. A module of its own, so the convention workloads' bench.wasm
// (and its size) stays as it was.
#include "weakbind/bind.hpp"
#include "../item.hpp"

std::uint32_t g_destroyed = 0;

WEAKBIND_CLASS(Item);
WEAKBIND_CONSTRUCTOR(Item, i32);
WEAKBIND_METHOD(Item, value, i32);
WEAKBIND_METHOD(Item, self, ref(Item));
WEAKBIND_METHOD(Item, or_self, ref(Item), nullable(Item));
WEAKBIND_METHOD(Item, echo, string, string);
WEAKBIND_METHOD(Item, scaled, f64, f64);

WEAKBIND_CLASS(Point);
WEAKBIND_CONSTRUCTOR(Point, i32);
WEAKBIND_METHOD(Point, value, i32);

WEAKBIND_CLASS(Named);
WEAKBIND_CONSTRUCTOR(Named, string);
WEAKBIND_METHOD(Named, length, i32);

// Destructor calls so far, of both classes: the harness counts them.
WEAKBIND_EXPORT std::uint32_t bench_destroyed_count() { return g_destroyed; }
