# mk/demo-mixed.mk: the demo's mixed Rust/C++ section loads build/mixed/
# mixed.wasm (mk/mixed.mk builds it with cargo), so `make site` copies it
# next to examples.wasm. Included by the Makefile (BUILD, SITE, site).
# mk/mixed.mk is read after this file, so its MIXED_WASM is still empty
# here: the path is spelled out (the same target, the same rule).

DEMO_MIXED_WASM := $(BUILD)/mixed/mixed.wasm

site: $(SITE)/mixed.wasm

$(SITE)/mixed.wasm: $(DEMO_MIXED_WASM)
	@mkdir -p $(@D)
	cp $< $@
