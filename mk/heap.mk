# mk/heap.mk: the allocator (rust/heap). Included by the Makefile.
#   make test-heap        host tests of weakbind-heap, plain and checked
#                         (property tests, model tests, checked mode)
#   make test-heap-wasm   the same heap inside wasm, run by node
#   make fuzz             10 M+ random operations against the model
#                         (FUZZ_OPS=…); `cargo fuzz` target in rust/heap/fuzz
#   make bench-alloc      weakbind, dlmalloc, talc and wasi-libc's malloc in
#                         one harness, beside a no-op allocator (the
#                         harness's own cost): table + bench/results/alloc.json
#                         (BENCH_ALLOC_FLAGS=--quick for a smoke run)
#   CHECKED=1             builds the heap with its `checked` feature (double
#                         free, foreign pointers, metadata overruns abort
#                         with a message) wherever this fragment builds it;
#                         the Makefile passes $(HEAP_FEATURES) to the runtime.
# Benchmarks are never part of `make test`.

CARGO   ?= cargo
NODE    ?= node
CLANG   ?= clang-19
CLANGXX ?= clang++-19
WASM_LD ?= wasm-ld-19

CHECKED ?=
HEAP_FEATURES := $(if $(filter 1,$(CHECKED)),--features weakbind-heap/checked,)
FUZZ_OPS ?= 10000000
BENCH_ALLOC_FLAGS ?=

HEAP_OUT   := build/bench/alloc
HEAP_SHIM  := bench/alloc/shim
# The shim is its own cargo workspace; each allocator gets its own target
# directory so switching features never rebuilds the others.
HEAP_SHIM_TARGET = $(or $(CARGO_TARGET_DIR),target)/bench-alloc
HEAP_SHIM_A = $(HEAP_SHIM_TARGET)/$(1)/wasm32-unknown-unknown/release/libweakbind_bench_alloc_shim.a
HEAP_LDFLAGS := --no-entry -z stack-size=65536
HEAP_RUST_ALLOCS := weakbind dlmalloc talc weakbind_checked weakbind_unwatched
HEAP_BENCH_WASM := $(addprefix $(HEAP_OUT)/,$(addsuffix .wasm,$(HEAP_RUST_ALLOCS) wasi_libc noop baseline weakbind_api))
# Every C and C++ entry point of weakbind-heap, for the whole API's size.
HEAP_API := malloc free calloc realloc aligned_alloc posix_memalign malloc_usable_size \
  _Znwm _Znam _ZdlPv _ZdaPv _ZdlPvm _ZdaPvm _ZnwmSt11align_val_t _ZnamSt11align_val_t \
  _ZdlPvSt11align_val_t _ZdaPvSt11align_val_t _ZdlPvmSt11align_val_t _ZdaPvmSt11align_val_t \
  _ZnwmRKSt9nothrow_t _ZnamRKSt9nothrow_t _ZnwmSt11align_val_tRKSt9nothrow_t \
  _ZnamSt11align_val_tRKSt9nothrow_t _ZdlPvRKSt9nothrow_t _ZdaPvRKSt9nothrow_t \
  _ZdlPvSt11align_val_tRKSt9nothrow_t _ZdaPvSt11align_val_tRKSt9nothrow_t

.PHONY: test-heap test-heap-wasm fuzz bench-alloc bench-alloc-build

test-heap:
	$(CARGO) test --quiet --release -p weakbind-heap
	$(CARGO) test --quiet --release -p weakbind-heap --features checked

fuzz:
	WEAKBIND_FUZZ_OPS=$(FUZZ_OPS) $(CARGO) test --quiet --release -p weakbind-heap --test fuzz -- --ignored --nocapture
	WEAKBIND_FUZZ_OPS=$$(( $(FUZZ_OPS) / 4 )) $(CARGO) test --quiet --release -p weakbind-heap --features checked --test fuzz -- --ignored --nocapture

# ---- the heap inside wasm ----------------------------------------------------
HEAP_WASM_TEST := $(HEAP_OUT)/heap-test.wasm
test-heap-wasm: $(HEAP_WASM_TEST)
	$(NODE) rust/heap/wasm-test/run.mjs $(HEAP_WASM_TEST)

