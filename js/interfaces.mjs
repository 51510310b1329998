// C++ classes JS extends (weakbind/interfaces.hpp): `class Twice extends
// m.Model { residual(x) { … } }`. Constructing the JS subclass constructs
// C++'s derived object (`extend` records, by arity), handing it a
// dispatcher: a JS function C++'s overrides call with the virtual's index
// first, which calls the instance's method of that name. The dispatcher is
// owned by the object (JsRef::owned_by), so it lives on the instance's
// wrapper: the instance, the C++ object and the dispatcher that reaches the
// instance are collected together.
//
// Invariants:
// - Only the dispatcher's own instance is ever `this` of a JS override,
//   and it is set once the wrapper owns the object (C++ cannot call a
//   derived override from inside its constructor, so nothing calls before).
// - A JS override never runs the loader's method of the C++ class under its
//   own name (the bound member would call the same virtual: unbounded
//   recursion); that counts as not implemented.
// - What JS returns is checked against the word before C++ reads it, so an
//   i32 virtual never converts an out-of-range double (undefined behaviour
//   in C++): a wrong type is a TypeError for the JS caller, and C++ gets a
//   zero value, as when the override throws (a reference result has none:
//   the call traps, callbacks.hpp).

import { argumentsFromCpp, endViews, resultCheck } from "./callbacks.mjs";
import { apply, list } from "./intrinsics.mjs";
import { byCount } from "./overloads.mjs";

const JS = { kind: "js" };
const U32 = { kind: "u32" };
const RAW = { kind: "raw" };

// `invoker` and `constructorOf` of typed-calls.mjs, `ctx` typed.mjs's. Returns
// wrapper.mjs's `construct.make` for the class, and `adopted(wrapper,
// ptr)`, called once the wrapper owns a new object.
export function extendable(spec, inf, invoker, constructorOf, ctx) {
  const { name } = inf;
  const plain = spec.ctors.length > 0 ? constructorOf(spec, name) : null;
  // The dispatcher and the mask come first on the wire; the count is the
  // arguments JS gave.
  const { calls: byArity, takes } = byCount(spec.extends, (e) => invoker(e.fn, [JS, U32, ...e.params], RAW, `new ${name}()`, null, true, 2));
  const virtuals = spec.virtuals.map((v) => ({
    name: v.name,
    pure: v.pure,
    args: argumentsFromCpp(v.params, ctx),
    result: resultCheck(v.result, " (called from wasm)", ctx),
  }));
  // JS subclass -> which non-pure virtuals it implements, and its name.
  const kinds = new WeakMap();
  // The link of the object made last, until its wrapper owns it.
  let pending = null;
  // Wrappers of the objects JS subclasses made.
  const instances = new WeakSet();

  const kindOf = (target) => {
    let kind = kinds.get(target);
    if (kind !== undefined) return kind;
    const base = inf.Class.prototype;
    let mask = 0;
    virtuals.forEach((v, i) => {
      for (let p = target.prototype; p !== null && p !== undefined && p !== base; p = Object.getPrototypeOf(p)) {
        if (Object.hasOwn(p, v.name)) {
          mask |= 1 << i;
          break;
        }
      }
    });
    kind = { mask: mask >>> 0, label: typeof target.name === "string" && target.name !== "" ? target.name : `a subclass of ${name}` };
    kinds.set(target, kind);
    return kind;
  };

  const dispatcher = (link, label) =>
    function dispatch(i, ...wire) {
      const v = virtuals[i];
      if (v === undefined) throw new TypeError(`${name}: C++ called virtual ${i}, which the metadata does not list`);
      const self = link.self;
      if (self === null) throw new TypeError(`${name}.${v.name}: called before the JS object was made`);
      const f = self[v.name];
      if (typeof f !== "function" || f === inf.Class.prototype[v.name]) {
        throw new TypeError(`${label}.${v.name}: not implemented (${v.pure ? "pure virtual" : "virtual"} ${name}.${v.name}, called from wasm)`);
      }
      const where = `${label}.${v.name}`;
      if (v.args.views === 0) return v.result(apply(f, self, v.args(wire, undefined, where)), where);
      const made = list();
      try {
        return v.result(apply(f, self, v.args(wire, made, where)), where);
      } finally {
        endViews(made);
      }
    };

  return {
    make(n, a, b, c, d, all, target) {
      // A link left by a construction that failed before adoption must
      // not reach an object made later at the same address.
      pending = null;
      if (target === inf.Class || target === undefined) {
        if (plain === null) throw new TypeError(`new ${name}(): ${name} is abstract; extend it (class Impl extends ${name} { … })`);
        return plain(n, a, b, c, d, all);
      }
      const call = byArity[n];
      if (call === undefined) {
        throw new TypeError(`new ${name}(): no constructor of a JS subclass takes ${n} argument${n === 1 ? "" : "s"} (${takes ? `it takes ${takes}` : "none is exported"})`);
      }
      const kind = kindOf(target);
      const link = { self: null };
      const dispatch = dispatcher(link, kind.label);
      const ptr = n <= 4 ? call(dispatch, kind.mask, a, b, c, d) : call(dispatch, kind.mask, ...all);
      pending = { ptr, link };
      return ptr;
    },
    adopted(wrapper, ptr) {
      if (pending !== null && pending.ptr === ptr) {
        pending.link.self = wrapper;
        instances.add(wrapper);
      }
      pending = null;
    },
    // After the class's members are defined (`self(member)` makes a
    // receiver check, `define` a method): each virtual's method on the
    // class's prototype is what a JS override's super.name() reaches. On an
    // instance of a JS subclass it runs C++'s implementation (a qualified,
    // non-virtual call), because the bound member would call the virtual,
    // that is the override again; on other objects the bound member.
    members(Class, self, define) {
      for (const v of spec.virtuals) {
        const bound = Object.hasOwn(Class.prototype, v.name) ? Class.prototype[v.name] : undefined;
        if (v.base === null && bound === undefined) continue;
        const label = `${name}.${v.name}`;
        // C++'s implementation returns an object result as ref(C) does.
        const result = v.result.kind === "object" ? { ...v.result, ownership: "ref" } : v.result;
        const base = v.base === null ? null : invoker(v.base, v.params, result, label, self(v.name));
        define(Class.prototype, v.name, {
          [v.name](...args) {
            if (instances.has(this)) {
              if (base === null) throw new TypeError(`${label}: pure virtual; C++ has no implementation to call`);
              return base.apply(this, args);
            }
            if (bound === undefined) throw new TypeError(`${label}: only a JS subclass's super.${v.name}() calls it (bind it with WEAKBIND_METHOD for other objects)`);
            return bound.apply(this, args);
          },
        }[v.name]);
      }
    },
  };
}
