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
import { invokers } from "./typed-calls.mjs";

export { readMetadata, parseMetadata } from "./metadata.mjs";

const PARENT = Symbol("weakbind.parent"); // what a borrowed wrapper keeps alive
const CHILDREN = Symbol("weakbind.children"); // borrowed wrappers to invalidate
const BYPASS = Symbol("weakbind.bypass"); // super() from a derived class

// What the core asks of the typed half for the classes of `infos` (which
// the core fills in as it builds them); `runtime` as in buildClasses.
// `core`: classes.mjs's define and lend, errors.mjs's WeakbindError and
// GONE.
export function typedSide(infos, runtime, { define, lend, WeakbindError, GONE }) {
  const identity = new IdentityMap(GONE);
  const info = (name) => infos.get(name);
  const ctx = {
    calls: runtime.calls,
    values: runtime.values,
    // A plain data object: a getter here made every converter's property
    // loads slow (measured: 85 -> 11 ns for an object result).
    memory: runtime.exports.memory,
    alloc: runtime.exports.weakbind_alloc,
    free: runtime.exports.weakbind_free,
    WeakbindError,
    pointerKey: (name) => info(name).key,
    // Result converters resolve a class once, then pass its info.
    classInfo: info,
    owned: (ptr, inf) => identity.find(ptr, inf) ?? inf.adopt(Object.create(inf.Class.prototype), ptr),
    borrowed: (ptr, inf, parent) => identity.find(ptr, inf) ?? borrow(ptr, inf, parent),
  };
  const { invoker, constructorOf } = invokers(ctx);

  function borrow(ptr, inf, parent) {
    const wrapper = lend(ptr, inf);
    if (parent) {
      wrapper[PARENT] = parent;
      (parent[CHILDREN] ??= []).push(new WeakRef(wrapper));
    }
    identity.set(ptr, wrapper);
    return wrapper;
  }

  return {
    identity,
    borrowed: ctx.borrowed,

    // After a wrapper of class `inf` lost its reach into wasm: its identity
    // is gone, and so is its borrowed children's reach.
    invalidated(wrapper, ptr, inf) {
      identity.forget(ptr, wrapper);
      const children = wrapper[CHILDREN];
      if (children === undefined) return; // most wrappers lend nothing: add no property
      for (const ref of children) {
        const child = ref.deref();
        if (child) (infos.get(child.constructor.name) ?? inf).invalidate(child, `its owner ${inf.name} was disposed`);
      }
      wrapper[CHILDREN] = undefined;
    },

    // Constructors chosen by arity, derived classes passing BYPASS up so
    // only the most derived one constructs.
    typedClass(spec, { name }, base, adoptNew) {
      const construct = constructorOf(spec, name, adoptNew);
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
    },

    // Methods, statics and properties; `self(member)` makes a receiver check.
    defineMembers(Class, spec, { name }, self) {
      for (const m of spec.methods) {
        define(Class.prototype, m.name, invoker(m.fn, m.params, m.result, `${name}.${m.name}`, self(m.name)));
      }
      for (const s of spec.statics) {
        define(Class, s.name, invoker(s.fn, s.params, s.result, `${name}.${s.name}`, null));
      }
      for (const prop of new Set([...spec.getters.keys(), ...spec.setters.keys()])) {
        const getter = spec.getters.get(prop);
        const setter = spec.setters.get(prop);
        Object.defineProperty(Class.prototype, prop, {
          get: getter && invoker(getter.fn, [], getter.type, `${name}.${prop}`, self(prop)),
          set: setter && invoker(setter.fn, [setter.type], { kind: "void" }, `${name}.${prop}`, self(prop)),
          configurable: true,
        });
      }
      return Class;
    },
  };
}
