// The seed article's class and its exports, exactly as the article names
// them: the loader turns them into a JS class `MyClass` with no per-class JS.
#include "weakbind.hpp"

class MyClass {
public:
  MyClass(int hide) : hidden(hide) {}
  int my_method() { return hidden * 2; }

  int hidden;
};

// Counted inside wasm so tests prove destructors ran, not just that JS
// dropped its wrappers.
static int destructor_calls = 0;

WEAKBIND_EXPORT MyClass *_MyClass__constructor(int h) { return new MyClass(h); }
WEAKBIND_EXPORT void _MyClass__destructor(MyClass *m) {
  ++destructor_calls;
  delete m;
}
WEAKBIND_EXPORT int _MyClass__my_method(MyClass *m) { return m->my_method(); }

WEAKBIND_EXPORT int myclass_destructor_calls() { return destructor_calls; }
