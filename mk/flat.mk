# mk/flat.mk: flat values under attack. Included by the Makefile, whose
# BUILD, CLANGXX, WASM_LDFLAGS, wasm_exports and LIB_A it uses, and beside
# mk/reliability.mk's rule for tests/fixtures/*.o.
#   build/fixtures/flat.wasm   tests/fixtures/flat.cpp, arena-arrays.cpp, loaded by
#                              tests/node/attack-flat-values.test.mjs and
#                              attack-arena-arrays.test.mjs

FLAT_WASM := $(BUILD)/fixtures/flat.wasm

test-node: $(FLAT_WASM)

$(FLAT_WASM): $(BUILD)/fixtures/flat.o $(BUILD)/fixtures/arena-arrays.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# The checked-heap run of the node suite (mk/reliability.mk, test-checked)
# reads the module from its copy of the tree. (The checked archive's path
# is spelled out, as in mk/bind.mk: reliability.mk is read after this file.)
FLAT_CHECKED_A := $(or $(CARGO_TARGET_DIR),target)/reliability-checked/$(WASM_TARGET)/release/libweakbind_static.a

test-checked: $(BUILD)/checked/build/fixtures/flat.wasm

$(BUILD)/checked/build/fixtures/flat.wasm: $(BUILD)/fixtures/flat.o $(BUILD)/fixtures/arena-arrays.o $(FLAT_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@
