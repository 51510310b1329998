# mk/fuzz.mk: the randomized differential test of the JS API
# (tests/fuzz). Included by the top-level Makefile, whose NODE it uses.
#   make fuzz-js    FUZZ_OPS (10 M) operations in segments of 100,000 from
#                   FUZZ_SEED (default: from the clock), all three
#                   configurations; reports each distinct failure with its
#                   seed, step and the operations before it, shrunk.
#                   FUZZ_UNSAFE=1 also draws what tests/fuzz/known-unsafe.mjs
#                   gates; FUZZ_FLAGS passes more (--config, --segment, …).
# `make test-node` runs 100,000 of them from fixed seeds
# (tests/node/fuzz-js.test.mjs), and `make test-checked` again on the
# checked heap.

FUZZ_OPS    ?= 10000000
FUZZ_SEED   ?=
FUZZ_UNSAFE ?=
FUZZ_FLAGS  ?=

.PHONY: fuzz-js

fuzz-js: fixtures mixed
	$(NODE) --expose-gc tests/fuzz/run.mjs --ops $(FUZZ_OPS) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED)) \
	  $(if $(filter 1,$(FUZZ_UNSAFE)),--unsafe) $(FUZZ_FLAGS)
