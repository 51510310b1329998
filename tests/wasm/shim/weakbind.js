// The `weakbind` import module for Rust tests that run inside wasm under
// wasm-bindgen-test-runner, which instantiates the test module itself and
// `require`s every import module by name (NODE_PATH points here; see
// mk/mixed.mk). JS values go through the loader's own table
// (js/js-values.mjs, loaded with node's --experimental-require-module);
// calls into JS, which these tests do not make, report that the callee threw.
"use strict";
const { JsValueTable } = require("../../../js/js-values.mjs");
const { WeakbindError } = require("../../../js/errors.mjs");
const state = require("./state.js");

// The loader hands its error class to the table it imports; so does this shim.
const values = new JsValueTable(null, WeakbindError);
state.values = values;

function message(ptr, len) {
  if (!state.memory) return `(message at ${ptr}, ${len} bytes; call weakbind_test::init() to read it)`;
  return new TextDecoder().decode(new Uint8Array(state.memory.buffer, ptr, len));
}

module.exports = {
  // The runtime's imports (rust/runtime/src/imports.rs).
  incref: (h) => values.incref(h),
  decref: (h) => values.decref(h),
  abort(ptr, len) {
    throw new Error(`weakbind abort: ${message(ptr, len)}`);
  },
  own: (h, owner, onWrapper) => values.own(h, owner, onWrapper, null),
  root: (owner) => values.root(owner),
  unroot: (owner) => values.unroot(owner),
  arg_f64() {},
  arg_string() {},
  arg_value() {},
  arg_object() {},
  call: () => 1,
  deferred() {},
  destroy() {},
  freed() {}, // no wrappers here to invalidate
  result_f64: () => 0,
  result_string: () => 0,
  result_value: () => 0,

  // For the tests, imported through #[wasm_bindgen(module = "weakbind")].
  test_init(memory) {
    state.memory = memory;
  },
  test_add: (value) => values.add(value),
  test_get: (handle) => values.get(handle),
  test_live: () => values.live,
  test_check: () => values.check?.() ?? null,
};
