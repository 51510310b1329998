# Loader benchmarks beside the peers run. `make bench-typed`: per-call cost of typed methods (objects, strings)
# against raw export calls doing the same work. A benchmark, not a test.
.PHONY: bench-typed
bench-typed: $(EXAMPLE_WASM)
	$(NODE) bench/typed-calls.mjs

# `make bench-scope`: workload 3's synchronous loop with m.scope(), beside
# the plain loop and the raw manual floor.
.PHONY: bench-scope
bench-scope: $(BENCH_OUT)/weakbind/bench.wasm
	$(NODE) bench/scope-sync.mjs
