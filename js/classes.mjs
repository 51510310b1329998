// Finds classes in a module's exports by the seed's naming convention and
// builds a JS class for each, with no per-class JS:
//   _Class__constructor(args) -> pointer
//   _Class__destructor(pointer)
//   _Class__method(pointer, args) -> number
//
// Each class keeps its wasm pointer under its own symbol, so a method called
// on a wrapper of another class (or on anything else) finds no pointer and
// throws instead of handing foreign memory to wasm.

import { WeakbindError, misuse } from "./errors.mjs";

// Class names are identifiers without a double underscore.
const EXPORT_NAME = /^_([A-Za-z](?:[A-Za-z0-9]|_(?!_))*)__([A-Za-z_]\w*)$/;

// Groups `_Class__member` exports by class; only names with a constructor
// export are classes.
export function discoverClasses(exports) {
  const members = new Map();
  for (const [name, value] of Object.entries(exports)) {
    const m = EXPORT_NAME.exec(name);
    if (!m || typeof value !== "function") continue;
    if (!members.has(m[1])) members.set(m[1], new Map());
    members.get(m[1]).set(m[2], value);
  }
  const classes = [];
  for (const [name, fns] of members) {
    const constructor = fns.get("constructor");
    if (!constructor) continue;
    const destructor = fns.get("destructor") ?? null;
    fns.delete("constructor");
    fns.delete("destructor");
    classes.push({ name, constructor, destructor, methods: fns });
  }
  return classes;
}

// Builds the JS class for one discovered class. `runtime` supplies the
// registry calls and the release strategy (see weakbind.mjs).
export function makeClass({ name, constructor, methods }, classId, runtime) {
  const ptr = Symbol(`${name}.pointer`);
  const token = Symbol(`${name}.token`);

  const Class = {
    [name]: class {
      constructor(...args) {
        const p = constructor(...args);
        if (!p) throw new WeakbindError(`new ${name}(): the constructor returned NULL (out of memory?)`);
        const t = runtime.adopt(p, classId);
        if (t < 0) throw new WeakbindError(`new ${name}(): the registry refused the object (${runtime.errorName(t)})`);
        this[ptr] = p;
        this[token] = t;
        runtime.track(this, t);
      }

      // Frees the wasm object now. A second call does nothing.
      dispose() {
        const t = this[token];
        if (!(this[ptr] > 0)) {
          if (t === undefined) throw misuse(this, name, "dispose");
          return;
        }
        this[ptr] = 0;
        runtime.release(t);
      }
    },
  }[name];

  if (typeof Symbol.dispose === "symbol") Class.prototype[Symbol.dispose] = Class.prototype.dispose;

  for (const [method, fn] of methods) {
    Object.defineProperty(Class.prototype, method, {
      value: bindMethod(fn, ptr, name, method),
      writable: true,
      configurable: true,
    });
  }
  return Class;
}

// Specialised by arity so the hot path has no rest/spread.
function bindMethod(fn, ptr, className, method) {
  const self = (obj) => {
    const p = obj?.[ptr];
    if (p > 0) return p;
    throw misuse(obj, className, method);
  };
  switch (fn.length - 1) {
    case 0:
      return function () {
        return fn(self(this));
      };
    case 1:
      return function (a) {
        return fn(self(this), a);
      };
    case 2:
      return function (a, b) {
        return fn(self(this), a, b);
      };
    case 3:
      return function (a, b, c) {
        return fn(self(this), a, b, c);
      };
    default:
      return function (...args) {
        return fn(self(this), ...args);
      };
  }
}
