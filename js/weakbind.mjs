// weakbind loader: load a module built with the weakbind runtime and get its
// C++/Rust classes as JS classes whose wasm memory is freed when JS lets go.
//
// The seed article's loop, grown up:
//   wrap each pointer in a JS object            -> classes.mjs
//   watch the object, free the pointer when gone -> release.mjs
//   tell_js_to_decref for JS values held by wasm -> js-values.mjs

import { compile } from "./source.mjs";
import { conventionSpecs, buildClasses } from "./classes.mjs";
import { readMetadata, parseMetadata } from "./metadata.mjs";
import { FinalizationRelease, SweepRelease } from "./release.mjs";
import { JsValueTable } from "./js-values.mjs";
import { wasiImports } from "./wasi.mjs";
import { WeakbindError } from "./errors.mjs";

export { WeakbindError };

export const ABI_VERSION = 1;

const REGISTRY_ERRORS = {
  [-1]: "null pointer",
  [-2]: "unknown class",
  [-3]: "pointer registered with another class",
  [-4]: "not registered",
  [-5]: "not retained",
  [-6]: "stale wrapper token",
  [-7]: "too many objects",
};

/**
 * @param source wasm bytes, a Response, a Promise of one, a URL or a Module
 * @param options.release "finalization" (default) or "sweep"
 * @param options.stdout, options.stderr line sinks for the module's output
 */
export async function load(source, options = {}) {
  const module = await compile(source);
  let memory = null;
  const values = new JsValueTable();
  const imports = {
    weakbind: {
      incref: (h) => values.incref(h),
      decref: (h) => values.decref(h),
      abort: (ptr, len) => {
        throw new WeakbindError(readUtf8(memory, ptr, len));
      },
    },
    wasi_snapshot_preview1: wasiImports(() => memory, {
      stdout: options.stdout ?? ((line) => console.log(line)),
      stderr: options.stderr ?? ((line) => console.error(line)),
    }),
  };
  checkImports(module, imports);

  const instance = await WebAssembly.instantiate(module, imports);
  const exports = instance.exports;
  memory = exports.memory;
  const records = readMetadata(module);
  const described = records ? parseMetadata(records, exports) : new Map();
  const specs = new Map([...described, ...conventionSpecs(exports, described)]);
  if (specs.size > 0) checkRuntime(exports, [...specs.keys()]);
  exports._initialize?.();

  const disown = exports.weakbind_disown;
  const onReleaseError = options.onReleaseError ?? ((e) => console.error("weakbind: releasing an object failed:", e));
  // Finalizer callbacks must not throw: an exception there is uncaught.
  const releaseLate = (token) => {
    try {
      disown(token);
    } catch (e) {
      onReleaseError(e);
    }
  };
  const strategy =
    options.release === "sweep"
      ? new SweepRelease(releaseLate, options.sweep)
      : new FinalizationRelease(releaseLate);

  const classIds = new Map();
  const classes = buildClasses(specs, {
    adopt: exports.weakbind_adopt,
    release: disown,
    track: (wrapper, token) => strategy.track(wrapper, token),
    errorName: (code) => REGISTRY_ERRORS[code] ?? `error ${code}`,
    classId(spec) {
      const table = exports.__indirect_function_table;
      const destructorIndex = spec.destructor ? table.grow(1, spec.destructor) : 0;
      const id = exports.weakbind_class_define(destructorIndex);
      classIds.set(spec.name, id);
      return id;
    },
    values,
    get memory() {
      return memory;
    },
    alloc: exports.weakbind_alloc,
    free: exports.weakbind_free,
    identity: [...described.values()].some(returnsObjects),
  });

  const result = { exports, memory, strategy: strategy.name };
  for (const [name, Class] of classes) result[name] = Class;

  result.jsref = (value) => values.add(value);
  result.jsvalue = (handle) => values.get(handle);
  result.flush = () => strategy.flush();
  result.stats = () => stats(exports, memory, classIds, values, strategy);
  result.check = () => {
    const message = exports.weakbind_check?.();
    return message ? readCString(memory, message) : null;
  };
  return result;
}

function stats(exports, memory, classIds, values, strategy) {
  const live = {};
  let liveTotal = 0;
  for (const [name, id] of classIds) {
    live[name] = exports.weakbind_live_count(id);
    liveTotal += live[name];
  }
  const heap = { inUse: 0, peak: 0, memorySize: memory?.buffer.byteLength ?? 0, allocations: 0 };
  if (exports.weakbind_heap_stats) {
    const [inUse, peak, memorySize, allocations] = new Uint32Array(memory.buffer, exports.weakbind_heap_stats(), 4);
    Object.assign(heap, { inUse, peak, memorySize, allocations });
  }
  return { live, liveTotal, heap, jsValues: values.live, pending: strategy.pending, strategy: strategy.name };
}

// Every import the module asks for must be one the loader provides; say
// which one is missing instead of failing inside instantiate.
function checkImports(module, imports) {
  const missing = WebAssembly.Module.imports(module).filter(
    ({ module: m, name, kind }) => kind !== "function" || typeof imports[m]?.[name] !== "function",
  );
  if (missing.length > 0) {
    const names = missing.map(({ module: m, name, kind }) => `${m}.${name} (${kind})`).join(", ");
    throw new WeakbindError(`load: the module imports ${names}, which the weakbind loader does not provide`);
  }
}

function returnsObjects(spec) {
  const members = [...spec.methods, ...spec.statics, ...spec.getters.values()];
  return members.some((m) => (m.result ?? m.type).kind === "object");
}

function checkRuntime(exports, classNames) {
  const names = classNames.join(", ");
  if (typeof exports.weakbind_abi_version !== "function") {
    throw new WeakbindError(
      `load: the module exports classes (${names}) but was not linked with the weakbind runtime (no weakbind_abi_version export)`,
    );
  }
  const version = exports.weakbind_abi_version();
  if (version !== ABI_VERSION) {
    throw new WeakbindError(`load: the module's runtime has ABI version ${version}; this loader speaks ${ABI_VERSION}`);
  }
  if (!(exports.__indirect_function_table instanceof WebAssembly.Table)) {
    throw new WeakbindError("load: the module does not export its function table (link with --export-table --growable-table)");
  }
}

function readUtf8(memory, ptr, len) {
  return new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len));
}

function readCString(memory, ptr) {
  const bytes = new Uint8Array(memory.buffer, ptr);
  return readUtf8(memory, ptr, bytes.indexOf(0));
}
