# mk/cycles.mk: `make bench-cycles`, the JS-callback cycle across the
# boundary counted per peer. Included by the
# top-level Makefile (its EXAMPLE_WASM is weakbind's side: EventSource in
# cpp/examples/events.cpp); builds the peers' versions from bench/cycles/
# under build/bench/cycles/, then runs bench/cycles/run.mjs, which prints the
# table and writes bench/results/cycles.json.
#   make bench-cycles                              10,000 objects per peer
#   make bench-cycles CYCLES_FLAGS="--count 50000"
# Not part of `make test`.

NODE ?= node
CARGO ?= cargo
EMCC ?= emcc
CYCLES_FLAGS ?=
CYCLES_OUT := build/bench/cycles

# wasm-bindgen-cli must be the crate's exact version; mk/bench.mk holds the
# rule that installs it into ~/.cargo/bin when missing.
WASM_BINDGEN_VERSION ?= 0.2.130
WASM_BINDGEN ?= $(HOME)/.cargo/bin/wasm-bindgen
CYCLES_CARGO_TARGET := $(or $(CARGO_TARGET_DIR),target)
CYCLES_WB_CRATE_WASM := $(CYCLES_CARGO_TARGET)/wasm32-unknown-unknown/release/weakbind_bench_cycles_wasm_bindgen.wasm

CYCLES_PEER_FILES := $(CYCLES_OUT)/embind/cycles.js $(CYCLES_OUT)/wasm-bindgen/cycles.js

.PHONY: bench-cycles bench-cycles-peers
bench-cycles: bench-deps
	$(MAKE) bench-cycles-peers $(EXAMPLE_WASM)
	$(NODE) bench/cycles/run.mjs $(CYCLES_FLAGS)

bench-cycles-peers: $(CYCLES_PEER_FILES)

# embind (Debian's emscripten 3.1.6, which needs NODE_PATH to run), built as
# mk/bench.mk builds its peers: the web build, which node runs when handed
# wasmBinary; CommonJS output, so a package.json beside it says so.
CYCLES_EMBIND_FLAGS := -O3 --bind -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 \
	-sEXPORT_NAME=createModule -sENVIRONMENT=web
$(CYCLES_OUT)/embind/cycles.js: bench/cycles/embind/cycles.cpp
	@mkdir -p $(@D)
	NODE_PATH=/usr/share/nodejs $(EMCC) $(CYCLES_EMBIND_FLAGS) -o $@ $<
	echo '{ "type": "commonjs" }' > $(@D)/package.json

# wasm-bindgen: the crate, then the CLI's JS with weak references on.
$(CYCLES_WB_CRATE_WASM): bench/cycles/wasm-bindgen/Cargo.toml bench/cycles/wasm-bindgen/src/lib.rs
	$(CARGO) build --release --target wasm32-unknown-unknown -p weakbind-bench-cycles-wasm-bindgen

$(CYCLES_OUT)/wasm-bindgen/cycles.js: $(CYCLES_WB_CRATE_WASM) | $(WASM_BINDGEN)
	@$(WASM_BINDGEN) --version | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || \
		{ echo "$(WASM_BINDGEN) is not wasm-bindgen $(WASM_BINDGEN_VERSION)"; exit 1; }
	$(WASM_BINDGEN) --target web --weak-refs --out-dir $(@D) --out-name cycles $<
