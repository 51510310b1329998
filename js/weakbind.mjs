// weakbind loader: load a module built with the weakbind runtime and get its
// C++/Rust classes as JS classes whose wasm memory is freed when JS lets go.
//
// The seed article's loop, grown up:
//   wrap each pointer in a JS object            -> classes.mjs
//   watch the object, free the pointer when gone -> release.mjs
//   tell_js_to_decref for JS values held by wasm -> js-values.mjs

import { compile } from "./source.mjs";
import { conventionSpecs, buildClasses } from "./classes.mjs";
import { FinalizationRelease } from "./release.mjs";
import { WeakbindError, CppException, loadFailure } from "./errors.mjs";
import { Calls } from "./calls.mjs";
import { Scopes } from "./scope.mjs";
import { ABI_VERSION, RUNTIME_IMPORTS, VALUE_HOME_IMPORTS, readHeapInfo } from "./abi.mjs";

export { WeakbindError, CppException, ABI_VERSION };

const NUDGE_EVERY = 16384; // registrations between memory.grow(0) nudges

// The `weakbind` imports that have nothing to do with JS values.
const RUNTIME_ONLY = new Set(RUNTIME_IMPORTS);
const VALUE_HOMES = new Set(VALUE_HOME_IMPORTS);

// The JS-value table of a module that holds no JS values.
const NO_JS_VALUES = {
  holdsValues: false, // so wrappers need not be reported to it
  live: 0,
  onWrappers: 0,
  check: () => null,
  has: () => false,
  add() {
    throw new WeakbindError("jsref(): this module holds no JS values (it imports none of weakbind's JS-value functions)");
  },
  get(handle) {
    throw new WeakbindError(`JS value handle ${handle} is stale or forged (use)`);
  },
};

/**
 * @param source wasm bytes, a Response, a Promise of one, a URL or a Module
 * @param options.strategy how a dropped wrapper's object is freed:
 *   "finalization" (default) or "sweep" (`release` is its old name)
 * @param options.cohortSize, options.cohortBytes the most wrappers, and the
 *   most heap growth in bytes, one cohort holds (release.mjs)
 * @param options.stdout, options.stderr line sinks for the module's output
 * @param options.debug record where objects and handles were created (m.leaks())
 */
export async function load(source, options = {}) {
  const strategyName = options.strategy ?? options.release ?? "finalization";
  if (strategyName !== "finalization" && strategyName !== "sweep") {
    throw new TypeError(`load(): strategy is "finalization" or "sweep", got ${JSON.stringify(strategyName)}`);
  }
  const module = await compile(source);
  let memory = null;
  let exports = null;
  let calls = null;
  let built = null; // the classes, once the instance exists
  // Class id -> destructor export, which the runtime's `destroy` import
  // calls for a class defined without a table index (weakbind.h).
  const destructors = [];
  // Parts only some modules need are imported when one does, so a module
  // of the seed's convention loads only the core: typed bindings (a
  // `weakbind` metadata section), the WASI shim (printf), the leak log,
  // the sweep strategy, the JS-value table (a module whose C++ and Rust
  // never hold a JS value imports none of its functions). None of them
  // imports a module of the core: what they share with it (WeakbindError
  // above all) is passed to them, as a module both import would be split
  // off into a file of its own that every page fetches too.
  const wanted = WebAssembly.Module.imports(module);
  const [typed, wasi, leakLog, sweep, jsValues, cxxExceptions] = await Promise.all([
    WebAssembly.Module.customSections(module, "weakbind").length > 0 ? import("./typed.mjs") : null,
    wanted.some((i) => i.module === "wasi_snapshot_preview1") ? import("./wasi.mjs") : null,
    options.debug ? import("./leaks.mjs") : null,
    strategyName === "sweep" ? import("./sweep.mjs") : null,
    wanted.some((i) => i.module === "weakbind" && !RUNTIME_ONLY.has(i.name)) ? import("./js-values.mjs") : null,
    WebAssembly.Module.exports(module).some((e) => e.kind === "tag" && e.name === "__cpp_exception") ? import("./exceptions.mjs") : null,
  ]);
  const leaks = leakLog ? new leakLog.LeakLog() : null;
  const values = jsValues ? new jsValues.JsValueTable(leaks && ((handle) => leaks.handle(handle)), WeakbindError) : NO_JS_VALUES;
  const imports = {
    weakbind: {
      // The one import that throws into wasm: abort never returns, and the
      // loader recovers from it as from a trap.
      abort: (ptr, len) => {
        throw new WeakbindError(readUtf8(memory, ptr >>> 0, len >>> 0));
      },
      deferred: () => calls.runtimeDeferred(),
      destroy: (classId, ptr) => destructors[classId]?.(ptr),
      // Wasm is freeing memory at `ptr` that a wrapper JS does not own
      // reaches (weakbind_watch): that wrapper stops reaching it.
      freed: (ptr) => built?.freed(ptr),
      // Calls into JS and the value table's functions, for modules that
      // import them (the runtime's JS-value side).
      ...jsValues?.valueImports(values, {
        calls: () => calls,
        memory: () => memory,
        exports: () => exports,
        built: () => built,
        readUtf8,
        WeakbindError,
      }),
    },
  };
  if (wasi) {
    imports.wasi_snapshot_preview1 = wasi.wasiImports(() => memory, {
      stdout: options.stdout ?? ((line) => console.log(line)),
      stderr: options.stderr ?? ((line) => console.error(line)),
    });
  }
  await checkImports(module, imports);

  const instance = await WebAssembly.instantiate(module, imports);
  exports = instance.exports;
  memory = exports.memory;
  const records = typed?.readMetadata(module, WeakbindError);
  const described = records ? typed.parseMetadata(records, exports, WeakbindError) : new Map();
  const specs = new Map([...described, ...conventionSpecs(exports, described)]);
  // Free functions, enums and values need the runtime as classes do.
  const typedModule = described.size > 0 || described.functions?.length > 0 || described.enums?.size > 0 || described.valueTypes?.size > 0;
  if (specs.size > 0 || typedModule) await checkRuntime(exports, [...specs.keys()]);
  exports._initialize?.();
  exports.weakbind_init?.(); // Rust cdylibs with std: panic messages reach JS

  const disown = exports.weakbind_disown;
  const takePanic = exports.weakbind_take_panic;
  // C++ exceptions (modules built with them) become CppExceptions.
  const exceptions = cxxExceptions?.exceptionSide(exports, memory, CppException, () => calls.depth) ?? null;
  const explain = (e, label) => {
    const cpp = exceptions?.explain(e, label);
    if (cpp) return cpp;
    const message = e instanceof WebAssembly.RuntimeError && takePanic ? takePanic() : 0;
    return message ? new WeakbindError(readCString(memory, message), { cause: e }) : e;
  };
  // A release is a wrapper token (>= 0: disown) or, for a wrapper that
  // co-owns its object through a retain, minus its pointer (release).
  const release = exports.weakbind_release;
  const letGo = (token) => (token >= 0 ? disown(token) : release(-token));
  calls = new Calls(letGo, exports.__stack_pointer, exports.weakbind_run_deferred, explain);
  calls.markStackTop();
  const onReleaseError = options.onReleaseError ?? ((e) => console.error("weakbind: releasing an object failed:", e));
  // Finalizer callbacks must not throw: an exception there is uncaught.
  // Nor may one failed release stop the others in its cohort: a throwing
  // onReleaseError is reported, not propagated.
  const releaseLate = (token) => {
    try {
      calls.release(token);
    } catch (e) {
      try {
        onReleaseError(e);
      } catch (reporting) {
        console.error("weakbind: onReleaseError threw:", reporting);
      }
    }
  };
  // The registry's tables shrink back after a spike, checked once per full
  // collection (finalization) or sweep tick; never from inside wasm.
  const trim = () => {
    if (calls.depth !== 0) return;
    try {
      exports.weakbind_trim?.();
    } catch (e) {
      onReleaseError(e); // runs in a finalizer callback, which must not throw
    }
  };
  const strategy = sweep
    ? new sweep.SweepRelease(releaseLate, options.sweep, trim)
    : new FinalizationRelease(releaseLate, { cohortSize: options.cohortSize, cohortBytes: options.cohortBytes, collected: trim, inUse: heapInUse(exports, memory) });

  // V8 collects on JS-heap pressure and cannot see linear memory. A new
  // ArrayBuffer over the whole memory (what memory.grow(0) makes) counts as
  // external memory and prompts full collections sooner, which bounds the
  // peak linear memory of a churn of large objects (make bench, `memory`).
  // Deferred to a microtask, so no view of memory.buffer held by running
  // code is detached.
  let registrations = 0;
  const nudge = () => memory.grow(0);
  // Returns what the wrapper must keep alive (its cohort), or null; a
  // `member` is pushed onto it (identity.mjs).
  const register = (wrapper, token, member) => {
    if ((++registrations & (NUDGE_EVERY - 1)) === 0 && memory) queueMicrotask(nudge);
    return strategy.track(wrapper, token, member) ?? null;
  };
  const scopes = new Scopes((wrapper) => built.kept(wrapper));

  const classIds = new Map();
  let coOwners = null;
  built = buildClasses(specs, {
    valueTypes: described.valueTypes,
    functions: described.functions,
    // A module holding JS values can hand JS any object (returned.mjs).
    allFindable: wanted.some((i) => i.module === "weakbind" && !RUNTIME_ONLY.has(i.name) && !VALUE_HOMES.has(i.name)),
    adopt: exports.weakbind_adopt,
    reown: exports.weakbind_reown,
    calls,
    track: (wrapper, token, member) => scopes.record(wrapper) ?? register(wrapper, token, member),
    ended: (token) => strategy.ended?.(token),
    register,
    // Co-owners (classes.mjs) are few: one registration each, cancelled
    // when disposed.
    coOwn(wrapper, ptr) {
      const retained = exports.weakbind_retain(ptr);
      if (retained >= 0) (coOwners ??= new FinalizationRegistry((p) => releaseLate(-p))).register(wrapper, ptr, wrapper);
      return retained;
    },
    unCoOwn: (wrapper) => coOwners?.unregister(wrapper),
    Views: jsValues?.Views,
    classId(spec) {
      const table = exports.__indirect_function_table;
      const destructorIndex = spec.destructor && table ? table.grow(1, spec.destructor) : 0;
      const id = exports.weakbind_class_define(destructorIndex);
      destructors[id] = spec.destructor; // asked for only when the index is 0
      classIds.set(spec.name, id);
      return id;
    },
    values,
    exports,
    leaks,
    exceptions,
  }, typedModule ? typed : null);

  const result = { exports, memory, strategy: strategy.name };
  for (const [name, Class] of built.classes) result[name] = Class;
  built.side?.defineModule(result, described);

  // A handle for a JS value wasm may hold (`jsref` is its old name).
  result.handle = (value) => values.add(value);
  result.jsref = result.handle;
  result.jsvalue = (handle) => {
    if (!Number.isInteger(handle) || handle <= 0 || handle > 0xffffffff) {
      throw new TypeError(`jsvalue(): a handle is an integer in [1, 2^32), got ${typeof handle === "number" ? handle : typeof handle}`);
    }
    return values.get(handle);
  };
  result.flush = () => strategy.flush();
  // Everything JS comes to own inside `fn` is disposed when it returns,
  // unless kept: result.keep(obj) hands it to the collector instead.
  result.scope = (fn) => scopes.run(fn);
  result.keep = (wrapper) => scopes.keep(wrapper);
  result.stats = () => (calls.beforeReport(), stats(exports, memory, classIds, values, strategy));
  // Every invariant of the registry and heap (inside wasm) and of the JS
  // value table: null when all hold, else the first broken one.
  // Debug mode: the live objects and handles, each with where it was made.
  result.leaks = () => {
    if (!leaks) throw new WeakbindError("leaks(): load the module with { debug: true } to record where objects are created");
    return leaks.report((ptr) => exports.weakbind_class_of(ptr) >= 0, (handle) => values.has(handle));
  };
  result.check = () => {
    calls.beforeReport();
    const message = exports.weakbind_check?.();
    return message ? readCString(memory, message) : values.check();
  };
  return result;
}

