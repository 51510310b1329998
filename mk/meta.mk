# mk/meta.mk: tools that read a built module (rust/meta, rust/cli).
# Included by the top-level Makefile, whose CARGO, NODE and EXAMPLE_WASM it
# uses.
#   make test-meta   the metadata parser and the CLI: host cargo tests (the
#                    shared corpus tests/metadata/cases.json, generated cases)
#   make test-dts    `weakbind dts` over the example module: checked by tsc,
#                    and the checked program run against the loader
#   make dts         build/dts/examples.d.ts alone

NPM ?= npm
DTS_OUT := $(BUILD)/dts

.PHONY: test-meta test-dts dts

test-meta:
	$(CARGO) test --quiet -p weakbind-meta -p weakbind-cli

$(DTS_OUT)/examples.d.ts: $(EXAMPLE_WASM) FORCE
	@mkdir -p $(dir $@)
	$(CARGO) run --quiet -p weakbind-cli -- dts $< > $@.tmp
	mv $@.tmp $@

$(DTS_OUT)/bind.d.ts: $(BUILD)/fixtures/bind.wasm FORCE
	@mkdir -p $(dir $@)
	$(CARGO) run --quiet -p weakbind-cli -- dts $< > $@.tmp
	mv $@.tmp $@

$(DTS_OUT)/interfaces.d.ts: $(BUILD)/fixtures/interfaces.wasm FORCE
	@mkdir -p $(dir $@)
	$(CARGO) run --quiet -p weakbind-cli -- dts $< > $@.tmp
	mv $@.tmp $@

$(DTS_OUT)/views.d.ts: $(BUILD)/fixtures/views.wasm FORCE
	@mkdir -p $(dir $@)
	$(CARGO) run --quiet -p weakbind-cli -- dts $< > $@.tmp
	mv $@.tmp $@

$(DTS_OUT)/rust-containers.d.ts: $(BUILD)/fixtures/rust-containers.wasm FORCE
	@mkdir -p $(dir $@)
	$(CARGO) run --quiet -p weakbind-cli -- dts $< > $@.tmp
	mv $@.tmp $@

dts: $(DTS_OUT)/examples.d.ts

test-dts: $(DTS_OUT)/examples.d.ts $(DTS_OUT)/bind.d.ts $(DTS_OUT)/interfaces.d.ts $(DTS_OUT)/views.d.ts $(DTS_OUT)/rust-containers.d.ts
	@test -f node_modules/typescript/bin/tsc || $(NPM) ci --no-audit --no-fund --loglevel=error
	$(NODE) tests/dts/check.mjs
