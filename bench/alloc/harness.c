// The allocator benchmark harness: five allocation traces, compiled once
// and linked against each allocator (weakbind, the dlmalloc crate, talc,
// wasi-libc's malloc) behind the same three functions. Freestanding: no
// libc, so every allocator sees exactly the same calls and nothing else.
//
// Every trace is a generator with a fixed seed, except trace 5, which
// replays a recording of libc++ code (see libcxx/record.cpp) that the
// runner copies into `replay_buffer()` first.
//
// The harness writes the first word of every block it gets, as a
// constructor would, and reads nothing back: the time measured is the
// allocator's work plus one store per allocation, not the latency of
// memory every allocator would wait for alike. (The allocators' own
// correctness is tested elsewhere: rust/heap/tests, make test-heap-wasm.)

typedef unsigned long size_t;
typedef unsigned int u32;
typedef unsigned long long u64;

void *bench_malloc(size_t size);
void bench_free(void *ptr, size_t size);
void *bench_realloc(void *ptr, size_t old_size, size_t new_size);

#define EXPORT(name) __attribute__((export_name(#name)))

static u64 state;
static u64 live, peak_live, ops;

static u32 rnd(void) {  // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return (u32)((state * 0x2545F4914F6CDD1DULL) >> 32);
}

static void *alloc(size_t size) {
  void *p = bench_malloc(size);
  if (!p) __builtin_trap();
  *(volatile u32 *)p = (u32)size;
  live += size;
  if (live > peak_live) peak_live = live;
  ops += 1;
  return p;
}

static void release(void *p, size_t size) {
  bench_free(p, size);
  live -= size;
  ops += 1;
}

static void *grow(void *p, size_t old_size, size_t new_size) {
  void *q = bench_realloc(p, old_size, new_size);
  if (!q) __builtin_trap();
  *(volatile u32 *)q = (u32)new_size;
  live += new_size;
  live -= old_size;
  if (live > peak_live) peak_live = live;
  ops += 1;
  return q;
}

// Slots shared by the traces (static, so they are not allocator memory).
#define SLOTS (1 << 17)
static void *slot[SLOTS];
static u32 slot_size[SLOTS];

// ---- 1. object churn: same-size objects, FIFO then LIFO ------------------
static void object_churn(void) {
  static const u32 sizes[] = {16, 24, 32, 48, 64, 96, 128, 256};
  const u32 window = 32768, lifo = 4096;
  for (u32 k = 0; k < sizeof sizes / sizeof sizes[0]; ++k) {
    u32 s = sizes[k];
    // FIFO: a queue of `window` objects; the oldest is freed for each new one.
    for (u32 i = 0; i < window; ++i) slot[i] = alloc(s);
    for (u32 i = 0; i < 3 * window; ++i) {
      u32 j = i % window;
      release(slot[j], s);
      slot[j] = alloc(s);
    }
    for (u32 i = 0; i < window; ++i) release(slot[i], s);
    // LIFO: batches freed in reverse order of creation.
    for (u32 r = 0; r < 16; ++r) {
      for (u32 i = 0; i < lifo; ++i) slot[i] = alloc(s);
      for (u32 i = lifo; i-- > 0;) release(slot[i], s);
    }
  }
}

// A size log-uniform by octave in [8, 65536): pick one of 13 octaves, then
// uniformly within it.
static u32 log_size(void) {
  u32 base = 8u << (rnd() % 13);
  return base + rnd() % base;
}

// ---- 2. mixed sizes 8 B - 64 KB, random frees ------------------------------
static void mixed_sizes(void) {
  const u32 n = 4096, steps = 1000000;
  for (u32 i = 0; i < n; ++i) slot[i] = 0;
  for (u32 i = 0; i < steps; ++i) {
    u32 j = rnd() % n;
    if (slot[j]) {
      release(slot[j], slot_size[j]);
      slot[j] = 0;
    } else {
      slot_size[j] = log_size();
      slot[j] = alloc(slot_size[j]);
    }
  }
  for (u32 i = 0; i < n; ++i)
    if (slot[i]) release(slot[i], slot_size[i]);
}

