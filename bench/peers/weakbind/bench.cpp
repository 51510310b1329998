// The bench module for the raw, article, weakbind and weakbind_sweep peers:
// the seed's naming convention (_Class__constructor/_destructor/_method)
// over the shared MyClass and Buffer1K, linked against the weakbind runtime
// exactly as cpp/examples are. raw calls these exports directly; the
// article's loader and weakbind's loader wrap them.
#include "weakbind.hpp"
#include "../myclass.hpp"

std::uint32_t g_destroyed = 0;

WEAKBIND_EXPORT MyClass* _MyClass__constructor(int h) { return new MyClass(h); }
WEAKBIND_EXPORT void _MyClass__destructor(MyClass* m) { delete m; }
WEAKBIND_EXPORT int _MyClass__my_method(MyClass* m) { return m->my_method(); }

WEAKBIND_EXPORT Buffer1K* _Buffer1K__constructor(int h) { return new Buffer1K(h); }
WEAKBIND_EXPORT void _Buffer1K__destructor(Buffer1K* b) { delete b; }
WEAKBIND_EXPORT int _Buffer1K__my_method(Buffer1K* b) { return b->my_method(); }

// Destructor calls so far, of both classes: the harness counts them.
WEAKBIND_EXPORT std::uint32_t bench_destroyed_count() { return g_destroyed; }