$(HEAP_WASM_TEST): FORCE
	@mkdir -p $(dir $@)
	cd rust/heap/wasm-test && $(CARGO) build --quiet --release --target wasm32-unknown-unknown \
	  --target-dir $(abspath $(HEAP_SHIM_TARGET))/wasm-test $(if $(filter 1,$(CHECKED)),--features checked,)
	cp $(HEAP_SHIM_TARGET)/wasm-test/wasm32-unknown-unknown/release/weakbind_heap_wasm_test.wasm $@

# ---- the allocator benchmark -------------------------------------------------
bench-alloc: deps
	$(MAKE) bench-alloc-build $(HEAP_OUT)/libcxx-trace.bin
	$(NODE) bench/alloc/run.mjs --dir $(HEAP_OUT) $(BENCH_ALLOC_FLAGS)

bench-alloc-build: $(HEAP_BENCH_WASM)

$(HEAP_OUT)/harness.o: bench/alloc/harness.c
	@mkdir -p $(dir $@)
	$(CLANG) --target=wasm32 -O2 -ffreestanding -nostdlib -c $< -o $@

$(HEAP_OUT)/shim_libc.o: bench/alloc/shim_libc.c
	@mkdir -p $(dir $@)
	$(CLANG) --target=wasm32-wasi -O2 -c $< -o $@

$(HEAP_OUT)/noop.o: bench/alloc/noop.c
	@mkdir -p $(dir $@)
	$(CLANG) --target=wasm32 -O2 -ffreestanding -nostdlib -c $< -o $@

# The Rust allocators: cargo decides what is stale.
$(addprefix $(HEAP_OUT)/,$(addsuffix .wasm,$(HEAP_RUST_ALLOCS))): $(HEAP_OUT)/%.wasm: $(HEAP_OUT)/harness.o FORCE
	cd $(HEAP_SHIM) && $(CARGO) build --quiet --release --target wasm32-unknown-unknown \
	  --features $(patsubst weakbind_%,%,$*) --target-dir $(abspath $(HEAP_SHIM_TARGET))/$*
	$(WASM_LD) $(HEAP_LDFLAGS) $< $(call HEAP_SHIM_A,$*) -o $@

$(HEAP_OUT)/wasi_libc.wasm: $(HEAP_OUT)/harness.o $(HEAP_OUT)/shim_libc.o
	$(WASM_LD) $(HEAP_LDFLAGS) $^ /usr/lib/wasm32-wasi/libc.a -o $@

# The harness with a no-op allocator: what the harness itself costs.
$(HEAP_OUT)/noop.wasm: $(HEAP_OUT)/harness.o $(HEAP_OUT)/noop.o
	$(WASM_LD) $(HEAP_LDFLAGS) $^ -o $@

# The whole C/C++ API and nothing else: its code section is the size of
# everything weakbind-heap can add to a C++ module.
$(HEAP_OUT)/weakbind_api.wasm: $(HEAP_OUT)/weakbind.wasm
	$(WASM_LD) --no-entry $(addprefix --export=,$(HEAP_API)) $(call HEAP_SHIM_A,weakbind) -o $@

# The harness alone, allocator calls left as imports: the code-size baseline.
$(HEAP_OUT)/baseline.wasm: $(HEAP_OUT)/harness.o
	$(WASM_LD) $(HEAP_LDFLAGS) --allow-undefined $< -o $@

# Trace 5: the allocations of the libc++ example, recorded once.
$(HEAP_OUT)/record.wasm: bench/alloc/libcxx/record.cpp
	@mkdir -p $(dir $@)
	$(CLANGXX) --target=wasm32-wasi -O2 -fno-exceptions -std=c++17 -mexec-model=reactor $< -o $@

$(HEAP_OUT)/libcxx-trace.bin: $(HEAP_OUT)/record.wasm bench/alloc/libcxx/record.mjs
	$(NODE) bench/alloc/libcxx/record.mjs $< $@ 20 1000

FORCE:
