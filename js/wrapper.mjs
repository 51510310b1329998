// What a wrapper holds, where JS cannot reach it. Every wrapper class of a
// module extends one `State` class whose private fields hold the
// wrapper's ownership, and each class adds a private pointer field of its
// own. Private fields are not properties: spread, Object.assign, a shallow
// clone or a structured copy make objects that have none of them; no
// symbol or key names them, so nothing can forge one; a Proxy of a wrapper
// does not have them (private names never go through traps), and freezing
// a wrapper does not stop the loader from invalidating it. `#ptr in o`
// is the class check, and a derived class's instances pass its bases'
// checks because they carry their fields too.
//
// A pointer field is 0 once the wrapper no longer reaches its object; it
// is a number in [1, 2^32) otherwise (pointers are read unsigned).

// `new Class(STAMP)` makes a wrapper of no object yet: only the loader can.
export const STAMP = Symbol("weakbind.stamp");

const isObject = (o) => typeof o === "object" && o !== null;

// The State class of one module and the functions that read and write it.
export function wrapperState() {
  let state;
  class State {
    #token = -1; // the JS ownership of the object, or -1: not owned (borrowed, lent)
    #inf = null; // the class the wrapper was made as
    // What it keeps alive (its cohort, the parent it borrows from, or
    // null); once it no longer reaches its object, why (a string). One
    // field for both keeps every wrapper a word smaller.
    #keep = null;
    static {
      state = {
        isWrapper: (o) => isObject(o) && #token in o,
        token: (o) => o.#token,
        keeps: (o) => o.#keep,
        inf: (o) => (isObject(o) && #inf in o ? o.#inf : null),
        gone: (o) => (isObject(o) && #keep in o && typeof o.#keep === "string" ? o.#keep : undefined),
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
  }
  return { State, state };
}

// A class's own pointer field (`level`): `ptr(o)` is its object's address
// when `o` is a live wrapper of the class or of a class derived from it,
// else 0; `end(o)` sets it to 0 for good.
//
// A pointer field gets its value as the wrapper is made (its initializer
// reads `next`) and changes only once after, to 0. A field never written
// after its initializer is one V8 treats as constant, so a method called
// on a wrapper it knows reads no field at all (make bench measures the
// call). So the object is made before its wrapper: a constructor converts
// its arguments and calls wasm (`construct.make`), sets `next`, calls
// super() — through the loader's classes only, which run no user code —
// and only then hands the wrapper to `construct.adopt`.
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

// The JS class of a wasm class: `Parent` is State (a root) or its base's
// class (a derived typed class). `construct.make(n, a, b, c, d, all)` makes
// the object from the `n` arguments (`all` of them only past four, so no
// array is made per object otherwise) and returns its pointer;
// `construct.adopt(wrapper, ptr)` gives the wrapper its ownership, or
// destroys the object if the wrapper did not get `ptr` (someone swapped
// the class's prototype, and super() ran their code);
// `construct.destroy(ptr, e)` destroys an object whose super() threw. A
// derived class passes STAMP up, so only the most derived constructor
// makes an object; every level's field reads `next`.
export function wrapperClass(name, Parent, construct) {
  let own;
  const Class = {
    [name]: class extends Parent {
      #ptr = next;
      constructor(a, b, c, d) {
        if (a === STAMP) {
          super(STAMP);
          return;
        }
        const n = arguments.length;
        const p = construct.make(n, a, b, c, d, n > 4 ? [...arguments] : null);
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
      }
    },
  }[name];
  return { Class, level: own };
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
