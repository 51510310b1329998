// Builds a JS class for each wasm class, with no per-class JS. The core
// makes the seed's convention classes (every value a number) and what every
// class shares: wrappers, adoption, dispose. Classes the module's metadata
// describes (typed values, objects, ownership, identity) are finished by the
// typed half (typed.mjs), imported only for modules that have metadata.
//
// A wrapper keeps its wasm pointer under its class's own symbol (and its
// bases' symbols), so a method called on a wrapper of an unrelated class, or
// on anything else, finds no pointer and throws instead of handing foreign
// memory to wasm. Disposing writes 0 there; so does the disposal of the
// parent a borrowed wrapper belongs to.

import { WeakbindError, misuse, GONE } from "./errors.mjs";

const TOKEN = Symbol("weakbind.token"); // the JS ownership, when owned
export const tokenOf = (wrapper) => wrapper[TOKEN];
const CLASS_MISMATCH = -3; // WEAKBIND_ERR_CLASS_MISMATCH: the object is someone else's
// The registry's error codes -1, -2, ... in words, for its refusals.
const REGISTRY_ERRORS = [
  "null pointer",
  "unknown class",
  "pointer registered with another class",
  "not registered",
  "not retained",
  "stale wrapper token",
  "too many objects",
  "out of memory for the registry",
];

// Class names are identifiers without a double underscore.
const EXPORT_NAME = /^_([A-Za-z](?:[A-Za-z0-9]|_(?!_))*)__([A-Za-z_]\w*)$/;

// Specs for `_Class__member` exports. Only names with a constructor export
// are classes; classes the metadata describes are left to it.
export function conventionSpecs(exports, described) {
  const specs = new Map();
  for (const [name, fn] of Object.entries(exports)) {
    const m = EXPORT_NAME.exec(name);
    if (!m || typeof fn !== "function" || described.has(m[1])) continue;
    const [, cls, member] = m;
    let spec = specs.get(cls);
    if (!spec) specs.set(cls, (spec = { name: cls, base: null, raw: true, ctor: null, destructor: null, methods: [] }));
    if (member === "constructor") spec.ctor = fn;
    else if (member === "destructor") spec.destructor = fn;
    else spec.methods.push({ name: member, fn });
  }
  for (const [cls, spec] of specs) if (!spec.ctor) specs.delete(cls);
  return specs;
}

// `runtime`: adopt(ptr, classId) -> token, track(wrapper, token), untrack(wrapper),
// classId(spec) -> id, calls (calls.mjs: releases, re-entrancy, traps),
// values, exports (the instance's). `typed`: the typed half, for modules whose
// metadata describes classes. Returns the classes, and `objectFor` (the
// wrapper for a registered pointer) and `wrapperOf` (a live wrapper of a
// pointer, if one is known).
export function buildClasses(specs, runtime, typed = null) {
  const infos = new Map();
  const byId = new Map();
  const side = typed?.typedSide(infos, runtime, { define, lend, WeakbindError, GONE }) ?? null;
  // Typed modules: the same pointer gets the same wrapper.
  const identity = side?.identity ?? null;

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
      return new WeakbindError(`${name}: the registry refused the object (${REGISTRY_ERRORS[-1 - token] ?? `error ${token}`})`);
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

  // Ends a wrapper's reach into wasm: one function per class, like the
  // adopter (dispose runs it per object). Typed classes also forget the
  // wrapper's identity and end its borrowed children's reach.
  function invalidatorFor(inf) {
    const { key, keys } = inf;
    const oneKey = keys.length === 1;
    const lent = inf.typed ? side.invalidated : null;
    return (wrapper, reason) => {
      const ptr = wrapper[key];
      if (oneKey) wrapper[key] = 0;
      else for (const k of keys) wrapper[k] = 0;
      wrapper[GONE] = reason;
      if (lent !== null) lent(wrapper, ptr, inf);
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
    inf.Class = makeClass(spec, inf, spec.base ? infos.get(spec.base) : null, runtime, side);
  }
  // A registered object handed to a JS callback: its wrapper, or a new one
  // that does not own it (wasm does).
  const borrowed = side ? side.borrowed : lend;
  return {
    classes: new Map(order.map((spec) => [spec.name, infos.get(spec.name).Class])),
    objectFor: (ptr, classId) => borrowed(ptr, byId.get(classId), null),
    wrapperOf: (ptr) => identity?.any(ptr),
  };
}

// A wrapper that reaches `ptr` without owning it.
function lend(ptr, inf) {
  const wrapper = Object.create(inf.Class.prototype);
  for (const key of inf.keys) wrapper[key] = ptr;
  return wrapper;
}

function makeClass(spec, inf, base, { untrack, calls, exceptions }, side) {
  const { name, key, adopt, invalidate } = inf;
  // What every constructor does with the pointer it got.
  const adoptNew = (wrapper, ptr) => {
    if (!ptr) throw new WeakbindError(`new ${name}(): the constructor returned NULL (out of memory?)`);
    adopt(wrapper, ptr);
  };
  // Modules with C++ exceptions call convention members inside try blocks
  // (exceptions.mjs).
  const Class = !spec.raw
    ? side.typedClass(spec, inf, base, adoptNew)
    : exceptions
      ? exceptions.conventionClass(name, spec.ctor, adoptNew, calls)
      : rawClass(name, spec.ctor, adoptNew, calls);

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

  // Turns a method's receiver into its pointer, or says what it is instead.
  const self = (method) => (obj) => {
    const p = obj?.[key];
    if (p > 0) return p;
    throw misuse(obj, name, method);
  };
  if (!spec.raw) return side.defineMembers(Class, spec, inf, self);
  for (const { name: method, fn } of spec.methods) {
    const invoke = exceptions ? exceptions.conventionMethod(fn, calls, self(method), `${name}.${method}`) : conventionInvoker(fn, calls, self(method));
    define(Class.prototype, method, invoke);
  }
  return Class;
}

// A method of the seed's convention: numbers in, a number out, and a trap
// left to `calls.recover()` rather than caught (calls.mjs says why). One
// function per arity up to two arguments, so each call passes exactly the
// wasm function's parameters and makes no rest array.
function conventionInvoker(fn, calls, self) {
  const enter = (obj) => {
    const p = self(obj);
    calls.enter();
    return p;
  };
  const leave = (r) => {
    calls.open = 0;
    if (calls.flags !== 0) calls.settle();
    return r;
  };
  const n = fn.length;
  return n === 1
    ? function () {
        return leave(fn(enter(this)));
      }
    : n === 2
      ? function (a) {
          return leave(fn(enter(this), a));
        }
      : n === 3
        ? function (a, b) {
            return leave(fn(enter(this), a, b));
          }
        : function (...args) {
            return leave(fn(enter(this), ...args));
          };
}

function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

// The seed's constructor: numbers in, a pointer out, a trap left to
// `calls.recover()` as the convention's methods leave theirs. A wasm
// constructor takes a fixed number of numbers: up to four go as plain
// parameters, so no rest array is made per object.
function rawClass(name, fn, adoptNew, calls) {
  return fn.length <= 4
    ? {
        [name]: class {
          constructor(a, b, c, d) {
            calls.enter();
            const ptr = fn(a, b, c, d);
            calls.open = 0;
            adoptNew(this, ptr);
          }
        },
      }[name]
    : {
        [name]: class {
          constructor(...args) {
            calls.enter();
            const ptr = fn(...args);
            calls.open = 0;
            adoptNew(this, ptr);
          }
        },
      }[name];
}

