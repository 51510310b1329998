// Builds a JS class for each wasm class, with no per-class JS. The core
// makes the seed's convention classes (every value a number) and what every
// class shares: wrappers, adoption, dispose. Classes the module's metadata
// describes (typed values, objects, ownership, identity) are finished by the
// typed half (typed.mjs), imported only for modules that have metadata.
//
// A wrapper keeps its wasm pointer in a private field of its class (and of
// its bases: wrapper.mjs), so a method called on a wrapper of an unrelated
// class, a copy of a wrapper, or anything else finds no pointer and throws
// instead of handing foreign memory to wasm. Ending a wrapper's reach
// (dispose, its parent's disposal, its object freed by wasm) writes 0 there.

import { WeakbindError, misuse } from "./errors.mjs";
import { stamped, wrapperState, wrapperClass, primitive } from "./wrapper.mjs";
import { CLASS_MISMATCH, ALREADY_OWNED, REGISTRY_ERRORS, TOKEN_SLOT_BITS } from "./abi.mjs";
import { getOf } from "./intrinsics-core.mjs";

// The token of a wrapper that owns its object through a wasm-side retain
// (a second wrapper of an object a wrapper owns already): see `co-owner`.
export const CO_OWNER = -2;

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

// `runtime`: valueTypes (the metadata's value specs), adopt(ptr, classId) -> token, track(wrapper, token) -> what the
// wrapper must keep alive (its cohort) or null, classId(spec) -> id, calls
// (calls.mjs: releases, re-entrancy, traps), values, exports (the
// instance's). `typed`: the typed half, for modules whose metadata
// describes classes. Returns the classes; `objectFor` (the wrapper for a
// registered pointer), `wrapperOf` (a live wrapper of a pointer, if one is
// known), `freed` (wasm freed the memory at a pointer JS may view) and
// `state` (wrapper.mjs).
export function buildClasses(specs, runtime, typed = null) {
  const { state, roots } = wrapperState();
  const infos = new Map();
  const byId = new Map();
  const core = { define, lend, blank, state, roots, wrapperClass, WeakbindError, byId, specs, slotBits: TOKEN_SLOT_BITS };
  const side = typed?.typedSide(infos, runtime, core) ?? null;
  // Typed modules: the same pointer gets the same wrapper.
  const identity = side?.identity ?? null;

  // Gives a wrapper the JS ownership of `ptr`: one function per class, its
  // choices made here once. Every object JS creates passes through it, and
  // a shared function taking the class as an argument is not inlined into
  // the constructors (make bench-churn-parts measures it).
  function adopterFor(inf) {
    const { adopt, track, values } = runtime;
    const leaks = runtime.leaks ?? null;
    const { id, name, st } = inf;
    // Only the classes wasm can hand back pay for identity (returned.mjs);
    // convention classes never come back typed.
    const identities = inf.typed && side.findable(inf) ? identity : null;
    const noteWrapper = values.holdsValues;
    const refused = (ptr, token) => {
      // The registry refuses a pointer it holds only for its class; any
      // other refusal is of a new object nobody owns now: free it rather
      // than leak it.
      if (token !== CLASS_MISMATCH) inf.destructor?.(ptr);
      return new WeakbindError(`${name}: the registry refused the object (${REGISTRY_ERRORS[-1 - token] ?? `error ${token}`})`);
    };
    // A second wrapper of an object a wrapper owns (a constructor that
    // interns, a result JS owns already): it owns the object as wasm code
    // does, by a retain, released when it is disposed or collected. Both
    // wrappers are owners; the object lives until both let go.
    const coOwn = (wrapper, ptr) => {
      const retained = runtime.coOwn(wrapper, ptr);
      if (retained < 0) throw refused(ptr, CLASS_MISMATCH);
      st.made(wrapper, inf, CO_OWNER, null);
      if (identities !== null) identities.set(ptr, wrapper, inf);
      return wrapper;
    };
    // wasm handed back an object whose owning wrapper is gone (collected,
    // its release not run yet: no wrapper of it is alive). The new wrapper
    // takes that ownership over under a new token, so disposing it ends the
    // object now rather than when the late release runs (which then finds
    // its token stale). Only typed classes know that no wrapper is alive.
    const reown = (ptr) => {
      if (identities === null || identities.any(ptr) !== undefined) return ALREADY_OWNED;
      const token = runtime.reown(ptr, id);
      // After adopt's refusal it cannot fail; if it did, the object is
      // another owner's: refused, never destroyed.
      return token >= 0 ? token : CLASS_MISMATCH;
    };
    const member = identities !== null;
    const owns = (wrapper, ptr, token) => {
      const holder = track(wrapper, token, member);
      st.made(wrapper, inf, token, holder);
      if (member) identities.owned(token, wrapper, holder, ptr, inf);
      if (leaks !== null) leaks.object(ptr, name);
      if (noteWrapper) values.noteWrapper(ptr, wrapper);
      return wrapper;
    };
    // Kept apart from the common case below, so that one stays small
    // enough for V8 to inline into every constructor.
    const refusedOrShared = (wrapper, ptr, token) => {
      if (token === ALREADY_OWNED) token = reown(ptr);
      if (token === ALREADY_OWNED) return coOwn(wrapper, ptr);
      if (token < 0) throw refused(ptr, token);
      return owns(wrapper, ptr, token);
    };
    return (wrapper, ptr) => {
      const token = adopt(ptr, id);
      return token < 0 ? refusedOrShared(wrapper, ptr, token) : owns(wrapper, ptr, token);
    };
  }

  // Ends a wrapper's reach into wasm: one function per class, like the
  // adopter (dispose runs it per object). Typed classes also forget the
  // wrapper's identity and end its borrowed children's reach.
  function invalidatorFor(inf) {
    const { levels, st } = inf;
    const lent = inf.typed ? side.invalidated : null;
    return (wrapper, reason) => {
      const ptr = levels[0].ptr(wrapper);
      for (let k = 0; k < levels.length; k++) levels[k].end(wrapper); // by index: no array iterator JS may replace
      // Before its ownership ends: identity reads its token and holder.
      if (lent !== null) lent(wrapper, ptr, inf);
      st.end(wrapper, reason);
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

  // Every class's info first: a method may take an object of a class built
  // later (classes of two languages often use each other). `levels` (the
  // pointer fields of the class and its bases) is filled as classes are made.
  for (const spec of order) {
    const base = spec.base ? infos.get(spec.base) : null;
    const inf = { name: spec.name, id: runtime.classId(spec), typed: !spec.raw, destructor: spec.destructor, base, root: null, levels: [], adopt: null, invalidate: null, Class: null, st: null };
    inf.root = base ? base.root : inf;
    infos.set(spec.name, inf);
    byId.set(inf.id, inf);
  }
  for (const spec of order) {
    const inf = infos.get(spec.name);
    makeClass(spec, inf, roots, state, runtime, side);
    inf.adopt = adopterFor(inf);
    inf.invalidate = invalidatorFor(inf);
  }
  // A registered object handed to a JS callback: its wrapper, or a new one
  // that does not own it (wasm does), watched so that it stops reaching
  // the object when wasm frees it (typed.mjs does the same for borrowed
  // results). Modules without typed classes lend only through JS values
  // (js-values.mjs), which pass the identity map in as `Views`.
  const views = identity ?? (runtime.Views ? new runtime.Views(state, null, TOKEN_SLOT_BITS) : null);
  const watch = runtime.exports.weakbind_watch ?? null;
  const lendWatched = (ptr, inf) => {
    const wrapper = lend(ptr, inf);
    views.set(ptr, wrapper, inf);
    watch?.(ptr);
    return wrapper;
  };
  const borrowed = side ? side.borrowed : views ? (ptr, inf) => views.find(ptr, inf) ?? lendWatched(ptr, inf) : (ptr, inf) => lend(ptr, inf);
  return {
    classes: new Map(order.map((spec) => [spec.name, infos.get(spec.name).Class])),
    // A wrapper made in a scope outlives it (m.keep): the collector gets it.
    kept(wrapper) {
      const inf = state.inf(wrapper);
      const token = state.token(wrapper);
      const member = inf.typed && identity !== null && side.findable(inf);
      const holder = runtime.register(wrapper, token, member);
      state.keep(wrapper, holder);
      if (member) identity.owned(token, wrapper, holder, inf.levels[0].ptr(wrapper), inf);
    },
    // The class by the captured Map get (intrinsics-core.mjs): a patched
    // Map.prototype.get must not make a wrapper of another class over it.
    objectFor: (ptr, classId) => borrowed(ptr >>> 0, getOf(byId, classId), null),
    wrapperOf: (ptr) => identity?.any(ptr >>> 0),
    freed: (ptr) => {
      views?.freed(ptr >>> 0);
      side?.viewFreed(ptr >>> 0);
    },
    state,
    side,
  };
}

// A wrapper of class `inf` that reaches `ptr` and owns nothing yet.
function blank(inf, ptr) {
  return stamped(inf.Class, ptr);
}

// A wrapper that reaches `ptr` without owning it.
function lend(ptr, inf) {
  const wrapper = blank(inf, ptr);
  inf.st.made(wrapper, inf, -1, null);
  return wrapper;
}

function makeClass(spec, inf, roots, state, runtime, side) {
  const { calls, exceptions } = runtime;
  const { name } = inf;
  // What every constructor does with the object it made (wrapper.mjs):
  // `ptr` is unsigned, or 0 for NULL. (inf.adopt is made once the class's
  // pointer fields exist.)
  const destroy = (ptr, e) => {
    if (ptr !== 0) inf.destructor?.(ptr);
    return e;
  };
  // A root class's constructor made `wrapper` itself (wrapper.mjs); a
  // derived one's super() may have run code JS put in its place.
  const derived = inf.base !== null;
  const notAdopted = (ptr) => {
    if (ptr === 0) return new WeakbindError(`new ${name}(): the constructor returned NULL (out of memory?)`);
    return destroy(ptr, new TypeError(`new ${name}(): the class's prototype chain was changed; the object made was destroyed`));
  };
  const adopt = (wrapper, ptr) => {
    if (ptr === 0 || (derived && (level.ptr(wrapper) !== ptr || !st.has(wrapper)))) throw notAdopted(ptr);
    inf.adopt(wrapper, ptr);
  };
  // Modules with C++ exceptions call convention members inside try blocks
  // (exceptions.mjs).
  const make = () => conventionConstructor(spec.ctor, calls, exceptions?.guardedConstructor(spec.ctor, calls, `new ${name}()`) ?? spec.ctor);
  const made = spec.raw ? wrapperClass(name, null, { make: make(), adopt, destroy }, roots) : side.typedClass(spec, inf, { adopt, destroy });
  const { Class, level, st } = made;
  inf.Class = Class;
  inf.st = st;
  inf.levels = [level, ...(inf.base?.levels ?? [])];

  // Every dispose but a live owner's (kept apart, so the common case
  // stays small enough to inline).
  const disposeOther = (wrapper, ptr) => {
    if (ptr === 0) {
      if (state.gone(wrapper) === undefined) throw misuse(wrapper, name, "dispose", state);
      return; // a second dispose does nothing
    }
    if (st.token(wrapper) !== CO_OWNER) {
      throw new TypeError(`${name}.dispose: the object is borrowed from its owner; dispose the owner instead`);
    }
    st.inf(wrapper).invalidate(wrapper, "the object was disposed");
    runtime.unCoOwn(wrapper);
    calls.release(-ptr);
  };
  define(Class.prototype, "dispose", function dispose() {
    const ptr = level.ptr(this);
    // It has this class's pointer, so it has its root's fields.
    const token = ptr === 0 ? -1 : st.token(this);
    if (token < 0) return disposeOther(this, ptr);
    // The class it was made as: a derived wrapper disposed through its
    // base's method loses every pointer field, not only the base's.
    st.inf(this).invalidate(this, "the object was disposed");
    calls.release(token);
    runtime.ended(token);
  });
  if (typeof Symbol.dispose === "symbol") define(Class.prototype, Symbol.dispose, Class.prototype.dispose);

  // Turns a method's receiver into its pointer, or says what it is instead.
  const self = (method) => (obj) => {
    const p = level.ptr(obj);
    if (p !== 0) return p;
    throw misuse(obj, name, method, state);
  };
  if (!spec.raw) return side.defineMembers(Class, spec, inf, self);
  for (const { name: method, fn } of spec.methods) {
    const invoke = exceptions ? exceptions.conventionMethod(fn, calls, self(method), `${name}.${method}`, primitive) : conventionInvoker(fn, calls, self(method));
    define(Class.prototype, method, invoke);
  }
  return Class;
}

// A method of the seed's convention: numbers in, a number out, and a trap
// left to `calls.recover()` rather than caught (calls.mjs says why). One
// function per arity up to two arguments, so each call passes exactly the
// wasm function's parameters and makes no rest array. Arguments become
// primitives before the receiver is read (wrapper.mjs, `primitive`).
function conventionInvoker(fn, calls, self) {
  const enter = (obj) => {
    const p = self(obj);
    calls.enter();
    return p;
  };
  const leave = (r) => {
    calls.leave();
    return r;
  };
  const n = fn.length;
  return n === 1
    ? function () {
        return leave(fn(enter(this)));
      }
    : n === 2
      ? function (a) {
          const x = primitive(a);
          return leave(fn(enter(this), x));
        }
      : n === 3
        ? function (a, b) {
            const x = primitive(a);
            const y = primitive(b);
            return leave(fn(enter(this), x, y));
          }
        : function (...args) {
            const xs = args.map(primitive);
            return leave(fn(enter(this), ...xs));
          };
}

function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

// The seed's constructor `fn`: numbers in, a pointer out, a trap left to
// `calls.recover()` as the convention's methods leave theirs (`call` is
// `fn`, or `fn` inside a try block in modules with C++ exceptions,
// exceptions.mjs). A wasm constructor takes a fixed number of numbers: up
// to four go as plain parameters, so no rest array is made per object.
// Returns wrapper.mjs's `construct.make`.
function conventionConstructor(fn, calls, call) {
  if (fn.length > 4) throw new WeakbindError(`a convention constructor takes at most four numbers; describe one of ${fn.length} with WEAKBIND_CONSTRUCTOR`);
  return (n, a, b, c, d) => {
    const x = primitive(a);
    const y = primitive(b);
    const z = primitive(c);
    const w = primitive(d);
    calls.enter();
    const ptr = call(x, y, z, w);
    calls.open = 0;
    return ptr >>> 0;
  };
}
