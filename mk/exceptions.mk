# mk/exceptions.mk: C++ exceptions (-fwasm-exceptions). Included by the
# Makefile, whose CLANGXX, CONFIG, BUILD, LIB_A, NODE and module rules it
# uses.
#   lib                   also builds $(BUILD)/lib/libweakbind-exceptions.a,
#                         the exception runtime (cpp/exceptions/)
#   make EXCEPTIONS=1     the repository's modules with exceptions on (the
#                         Makefile passes --exceptions to weakbind-config)
#   make test-exceptions  the exception fixtures' node tests
#                         (tests/node/exceptions-*.test.mjs; test-node runs
#                         them too)
#   make bench-exceptions throw/catch and call costs beside embind
#                         (bench/exceptions/)

LLVM_AR ?= llvm-ar-19

EH_A        := $(BUILD)/lib/libweakbind-exceptions.a
EH_SOURCES  := $(wildcard cpp/exceptions/*.cpp)
EH_OBJS     := $(EH_SOURCES:cpp/exceptions/%.cpp=$(BUILD)/obj/exceptions/%.o)
EH_CXXFLAGS := $(shell $(CONFIG) --exceptions --cflags) -std=c++17 -O2
EH_LDFLAGS  := $(shell $(CONFIG) --exceptions --ldflags)
EH_FIXTURE_DIR := $(BUILD)/fixtures
EH_FIXTURES := $(EH_FIXTURE_DIR)/exceptions.wasm $(EH_FIXTURE_DIR)/json.wasm

.PHONY: exceptions test-exceptions install-exceptions

lib: $(EH_A)
install: install-exceptions

$(BUILD)/obj/exceptions/%.o: cpp/exceptions/%.cpp cpp/exceptions/exception.h cpp/include/weakbind.h
	@mkdir -p $(dir $@)
	$(CLANGXX) $(EH_CXXFLAGS) -Wall -Wextra -c $< -o $@

$(EH_A): $(EH_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(LLVM_AR) rcs $@ $^

install-exceptions: $(EH_A)
	install -d $(DESTDIR)$(PREFIX)/lib
	install -m 644 $(EH_A) $(DESTDIR)$(PREFIX)/lib/

# With EXCEPTIONS=1 every module links the exception runtime.
ifneq ($(EXCEPTIONS),)
$(EXAMPLE_WASM) $(FAULTS_WASM) $(FAULTS_SMALL_WASM): $(EH_A)
endif

# ---- fixtures: always built with exceptions ---------------------------------

exceptions: $(EH_FIXTURES)

$(EH_FIXTURE_DIR)/exceptions.o $(EH_FIXTURE_DIR)/json.o: $(EH_FIXTURE_DIR)/%.o: tests/fixtures/%.cpp $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(EH_CXXFLAGS) -c $< -o $@

$(EH_FIXTURE_DIR)/exceptions.wasm $(EH_FIXTURE_DIR)/json.wasm: $(EH_FIXTURE_DIR)/%.wasm: $(EH_FIXTURE_DIR)/%.o $(EH_A) $(LIB_A)
	$(CLANGXX) $(EH_LDFLAGS) $(call wasm_exports,$<) $^ -o $@

test-node: $(EH_FIXTURES)

test-exceptions: $(EH_FIXTURES)
	$(NODE) --expose-gc --test tests/node/exceptions-*.test.mjs

# ---- make bench-exceptions ---------------------------------------------------
# bench/exceptions/: the same Thrower class through weakbind and embind
# (Debian's emscripten, -fwasm-exceptions), each built with exceptions and
# without; bench/exceptions/run.mjs prints per-exception and per-call costs
# and the module sizes, and writes bench/results/exceptions.json.

EHB_OUT := build/bench/exceptions
EHB_EMBIND_FLAGS := -O3 --bind -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 \
	-sEXPORT_NAME=createModule -sENVIRONMENT=web
EHB_NO_EH_CXXFLAGS := $(shell $(CONFIG) --cflags) -std=c++17 -O2
EHB_NO_EH_LDFLAGS := $(shell $(CONFIG) --ldflags)
EHB_FILES := $(EHB_OUT)/weakbind-eh.wasm $(EHB_OUT)/weakbind-noeh.wasm \
	$(EHB_OUT)/embind-eh.js $(EHB_OUT)/embind-noeh.js \
	$(EHB_OUT)/json-noeh.wasm $(EH_FIXTURE_DIR)/json.wasm

.PHONY: bench-exceptions
bench-exceptions: bench-deps
	$(MAKE) --no-print-directory $(EHB_FILES)
	$(NODE) bench/exceptions/run.mjs $(BENCH_FLAGS)

$(EHB_OUT)/weakbind-eh.o: bench/exceptions/weakbind.cpp bench/exceptions/thrower.hpp $(HEADERS)
	@mkdir -p $(@D)
	$(CLANGXX) $(EH_CXXFLAGS) -c $< -o $@
$(EHB_OUT)/weakbind-noeh.o: bench/exceptions/weakbind.cpp bench/exceptions/thrower.hpp $(HEADERS)
	@mkdir -p $(@D)
	$(CLANGXX) $(EHB_NO_EH_CXXFLAGS) -c $< -o $@
# nlohmann::json without exceptions (JSON_NOEXCEPTION: errors abort).
$(EHB_OUT)/json-noeh.o: tests/fixtures/json.cpp $(HEADERS)
	@mkdir -p $(@D)
	$(CLANGXX) $(EHB_NO_EH_CXXFLAGS) -DJSON_NOEXCEPTION -c $< -o $@

$(EHB_OUT)/weakbind-eh.wasm: $(EHB_OUT)/weakbind-eh.o $(EH_A) $(LIB_A)
	$(CLANGXX) $(EH_LDFLAGS) $(call wasm_exports,$<) $^ -o $@
$(EHB_OUT)/weakbind-noeh.wasm $(EHB_OUT)/json-noeh.wasm: $(EHB_OUT)/%.wasm: $(EHB_OUT)/%.o $(LIB_A)
	$(CLANGXX) $(EHB_NO_EH_LDFLAGS) $(call wasm_exports,$<) $^ -o $@

$(EHB_OUT)/embind-eh.js: bench/exceptions/embind.cpp bench/exceptions/thrower.hpp
	@mkdir -p $(@D)
	NODE_PATH=/usr/share/nodejs $(EMCC) $(EHB_EMBIND_FLAGS) -fwasm-exceptions -o $@ $<
	echo '{ "type": "commonjs" }' > $(@D)/package.json
$(EHB_OUT)/embind-noeh.js: bench/exceptions/embind.cpp bench/exceptions/thrower.hpp
	@mkdir -p $(@D)
	NODE_PATH=/usr/share/nodejs $(EMCC) $(EHB_EMBIND_FLAGS) -fno-exceptions -o $@ $<
	echo '{ "type": "commonjs" }' > $(@D)/package.json

# ---- without exceptions: aborts with their words -----------------------------

$(EH_FIXTURE_DIR)/aborts.o: tests/fixtures/aborts.cpp $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(EHB_NO_EH_CXXFLAGS) -c $< -o $@
$(EH_FIXTURE_DIR)/aborts.wasm: $(EH_FIXTURE_DIR)/aborts.o $(LIB_A)
	$(CLANGXX) $(EHB_NO_EH_LDFLAGS) $(call wasm_exports,$<) $^ -o $@

exceptions: $(EH_FIXTURE_DIR)/aborts.wasm
test-node: $(EH_FIXTURE_DIR)/aborts.wasm
test-exceptions: $(EH_FIXTURE_DIR)/aborts.wasm

# ---- the checked heap (mk/reliability.mk's test-checked) ---------------------
# The exception fixtures linked with the checked runtime too, where the
# copied suite finds them. (reliability.mk, read after this file, defines
# the same two names the same way.)
CHECKED_ROOT := $(BUILD)/checked
CHECKED_A    := $(or $(CARGO_TARGET_DIR),target)/reliability-checked/$(WASM_TARGET)/release/libweakbind_static.a
EH_CHECKED := $(CHECKED_ROOT)/build/fixtures/exceptions.wasm $(CHECKED_ROOT)/build/fixtures/json.wasm \
	$(CHECKED_ROOT)/build/fixtures/aborts.wasm

$(CHECKED_ROOT)/build/fixtures/exceptions.wasm $(CHECKED_ROOT)/build/fixtures/json.wasm: \
		$(CHECKED_ROOT)/build/fixtures/%.wasm: $(EH_FIXTURE_DIR)/%.o $(EH_A) $(CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(EH_LDFLAGS) $(call wasm_exports,$<) $^ -o $@
$(CHECKED_ROOT)/build/fixtures/aborts.wasm: $(EH_FIXTURE_DIR)/aborts.o $(CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(EHB_NO_EH_LDFLAGS) $(call wasm_exports,$<) $^ -o $@

test-checked: $(EH_CHECKED)
