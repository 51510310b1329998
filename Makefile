# weakbind — the seed's workflow: `make` builds, `make serve` (or `make demo`)
# serves the demo with python3 -m http.server, `make test` runs every test.

CLANGXX ?= clang++-19
CARGO   ?= cargo
NODE    ?= node
PYTHON  ?= python3
PORT    ?= 8000
PREFIX  ?= /usr/local

# EXCEPTIONS=1 builds this repository's modules with C++ exceptions
# (weakbind-config --exceptions), into build/exceptions/ so the two builds
# never mix objects.
EXCEPTIONS  ?=
BUILD       := build$(if $(EXCEPTIONS),/exceptions)
WASM_TARGET := wasm32-unknown-unknown
RUNTIME_A   := target/$(WASM_TARGET)/release/libweakbind_static.a
LIB_A       := $(BUILD)/lib/libweakbind.a
# Every header under cpp/include/weakbind/ is installed: bind.hpp includes them all.
HEADER_NAMES := weakbind.h weakbind.hpp $(patsubst cpp/include/%,%,$(sort $(wildcard cpp/include/weakbind/*.hpp)))
HEADERS     := $(addprefix cpp/include/,$(HEADER_NAMES))

# The compiler and linker flags of a module: scripts/weakbind-config, the
# same tool `make install` puts beside the library for projects outside
# this tree. C++ is wasm32 with wasi-libc and libc++, no exceptions unless
# EXCEPTIONS=1 (mk/exceptions.mk), only exported names visible. A module is a reactor whose
# function table the loader can grow; it exports the runtime's loader ABI
# (what weakbind.h marks WEAKBIND_LOADER: the header is the one list) and
# what the objects mark WEAKBIND_EXPORT (wasm_exports, read from their
# symbols). The runtime archive comes before libc, so its malloc replaces
# wasi-libc's.
CONFIG := scripts/weakbind-config
CONFIG_MODE := $(if $(EXCEPTIONS),--exceptions)
CXXFLAGS ?= -O2
WASM_CXXFLAGS := $(shell $(CONFIG) $(CONFIG_MODE) --cflags) -std=c++17 $(CXXFLAGS)
WASM_LDFLAGS := $(shell $(CONFIG) $(CONFIG_MODE) --ldflags)
wasm_exports = $(shell $(CONFIG) --exports $(filter %.o,$(1)))

EXAMPLES := myclass notebook buffer scene events
EXAMPLE_WASM := $(BUILD)/examples/examples.wasm
SITE := $(BUILD)/site

.PHONY: all lib install deps demo serve site test test-rust test-abi test-node lint clean FORCE

all: lib $(EXAMPLE_WASM) site

deps:
	./scripts/install-deps.sh

# ---- the runtime as a static library ---------------------------------------

$(RUNTIME_A): FORCE
	$(CARGO) build --quiet --release -p weakbind-staticlib --target $(WASM_TARGET)

$(LIB_A): $(RUNTIME_A)
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/include/%: cpp/include/%
	@mkdir -p $(dir $@)
	cp $< $@

lib: $(LIB_A) $(addprefix $(BUILD)/include/,$(HEADER_NAMES))

install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/weakbind $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(CONFIG) $(DESTDIR)$(PREFIX)/bin/
	for h in $(HEADER_NAMES); do install -m 644 cpp/include/$$h $(DESTDIR)$(PREFIX)/include/$$h; done

# ---- C++ examples: one module holding every example class ------------------

$(BUILD)/obj/%.o: cpp/examples/%.cpp $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_CXXFLAGS) -c $< -o $@

$(EXAMPLE_WASM): $(EXAMPLES:%=$(BUILD)/obj/%.o) $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# ---- demo --------------------------------------------------------------------

site: $(EXAMPLE_WASM)
	@mkdir -p $(SITE)/weakbind
	cp demo/* $(SITE)/
	cp js/*.mjs $(SITE)/weakbind/
	cp $(EXAMPLE_WASM) $(SITE)/

serve: site
	@echo "weakbind demo: http://127.0.0.1:$(PORT)/"
	cd $(SITE) && $(PYTHON) -m http.server $(PORT) --bind 127.0.0.1

demo: deps
	$(MAKE) serve

# ---- tests -------------------------------------------------------------------

test: deps
	$(MAKE) all
	$(MAKE) test-rust test-abi test-node lint test-browser test-meta test-dts test-mixed test-install test-wasm test-checked test-adoption

test-rust:
	$(CARGO) test --quiet

test-abi:
	$(CARGO) test --quiet -p weakbind-abi-check

test-node: $(EXAMPLE_WASM)
	$(NODE) --expose-gc --test tests/node/

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --quiet --workspace --all-targets -- -D warnings
	$(CARGO) clippy --quiet -p weakbind -p weakbind-heap -p weakbind-staticlib --target $(WASM_TARGET) -- -D warnings
	$(NODE) scripts/check-js.mjs

clean:
	rm -rf $(BUILD)
	$(CARGO) clean

FORCE:

-include mk/*.mk
