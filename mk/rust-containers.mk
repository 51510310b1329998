# mk/rust-containers.mk: Rust optionals, maps, arrays of strings, values
# and objects, and borrowed views (docs/BINDING.md). Included by the
# Makefile, whose BUILD, CARGO and WASM_TARGET it uses, and after
# mk/reliability.mk's FIXTURES_TARGET, CHECKED_ROOT and test-checked.
#   build/fixtures/rust-containers.wasm   tests/fixtures/rust-containers
#                                         (its own workspace, by cargo),
#                                         loaded by
#                                         tests/node/bind-rust-containers.test.mjs
#                                         and bind-rust-objects.test.mjs

RUST_CONTAINERS_WASM  := $(BUILD)/fixtures/rust-containers.wasm
RUST_CONTAINERS_CARGO  = $(CARGO) build --quiet --release --target $(WASM_TARGET) \
                         --manifest-path tests/fixtures/rust-containers/Cargo.toml
RUST_CONTAINERS_TARGET = $(or $(CARGO_TARGET_DIR),target)/fixtures

test-node: $(RUST_CONTAINERS_WASM)

# cargo decides what is stale.
$(RUST_CONTAINERS_WASM): FORCE
	$(RUST_CONTAINERS_CARGO) --target-dir $(RUST_CONTAINERS_TARGET)
	@mkdir -p $(dir $@)
	cp $(RUST_CONTAINERS_TARGET)/$(WASM_TARGET)/release/weakbind_fixture_containers.wasm $@

# The node suite under the checked heap (mk/reliability.mk) loads it too.
test-checked: $(BUILD)/checked/build/fixtures/rust-containers.wasm

$(BUILD)/checked/build/fixtures/rust-containers.wasm: FORCE
	$(RUST_CONTAINERS_CARGO) --features weakbind-heap/checked --target-dir $(RUST_CONTAINERS_TARGET)/checked
	@mkdir -p $(dir $@)
	cp $(RUST_CONTAINERS_TARGET)/checked/$(WASM_TARGET)/release/weakbind_fixture_containers.wasm $@
