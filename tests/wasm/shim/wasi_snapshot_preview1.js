// The `wasi_snapshot_preview1` import module for Rust tests inside wasm that
// link C++ (libc++ and wasi-libc): the loader's own WASI calls (js/wasi.mjs).
"use strict";
const { wasiImports } = require("../../../js/wasi.mjs");
const state = require("./state.js");

module.exports = wasiImports(() => state.memory, {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
