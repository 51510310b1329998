// Builds a JS class for each wasm class, with no per-class JS: from the
// seed's naming convention (every value a number) or from the module's
// metadata (typed values, objects, ownership).
//
// A wrapper keeps its wasm pointer under its class's own symbol (and its
// bases' symbols), so a method called on a wrapper of an unrelated class, or
// on anything else, finds no pointer and throws instead of handing foreign
// memory to wasm. Disposing writes 0 there; so does the disposal of the
// parent a borrowed wrapper belongs to.

import { WeakbindError, misuse, GONE } from "./errors.mjs";
import { simpleParam, blockParam, resultConverter } from "./types.mjs";

const TOKEN = Symbol("weakbind.token"); // the JS ownership, when owned
const PARENT = Symbol("weakbind.parent"); // what a borrowed wrapper keeps alive
const CHILDREN = Symbol("weakbind.children"); // borrowed wrappers to invalidate
const BYPASS = Symbol("weakbind.bypass"); // super() from a derived class
const RAW = { kind: "raw" };
const CLASS_MISMATCH = -3; // WEAKBIND_ERR_CLASS_MISMATCH: the object is someone else's

// Class names are identifiers without a double underscore.
const EXPORT_NAME = /^_([A-Za-z](?:[A-Za-z0-9]|_(?!_))*)__([A-Za-z_]\w*)$/;

// Specs for `_Class__member` exports. Only names with a constructor export
// are classes; classes the metadata describes are left to it.
export function conventionSpecs(exports, described) {
  const members = new Map();
  for (const [name, value] of Object.entries(exports)) {
    const m = EXPORT_NAME.exec(name);
    if (!m || typeof value !== "function" || described.has(m[1])) continue;
    if (!members.has(m[1])) members.set(m[1], new Map());
    members.get(m[1]).set(m[2], value);
  }
  const specs = new Map();
  for (const [name, fns] of members) {
    const constructor = fns.get("constructor");
    if (!constructor) continue;
    const destructor = fns.get("destructor") ?? null;
    fns.delete("constructor");
    fns.delete("destructor");
    const methods = [...fns].map(([method, fn]) => ({
      name: method,
      fn,
      params: Array(Math.max(0, fn.length - 1)).fill(RAW),
      result: RAW,
    }));
    specs.set(name, { name, base: null, raw: true, ctors: [{ fn: constructor, params: null }], destructor, methods, statics: [], getters: new Map(), setters: new Map() });
  }
  return specs;
}

