# mk/bench.mk: `make bench`, weakbind measured beside its peers.
# Included by the top-level Makefile, whose CLANGXX, WASM_CXXFLAGS,
# WASM_LDFLAGS, wasm_exports, HEADERS and LIB_A it uses. Builds every peer under build/bench/
# from bench/peers/, then runs bench/run-peers.mjs, which prints the table,
# writes bench/results/peers.json and renders docs/bench-peers.svg.
#   make bench                       full run (median of 5 runs per figure)
#   make bench BENCH_FLAGS=--quick   smoke run: fewer objects, one run
# Benchmarks are never part of `make test`.

NODE ?= node
NPM ?= npm
CARGO ?= cargo
EMCC ?= emcc
BENCH_FLAGS ?=
BENCH_OUT := build/bench

# wasm-bindgen-cli must be the exact version the peer crate pins; installed
# from crates.io into ~/.cargo/bin when missing (about 4 minutes).
WASM_BINDGEN_VERSION := 0.2.130
WASM_BINDGEN ?= $(HOME)/.cargo/bin/wasm-bindgen
BENCH_CARGO_TARGET := $(or $(CARGO_TARGET_DIR),target)
BENCH_WB_CRATE_WASM := $(BENCH_CARGO_TARGET)/wasm32-unknown-unknown/release/weakbind_bench_wasm_bindgen.wasm
BENCH_WB_TYPED_WASM := $(BENCH_CARGO_TARGET)/wasm32-unknown-unknown/release/weakbind_bench_wasm_bindgen_typed.wasm

# The typed workloads' modules (bench/README.md, "Typed workloads"): the
# typed classes of bench/peers/item.hpp, apart from the convention ones.
BENCH_TYPED_PEER_FILES := \
	$(BENCH_OUT)/embind/typed.js $(BENCH_OUT)/wasm-bindgen/typed.js $(BENCH_OUT)/weakbind/typed.wasm
BENCH_PEER_FILES := \
	$(BENCH_OUT)/embind/smart.js $(BENCH_OUT)/embind/plain.js \
	$(BENCH_OUT)/wasm-bindgen/bench.js \
	$(BENCH_OUT)/weakbind/bench.wasm \
	$(BENCH_OUT)/size/with-runtime.wasm $(BENCH_OUT)/size/without-runtime.wasm \
	$(BENCH_TYPED_PEER_FILES)
BENCH_TYPED_WORKLOADS := typed_churn,typed_churn_point,typed_churn_string,typed_call_object,typed_call_string,typed_call_f64,typed_release

# What building the peers needs beyond `make deps`: Debian's emscripten
# (embind). Installed when missing, as `make test` installs its own.
BENCH_PACKAGES := emscripten

.PHONY: bench bench-peers bench-deps bench-typed-peers
bench: bench-deps
	$(MAKE) bench-peers bench/node_modules/.package-lock.json
	$(NODE) bench/run-peers.mjs $(BENCH_FLAGS)

# Only the typed workloads, for quick iteration; results under
# bench/results/tmp/, so the committed peers.json keeps the full run's.
#   make bench-typed-peers BENCH_FLAGS=--quick
bench-typed-peers: bench-deps
	$(MAKE) $(BENCH_TYPED_PEER_FILES)
	$(NODE) bench/run-peers.mjs --workloads $(BENCH_TYPED_WORKLOADS) --out bench/results/tmp/typed-peers.json $(BENCH_FLAGS)

bench-deps:
	./scripts/install-deps.sh $(BENCH_PACKAGES)

bench-peers: $(BENCH_PEER_FILES)

# esbuild, for the size workload's minification.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	cd bench && $(NPM) ci --no-audit --no-fund

# weakbind (and raw, article): compiled and linked against the runtime
# library with the top-level Makefile's own flags, as cpp/examples are.
$(BENCH_OUT)/weakbind/bench.o: bench/peers/weakbind/bench.cpp bench/peers/myclass.hpp $(HEADERS)
	@mkdir -p $(@D)
	$(CLANGXX) $(WASM_CXXFLAGS) -c $< -o $@

$(BENCH_OUT)/weakbind/bench.wasm: $(BENCH_OUT)/weakbind/bench.o $(LIB_A)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

$(BENCH_OUT)/weakbind/typed.o: bench/peers/weakbind/typed.cpp bench/peers/item.hpp $(HEADERS)
	@mkdir -p $(@D)
	$(CLANGXX) $(WASM_CXXFLAGS) -c $< -o $@

