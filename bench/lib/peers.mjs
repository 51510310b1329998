// Every peer of `make bench`, one adapter each: where its built files are
// (for the size workload) and how to load it in a worker process into the
// shape the workloads use:
//   { kind: "wrapped", classes: { MyClass, Buffer1K }, destroyed(), memoryBytes() }
//   { kind: "raw", exports, destroyed(), memoryBytes() }
// `bare: true` loads the peer with its automatic-release registration
// switched off (the registration workload's baseline): FinalizationRegistry
// peers get a no-op register(), the article gets wrappers without manage(),
// weakbind's release strategies a no-op track().
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { releaseStrategies } from "./strategies.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BUILD = process.env.BENCH_BUILD ? resolve(process.env.BENCH_BUILD) : join(ROOT, "build/bench");

const weakbindWasm = join(BUILD, "weakbind/bench.wasm");

// name → { wasm, js: what it ships (size workload), load(opts) }
export const PEERS = {
  raw: rawPeer(weakbindWasm),
  article: {
    wasm: weakbindWasm,
    js: join(ROOT, "bench/peers/article/article.mjs"),
    async load({ bare = false } = {}) {
      const { load } = await import("../peers/article/article.mjs");
      const m = await load(readFileSync(this.wasm));
      const classes = bare ? bareClasses(m.exports) : { MyClass: m.MyClass, Buffer1K: m.Buffer1K };
      return { kind: "wrapped", classes, ...counters(() => m.exports.bench_destroyed_count(), m.exports.memory) };
    },
  },
  embind: embind("smart"),
  embind_raw: embind("plain"),
  wasm_bindgen: {
    wasm: join(BUILD, "wasm-bindgen/bench_bg.wasm"),
    js: join(BUILD, "wasm-bindgen/bench.js"),
    async load({ bare = false } = {}) {
      if (bare) stubFinalizationRegistry();
      const wb = await import(pathToFileURL(this.js).href);
      const wasm = wb.initSync({ module: readFileSync(this.wasm) });
      return { kind: "wrapped", classes: { MyClass: wb.MyClass, Buffer1K: wb.Buffer1K }, ...counters(() => wb.destroyed_count(), wasm.memory) };
    },
  },
  weakbind: weakbind("finalization"),
  weakbind_sweep: weakbind("sweep"),
};

// Another build of weakbind for before/after figures in one run: a folder
// (WEAKBIND_BASE) holding that commit's js/ and its bench.wasm
// (`make bench-base BASE=<commit>` makes one).
const BASE = process.env.WEAKBIND_BASE ? resolve(process.env.WEAKBIND_BASE) : null;
if (BASE) PEERS.weakbind_base = weakbind("finalization", BASE);

export const PEER_NAMES = ["raw", "article", "embind", "embind_raw", "wasm_bindgen", "weakbind", "weakbind_sweep", ...(BASE ? ["weakbind_base"] : [])];

function embind(variant) {
  return {
    wasm: join(BUILD, `embind/${variant}.wasm`),
    js: join(BUILD, `embind/${variant}.js`),
    async load({ bare = false } = {}) {
      if (bare) stubFinalizationRegistry();
      const createModule = createRequire(import.meta.url)(this.js);
      // Debian's emscripten 3.1.6 fetches a file path on node 20 and fails:
      // hand it the bytes.
      const m = await createModule({ wasmBinary: readFileSync(this.wasm) });
      return {
        kind: "wrapped",
        classes: { MyClass: m.MyClass, Buffer1K: m.Buffer1K },
        destroyed: () => m.destroyed_count(),
        memoryBytes: () => m.HEAP8.buffer.byteLength,
      };
    },
  };
}

function weakbind(release, base = null) {
  return {
    wasm: base ? join(base, "bench.wasm") : weakbindWasm,
    js: join(base ?? ROOT, "js/weakbind.mjs"),
    release,
    async load({ bare = false, options = {} } = {}) {
      if (bare) {
        // Both strategies hand each wrapper to track(): skip it.
        for (const S of await releaseStrategies()) S.prototype.track = function track() {};
      }
      const { load } = await import(pathToFileURL(this.js).href);
      const m = await load(readFileSync(this.wasm), { ...options, release });
      return {
        kind: "wrapped",
        classes: { MyClass: m.MyClass, Buffer1K: m.Buffer1K },
        module: m,
        ...counters(() => m.exports.bench_destroyed_count(), m.memory),
      };
    },
  };
}

// The raw peer of a module: its exports called directly (the convention
// module here, the typed one in lib/typed-peers.mjs).
export function rawPeer(wasm) {
  return {
    wasm,
    js: join(ROOT, "bench/peers/raw/raw.mjs"),
    async load() {
      const { load } = await import("../peers/raw/raw.mjs");
      const exports = await load(readFileSync(this.wasm));
      return { kind: "raw", exports, ...counters(() => exports.bench_destroyed_count(), exports.memory) };
    },
  };
}

export function counters(destroyed, memory) {
  return { destroyed, memory, memoryBytes: () => memory.buffer.byteLength };
}

// Wrappers over the bench module's exports with no release machinery.
function bareClasses(exports) {
  const make = (ctor, method) => class {
    constructor(h) { this.data = ctor(h); }
    my_method() { return method(this.data); }
  };
  return {
    MyClass: make(exports._MyClass__constructor, exports._MyClass__my_method),
    Buffer1K: make(exports._Buffer1K__constructor, exports._Buffer1K__my_method),
  };
}

// Registration baseline: keep FinalizationRegistry objects, drop register().
function stubFinalizationRegistry() {
  FinalizationRegistry.prototype.register = function register() {};
}