// ---- 3. realloc growth: vectors doubling from 16 B to 1 MB ------------------
static void realloc_growth(void) {
  const u32 vectors = 8, steps = 6000;
  for (u32 j = 0; j < vectors; ++j) {
    slot_size[j] = 16;
    slot[j] = alloc(16);
  }
  for (u32 i = 0; i < steps; ++i) {
    u32 j = rnd() % vectors;
    u32 size = slot_size[j];
    if (size == (1u << 20)) {
      release(slot[j], size);
      slot[j] = alloc(16);
      slot_size[j] = 16;
    } else {
      slot[j] = grow(slot[j], size, 2 * size);
      slot_size[j] = 2 * size;
      ((volatile char *)slot[j])[2 * size - 1] = 1;  // the vector's new end
    }
  }
  for (u32 j = 0; j < vectors; ++j) release(slot[j], slot_size[j]);
}

// ---- 4. fragmentation: 100k small, free every other, then larger blocks ----
static void fragmentation(void) {
  static const u32 small[] = {16, 24, 32, 48, 64};
  const u32 n = 100000, larger = 25000;
  for (u32 r = 0; r < 4; ++r) {
    for (u32 i = 0; i < n; ++i) {
      slot_size[i] = small[rnd() % 5];
      slot[i] = alloc(slot_size[i]);
    }
    for (u32 i = 0; i < n; i += 2) release(slot[i], slot_size[i]);
    for (u32 i = 0; i < larger; ++i) {
      u32 j = n + i;
      slot_size[j] = 128 + rnd() % 897;  // 128 B - 1 KB
      slot[j] = alloc(slot_size[j]);
    }
    for (u32 i = 1; i < n; i += 2) release(slot[i], slot_size[i]);
    for (u32 i = 0; i < larger; ++i) release(slot[n + i], slot_size[n + i]);
  }
}

// ---- 5. replay of a recording of libc++ code --------------------------------
// One u32 per event: a size (high bit clear) allocates the next id; an id
// with the high bit set frees it.
#define REPLAY_EVENTS (1 << 22)
#define REPLAY_IDS (1 << 21)
static u32 replay[REPLAY_EVENTS];
static u32 replay_len;
static void *object[REPLAY_IDS];
static u32 object_size[REPLAY_IDS];

EXPORT(replay_buffer) u32 *replay_buffer(u32 events) {
  replay_len = events <= REPLAY_EVENTS ? events : 0;
  return replay;
}

static void libcxx_replay(void) {
  u32 next = 0;
  for (u32 i = 0; i < replay_len; ++i) {
    u32 e = replay[i];
    if (e & 0x80000000u) {
      u32 id = e & 0x7fffffffu;
      release(object[id], object_size[id]);
      object[id] = 0;
    } else {
      if (next >= REPLAY_IDS) __builtin_trap();
      object_size[next] = e;
      object[next++] = alloc(e);
    }
  }
  for (u32 id = 0; id < next; ++id)
    if (object[id]) release(object[id], object_size[id]);
}

// Runs trace `t` (1-5) once; returns the number of allocator calls.
EXPORT(run) double run(u32 t, u32 seed) {
  state = 0x9E3779B97F4A7C15ULL ^ seed;
  live = peak_live = ops = 0;
  switch (t) {
    case 1: object_churn(); break;
    case 2: mixed_sizes(); break;
    case 3: realloc_growth(); break;
    case 4: fragmentation(); break;
    case 5: libcxx_replay(); break;
    default: __builtin_trap();
  }
  return (double)ops;
}

// Highest sum of requested sizes live at once during the last run.
EXPORT(peak_live_bytes) double peak_live_bytes(void) { return (double)peak_live; }
