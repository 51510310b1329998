# Loader benchmarks beside the peers run. `make bench-typed`: per-call cost
# of typed bindings, each (peer, workload) in fresh node processes: methods
# with objects and strings against raw export calls doing the same work, and
# values, arrays, enums and a JS-implemented interface beside embind
# (bench/README.md). Writes bench/results/typed.json. A benchmark, not a test.
#   make bench-typed BENCH_TYPED_FLAGS="--runs 5"
BENCH_TYPED_FLAGS ?=
BENCH_VALUES_FILES := $(BENCH_OUT)/weakbind/typed-values.wasm $(BENCH_OUT)/embind/typed-values.js

.PHONY: bench-typed
bench-typed: deps bench-deps
	$(MAKE) $(EXAMPLE_WASM) $(BENCH_VALUES_FILES)
	$(NODE) bench/typed-calls.mjs $(BENCH_TYPED_FLAGS)

$(BENCH_OUT)/weakbind/typed-values.o: bench/peers/weakbind/typed-values.cpp bench/peers/values.hpp $(HEADERS)
	@mkdir -p $(@D)
	$(CLANGXX) $(WASM_CXXFLAGS) -c $< -o $@

$(BENCH_OUT)/weakbind/typed-values.wasm: $(BENCH_OUT)/weakbind/typed-values.o $(LIB_A)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# Built by mk/bench.mk's embind rule, from bench/peers/embind/typed-values.cpp.
$(BENCH_OUT)/embind/typed-values.js: bench/peers/values.hpp

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

# The value workloads' results checked for every peer, nothing timed (the
# raw and weakbind peers are also checked by tests/node/bench-values.test.mjs).
.PHONY: bench-typed-check
bench-typed-check: deps bench-deps
	$(MAKE) $(EXAMPLE_WASM) $(BENCH_VALUES_FILES)
	$(NODE) bench/typed-calls.mjs --check

test-node: $(BENCH_OUT)/weakbind/typed-values.wasm
