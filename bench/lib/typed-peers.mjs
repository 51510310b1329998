// The typed workloads' peers (bench/README.md, "Typed workloads"): the same
// names as lib/peers.mjs, each loading its build of bench/peers/item.hpp's
// Item, Point and Named into the shape lib/typed-workloads.mjs uses:
//   { kind: "wrapped", classes: { Item, Point, Named }, release(o), destroyed(), memoryBytes() }
//   { kind: "raw", exports, memory, destroyed(), memoryBytes() }
// release(o) is the peer's deterministic release of one object. The
// seed article's loader knows only convention classes: it has no entry.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD, ROOT, counters, rawPeer } from "./peers.mjs";

const weakbindWasm = join(BUILD, "weakbind/typed.wasm");

export const TYPED_PEERS = {
  // The typed macros' exports called directly: manual new/delete and
  // hand-made strings (lib/typed-workloads.mjs, rawStrings).
  raw: rawPeer(weakbindWasm),
  embind: {
    wasm: join(BUILD, "embind/typed.wasm"),
    js: join(BUILD, "embind/typed.js"),
    async load() {
      const createModule = createRequire(import.meta.url)(this.js);
      // As in lib/peers.mjs: 3.1.6 cannot fetch a file path on node; hand it the bytes.
      const m = await createModule({ wasmBinary: readFileSync(this.wasm) });
      return {
        kind: "wrapped",
        classes: { Item: m.Item, Point: m.Point, Named: m.Named },
        release: (o) => o.delete(),
        destroyed: () => m.destroyed_count(),
        memoryBytes: () => m.HEAP8.buffer.byteLength,
      };
    },
  },
  wasm_bindgen: {
    wasm: join(BUILD, "wasm-bindgen/typed_bg.wasm"),
    js: join(BUILD, "wasm-bindgen/typed.js"),
    async load() {
      const wb = await import(pathToFileURL(this.js).href);
      const wasm = wb.initSync({ module: readFileSync(this.wasm) });
      return {
        kind: "wrapped",
        classes: { Item: wb.Item, Point: wb.Point, Named: wb.Named },
        release: (o) => o.free(),
        ...counters(() => wb.destroyed_count(), wasm.memory),
      };
    },
  },
  weakbind: weakbind("finalization"),
  weakbind_sweep: weakbind("sweep"),
};

// The loader as users call it: no options beyond the release strategy.
function weakbind(release) {
  return {
    wasm: weakbindWasm,
    js: join(ROOT, "js/weakbind.mjs"),
    async load() {
      const { load } = await import(pathToFileURL(this.js).href);
      const m = await load(readFileSync(this.wasm), release === "finalization" ? {} : { release });
      return {
        kind: "wrapped",
        classes: { Item: m.Item, Point: m.Point, Named: m.Named },
        release: (o) => o.dispose(),
        module: m,
        ...counters(() => m.exports.bench_destroyed_count(), m.memory),
      };
    },
  };
}
