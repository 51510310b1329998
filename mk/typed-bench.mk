# `make bench-typed`: per-call cost of typed methods (objects, strings)
# against raw export calls doing the same work. A benchmark, not a test.
.PHONY: bench-typed
bench-typed: $(EXAMPLE_WASM)
	$(NODE) bench/typed-calls.mjs
