// The typed half of the loader, imported only by modules whose metadata
// describes classes (a `weakbind` custom section): type-checked arguments
// and results, strings and bytes through heap blocks, objects and their
// identity. Modules of the seed's naming convention never load it.

import { GONE } from "./errors.mjs";
import { simpleParam, blockParam, resultConverter } from "./types.mjs";
import { directInvoker, RAW } from "./classes.mjs";

export { readMetadata, parseMetadata } from "./metadata.mjs";

// Typed constructors, chosen by the number of arguments.
export function typedConstructor(spec, inf, ctx, adoptNew) {
  const byArity = new Map();
  for (const ctor of spec.ctors) {
    byArity.set(ctor.params.length, invoker(ctor.fn, ctor.params, RAW, ctx, `new ${inf.name}()`, null));
  }
  const arities = [...byArity.keys()].sort((x, y) => x - y).join(", ");
  return (wrapper, args) => {
    const call = byArity.get(args.length);
    if (!call) {
      throw new TypeError(`new ${inf.name}(): no constructor takes ${args.length} argument${args.length === 1 ? "" : "s"} (${arities || "none is exported"})`);
    }
    adoptNew(wrapper, call(...args));
  };
}

// A JS function calling wasm export `fn`: converts arguments, calls,
// converts the result. `self` (null for statics and constructors) turns the
// receiver into its pointer. When every argument is one wasm value, the
// core's directInvoker makes it.
export function invoker(fn, params, result, ctx, label, self) {
  const calls = ctx.calls;
  const at = (i) => `${label}: argument ${i + 1}`;
  const res = resultConverter(result, ctx, () => label) ?? ((r) => r);
  const simple = params.map((p) => (p.kind === "js" ? null : simpleParam(p, ctx, at)));

  if (self && simple.every(Boolean) && params.length <= 3) return directInvoker(fn, calls, self, simple, res);

  // The general path: strings and bytes copied into blocks freed after the
  // call; JS values handed over only if the call happens.
  const convert = params.map((p, i) => {
    if (p.kind === "string" || p.kind === "bytes") return blockParam(p, ctx, at);
    if (p.kind === "js") {
      return (a, _i, wire, _blocks, handles) => {
        const handle = ctx.values.add(a);
        handles.push(handle);
        wire.push(handle);
      };
    }
    const one = simple[i];
    return (a, j, wire) => wire.push(one(a, j));
  });
  const parentArg = params.findIndex((p) => p.kind === "object");
  return function (...args) {
    const blocks = [];
    const handles = [];
    let called = false;
    try {
      const wire = self ? [self(this)] : [];
      for (let i = 0; i < convert.length; i++) convert[i](args[i], i, wire, blocks, handles);
      called = true;
      const r = fn(...wire);
      if (calls.flags !== 0) calls.settle();
      return res(r, self ? this : (args[parentArg] ?? null));
    } catch (e) {
      if (!called) for (const h of handles) ctx.values.decref(h);
      throw calls.unwound(e);
    } finally {
      for (const block of blocks) ctx.free(block);
    }
  };
}

// Pointer -> wrapper, without keeping wrappers alive. Dead entries are
// dropped when a lookup meets them and in sweeps whose cost is amortised
// over insertions, so the map stays within a constant factor of the
// wrappers alive.
//
// WeakRef.deref() is costly (V8 records the target to keep it alive until
// the job ends), so hits go through a small direct-mapped cache holding
// wrappers strongly — cleared by a microtask, i.e. before the current job
// ends: it keeps nothing alive that deref() would not have kept anyway.
const CACHE_SIZE = 256;

export class IdentityMap {
  #map = new Map();
  #sweepAt = 1024;
  #cacheKeys = new Int32Array(CACHE_SIZE);
  #cacheWrappers = new Array(CACHE_SIZE).fill(undefined);
  #cacheDirty = false;
  #clearCache = () => {
    this.#cacheKeys.fill(0);
    this.#cacheWrappers.fill(undefined);
    this.#cacheDirty = false;
  };

  find(ptr, inf) {
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheKeys[i] === ptr) {
      const cached = this.#cacheWrappers[i];
      if (cached[inf.key] > 0) return cached;
    }
    const ref = this.#map.get(ptr);
    if (ref === undefined) return undefined;
    const wrapper = ref.deref();
    if (wrapper === undefined) {
      this.#map.delete(ptr);
      return undefined;
    }
    // Same object only if the wrapper is alive and of this class (or derived).
    if (!(wrapper[inf.key] > 0)) return undefined;
    this.#remember(i, ptr, wrapper);
    return wrapper;
  }

  set(ptr, wrapper) {
    this.#map.set(ptr, new WeakRef(wrapper));
    this.#remember((ptr >>> 3) & (CACHE_SIZE - 1), ptr, wrapper);
    if (this.#map.size >= this.#sweepAt) {
      for (const [p, ref] of this.#map) if (ref.deref() === undefined) this.#map.delete(p);
      this.#sweepAt = Math.max(1024, this.#map.size * 2);
    }
  }

  forget(ptr, wrapper) {
    if (this.#map.get(ptr)?.deref() === wrapper) this.#map.delete(ptr);
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheWrappers[i] === wrapper) {
      this.#cacheKeys[i] = 0;
      this.#cacheWrappers[i] = undefined;
    }
  }

  // The live wrapper of `ptr`, whatever its class.
  any(ptr) {
    const wrapper = this.#map.get(ptr)?.deref();
    return wrapper?.[GONE] === undefined ? wrapper : undefined;
  }

  #remember(i, ptr, wrapper) {
    this.#cacheKeys[i] = ptr;
    this.#cacheWrappers[i] = wrapper;
    if (!this.#cacheDirty) {
      this.#cacheDirty = true;
      queueMicrotask(this.#clearCache);
    }
  }
}