function stats(exports, memory, classIds, values, strategy) {
  const live = {};
  let liveTotal = 0;
  for (const [name, id] of classIds) liveTotal += live[name] = exports.weakbind_live_count(id);
  const heap = { inUse: 0, peak: 0, memorySize: memory?.buffer.byteLength ?? 0, allocations: 0, large: 0, registryBytes: 0, registryBlocks: 0, classes: [] };
  if (exports.weakbind_heap_stats) {
    const info = readHeapInfo(memory.buffer, exports.weakbind_heap_stats());
    const { in_use: inUse, peak_in_use: peak, memory_size: memorySize, allocations, large_allocations: large, class_count: classCount, class_sizes: sizesPtr, class_live: livePtr, registry_bytes: registryBytes, registry_blocks: registryBlocks } = info;
    const sizes = new Uint32Array(memory.buffer, sizesPtr, classCount);
    const counts = new Uint32Array(memory.buffer, livePtr, classCount);
    // Live blocks per size class, only the classes in use.
    const classes = [];
    for (let c = 0; c < classCount; c++) if (counts[c] > 0) classes.push({ size: sizes[c], live: counts[c] });
    Object.assign(heap, { inUse, peak, memorySize, allocations, large, registryBytes, registryBlocks, classes });
  }
  return {
    live,
    liveTotal,
    heap,
    jsValues: values.live,
    jsValuesOnWrappers: values.onWrappers,
    pending: strategy.pending,
    strategy: strategy.name,
    cohortSize: strategy.size ?? 1,
  };
}

// Every import the module asks for must be one the loader provides; say
// which one is missing instead of failing inside instantiate.
async function checkImports(module, imports) {
  const missing = WebAssembly.Module.imports(module).filter(
    ({ module: m, name, kind }) => kind !== "function" || typeof imports[m]?.[name] !== "function",
  );
  if (missing.length > 0) throw await loadFailure("missingImports", missing);
}

// A runtime of this ABI reaches destructors through the function table when
// the module exports it, else through the `destroy` import (classId above).
async function checkRuntime(exports, classNames) {
  if (typeof exports.weakbind_abi_version !== "function") throw await loadFailure("noRuntime", classNames);
  const version = exports.weakbind_abi_version();
  if (version !== ABI_VERSION) throw await loadFailure("abiVersion", [version, ABI_VERSION]);
}

// A reader of the heap's bytes in use (weakbind_heap_in_use), through a
// view remade only when memory growth detached it.
function heapInUse(exports, memory) {
  if (!exports.weakbind_heap_in_use) return null;
  const at = exports.weakbind_heap_in_use() >>> 2;
  let words = new Uint32Array(memory.buffer);
  return () => {
    if (words.length === 0) words = new Uint32Array(memory.buffer);
    return words[at];
  };
}

function readUtf8(memory, ptr, len) {
  return new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len));
}

function readCString(memory, ptr) {
  const bytes = new Uint8Array(memory.buffer, ptr);
  return readUtf8(memory, ptr, bytes.indexOf(0));
}
