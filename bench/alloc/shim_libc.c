// wasi-libc's malloc behind the harness's three functions.
typedef unsigned long size_t;
void *malloc(size_t size);
void free(void *ptr);
void *realloc(void *ptr, size_t size);

void *bench_malloc(size_t size) { return malloc(size); }
void bench_free(void *ptr, size_t size) { (void)size; free(ptr); }
void *bench_realloc(void *ptr, size_t old_size, size_t new_size) {
  (void)old_size;
  return realloc(ptr, new_size);
}
