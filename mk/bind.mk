# mk/bind.mk: binding the C++ people already have (docs/BINDING.md).
# Included by the top-level Makefile, whose BUILD, CLANGXX, WASM_CXXFLAGS,
# WASM_LDFLAGS, wasm_exports, HEADERS and LIB_A it uses.
#   make bind-fixtures   build/fixtures/bind.wasm (tests/fixtures/bind.cpp, values.cpp, containers.cpp, names.cpp, nested.cpp, deep.cpp, bytes.cpp) and
#                        interfaces.wasm (tests/fixtures/interfaces.cpp, interfaces-wide.cpp, callbacks-wide.cpp),
#                        loaded by tests/node/bind*.test.mjs

BIND_WASM := $(BUILD)/fixtures/bind.wasm

.PHONY: bind-fixtures

bind-fixtures: $(BIND_WASM)

# The node suite loads it.
test-node: bind-fixtures

$(BIND_WASM): $(BUILD)/fixtures/bind.o $(BUILD)/fixtures/values.o $(BUILD)/fixtures/containers.o $(BUILD)/fixtures/names.o $(BUILD)/fixtures/nested.o $(BUILD)/fixtures/deep.o $(BUILD)/fixtures/bytes.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# The checked-heap run of the node suite (mk/reliability.mk, test-checked)
# reads the module from its copy of the tree. (The checked archive's path
# is spelled out: reliability.mk, which names it, is read after this file.)
BIND_CHECKED_A := $(or $(CARGO_TARGET_DIR),target)/reliability-checked/$(WASM_TARGET)/release/libweakbind_static.a

test-checked: $(BUILD)/checked/build/fixtures/bind.wasm

$(BUILD)/checked/build/fixtures/bind.wasm: $(BUILD)/fixtures/bind.o $(BUILD)/fixtures/values.o $(BUILD)/fixtures/containers.o $(BUILD)/fixtures/names.o $(BUILD)/fixtures/nested.o $(BUILD)/fixtures/deep.o $(BUILD)/fixtures/bytes.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# C++ interfaces implemented in JS (weakbind/interfaces.hpp):
# build/fixtures/interfaces.wasm, loaded by tests/node/bind-interfaces.test.mjs.
INTERFACES_WASM := $(BUILD)/fixtures/interfaces.wasm

bind-fixtures: $(INTERFACES_WASM)

$(INTERFACES_WASM): $(BUILD)/fixtures/interfaces.o $(BUILD)/fixtures/interfaces-wide.o $(BUILD)/fixtures/callbacks-wide.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

test-checked: $(BUILD)/checked/build/fixtures/interfaces.wasm

$(BUILD)/checked/build/fixtures/interfaces.wasm: $(BUILD)/fixtures/interfaces.o $(BUILD)/fixtures/interfaces-wide.o $(BUILD)/fixtures/callbacks-wide.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# Object results by value (own(C) of a C or of an expression C converts
# from): build/fixtures/results.wasm, loaded by tests/node/bind-results.test.mjs.
RESULTS_WASM := $(BUILD)/fixtures/results.wasm

bind-fixtures: $(RESULTS_WASM)

$(RESULTS_WASM): $(BUILD)/fixtures/results.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# Identity of the classes wasm hands back, and none for the rest
# (js/returned.mjs): build/fixtures/returned.wasm, loaded by
# tests/node/identity-returned.test.mjs.
RETURNED_WASM := $(BUILD)/fixtures/returned.wasm

bind-fixtures: $(RETURNED_WASM)

$(RETURNED_WASM): $(BUILD)/fixtures/returned.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# The same in a module whose metadata passes JS values: every class findable.
RETURNED_VALUES_WASM := $(BUILD)/fixtures/returned-values.wasm

bind-fixtures: $(RETURNED_VALUES_WASM)

$(RETURNED_VALUES_WASM): $(BUILD)/fixtures/returned-values.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

test-checked: $(BUILD)/checked/build/fixtures/results.wasm

$(BUILD)/checked/build/fixtures/results.wasm: $(BUILD)/fixtures/results.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

test-checked: $(BUILD)/checked/build/fixtures/returned.wasm

$(BUILD)/checked/build/fixtures/returned.wasm: $(BUILD)/fixtures/returned.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

test-checked: $(BUILD)/checked/build/fixtures/returned-values.wasm

$(BUILD)/checked/build/fixtures/returned-values.wasm: $(BUILD)/fixtures/returned-values.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# Borrowed views of numbers (weakbind/views.hpp): build/fixtures/views.wasm,
# loaded by tests/node/bind-views.test.mjs.
VIEWS_WASM := $(BUILD)/fixtures/views.wasm

bind-fixtures: $(VIEWS_WASM)

$(VIEWS_WASM): $(BUILD)/fixtures/views.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

test-checked: $(BUILD)/checked/build/fixtures/views.wasm

$(BUILD)/checked/build/fixtures/views.wasm: $(BUILD)/fixtures/views.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@
