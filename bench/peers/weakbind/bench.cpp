// The bench module for the raw, article, weakbind and weakbind_sweep peers:
// the seed's naming convention (_Class__constructor/_destructor/_method)
// over the shared MyClass and Buffer1K, linked against the weakbind runtime.
// raw calls these exports directly; the article's loader and weakbind's
// loader wrap them.
#include "../myclass.hpp"

#define EXPORT(name) extern "C" __attribute__((export_name(#name)))

std::uint32_t g_destroyed = 0;

EXPORT(_MyClass__constructor) MyClass* _MyClass__constructor(int h) { return new MyClass(h); }
EXPORT(_MyClass__destructor) void _MyClass__destructor(MyClass* m) { delete m; }
EXPORT(_MyClass__my_method) int _MyClass__my_method(MyClass* m) { return m->my_method(); }

EXPORT(_Buffer1K__constructor) Buffer1K* _Buffer1K__constructor(int h) { return new Buffer1K(h); }
EXPORT(_Buffer1K__destructor) void _Buffer1K__destructor(Buffer1K* b) { delete b; }
EXPORT(_Buffer1K__my_method) int _Buffer1K__my_method(Buffer1K* b) { return b->my_method(); }

// Destructor calls so far, of both classes: the harness counts them.
EXPORT(bench_destroyed_count) std::uint32_t bench_destroyed_count() { return g_destroyed; }
