// The allocator benchmark harness: five allocation traces, compiled once
// and linked against each allocator (weakbind, the dlmalloc crate, talc,
// wasi-libc's malloc, and a no-op allocator that measures the harness
// itself) behind the same three functions. Freestanding: no libc, so every
// allocator sees exactly the same calls and nothing else.
//
// The timed part is the allocator's work and little else:
// - the generators (fixed seed; trace 5 converts a recording of libc++
//   code, see libcxx/record.cpp, that the runner copies into
//   `replay_buffer()` first) write the trace as a list of operations, a
//   chunk at a time (`prepare(t, seed)`, then `next()` until it returns 0):
//   no random numbers, modulo or bookkeeping are left for the timed part.
//   They also count the calls and the peak of live requested bytes, which
//   depend only on the trace.
// - `run()` (timed, by the runner, chunk by chunk) replays the chunk: each
//   operation is one call of `bench_malloc`, `bench_free` or
//   `bench_realloc`, the block pointer kept in a slot. Every block the
//   allocator returns gets its first word written, as a constructor would
//   (and a grown vector its last byte); nothing is read back. The
//   allocators' own correctness is tested elsewhere (rust/heap/tests,
//   make test-heap-wasm).
// Chunks keep the harness's own memory small (about 8 MB): V8 runs a
// garbage collection on `memory.grow` once a process's wasm memories pass
// some 64 MB, which would tax every grow of the allocator under test.
//
// Every trace frees all its blocks at the end, so the same trace can be
// replayed again in the same instance (the runner's "warm" figure).

typedef unsigned long size_t;
typedef unsigned int u32;
typedef unsigned long long u64;

void *bench_malloc(size_t size);
void bench_free(void *ptr, size_t size);
void *bench_realloc(void *ptr, size_t old_size, size_t new_size);

#define EXPORT(name) __attribute__((export_name(#name)))

// ---- the operation list ------------------------------------------------------
// One operation is two words: `code` (kind in the top two bits, slot below)
// and a size. A realloc takes two entries: the second's `code` holds the
// old size.
typedef struct {
  u32 code, size;
} op_t;

#define MALLOC 0u
#define FREE 0x40000000u
#define REALLOC 0x80000000u
#define SLOT_MASK 0x3fffffffu

#define CHUNK (1 << 17)    // entries per chunk (1 MiB)
#define SLOTS (1 << 19)
static op_t ops[CHUNK];
static u32 n_ops;          // entries in the current chunk
static u32 chunk_calls;    // allocator calls they make
static u64 calls;          // allocator calls of the whole trace so far
static u64 live, peak_live;
static void *slot[SLOTS];  // the timed part's block pointers
static u32 gen_size[SLOTS];  // the generators' sizes of live slots (0: empty)

static void emit(u32 code, u32 size) {
  ops[n_ops].code = code;
  ops[n_ops].size = size;
  n_ops += 1;
}

static void alloc(u32 s, u32 size) {
  if (s >= SLOTS || gen_size[s] || !size) __builtin_trap();  // 0 marks an empty slot
  emit(MALLOC | s, size);
  gen_size[s] = size;
  live += size;
  if (live > peak_live) peak_live = live;
  chunk_calls += 1;
}

static void release(u32 s) {
  if (!gen_size[s]) __builtin_trap();
  emit(FREE | s, gen_size[s]);
  live -= gen_size[s];
  gen_size[s] = 0;
  chunk_calls += 1;
}

static void grow(u32 s, u32 new_size) {
  u32 old_size = gen_size[s];
  if (!old_size) __builtin_trap();
  emit(REALLOC | s, new_size);
  emit(old_size, 0);
  gen_size[s] = new_size;
  live += new_size;
  live -= old_size;
  if (live > peak_live) peak_live = live;
  chunk_calls += 1;
}

// The generators are resumable: each is one switch (a protothread) whose
// `STEP` returns when the chunk is full and resumes there on the next
// call. Anything live across a STEP is static; one STEP per line, at the
// top of a loop body that emits at most two operations (four entries).
static int gen_at;
#define BEGIN switch (gen_at) { case 0:
#define STEP                               \
  gen_at = __LINE__;                       \
  __attribute__((fallthrough));            \
  case __LINE__:                           \
    if (n_ops + 4 > CHUNK) return 0;
#define END \
  }         \
  return 1;

static u64 state;

static u32 rnd(void) {  // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return (u32)((state * 0x2545F4914F6CDD1DULL) >> 32);
}

static u32 i, k, r, size;  // the generators' loop state

// ---- 1. object churn: same-size objects, FIFO then LIFO ------------------
static int object_churn(void) {
  static const u32 sizes[] = {16, 24, 32, 48, 64, 96, 128, 256};
  const u32 window = 32768, lifo = 4096;
  BEGIN
  for (k = 0; k < sizeof sizes / sizeof sizes[0]; ++k) {
    size = sizes[k];
    // FIFO: a queue of `window` objects; the oldest is freed for each new one.
    for (i = 0; i < window; ++i) {
      STEP
      alloc(i, size);
    }
    for (i = 0; i < 3 * window; ++i) {
      STEP
      release(i % window);
      alloc(i % window, size);
    }
    for (i = 0; i < window; ++i) {
      STEP
      release(i);
    }
    // LIFO: batches freed in reverse order of creation.
    for (r = 0; r < 16; ++r) {
      for (i = 0; i < lifo; ++i) {
        STEP
        alloc(i, size);
      }
      for (i = lifo; i-- > 0;) {
        STEP
        release(i);
      }
    }
  }
  END
}

