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
