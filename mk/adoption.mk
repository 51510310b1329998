# mk/adoption.mk: weakbind used the way a team adopts a library.
# Included by the top-level Makefile (NODE, BUILD, CONFIG, LIB_A, the
# example module); `make test` runs test-adoption.
#   make test-bundlers   the loader bundled with zero configuration by the
#                        pinned esbuild, Vite and webpack, run in chromium on
#                        a page and in a Worker (tests/bundlers); sizes in
#                        tests/out/bundle-sizes.json
#   make test-seed       a module linked the seed article's way (no table
#                        export) loads and is collected (tests/seed)
#   make test-dts-agree  npx weakbind-dts and `weakbind dts` write the same
#                        declarations for every module the tests build
#   make test-npm        `npm pack` of js/, installed into a scratch project
#                        and used there (node, npx weakbind-dts, tsc)
#   make test-runtimes   the loader under Deno and Bun (npm packages; not in
#                        `make test`)
#   make package-check   the crates packaged, and a scratch project built
#                        from the packages (not in `make test`)

ADOPTION := $(BUILD)/adoption
BUNDLER_WASM := $(ADOPTION)/bundlers

.PHONY: test-adoption test-bundlers

test-adoption: test-bundlers

# The typed example module, and a module of the seed's convention alone.
$(BUNDLER_WASM)/examples.wasm: $(EXAMPLE_WASM)
	@mkdir -p $(@D)
	cp $< $@

$(BUNDLER_WASM)/myclass.wasm: $(BUILD)/obj/myclass.o $(LIB_A)
	@mkdir -p $(@D)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

test-bundlers: $(BUNDLER_WASM)/examples.wasm $(BUNDLER_WASM)/myclass.wasm
	./scripts/install-deps.sh $(BROWSER_PACKAGES)
	CHROMIUM=$(CHROMIUM) WEAKBIND_BUNDLER_WASM=$(abspath $(BUNDLER_WASM)) $(NODE) --test tests/bundlers/

# The seed article's own link line, plus the library (tests/seed).
SEED_OUT := $(ADOPTION)/seed

.PHONY: test-seed
test-adoption: test-seed

test-seed: $(SEED_OUT)/demo.wasm
	WEAKBIND_SEED_WASM=$(abspath $(SEED_OUT))/demo.wasm $(NODE) --expose-gc --test tests/seed/

# The published crates packaged (`cargo package`), and a scratch project
# built from the packages alone (tests/package/scratch.sh). Not part of
# `make test` (it builds the mixed module again from scratch, a few minutes).
.PHONY: package-check
package-check:
	CARGO=$(CARGO) NODE=$(NODE) tests/package/scratch.sh $(abspath $(ADOPTION)/package-check)

# The npm package's declarations generator agrees with `weakbind dts` on
# every module the tests build (tests/dts/agree.test.mjs).
CLI_BIN := $(or $(CARGO_TARGET_DIR),target)/debug/weakbind
# (Paths, not mixed.mk's and reliability.mk's names: those files are
# included after this one, and a rule's prerequisites expand as it is read.)
DTS_MODULES := $(EXAMPLE_WASM) $(BUILD)/mixed/mixed.wasm $(addprefix $(BUILD)/fixtures/,faults.wasm faults-small.wasm rust-panic.wasm rust-containers.wasm bind.wasm interfaces.wasm views.wasm) \
  $(BUNDLER_WASM)/myclass.wasm $(SEED_OUT)/demo.wasm

.PHONY: test-dts-agree
test-adoption: test-dts-agree

$(SEED_OUT)/demo.wasm: $(LIB_A) tests/seed/demo.cpp
	$(MAKE) --no-print-directory -C tests/seed CXX=$(CLANGXX) WEAKBIND_LIB=$(abspath $(LIB_A)) OUT=$(abspath $(SEED_OUT))

test-dts-agree: $(DTS_MODULES)
	$(CARGO) build --quiet -p weakbind-cli
	WEAKBIND_CLI=$(abspath $(CLI_BIN)) WEAKBIND_DTS_MODULES="$(abspath $(DTS_MODULES))" $(NODE) --test tests/dts/agree.test.mjs

# The npm tarball installed into a scratch project and used there
# (tests/npm).
.PHONY: test-npm
test-adoption: test-npm

test-npm: $(EXAMPLE_WASM)
	WEAKBIND_NPM_OUT=$(abspath $(ADOPTION)/npm) WEAKBIND_EXAMPLES_WASM=$(abspath $(EXAMPLE_WASM)) $(NODE) --test tests/npm/

# The loader under Deno and Bun, from their npm packages (pinned; installed
# into build/adoption/runtimes on first use, about 100 MB each, so not part
# of `make test`).
RUNTIMES := $(ADOPTION)/runtimes
DENO_VERSION := 2.9.6
BUN_VERSION := 1.4.4

.PHONY: test-runtimes
$(RUNTIMES)/node_modules/.bin/deno:
	@mkdir -p $(RUNTIMES)
	echo '{"private": true}' > $(RUNTIMES)/package.json
	cd $(RUNTIMES) && $(NPM) install --no-audit --no-fund --loglevel=error -E deno@$(DENO_VERSION) bun@$(BUN_VERSION)

test-runtimes: $(EXAMPLE_WASM) $(RUNTIMES)/node_modules/.bin/deno
	$(RUNTIMES)/node_modules/.bin/deno run --allow-read --v8-flags=--expose-gc tests/runtimes/run.mjs $(abspath $(EXAMPLE_WASM))
	$(RUNTIMES)/node_modules/.bin/bun tests/runtimes/run.mjs $(abspath $(EXAMPLE_WASM))

# `make install` also installs the JS loader (PREFIX/share/weakbind/js, the
# npm package's files), the `weakbind` CLI, weakbind.pc and the CMake
# package (PREFIX/lib/cmake/weakbind).
CLI_RELEASE := $(or $(CARGO_TARGET_DIR),target)/release/weakbind
JS_DIR := $(DESTDIR)$(PREFIX)/share/weakbind/js

.PHONY: install-packages
install: install-packages

install-packages:
	$(CARGO) build --quiet --release -p weakbind-cli
	install -d $(DESTDIR)$(PREFIX)/bin $(JS_DIR)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/lib/cmake/weakbind
	install -m 755 $(CLI_RELEASE) $(DESTDIR)$(PREFIX)/bin/weakbind
	install -m 644 js/*.mjs js/weakbind.d.ts js/package.json js/README.md LICENSE-MIT LICENSE-APACHE $(JS_DIR)/
	install -m 755 js/bin/weakbind-dts.mjs $(JS_DIR)/bin/
	sed -e 's|@prefix@|$(PREFIX)|' \
	    -e "s|@cflags@|$$($(CONFIG) --cflags | sed 's/ -I[^ ]*//')|" \
	    -e "s|@ldflags@|$$($(CONFIG) --ldflags)|" pkgconfig/weakbind.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/weakbind.pc
	install -m 644 cmake/weakbindConfig.cmake cmake/weakbindConfigVersion.cmake cmake/weakbind-exports.cmake $(DESTDIR)$(PREFIX)/lib/cmake/weakbind/