$(BENCH_OUT)/weakbind/typed.wasm: $(BENCH_OUT)/weakbind/typed.o $(LIB_A)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# What the runtime adds to a module: the same classes linked with it and
# without it (plain clang + wasi-libc: dlmalloc, libc++abi's operator new),
# both with every custom section stripped.
$(BENCH_OUT)/size/with-runtime.wasm: $(BENCH_OUT)/weakbind/bench.o $(LIB_A)
	@mkdir -p $(@D)
	$(CLANGXX) $(WASM_LDFLAGS) -Wl,--strip-all $(call wasm_exports,$^) $^ -o $@

$(BENCH_OUT)/size/without-runtime.wasm: $(BENCH_OUT)/weakbind/bench.o
	@mkdir -p $(@D)
	$(CLANGXX) --target=wasm32-wasi -nostartfiles /usr/lib/wasm32-wasi/crt1-reactor.o -Wl,--no-entry \
	  -Wl,--export=_initialize -Wl,--strip-all $(call wasm_exports,$^) $^ -o $@

# embind (Debian's emscripten 3.1.6, which needs NODE_PATH to run): the web
# build is what ships; node runs it when handed wasmBinary. Writes %.wasm too.
EMBIND_FLAGS := -O3 --bind -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 \
	-sEXPORT_NAME=createModule -sENVIRONMENT=web
# Its output is CommonJS; the package.json beside it says so to node, as
# the repository's own package.json declares ES modules.
$(BENCH_OUT)/embind/%.js: bench/peers/embind/%.cpp bench/peers/myclass.hpp
	@mkdir -p $(@D)
	NODE_PATH=/usr/share/nodejs $(EMCC) $(EMBIND_FLAGS) -o $@ $<
	echo '{ "type": "commonjs" }' > $(@D)/package.json
$(BENCH_OUT)/embind/typed.js: bench/peers/item.hpp

# wasm-bindgen: the crate, then the CLI's JS with weak references on.
$(BENCH_WB_CRATE_WASM): bench/peers/wasm-bindgen/Cargo.toml bench/peers/wasm-bindgen/src/lib.rs
	$(CARGO) build --release --target wasm32-unknown-unknown -p weakbind-bench-wasm-bindgen

$(WASM_BINDGEN):
	$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --root $(HOME)/.cargo

$(BENCH_OUT)/wasm-bindgen/bench.js: $(BENCH_WB_CRATE_WASM) | $(WASM_BINDGEN)
	@$(WASM_BINDGEN) --version | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || \
		{ echo "$(WASM_BINDGEN) is not wasm-bindgen $(WASM_BINDGEN_VERSION)"; exit 1; }
	$(WASM_BINDGEN) --target web --weak-refs --out-dir $(@D) --out-name bench $<

$(BENCH_WB_TYPED_WASM): bench/peers/wasm-bindgen-typed/Cargo.toml bench/peers/wasm-bindgen-typed/src/lib.rs
	$(CARGO) build --release --target wasm32-unknown-unknown -p weakbind-bench-wasm-bindgen-typed

$(BENCH_OUT)/wasm-bindgen/typed.js: $(BENCH_WB_TYPED_WASM) | $(WASM_BINDGEN)
	@$(WASM_BINDGEN) --version | grep -qx 'wasm-bindgen $(WASM_BINDGEN_VERSION)' || \
		{ echo "$(WASM_BINDGEN) is not wasm-bindgen $(WASM_BINDGEN_VERSION)"; exit 1; }
	$(WASM_BINDGEN) --target web --weak-refs --out-dir $(@D) --out-name typed $<

# ---- before and after, in one run -------------------------------------------
#   make bench-base BASE=<commit>   this tree's weakbind beside BASE's (its
#                                   loader and runtime), raw for the ratios:
#                                   calls, churn and peak memory
BASE ?= HEAD~1
BENCH_BASE := $(BUILD)/bench-base
.PHONY: bench-base
bench-base: bench-deps
	rm -rf $(BENCH_BASE) && mkdir -p $(BENCH_BASE)
	git archive $(BASE) | tar -x -C $(BENCH_BASE)
	$(MAKE) -C $(BENCH_BASE) build/bench/weakbind/bench.wasm CARGO_TARGET_DIR=$(abspath $(BENCH_BASE))/target
	cp $(BENCH_BASE)/build/bench/weakbind/bench.wasm $(BENCH_BASE)/bench.wasm
	$(MAKE) $(BENCH_OUT)/weakbind/bench.wasm
	WEAKBIND_BASE=$(BENCH_BASE) $(NODE) bench/run-peers.mjs --peers raw,weakbind,weakbind_base \
	  --workloads call,churn,memory --out bench/results/base.json $(BENCH_FLAGS)
