# mk/eigen.mk: the Eigen showcase (examples/eigen). Included by the
# Makefile, whose BUILD, CLANGXX, WASM_CXXFLAGS, WASM_LDFLAGS, wasm_exports
# and LIB_A it uses; Eigen 3.4 is Debian's libeigen3-dev (make deps).
#   make eigen-example   build/examples/eigen.wasm from examples/eigen/eigen.cpp,
#                        loaded by examples/eigen/demo.mjs and
#                        tests/node/example-eigen.test.mjs (run by test-node)
#   make eigen-embind    the same slice with embind (examples/eigen/embind),
#                        built with Debian's emscripten; not part of make test
#   make eigen-glue      the glue lines of both bindings (count-glue.mjs)

EIGEN_INCLUDE ?= /usr/include/eigen3
EMCC ?= emcc
EIGEN_WASM := $(BUILD)/examples/eigen.wasm
EIGEN_EMBIND_JS := $(BUILD)/examples/eigen-embind/eigen.js

.PHONY: eigen-example eigen-embind eigen-glue

eigen-example: $(EIGEN_WASM)

test-node: $(EIGEN_WASM)

$(BUILD)/examples/eigen.o: examples/eigen/eigen.cpp examples/eigen/library.hpp $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_CXXFLAGS) -isystem $(EIGEN_INCLUDE) -c $< -o $@

$(EIGEN_WASM): $(BUILD)/examples/eigen.o $(LIB_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# The checked-heap run of the node suite (mk/reliability.mk) reads the
# module from its copy of the tree, linked with the checked runtime.
test-checked: $(BUILD)/checked/build/examples/eigen.wasm

$(BUILD)/checked/build/examples/eigen.wasm: $(BUILD)/examples/eigen.o $(BIND_CHECKED_A)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(WASM_LDFLAGS) $(call wasm_exports,$^) $^ -o $@

# embind as mk/bench.mk builds its peers: CommonJS output (a package.json
# beside it says so to node), which node runs when handed wasmBinary.
eigen-embind: $(EIGEN_EMBIND_JS)

$(EIGEN_EMBIND_JS): examples/eigen/embind/eigen.cpp examples/eigen/library.hpp
	@mkdir -p $(@D)
	NODE_PATH=/usr/share/nodejs $(EMCC) -O2 --bind -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 \
	  -sEXPORT_NAME=createModule -isystem $(EIGEN_INCLUDE) -o $@ $<
	echo '{ "type": "commonjs" }' > $(@D)/package.json

eigen-glue:
	$(NODE) examples/eigen/count-glue.mjs
