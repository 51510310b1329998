// What a wrapper holds, where JS cannot reach it. The JS class of each
// root wasm class (one with no base) holds the wrapper's pointer and its
// ownership in private fields of its own, and a derived class adds a
// pointer field of its own. Private fields are not properties: spread,
// Object.assign, a shallow clone or a structured copy make objects that
// have none of them; no symbol or key names them, so nothing can forge
// one; a Proxy of a wrapper does not have them (private names never go
// through traps), and freezing a wrapper does not stop the loader from
// invalidating it. `#ptr in o` is the class check, and a derived class's
// instances pass its bases' checks because they carry their fields too.
//
// A root class extends nothing, so `new Class()` allocates its wrapper
// where it is called, with the class known there; a constructor that calls
// super() has its base allocate, which V8 does not inline across the
// loader's constructors (make bench, `churn`).
//
// A pointer field is 0 once the wrapper no longer reaches its object; it
// is a number in [1, 2^32) otherwise (pointers are read unsigned).

// `new Class(STAMP)` makes a wrapper of no object yet: only the loader can.
export const STAMP = Symbol("weakbind.stamp");

const isObject = (o) => typeof o === "object" && o !== null;

// The functions that read and write the ownership of any wrapper of one
// module, whatever its class. Each root class has fields of its own, so
// `roots` lists them (wrapperClass adds to it) and `state` asks each in
// turn whether it carries them, the last one that did first. Code that
// knows a wrapper's class uses its root's fields directly (`st` of
// wrapperClass).
export function wrapperState() {
  const roots = [];
  let last = null;
  const rootOf = (o) => {
    if (!isObject(o)) return null;
    if (last !== null && last.has(o)) return last;
    for (let i = 0; i < roots.length; i++) if (roots[i].has(o)) return (last = roots[i]);
    return null;
  };
  const state = {
    isWrapper: (o) => rootOf(o) !== null,
    token: (o) => rootOf(o).token(o),
    keeps: (o) => rootOf(o).keeps(o),
    inf: (o) => rootOf(o)?.inf(o) ?? null,
    gone: (o) => rootOf(o)?.gone(o),
    made: (o, inf, token, keep) => rootOf(o).made(o, inf, token, keep),
    keep: (o, keep) => rootOf(o).keep(o, keep),
    end: (o, reason) => rootOf(o).end(o, reason),
  };
  return { state, roots };
}

// A class's own pointer field (`level`): `ptr(o)` is its object's address
// when `o` is a live wrapper of the class or of a class derived from it,
// else 0; `end(o)` sets it to 0 for good.
//
// A derived class's pointer field gets its value as the wrapper is made
// (its initializer reads `next`) and changes only once after, to 0: a
// field never written after its initializer is one V8 treats as constant.
// A root class's field is written once more by its constructor (a base
// class initializes its fields before its constructor's body runs), and
// by `stamped` not at all.
let next = 0;

// A wrapper of `Class` that reaches `ptr` and owns nothing yet.
export function stamped(Class, ptr) {
  next = ptr;
  try {
    return new Class(STAMP);
  } finally {
    next = 0;
  }
}

// The JS class of a wasm class: `base` is null (a root) or the result of
// wrapperClass for its base class (a derived typed class).
// `construct.make(n, a, b, c, d, all, target)` makes the object from the
// `n` arguments (`all` of them only past four, so no array is made per
// object otherwise; `target` is new.target) and returns its pointer; `construct.adopt(wrapper, ptr)`
// gives the wrapper its ownership, or destroys the object if the wrapper
// did not get `ptr` (someone swapped a derived class's prototype, and
// super() ran their code); `construct.destroy(ptr, e)` destroys an object
// whose super() threw. A derived class passes STAMP up, so only the most
// derived constructor makes an object. Returns { Class, level, st }: `st`
// the ownership fields of its root (`roots` gets a root's).
export function wrapperClass(name, base, construct, roots) {
  return base === null ? rootClass(name, construct, roots) : derivedClass(name, base, construct);
}

function rootClass(name, construct, roots) {
  let own;
  let st;
  const Class = {
    [name]: class {
      #ptr = next;
      #token = -1; // the JS ownership of the object, or -1: not owned (borrowed, lent)
      #inf = null; // the class the wrapper was made as
      // What it keeps alive (its cohort, the parent it borrows from, or
      // null); once it no longer reaches its object, why (a string). One
      // field for both keeps every wrapper a word smaller.
      #keep = null;
      constructor(a, b, c, d) {
        if (a === STAMP) return;
        const n = arguments.length;
        // new.target: a JS subclass of an extendable class (interfaces.mjs).
        const p = construct.make(n, a, b, c, d, n > 4 ? [...arguments] : null, new.target);
        this.#ptr = p;
        construct.adopt(this, p);
      }
      static {
        own = {
          // Reading a private field an object lacks throws: the catch is
          // the class check (cheaper than a brand check before the read).
          ptr(o) {
            try {
              return o.#ptr;
            } catch {
              return 0;
            }
          },
          end(o) {
            o.#ptr = 0;
          },
        };
        // The ownership fields; `has(o)`: whether `o` carries them.
        st = {
          has: (o) => #token in o,
          token: (o) => o.#token,
          keeps: (o) => o.#keep,
          inf: (o) => o.#inf,
          gone: (o) => (typeof o.#keep === "string" ? o.#keep : undefined),
          made(o, inf, token, keep) {
            o.#inf = inf;
            o.#token = token;
            o.#keep = keep;
          },
          keep(o, keep) {
            if (typeof o.#keep !== "string") o.#keep = keep;
          },
          // Ends the wrapper's reach: no ownership, nothing kept alive.
          end(o, reason) {
            o.#token = -1;
            o.#keep = String(reason);
          },
        };
      }
    },
  }[name];
  roots.push(st);
  return { Class, level: own, st };
}

function derivedClass(name, base, construct) {
  let own;
  const Class = {
    [name]: class extends base.Class {
      #ptr = next;
      constructor(a, b, c, d) {
        if (a === STAMP) {
          super(STAMP);
          return;
        }
        const n = arguments.length;
        const p = construct.make(n, a, b, c, d, n > 4 ? [...arguments] : null, new.target);
        next = p;
        try {
          super(STAMP);
        } catch (e) {
          next = 0;
          throw construct.destroy(p, e);
        }
        next = 0;
        construct.adopt(this, p);
      }
      static {
        own = {
          ptr(o) {
            try {
              return o.#ptr;
            } catch {
              return 0;
            }
          },
          end(o) {
            o.#ptr = 0;
          },
        };
      }
    },
  }[name];
  return { Class, level: own, st: base.st };
}

// A JS argument for a wasm number parameter, turned into a primitive here
// rather than by the JS-to-wasm call: ToPrimitive runs user code (valueOf,
// toString, Symbol.toPrimitive, Proxy traps), which must run before the
// receiver's pointer is read. What it returns converts the way the call
// would have converted the object.
export const primitive = (x) => (typeof x !== "object" && typeof x !== "function") || x === null ? x : toPrimitive(x);

function toPrimitive(x) {
  const exotic = x[Symbol.toPrimitive];
  if (exotic !== undefined && exotic !== null) {
    const r = exotic.call(x, "number");
    if ((typeof r !== "object" && typeof r !== "function") || r === null) return r;
  } else {
    for (const method of ["valueOf", "toString"]) {
      const f = x[method];
      if (typeof f !== "function") continue;
      const r = f.call(x);
      if ((typeof r !== "object" && typeof r !== "function") || r === null) return r;
    }
  }
  throw new TypeError("Cannot convert object to primitive value");
}
