# mk/reliability.mk: faults, bad input and load (docs/RELIABILITY.md).
# Included by the top-level Makefile, whose BUILD, CLANGXX, CARGO, NODE,
# WASM_TARGET, WASM_CXXFLAGS, WASM_LDFLAGS, wasm_exports, EXAMPLES, HEADERS
# and LIB_A it uses.
#   make fixtures        build/fixtures/: faults.wasm (tests/fixtures/faults.cpp
#                        linked with the examples), faults-small.wasm (the
#                        same, memory capped at FAULTS_SMALL_MAX bytes) and
#                        rust-panic.wasm (tests/fixtures/rust-panic, by cargo)
#   make test-checked    the whole node suite against modules whose heap is
#                        the allocator's checked mode; fails on any report
#   make soak            10 M objects of mixed classes in node (SOAK_FLAGS=
#                        "--objects N --release sweep --json FILE")
#   make soak-browser    the same soak in chromium for SOAK_SECONDS seconds
# The reliability tests are tests/node/reliability-*.test.mjs, run by
# `make test-node` (which builds the fixtures first). Soaks are never part
# of `make test`; a shortened soak is one of those tests.

FIXTURES          := $(BUILD)/fixtures
FAULTS_WASM       := $(FIXTURES)/faults.wasm
FAULTS_SMALL_WASM := $(FIXTURES)/faults-small.wasm
FAULTS_SMALL_MAX  ?= 4194304
# A Rust class that panics (tests/fixtures/rust-panic, its own workspace).
RUST_PANIC_WASM   := $(FIXTURES)/rust-panic.wasm
FIXTURES_TARGET   := $(or $(CARGO_TARGET_DIR),target)/fixtures
RUST_PANIC_CARGO   = $(CARGO) build --quiet --release --target $(WASM_TARGET) \
                     --manifest-path tests/fixtures/rust-panic/Cargo.toml
SOAK_FLAGS        ?=
SOAK_SECONDS      ?= 180
CHROMIUM          ?= /usr/bin/chromium

# The fixture module holds the examples too: one module, one heap, mixed
# classes for the soak, and the Keeper can retain the examples' Nodes.
FAULTS_OBJS := $(EXAMPLES:%=$(BUILD)/obj/%.o) $(FIXTURES)/faults.o $(FIXTURES)/attacks.o

.PHONY: fixtures test-checked soak soak-browser

fixtures: $(FAULTS_WASM) $(FAULTS_SMALL_WASM) $(RUST_PANIC_WASM)

# The node suite loads the fixtures.
test-node: fixtures

$(FIXTURES)/%.o: tests/fixtures/%.cpp $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_CXXFLAGS) -c $< -o $@

$(FAULTS_WASM): $(FAULTS_OBJS) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

$(FAULTS_SMALL_WASM): $(FAULTS_OBJS) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) -Wl,--max-memory=$(FAULTS_SMALL_MAX) $(call wasm_exports,$^) $^ -o $@

# cargo decides what is stale.
$(RUST_PANIC_WASM): FORCE
	$(RUST_PANIC_CARGO) --target-dir $(FIXTURES_TARGET)
	@mkdir -p $(dir $@)
	cp $(FIXTURES_TARGET)/$(WASM_TARGET)/release/weakbind_fixture_panic.wasm $@

# ---- the checked allocator under the node suite -----------------------------
# The same objects linked with the runtime built with weakbind-heap's
# `checked` feature (its own cargo target dir, so the normal build stays
# as it is). The suite runs from a copy under build/checked/, where its
# relative paths (../../build/…, ../../js/…) reach the checked modules; a
# preload records every report the checked heap makes through the abort
# import and fails the run if there was one, even one swallowed by a
# finalizer. First, a sanity run proves the build is checked at all.
CHECKED_ROOT   := $(BUILD)/checked
CHECKED_TARGET := $(or $(CARGO_TARGET_DIR),target)/reliability-checked
CHECKED_A      := $(CHECKED_TARGET)/$(WASM_TARGET)/release/libweakbind_static.a
CHECKED_WASM   := $(CHECKED_ROOT)/build/examples/examples.wasm \
                  $(CHECKED_ROOT)/build/fixtures/faults.wasm \
                  $(CHECKED_ROOT)/build/fixtures/faults-small.wasm \
                  $(CHECKED_ROOT)/build/fixtures/rust-panic.wasm \
                  $(CHECKED_ROOT)/build/mixed/mixed.wasm

# weakbind-heap is selected too, so `--features weakbind-heap/checked` is
# accepted; the feature then holds for the one heap the staticlib links.
$(CHECKED_A): FORCE
	$(CARGO) build --quiet --release -p weakbind-staticlib -p weakbind-heap --target $(WASM_TARGET) \
	  --features weakbind-heap/checked --target-dir $(CHECKED_TARGET)

$(CHECKED_ROOT)/build/examples/examples.wasm: $(EXAMPLES:%=$(BUILD)/obj/%.o) $(CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

$(CHECKED_ROOT)/build/fixtures/faults.wasm: $(FAULTS_OBJS) $(CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

$(CHECKED_ROOT)/build/fixtures/faults-small.wasm: $(FAULTS_OBJS) $(CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) -Wl,--max-memory=$(FAULTS_SMALL_MAX) $(call wasm_exports,$^) $^ -o $@

$(CHECKED_ROOT)/build/fixtures/rust-panic.wasm: FORCE
	$(RUST_PANIC_CARGO) --features weakbind-heap/checked --target-dir $(FIXTURES_TARGET)/checked
	@mkdir -p $(dir $@)
	cp $(FIXTURES_TARGET)/checked/$(WASM_TARGET)/release/weakbind_fixture_panic.wasm $@

# The mixed example (mk/mixed.mk), its heap checked too.
$(CHECKED_ROOT)/build/mixed/mixed.wasm: FORCE
	$(CARGO) build --quiet --release --target $(WASM_TARGET) -p weakbind-example-mixed -p weakbind-heap \
	  --features weakbind-heap/checked --target-dir $(CHECKED_TARGET)
	@mkdir -p $(dir $@)
	cp $(CHECKED_TARGET)/$(WASM_TARGET)/release/weakbind_example_mixed.wasm $@

test-checked: $(CHECKED_WASM)
	$(NODE) tests/node/reliability-checked.mjs sanity $(CHECKED_ROOT)/build/fixtures/faults.wasm
	rm -rf $(CHECKED_ROOT)/js $(CHECKED_ROOT)/tests $(CHECKED_ROOT)/bench
	mkdir -p $(CHECKED_ROOT)/bench
	cp -r js tests $(CHECKED_ROOT)/
	cp bench/soak.mjs $(CHECKED_ROOT)/bench/
	# bench-values checks the bench's workloads over the bench's own modules,
	# built without the checked heap; test-node runs it.
	rm $(CHECKED_ROOT)/tests/node/bench-values.test.mjs
	WEAKBIND_CHECKED=1 $(NODE) --expose-gc --import ./$(CHECKED_ROOT)/tests/node/reliability-checked.mjs \
	  --test $(CHECKED_ROOT)/tests/node/

# ---- soak ---------------------------------------------------------------------

soak: deps
	$(MAKE) $(FAULTS_WASM)
	$(NODE) --expose-gc bench/soak.mjs $(SOAK_FLAGS)

soak-browser: $(FAULTS_WASM)
	CHROMIUM=$(CHROMIUM) $(NODE) bench/soak-browser.mjs --seconds $(SOAK_SECONDS) $(SOAK_FLAGS)
