// The seed article's demo.cpp, built the article's way (tests/seed/Makefile):
// its class and exports as the article wrote them, less its own malloc and
// operator new/delete, which the weakbind library provides. The counter
// lets the test prove the destructors ran inside wasm.
#include <stdint.h>
#define EXPORT __attribute__((visibility("default")))

static int destroyed = 0;

class MyClass {
private:
  int hidden;

public:
  MyClass(int hide) : hidden(hide) {}
  ~MyClass() { ++destroyed; }
  int my_method() { return hidden * 2; }
};

extern "C" {

EXPORT MyClass *_MyClass__constructor(int h) { return new MyClass(h); }
EXPORT void _MyClass__destructor(MyClass *m) { delete m; }
EXPORT int _MyClass__my_method(MyClass *m) { return m->my_method(); }
EXPORT int seed_destroyed() { return destroyed; }

}