// `runtime`: adopt(ptr, classId) -> token, track(wrapper, token), untrack(wrapper),
// classId(spec) -> id, calls (calls.mjs: releases, re-entrancy, traps),
// values, memory, alloc, free, and `identity` (true for typed modules: the
// same pointer gets the same wrapper). Returns the classes, and `objectFor`
// (the wrapper for a registered pointer) and `wrapperOf` (a live wrapper of
// a pointer, if one is known).
export function buildClasses(specs, runtime) {
  const infos = new Map();
  const byId = new Map();
  const identity = runtime.identity ? new IdentityMap() : null;

  const info = (name) => infos.get(name);
  const ctx = {
    calls: runtime.calls,
    values: runtime.values,
    // A plain data object: a getter here made every converter's property
    // loads slow (measured: 85 -> 11 ns for an object result).
    memory: runtime.memory,
    alloc: runtime.alloc,
    free: runtime.free,
    pointerKey: (name) => info(name).key,
    // Result converters resolve a class once, then pass its info.
    classInfo: info,
    owned: (ptr, inf) => identity?.find(ptr, inf) ?? adoptInto(Object.create(inf.Class.prototype), ptr, inf),
    borrowed: (ptr, inf, parent) => identity?.find(ptr, inf) ?? borrow(ptr, inf, parent),
  };

  function adoptInto(wrapper, ptr, inf) {
    const token = runtime.adopt(ptr, inf.id);
    if (token < 0) {
      // Nobody owns the new object now: free it rather than leak it (an
      // object the registry already knew is refused before this point).
      if (token !== CLASS_MISMATCH) inf.destructor?.(ptr);
      throw new WeakbindError(`${inf.name}: the registry refused the object (${runtime.errorName(token)})`);
    }
    for (const key of inf.keys) wrapper[key] = ptr;
    wrapper[TOKEN] = token;
    runtime.track(wrapper, token);
    runtime.leaks?.object(ptr, inf.name);
    // Convention classes never come back from wasm typed, so only described
    // classes pay for identity.
    if (inf.typed) identity?.set(ptr, wrapper);
    runtime.values.noteWrapper(ptr, wrapper);
    return wrapper;
  }

  function borrow(ptr, inf, parent) {
    const wrapper = Object.create(inf.Class.prototype);
    for (const key of inf.keys) wrapper[key] = ptr;
    if (parent) {
      wrapper[PARENT] = parent;
      (parent[CHILDREN] ??= []).push(new WeakRef(wrapper));
    }
    identity?.set(ptr, wrapper);
    return wrapper;
  }

  // Ends a wrapper's reach into wasm, and its borrowed children's.
  function invalidate(wrapper, inf, reason) {
    const ptr = wrapper[inf.key];
    for (const key of inf.keys) wrapper[key] = 0;
    wrapper[GONE] = reason;
    identity?.forget(ptr, wrapper);
    for (const ref of wrapper[CHILDREN] ?? []) {
      const child = ref.deref();
      if (child) invalidate(child, infos.get(child.constructor.name) ?? inf, `its owner ${inf.name} was disposed`);
    }
    wrapper[CHILDREN] = undefined;
  }

  // Bases first, so a derived class can extend its base's JS class.
  const order = [];
  const visit = (spec) => {
    if (infos.has(spec.name)) return;
    infos.set(spec.name, null);
    if (spec.base) visit(specs.get(spec.base));
    order.push(spec);
  };
  for (const spec of specs.values()) visit(spec);

  // Every class's pointer key first: a method may take an object of a
  // class built later (classes of two languages often use each other).
  for (const spec of order) {
    const base = spec.base ? infos.get(spec.base) : null;
    const inf = { name: spec.name, id: runtime.classId(spec), key: Symbol(`${spec.name}.pointer`), typed: !spec.raw, destructor: spec.destructor, Class: null };
    inf.keys = base ? [inf.key, ...base.keys] : [inf.key];
    infos.set(spec.name, inf);
    byId.set(inf.id, inf);
  }
  for (const spec of order) {
    const inf = infos.get(spec.name);
    inf.Class = makeClass(spec, inf, spec.base ? infos.get(spec.base) : null, { ctx, adoptInto, invalidate, runtime });
  }
  return {
    classes: new Map(order.map((spec) => [spec.name, infos.get(spec.name).Class])),
    // A registered object handed to a JS callback: its wrapper, or a new
    // one that does not own it (wasm does).
    objectFor: (ptr, classId) => {
      const inf = byId.get(classId);
      return identity?.find(ptr, inf) ?? borrow(ptr, inf, null);
    },
    wrapperOf: (ptr) => identity?.any(ptr),
  };
}

