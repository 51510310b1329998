// Records the allocations libc++ code makes, for trace 5 of the allocator
// benchmark. The workload is the repository's libc++ example
// (cpp/examples/notebook.cpp: a class holding an int, a std::vector of
// std::strings built by concatenation and std::to_string) used the way the
// brief's JS loop uses wrapped objects: created in batches, each given some
// notes, and destroyed two batches later, when finalizers would have run.
//
// This file replaces malloc & co with a bump allocator that logs one u32 per
// call: the size for an allocation (ids count up from 0), or
// 0x80000000 | id for a free. libc++'s operator new and delete call malloc
// and free, so every container allocation is seen with the size libc++
// asks for on wasm32 (sizeof(std::string) == 12, SSO up to 10 chars).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// ---- the example's class, as in cpp/examples/notebook.cpp -------------------
class Notebook {
public:
  explicit Notebook(int id) : id_(id) {}
  int add_notes(int n) {
    for (int i = 0; i < n; ++i) {
      notes_.push_back("note " + std::to_string(id_) + "." +
                       std::to_string(notes_.size()) + std::string(i % 64, '*'));
    }
    return static_cast<int>(notes_.size());
  }

private:
  int id_;
  std::vector<std::string> notes_;
};

// ---- the recording allocator ---------------------------------------------
static const uint32_t kMaxEvents = 1u << 22;
static uint32_t events[kMaxEvents];
static uint32_t n_events, n_ids, overflow;

extern "C" unsigned char __heap_base;
static uintptr_t top;

// Header before each block: its id.
struct Header {
  uint32_t id, size;
  uint64_t pad;
};

static void log_event(uint32_t e) {
  if (n_events < kMaxEvents) events[n_events++] = e;
  else overflow = 1;
}

extern "C" void *malloc(size_t size) {
  if (!top) top = (reinterpret_cast<uintptr_t>(&__heap_base) + 15) & ~uintptr_t(15);
  uintptr_t p = top + sizeof(Header);
  top = (p + size + 15) & ~uintptr_t(15);
  size_t have = __builtin_wasm_memory_size(0) << 16;
  if (top > have && __builtin_wasm_memory_grow(0, ((top - have) >> 16) + 1) == size_t(-1))
    __builtin_trap();
  Header *h = reinterpret_cast<Header *>(p) - 1;
  h->id = n_ids++;
  h->size = static_cast<uint32_t>(size);
  log_event(static_cast<uint32_t>(size));
  return reinterpret_cast<void *>(p);
}

extern "C" void free(void *p) {
  if (p) log_event(0x80000000u | (reinterpret_cast<Header *>(p) - 1)->id);
}

extern "C" void *calloc(size_t n, size_t size) {
  void *p = malloc(n * size);
  __builtin_memset(p, 0, n * size);
  return p;
}

extern "C" void *realloc(void *p, size_t size) {
  void *q = malloc(size);
  if (p) {
    size_t old = (reinterpret_cast<Header *>(p) - 1)->size;
    __builtin_memcpy(q, p, old < size ? old : size);
    free(p);
  }
  return q;
}

extern "C" void *aligned_alloc(size_t, size_t size) { return malloc(size); }
extern "C" int posix_memalign(void **out, size_t, size_t size) {
  *out = malloc(size);
  return 0;
}

// ---- the workload --------------------------------------------------------
// `batches` batches of `per_batch` notebooks; notebook k gets (k * 7) % 24
// notes; batch b is destroyed after batch b + 2 is created.
extern "C" __attribute__((export_name("record"))) uint32_t *record(uint32_t batches,
                                                                  uint32_t per_batch) {
  std::vector<Notebook *> live[3];
  uint32_t id = 0;
  for (uint32_t b = 0; b < batches + 2; ++b) {
    std::vector<Notebook *> &slot = live[b % 3];
    for (Notebook *n : slot) delete n;  // created three batches ago
    slot.clear();
    if (b >= batches) continue;
    for (uint32_t i = 0; i < per_batch; ++i, ++id) {
      Notebook *n = new Notebook(static_cast<int>(id));
      n->add_notes(static_cast<int>((id * 7) % 24));
      slot.push_back(n);
    }
  }
  for (auto &slot : live)
    for (Notebook *n : slot) delete n;
  return events;
}

extern "C" __attribute__((export_name("recorded"))) uint32_t recorded() {
  return overflow ? 0 : n_events;
}
