// A no-op allocator behind the harness's three functions: every block is
// the same static megabyte and nothing is freed. Its figures are what the
// harness costs on its own (the replay loop, the calls, the stores into
// each block); no allocator can be faster than this in the same harness.
typedef unsigned long size_t;
static char block[1 << 20] __attribute__((aligned(64)));

void *bench_malloc(size_t size) { (void)size; return block; }
void bench_free(void *ptr, size_t size) { (void)ptr; (void)size; }
void *bench_realloc(void *ptr, size_t old_size, size_t new_size) {
  (void)ptr; (void)old_size; (void)new_size;
  return block;
}
