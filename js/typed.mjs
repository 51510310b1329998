// The typed half of the loader, imported only by modules whose metadata
// describes classes (a `weakbind` custom section): the metadata itself
// (metadata.mjs), classes built from it (constructors by arity, statics,
// properties, inheritance), type-checked calls (typed-calls.mjs), objects
// as results, owned or borrowed from a parent, and their identity
// (identity.mjs). Modules of the seed's naming convention never load it.
//
// What it shares with the core it gets as arguments, not imports
// (weakbind.mjs, load(), says why).

import { IdentityMap } from "./identity.mjs";
import { returnedRoots, passesJsValues } from "./returned.mjs";
import { Arena } from "./arena.mjs";
import { invokers } from "./typed-calls.mjs";
import { enumOf } from "./enums.mjs";
import { byName } from "./overloads.mjs";
import { extendable } from "./interfaces.mjs";
import { layouts } from "./values.mjs";
import { ViewBlocks } from "./views.mjs";
import { viewOf, one, Ref, deref, getOf, weakGetOf, weakSetOf, weakDeleteOf } from "./intrinsics.mjs";

export { readMetadata, parseMetadata } from "./metadata.mjs";

// What the core asks of the typed half for the classes of `infos` (which
// the core fills in as it builds them); `runtime` as in buildClasses.
// `core`: classes.mjs's define, lend, blank, the wrapper state and class
// maker (wrapper.mjs), and WeakbindError.
export function typedSide(infos, runtime, core) {
  const { define, lend, blank, state, WeakbindError } = core;
  const identity = new IdentityMap(state, runtime.exports.weakbind_owner ?? null, core.slotBits);
  // Looked up at a converter's first call too: by the captured Map get.
  const info = (name) => getOf(infos, name);
  const ctx = {
    calls: runtime.calls,
    values: runtime.values,
    // A plain data object: a getter here made every converter's property
    // loads slow (make bench-typed measures object results).
    memory: runtime.exports.memory,
    alloc: runtime.exports.weakbind_alloc,
    free: runtime.exports.weakbind_free,
    // Where string arguments are written for the call (arena.mjs).
    arena: new Arena(runtime.exports.memory, runtime.exports.weakbind_alloc, runtime.exports.weakbind_free),
    WeakbindError,
    state,
    // Result converters resolve a class once, then pass its info.
    classInfo: info,
    // After a constructor's object was adopted: the JS values its
    // constructor declared owned by `this` before it was registered.
    ownPending: (ptr) => {
      if (runtime.values.anyPending !== true) return;
      const handles = runtime.values.pending(ptr);
      if (handles === undefined || handles.length === 0) return;
      for (let k = 0; k < handles.length; k++) runtime.exports.weakbind_js_own?.(handles[k], ptr);
    },
    // Enum name -> how its values cross (enums.mjs), filled by
    // defineModule (after the classes, before any call).
    enums: new Map(),
    // Borrowed views of numbers, by the address they read (views.mjs).
    views: new ViewBlocks(runtime.exports, WeakbindError),
    // Value name -> its block layout (values.mjs).
    valueLayout: layouts(runtime.valueTypes ?? new Map()),
    // A View of memory as it is (intrinsics.mjs).
    view: viewOf(runtime.exports.memory),
    // A wrapper found that owns nothing (borrowed from a parent, lent to
    // a callback: token -1) cannot take the ownership wasm hands over (a
    // child a method gives away after lending it); a new wrapper does, and
    // the borrowed one stays a view until its parent ends or wasm frees
    // the object. An owner or co-owner found is the result.
    owned: (ptr, inf) => {
      const found = identity.find(ptr, inf);
      return found !== undefined && state.token(found) !== -1 ? found : inf.adopt(blank(inf, ptr), ptr);
    },
    borrowed: (ptr, inf, parent) => identity.find(ptr, inf) ?? borrow(ptr, inf, parent),
    // The wrapper of an object wasm passed by pointer (an element of an
    // Array of objects in a call into JS), of the class the registry holds
    // it as; undefined for a pointer that is no registered object.
    // Whether the registry knows the object at ptr (one JS owns or shares).
    registered: (ptr) => runtime.exports.weakbind_class_of(ptr) >= 0,
    objectAt: (ptr) => {
      const inf = getOf(core.byId, runtime.exports.weakbind_class_of(ptr));
      return inf === undefined ? undefined : ctx.borrowed(ptr, inf, null);
    },
  };
  const { invoker, constructorOf } = invokers(ctx);
  // Parent wrapper -> WeakRefs of the borrowed children it lent out, to end
  // their reach with its own (few wrappers lend any).
  const children = new WeakMap();
  let lending = false; // until a first child is lent, no lookup per invalidation
  // Class info -> what interfaces.mjs made for a class JS may extend.
  const extendables = new Map();
  // The runtime watches the memory of objects JS views without owning
  // them, and says when it is freed (`freed`, below).
  const watch = runtime.exports.weakbind_watch ?? null;

  function borrow(ptr, inf, parent) {
    const wrapper = lend(ptr, inf);
    if (parent) {
      inf.st.keep(wrapper, parent);
      lending = true;
      // Captured WeakMap, WeakRef and list operations (intrinsics.mjs): no
      // patched prototype may drop a child from what its parent's end
      // invalidates.
      const lent = weakGetOf(children, parent);
      if (lent === undefined) weakSetOf(children, parent, one(new Ref(wrapper)));
      else lent.push(new Ref(wrapper));
    }
    identity.set(ptr, wrapper, inf);
    watch?.(ptr);
    return wrapper;
  }

  // The hierarchies wasm can hand back (returned.mjs); null: every one.
  const functions = runtime.functions ?? [];
  const valueTypes = runtime.valueTypes ?? new Map();
  const returned = runtime.allFindable || passesJsValues(core.specs, functions, valueTypes) ? null : returnedRoots(core.specs, functions, valueTypes);

  return {
    identity,
    borrowed: ctx.borrowed,
    // Whether identity must find the owners of class `inf`.
    findable: (inf) => returned === null || returned.has(inf.root.name),
    // Wasm freed the block at `ptr`: the views reading it end.
    viewFreed: (ptr) => ctx.views.freed(ptr),

    // Free functions and enums on the object load() returns, beside the
    // classes (the metadata parser refused a name either would share).
    defineModule(result, described) {
      for (const e of described.enums?.values() ?? []) {
        const made = enumOf(e);
        ctx.enums.set(e.name, made);
        result[e.name] = made.object;
      }
      const functions = byName(described.functions ?? [], (f) => invoker(f.fn, f.params, f.result, f.name, null), (n) => n);
      for (const [name, fn] of functions) result[name] = fn;
    },

    // After a wrapper of class `inf` lost its reach into wasm: its identity
    // is gone, and so is its borrowed children's reach.
    invalidated(wrapper, ptr, inf) {
      identity.forget(ptr, wrapper, inf.st);
      if (!lending) return;
      const lent = weakGetOf(children, wrapper);
      if (lent === undefined) return; // most wrappers lend nothing
      weakDeleteOf(children, wrapper);
      for (let k = 0; k < lent.length; k++) {
        const child = deref(lent[k]);
        const made = state.inf(child);
        if (made !== null) made.invalidate(child, `its owner ${inf.name} was disposed`);
      }
    },

    // Constructors chosen by arity; a derived class's constructor passes
    // STAMP up (wrapper.mjs), so only the most derived one constructs.
    // What waits for a constructor's call runs once the wrapper owns the
    // object, so a JS callee's exception never loses it.
    typedClass(spec, inf, { adopt, destroy }) {
      const { calls } = runtime;
      // A class JS may extend: its subclasses construct C++'s derived object.
      const ext = spec.virtuals?.length > 0 || spec.extends?.length > 0 ? extendable(spec, inf, invoker, constructorOf, ctx) : null;
      if (ext !== null) extendables.set(inf, ext);
      const adopted = ext?.adopted ?? null;
      const construct = {
        make: ext?.make ?? constructorOf(spec, inf.name),
        adopt(wrapper, ptr) {
          try {
            adopt(wrapper, ptr);
            if (adopted !== null) adopted(wrapper, ptr);
            ctx.ownPending(ptr);
          } finally {
            if (calls.flags !== 0) calls.settle();
          }
        },
        destroy,
      };
      return core.wrapperClass(inf.name, inf.base && { Class: inf.base.Class, st: inf.base.st }, construct, core.roots);
    },

    // Methods, statics and properties; `self(member)` makes a receiver check.
    defineMembers(Class, spec, inf, self) {
      const { name } = inf;
      const label = (member) => `${name}.${member}`;
      const methods = byName(spec.methods, (m) => invoker(m.fn, m.params, m.result, label(m.name), self(m.name)), label);
      for (const [member, fn] of methods) define(Class.prototype, member, fn);
      const statics = byName(spec.statics, (s) => invoker(s.fn, s.params, s.result, label(s.name), null), label);
      for (const [member, fn] of statics) define(Class, member, fn);
      for (const prop of new Set([...spec.getters.keys(), ...spec.setters.keys()])) {
        const getter = spec.getters.get(prop);
        const setter = spec.setters.get(prop);
        Object.defineProperty(Class.prototype, prop, {
          get: getter && invoker(getter.fn, [], getter.type, `${name}.${prop}`, self(prop)),
          set: setter && invoker(setter.fn, [setter.type], { kind: "void" }, `${name}.${prop}`, self(prop)),
          configurable: true,
        });
      }
      extendables.get(inf)?.members(Class, self, define);
      return Class;
    },
  };
}
