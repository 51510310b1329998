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
    #gone = undefined; // why it no longer reaches its object
    #keep = null; // what it keeps alive: its cohort, or the parent it borrows from
    static {
      state = {
        isWrapper: (o) => isObject(o) && #token in o,
        token: (o) => o.#token,
        inf: (o) => (isObject(o) && #inf in o ? o.#inf : null),
        gone: (o) => (isObject(o) && #gone in o ? o.#gone : undefined),
        made(o, inf, token, keep) {
          o.#inf = inf;
          o.#token = token;
          o.#keep = keep;
        },
        keep(o, keep) {
          o.#keep = keep;
        },
        // Ends the wrapper's reach: no ownership, nothing kept alive.
        end(o, reason) {
          o.#gone = reason;
          o.#token = -1;
          o.#keep = null;
        },
      };
    }
  }
  return { State, state };
}

// A class's own pointer field (`level`): `ptr(o)` is its object's address
// when `o` is a live wrapper of the class or of a class derived from it,
// else 0; `set(o, p)` writes it.

// A convention class: numbers in, a pointer out; `construct(wrapper, a, b,
// c, d)` makes the object. Four plain parameters, so no rest array is
// made per object.
export function conventionClass(name, State, construct) {
  let own;
  const Class = {
    [name]: class extends State {
      #ptr = 0;
      constructor(a, b, c, d) {
        super();
        if (a !== STAMP) construct(this, a, b, c, d);
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
          set(o, p) {
            o.#ptr = p;
          },
        };
      }
    },
  }[name];
  return { Class, level: own };
}

// (The two makers repeat their pointer field's accessors: a private name
// exists only inside its class body, so no helper can hold them.)

// A typed class, root (`Parent` is State) or derived (`Parent` is its
// base's class); `construct(wrapper, args)` picks a constructor by arity.
export function typedClass(name, Parent, construct) {
  let own;
  const Class = {
    [name]: class extends Parent {
      #ptr = 0;
      constructor(...args) {
        super(STAMP);
        if (args[0] !== STAMP) construct(this, args);
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
          set(o, p) {
            o.#ptr = p;
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
