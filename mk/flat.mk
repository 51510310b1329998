# mk/flat.mk: flat values under attack. Included by the Makefile, whose
# BUILD, CLANGXX, WASM_LDFLAGS, wasm_exports and LIB_A it uses, and beside
# mk/reliability.mk's rule for tests/fixtures/*.o.
#   build/fixtures/flat.wasm   tests/fixtures/flat.cpp, loaded by
#                              tests/node/attack-flat-values.test.mjs

FLAT_WASM := $(BUILD)/fixtures/flat.wasm

test-node: $(FLAT_WASM)

$(FLAT_WASM): $(BUILD)/fixtures/flat.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@
