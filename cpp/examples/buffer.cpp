// A class that owns a heap buffer of a size JS chooses. Its constructor
// returns NULL when the heap cannot supply the bytes, the C way of saying
// out of memory; the loader turns that into a JS error.
#include "weakbind.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

struct Buffer {
  unsigned char *bytes;
  unsigned size;
};

static int destructor_calls = 0;

WEAKBIND_EXPORT Buffer *_Buffer__constructor(unsigned size) {
  Buffer *b = new (std::nothrow) Buffer{nullptr, size};
  if (!b) return nullptr;
  b->bytes = static_cast<unsigned char *>(std::malloc(size ? size : 1));
  if (!b->bytes) {
    delete b;
    return nullptr;
  }
  std::memset(b->bytes, 0xab, size);
  return b;
}
WEAKBIND_EXPORT void _Buffer__destructor(Buffer *b) {
  ++destructor_calls;
  std::free(b->bytes);
  delete b;
}
WEAKBIND_EXPORT unsigned _Buffer__size(Buffer *b) { return b->size; }
WEAKBIND_EXPORT int _Buffer__byte_at(Buffer *b, unsigned i) { return i < b->size ? b->bytes[i] : -1; }

WEAKBIND_EXPORT int buffer_destructor_calls() { return destructor_calls; }
