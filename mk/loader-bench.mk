# Loader benchmarks beside the peers run. `make bench-typed`: per-call cost of typed methods (objects, strings)
# against raw export calls doing the same work. A benchmark, not a test.
.PHONY: bench-typed
bench-typed: deps
	$(MAKE) $(EXAMPLE_WASM)
	$(NODE) bench/typed-calls.mjs

# `make bench-scope`: workload 3's synchronous loop with m.scope(), beside
# the plain loop and the raw manual floor.
.PHONY: bench-scope
bench-scope: deps
	$(MAKE) $(BENCH_OUT)/weakbind/bench.wasm
	$(NODE) bench/scope-sync.mjs

# `make bench-churn-parts`: workload 2's MyClass churn taken apart (raw, a
# plain wrapper, the loader's class in scopes, the loader as it ships, and
# the cold release alone), ns per object.
.PHONY: bench-churn-parts
bench-churn-parts: deps
	$(MAKE) $(BENCH_OUT)/weakbind/bench.wasm
	$(NODE) bench/churn-parts.mjs
