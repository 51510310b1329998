// The peers of `make bench-typed` (bench/typed-calls.mjs), each loading one
// module in the shape lib/value-workloads.mjs uses:
//   raw:      { exports, memory }   the module's exports, stub imports (peers/raw/raw.mjs)
//   weakbind: the object js/weakbind.mjs's load() returns, with no options
//   embind:   the Emscripten module object (embind_vector: the same module)
// Modules: "values" is bench/peers/values.hpp bound by each peer
// (weakbind/typed-values.cpp, embind/typed-values.cpp); "examples" is
// cpp/examples (the Node class), which has no embind build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD, ROOT } from "./peers.mjs";

const EXAMPLES_BUILD = process.env.BENCH_EXAMPLES ?? join(ROOT, "build/examples/examples.wasm");

export const VALUE_MODULES = {
  values: {
    wasm: join(BUILD, "weakbind/typed-values.wasm"),
    embind: { js: join(BUILD, "embind/typed-values.js"), wasm: join(BUILD, "embind/typed-values.wasm") },
  },
  examples: { wasm: EXAMPLES_BUILD, embind: null },
};

// The files a peer of `module` needs, for the "not built" message.
export function peerFiles(peer, module) {
  const files = VALUE_MODULES[module];
  return peer.startsWith("embind") ? (files.embind ? [files.embind.js, files.embind.wasm] : null) : [files.wasm];
}

export async function loadPeer(peer, module) {
  const files = VALUE_MODULES[module];
  if (peer === "raw") {
    const { load } = await import("../peers/raw/raw.mjs");
    const exports = await load(readFileSync(files.wasm));
    return { exports, memory: exports.memory };
  }
  if (peer === "weakbind") {
    const { load } = await import(pathToFileURL(join(ROOT, "js/weakbind.mjs")).href);
    return load(readFileSync(files.wasm));
  }
  if (peer === "embind" || peer === "embind_vector") {
    const createModule = createRequire(import.meta.url)(files.embind.js);
    // Debian's emscripten 3.1.6 cannot fetch a file path on node: hand it the bytes.
    return createModule({ wasmBinary: readFileSync(files.embind.wasm) });
  }
  throw new Error(`unknown peer ${peer}`);
}