// A size log-uniform by octave in [8, 65536): pick one of 13 octaves, then
// uniformly within it.
static u32 log_size(void) {
  u32 base = 8u << (rnd() % 13);
  return base + rnd() % base;
}

// ---- 2. mixed sizes 8 B - 64 KB, random frees ------------------------------
static int mixed_sizes(void) {
  const u32 n = 4096, steps = 1000000;
  BEGIN
  for (i = 0; i < steps; ++i) {
    STEP
    u32 j = rnd() % n;
    if (gen_size[j])
      release(j);
    else
      alloc(j, log_size());
  }
  for (i = 0; i < n; ++i) {
    STEP
    if (gen_size[i]) release(i);
  }
  END
}

// ---- 3. realloc growth: vectors doubling from 16 B to 1 MB ------------------
static int realloc_growth(void) {
  const u32 vectors = 8, steps = 6000;
  BEGIN
  for (i = 0; i < vectors; ++i) {
    STEP
    alloc(i, 16);
  }
  for (i = 0; i < steps; ++i) {
    STEP
    u32 j = rnd() % vectors;
    if (gen_size[j] == (1u << 20)) {
      release(j);
      alloc(j, 16);
    } else {
      grow(j, 2 * gen_size[j]);
    }
  }
  for (i = 0; i < vectors; ++i) {
    STEP
    release(i);
  }
  END
}

// ---- 4. fragmentation: 100k small, free every other, then larger blocks ----
static int fragmentation(void) {
  static const u32 small[] = {16, 24, 32, 48, 64};
  const u32 n = 100000, larger = 25000;
  BEGIN
  for (r = 0; r < 4; ++r) {
    for (i = 0; i < n; ++i) {
      STEP
      alloc(i, small[rnd() % 5]);
    }
    for (i = 0; i < n; i += 2) {
      STEP
      release(i);
    }
    for (i = 0; i < larger; ++i) {
      STEP
      alloc(n + i, 128 + rnd() % 897);  // 128 B - 1 KB
    }
    for (i = 1; i < n; i += 2) {
      STEP
      release(i);
    }
    for (i = 0; i < larger; ++i) {
      STEP
      release(n + i);
    }
  }
  END
}

// ---- 5. replay of a recording of libc++ code --------------------------------
// One u32 per event: a size (high bit clear) allocates the next id; an id
// with the high bit set frees it. Ids are slots.
#define REPLAY_EVENTS (1 << 20)
static u32 replay[REPLAY_EVENTS];
static u32 replay_len;

EXPORT(replay_buffer) u32 *replay_buffer(u32 events) {
  replay_len = events <= REPLAY_EVENTS ? events : 0;
  return replay;
}

static int libcxx_replay(void) {
  BEGIN
  for (i = 0, k = 0; i < replay_len; ++i) {  // k: the next id
    STEP
    u32 e = replay[i];
    if (e & 0x80000000u)
      release(e & 0x7fffffffu);
    else
      alloc(k++, e);
  }
  for (i = 0; i < k; ++i) {
    STEP
    if (gen_size[i]) release(i);
  }
  END
}

static u32 trace;

// Starts trace `t` (1-5) with `seed`; `next()` writes its operations.
EXPORT(prepare) void prepare(u32 t, u32 seed) {
  if (t < 1 || t > 5) __builtin_trap();
  trace = t;
  if (live)  // a trace left unfinished: empty its slots
    for (u32 j = 0; j < SLOTS; ++j) gen_size[j] = 0;
  state = 0x9E3779B97F4A7C15ULL ^ seed;
  live = peak_live = calls = 0;
  gen_at = 0;
}

// Writes the next chunk of the trace's operations; returns the number of
// allocator calls they make, 0 when the trace is done.
EXPORT(next) double next(void) {
  n_ops = chunk_calls = 0;
  if (gen_at < 0) return 0;
  int done = 0;
  switch (trace) {
    case 1: done = object_churn(); break;
    case 2: done = mixed_sizes(); break;
    case 3: done = realloc_growth(); break;
    case 4: done = fragmentation(); break;
    case 5: done = libcxx_replay(); break;
  }
  if (done) {
    gen_at = -1;
    if (live) __builtin_trap();  // every trace frees what it allocated
  }
  calls += chunk_calls;
  return (double)chunk_calls;
}

// ---- the timed part ------------------------------------------------------------
// Replays the chunk `next` wrote; returns the allocator calls it made.
EXPORT(run) double run(void) {
  const op_t *o = ops, *end = ops + n_ops;
  void **sl = slot;
  for (; o < end; ++o) {
    u32 code = o->code, n = o->size;
    void **at = &sl[code & SLOT_MASK];
    if (code < FREE) {
      void *p = bench_malloc(n);
      if (!p) __builtin_trap();
      *(volatile u32 *)p = n;
      *at = p;
    } else if (code < REALLOC) {
      bench_free(*at, n);
    } else {
      ++o;
      void *p = bench_realloc(*at, o->code, n);
      if (!p) __builtin_trap();
      *(volatile u32 *)p = n;
      ((volatile char *)p)[n - 1] = 1;  // the vector's new end
      *at = p;
    }
  }
  return (double)chunk_calls;
}

// Highest sum of requested sizes live at once in the trace so far.
EXPORT(peak_live_bytes) double peak_live_bytes(void) { return (double)peak_live; }

// Allocator calls of the trace so far.
EXPORT(calls_so_far) double calls_so_far(void) { return (double)calls; }