function makeClass(spec, inf, base, { ctx, adoptInto, invalidate, runtime }) {
  const { name, key } = inf;
  // What every constructor does with the pointer it got.
  const adoptNew = (wrapper, ptr) => {
    if (!ptr) throw new WeakbindError(`new ${name}(): the constructor returned NULL (out of memory?)`);
    adoptInto(wrapper, ptr, inf);
  };
  const construct = spec.raw ? rawConstructor(spec, adoptNew) : typedConstructor(spec, inf, ctx, adoptNew);
  const Class = base
    ? {
        [name]: class extends base.Class {
          constructor(...args) {
            super(BYPASS);
            if (args[0] !== BYPASS) construct(this, args);
          }
        },
      }[name]
    : spec.raw
      ? rawClass(name, spec.ctors[0].fn.length, construct)
      : {
          [name]: class {
            constructor(...args) {
              if (args[0] !== BYPASS) construct(this, args);
            }
          },
        }[name];

  define(Class.prototype, "dispose", function dispose() {
    if (!(this?.[key] > 0)) {
      if (this?.[GONE] === undefined) throw misuse(this, name, "dispose");
      return; // a second dispose does nothing
    }
    const token = this[TOKEN];
    if (token === undefined) {
      throw new TypeError(`${name}.dispose: the object is borrowed from its owner; dispose the owner instead`);
    }
    invalidate(this, inf, "the object was disposed");
    runtime.untrack(this);
    runtime.calls.release(token);
  });
  if (typeof Symbol.dispose === "symbol") define(Class.prototype, Symbol.dispose, Class.prototype.dispose);

  const self = (method) => (obj) => {
    const p = obj?.[key];
    if (p > 0) return p;
    throw misuse(obj, name, method);
  };
  for (const m of spec.methods) {
    define(Class.prototype, m.name, invoker(m.fn, m.params, m.result, ctx, `${name}.${m.name}`, self(m.name)));
  }
  for (const s of spec.statics) {
    define(Class, s.name, invoker(s.fn, s.params, s.result, ctx, `${name}.${s.name}`, null));
  }
  for (const prop of new Set([...spec.getters.keys(), ...spec.setters.keys()])) {
    const getter = spec.getters.get(prop);
    const setter = spec.setters.get(prop);
    Object.defineProperty(Class.prototype, prop, {
      get: getter && invoker(getter.fn, [], getter.type, ctx, `${name}.${prop}`, self(prop)),
      set: setter && invoker(setter.fn, [setter.type], { kind: "void" }, ctx, `${name}.${prop}`, self(prop)),
      configurable: true,
    });
  }
  return Class;
}

function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

const NO_MORE = Object.freeze([]);

// A wasm constructor takes a fixed number of numbers: up to four go as
// plain parameters, so no rest array is made per object.
function rawClass(name, arity, construct) {
  return arity <= 4
    ? {
        [name]: class {
          constructor(a, b, c, d) {
            construct(this, a, b, c, d, NO_MORE);
          }
        },
      }[name]
    : {
        [name]: class {
          constructor(a, b, c, d, ...more) {
            construct(this, a, b, c, d, more);
          }
        },
      }[name];
}

// The seed's constructor: numbers in, a pointer out.
function rawConstructor(spec, adoptNew) {
  const fn = spec.ctors[0].fn;
  return (wrapper, a, b, c, d, more) => adoptNew(wrapper, more.length === 0 ? fn(a, b, c, d) : fn(a, b, c, d, ...more));
}

// Typed constructors, chosen by the number of arguments.
function typedConstructor(spec, inf, ctx, adoptNew) {
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
// receiver into its pointer. Specialised by arity when every argument is one
// wasm value, so the seed's hot path is a property load, a call and one
// check of `calls.flags` (deferred releases, a JS callee's exception).
function invoker(fn, params, result, ctx, label, self) {
  const calls = ctx.calls;
  const at = (i) => `${label}: argument ${i + 1}`;
  const res = resultConverter(result, ctx, () => label) ?? ((r) => r);
  const simple = params.map((p) => (p.kind === "js" ? null : simpleParam(p, ctx, at)));

  if (self && simple.every(Boolean) && params.length <= 3) {
    const [c0, c1, c2] = simple;
    switch (params.length) {
      case 0:
        return function () {
          try {
            const r = fn(self(this));
            if (calls.flags !== 0) calls.settle();
            return res(r, this);
          } catch (e) {
            throw calls.unwound(e);
          }
        };
      case 1:
        return function (a) {
          try {
            const r = fn(self(this), c0(a, 0));
            if (calls.flags !== 0) calls.settle();
            return res(r, this);
          } catch (e) {
            throw calls.unwound(e);
          }
        };
      case 2:
        return function (a, b) {
          try {
            const r = fn(self(this), c0(a, 0), c1(b, 1));
            if (calls.flags !== 0) calls.settle();
            return res(r, this);
          } catch (e) {
            throw calls.unwound(e);
          }
        };
      default:
        return function (a, b, c) {
          try {
            const r = fn(self(this), c0(a, 0), c1(b, 1), c2(c, 2));
            if (calls.flags !== 0) calls.settle();
            return res(r, this);
          } catch (e) {
            throw calls.unwound(e);
          }
        };
    }
  }

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

class IdentityMap {
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
