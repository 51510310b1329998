# mk/mixed.mk: mixed Rust/C++ builds. Included by the Makefile,
# whose CARGO, NODE, BUILD, WASM_TARGET and install rule it uses.
#   make test-mixed    examples/mixed built by cargo into one module, and
#                      its node test (tests/node/mixed.test.mjs); the
#                      weakbind-build crate's own tests (compile errors,
#                      bindgen errors, missing packages)
#   make test-install  an out-of-tree C++ project (tests/install) built with
#                      its own Makefile (weakbind-config, pkg-config) and
#                      with CMake against `make install PREFIX=<tmp>`
#   make test-wasm     the runtime's and the example's Rust tests inside
#                      wasm, in node (wasm-bindgen-test-runner; the CLI is
#                      installed on first use, about 4 minutes, by mk/bench.mk's
#                      rule)
# test-node also runs mixed.test.mjs, so it depends on the mixed module.
# (cargo test for wasm32 is not --quiet: cargo would hand the flag to the
# runner, which refuses it.)

CARGO ?= cargo
NODE  ?= node

MIXED_CARGO_WASM = $(or $(CARGO_TARGET_DIR),target)/$(WASM_TARGET)/release/weakbind_example_mixed.wasm
MIXED_WASM := $(BUILD)/mixed/mixed.wasm
INSTALL_TEST := $(BUILD)/install-test

# wasm-bindgen-cli, pinned to Cargo.lock's wasm-bindgen; mk/bench.mk holds
# the version and the rule that installs it. The runner ships with it.
WASM_BINDGEN ?= $(HOME)/.cargo/bin/wasm-bindgen
WASM_BINDGEN_TEST_RUNNER = $(dir $(WASM_BINDGEN))wasm-bindgen-test-runner
# The runner `require`s each import module of the test by name: the shims
# in tests/wasm/shim supply `weakbind` and `wasi_snapshot_preview1` from
# the loader's own modules (ES modules, hence require(esm)).
WASM_TEST_ENV = NODE_PATH=$(CURDIR)/tests/wasm/shim \
  NODE_OPTIONS="--experimental-require-module --disable-warning=ExperimentalWarning" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(WASM_BINDGEN_TEST_RUNNER)

.PHONY: test-mixed test-install test-wasm mixed

mixed: $(MIXED_WASM)

# cargo decides what is stale; the copy is what tests and pages load.
$(MIXED_WASM): FORCE
	$(CARGO) build --quiet --release --target $(WASM_TARGET) -p weakbind-example-mixed
	@mkdir -p $(@D)
	cp $(MIXED_CARGO_WASM) $@

test-node: $(MIXED_WASM)

test-mixed: $(MIXED_WASM)
	$(NODE) --expose-gc --test tests/node/mixed.test.mjs
	$(CARGO) test --quiet -p weakbind-build

test-install:
	./scripts/install-deps.sh cmake pkgconf
	rm -rf $(INSTALL_TEST)
	$(MAKE) --no-print-directory install PREFIX=$(abspath $(INSTALL_TEST)/prefix)
	$(MAKE) --no-print-directory -C tests/install WEAKBIND_PREFIX=$(abspath $(INSTALL_TEST)/prefix) OUT=$(abspath $(INSTALL_TEST)/out)
	cmake -S tests/install/cmake -B $(INSTALL_TEST)/out/cmake -DCMAKE_PREFIX_PATH=$(abspath $(INSTALL_TEST)/prefix) -DCMAKE_CXX_COMPILER=$(CLANGXX) >/dev/null
	cmake --build $(INSTALL_TEST)/out/cmake
	WEAKBIND_INSTALL_OUT=$(abspath $(INSTALL_TEST)/out) WEAKBIND_INSTALL_PREFIX=$(abspath $(INSTALL_TEST)/prefix) \
	  $(NODE) --expose-gc --test tests/install/

test-wasm: | $(WASM_BINDGEN)
	@$(WASM_BINDGEN) --version | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || \
		{ echo "$(WASM_BINDGEN) is not wasm-bindgen $(WASM_BINDGEN_VERSION) (Cargo.lock's)"; exit 1; }
	$(WASM_TEST_ENV) $(CARGO) test --target $(WASM_TARGET) -p weakbind -p weakbind-example-mixed --test wasm
