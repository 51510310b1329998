# mk/bind.mk: binding the C++ people already have (issue 18, docs/BINDING.md).
# Included by the top-level Makefile, whose BUILD, CLANGXX, WASM_CXXFLAGS,
# WASM_LDFLAGS, wasm_exports, HEADERS and LIB_A it uses.
#   make bind-fixtures   build/fixtures/bind.wasm (tests/fixtures/bind.cpp),
#                        loaded by tests/node/bind*.test.mjs

BIND_WASM := $(BUILD)/fixtures/bind.wasm

.PHONY: bind-fixtures

bind-fixtures: $(BIND_WASM)

# The node suite loads it.
test-node: bind-fixtures

$(BIND_WASM): $(BUILD)/fixtures/bind.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@
