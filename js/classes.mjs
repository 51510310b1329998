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

const TOKEN = Symbol("weakbind.token"); // the JS ownership, when owned
export const tokenOf = (wrapper) => wrapper[TOKEN];
const PARENT = Symbol("weakbind.parent"); // what a borrowed wrapper keeps alive
const CHILDREN = Symbol("weakbind.children"); // borrowed wrappers to invalidate
const BYPASS = Symbol("weakbind.bypass"); // super() from a derived class
export const RAW = { kind: "raw" }; // a value passed as it is (the seed's numbers)
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
export function buildClasses(specs, runtime, typed = null) {
  const infos = new Map();
  const byId = new Map();
  const identity = typed ? new typed.IdentityMap() : null;

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
    owned: (ptr, inf) => identity?.find(ptr, inf) ?? inf.adopt(Object.create(inf.Class.prototype), ptr),
    borrowed: (ptr, inf, parent) => identity?.find(ptr, inf) ?? borrow(ptr, inf, parent),
  };

  // Gives a wrapper the JS ownership of `ptr`: one function per class, its
  // choices made here once. Every object JS creates passes through it, and
  // a shared function taking the class as an argument measured ~90 ns more
  // per object (V8 no longer inlined it into the constructors).
  function adopterFor(inf) {
    const { adopt, track, values } = runtime;
    const leaks = runtime.leaks ?? null;
    const { id, key, keys, name } = inf;
    const oneKey = keys.length === 1;
    // Convention classes never come back from wasm typed, so only described
    // classes pay for identity.
    const identities = inf.typed ? identity : null;
    const noteWrapper = values.holdsValues;
    const refused = (ptr, token) => {
      // Nobody owns the new object now: free it rather than leak it (an
      // object the registry already knew is refused before this point).
      if (token !== CLASS_MISMATCH) inf.destructor?.(ptr);
      return new WeakbindError(`${name}: the registry refused the object (${runtime.errorName(token)})`);
    };
    return (wrapper, ptr) => {
      const token = adopt(ptr, id);
      if (token < 0) throw refused(ptr, token);
      if (oneKey) wrapper[key] = ptr;
      else for (const k of keys) wrapper[k] = ptr;
      wrapper[TOKEN] = token;
      track(wrapper, token);
      if (leaks !== null) leaks.object(ptr, name);
      if (identities !== null) identities.set(ptr, wrapper);
      if (noteWrapper) values.noteWrapper(ptr, wrapper);
      return wrapper;
    };
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

  // Ends a wrapper's reach into wasm, and its borrowed children's: one
  // function per class, like the adopter (dispose runs it per object).
  function invalidatorFor(inf) {
    const { key, keys, name } = inf;
    const oneKey = keys.length === 1;
    return (wrapper, reason) => {
      const ptr = wrapper[key];
      if (oneKey) wrapper[key] = 0;
      else for (const k of keys) wrapper[k] = 0;
      wrapper[GONE] = reason;
      if (identity !== null) identity.forget(ptr, wrapper);
      const children = wrapper[CHILDREN];
      if (children === undefined) return; // most wrappers lend nothing: add no property
      for (const ref of children) {
        const child = ref.deref();
        if (child) (infos.get(child.constructor.name) ?? inf).invalidate(child, `its owner ${name} was disposed`);
      }
      wrapper[CHILDREN] = undefined;
    };
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
    const inf = { name: spec.name, id: runtime.classId(spec), key: Symbol(`${spec.name}.pointer`), typed: !spec.raw, destructor: spec.destructor, adopt: null, invalidate: null, Class: null };
    inf.keys = base ? [inf.key, ...base.keys] : [inf.key];
    infos.set(spec.name, inf);
    byId.set(inf.id, inf);
  }
  for (const spec of order) {
    const inf = infos.get(spec.name);
    inf.adopt = adopterFor(inf);
    inf.invalidate = invalidatorFor(inf);
    inf.Class = makeClass(spec, inf, spec.base ? infos.get(spec.base) : null, { ctx, runtime, typed });
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

function makeClass(spec, inf, base, { ctx, runtime, typed }) {
  const { name, key, adopt, invalidate } = inf;
  const { untrack, calls } = runtime;
  // What every constructor does with the pointer it got.
  const adoptNew = (wrapper, ptr) => {
    if (!ptr) throw new WeakbindError(`new ${name}(): the constructor returned NULL (out of memory?)`);
    adopt(wrapper, ptr);
  };
  const Class = spec.raw
    ? rawClass(name, spec.ctors[0].fn, adoptNew)
    : typedClass(name, base, typed.typedConstructor(spec, inf, ctx, adoptNew));

  define(Class.prototype, "dispose", function dispose() {
    if (!(this?.[key] > 0)) {
      if (this?.[GONE] === undefined) throw misuse(this, name, "dispose");
      return; // a second dispose does nothing
    }
    const token = this[TOKEN];
    if (token === undefined) {
      throw new TypeError(`${name}.dispose: the object is borrowed from its owner; dispose the owner instead`);
    }
    invalidate(this, "the object was disposed");
    untrack(this);
    calls.release(token);
  });
  if (typeof Symbol.dispose === "symbol") define(Class.prototype, Symbol.dispose, Class.prototype.dispose);

  const self = (method) => (obj) => {
    const p = obj?.[key];
    if (p > 0) return p;
    throw misuse(obj, name, method);
  };
  if (spec.raw) {
    for (const m of spec.methods) {
      define(Class.prototype, m.name, directInvoker(m.fn, ctx.calls, self(m.name), m.params.map(() => AS_IS)));
    }
    return Class;
  }
  const { invoker } = typed;
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

// The seed's constructor: numbers in, a pointer out. A wasm constructor
// takes a fixed number of numbers: up to four go as plain parameters, so no
// rest array is made per object.
function rawClass(name, fn, adoptNew) {
  return fn.length <= 4
    ? {
        [name]: class {
          constructor(a, b, c, d) {
            adoptNew(this, fn(a, b, c, d));
          }
        },
      }[name]
    : {
        [name]: class {
          constructor(...args) {
            adoptNew(this, fn(...args));
          }
        },
      }[name];
}

// Described classes: constructors chosen by arity, derived classes passing
// BYPASS up so only the most derived one constructs.
function typedClass(name, base, construct) {
  return base
    ? {
        [name]: class extends base.Class {
          constructor(...args) {
            super(BYPASS);
            if (args[0] !== BYPASS) construct(this, args);
          }
        },
      }[name]
    : {
        [name]: class {
          constructor(...args) {
            if (args[0] !== BYPASS) construct(this, args);
          }
        },
      }[name];
}

// A method of up to three one-value arguments, specialised by arity, so the
// seed's hot path is a property load, a call and one check of `calls.flags`
// (deferred releases, a JS callee's exception). `conv` converts each
// argument and `res` the result (typed.mjs passes type checks; the seed's
// numbers pass as they are). More arguments: rest parameters, as they are.
const AS_IS = (a) => a;
export function directInvoker(fn, calls, self, conv, res = AS_IS) {
  if (conv.length > 3) {
    return function (...args) {
      try {
        const r = fn(self(this), ...args);
        if (calls.flags !== 0) calls.settle();
        return res(r, this);
      } catch (e) {
        throw calls.unwound(e);
      }
    };
  }
  const [c0, c1, c2] = conv;
  switch (conv.length) {
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
