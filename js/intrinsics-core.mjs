// The captured intrinsics the core loader needs (classes, release, calls,
// scopes), apart from the rest (intrinsics.mjs, which re-exports these),
// so that a page loading a convention module fetches only these.
//
// What a call's conversions use, captured when this module loads, so JS
// that later patches Array.prototype, Object.prototype, TextEncoder or
// %TypedArray%.prototype changes nothing the loader writes, frees or hands
// to wasm.
//
// A `list()` is an Array whose prototype is LIST below: an unchangeable
// object of null prototype with the few methods the conversions use. Nothing on its
// chain has an index, so an index write defines an element (a setter put
// on Array.prototype or Object.prototype never sees it) and a hole reads
// as undefined; its methods are these, whatever Array.prototype's are. It
// has no iterator: the loader walks lists by index (a spread or for…of
// would call %ArrayIteratorPrototype%.next, which JS may replace), and
// hands one to a function with `apply`.

export const apply = Reflect.apply;
// Math's functions as they were: what lays out a block or places an
// argument with them must not be told another size by JS.
export const ceil = Math.ceil;
export const floor = Math.floor;
export const max = Math.max;
export const min = Math.min;
const setPrototypeOf = Object.setPrototypeOf;

const METHODS = {
  push(...items) {
    for (let k = 0; k < items.length; k++) this[this.length] = items[k];
    return this.length;
  },
  map(f) {
    const out = list();
    for (let k = 0; k < this.length; k++) out[k] = f(this[k], k);
    return out;
  },
  forEach(f) {
    for (let k = 0; k < this.length; k++) f(this[k], k);
  },
  concat(other) {
    const out = list();
    for (let k = 0; k < this.length; k++) out[k] = this[k];
    for (let k = 0; k < other.length; k++) out[out.length] = other[k];
    return out;
  },
};
// Sealed, each method a getter with no setter: nothing can be added (no
// index, no setter), changed or removed — as frozen as Object.freeze
// makes it. Not frozen by Object.freeze: V8 sends every element write
// past the end of an array whose chain holds a frozen object through its
// slow path (make bench-churn-parts, `weakbind`: a cohort's member
// writes), and a sealed one of accessors keeps the fast one.
const LIST = setPrototypeOf({}, null);
for (const name of Object.keys(METHODS)) {
  const method = METHODS[name];
  Object.defineProperty(LIST, name, { get: () => method, enumerable: false, configurable: false });
}
Object.seal(LIST);

// Lists are made by a constructor whose instances' prototype is an empty
// sealed object of prototype LIST, not by setPrototypeOf on a new Array,
// which V8 does through a map transition on each call (several times the
// cost of the array; make bench-churn-parts, `scoped`, and every typed
// call of the general path make lists). A list's chain is that object,
// LIST and null: Array.prototype is not on it. The class stays in this
// module (the object has no `constructor`), so no JS can reach it to
// change what its super() calls.
class List extends Array {
  constructor() {
    super(); // no arguments: a spread would run the array iterator
  }
}
setPrototypeOf(List.prototype, LIST);
delete List.prototype.constructor;
Object.seal(List.prototype);

// An empty list, or one of `n` holes.
export function list(n = 0) {
  const out = new List();
  if (n > 0) out.length = n;
  return out;
}

// A typed array's fill and set as they were: copies typed array `source`
// into `target`, of its kind; fills `typed` with `v`.
const typedProto = Object.getPrototypeOf(Uint8Array.prototype); // %TypedArray%.prototype
const setMethod = typedProto.set;
const fillMethod = typedProto.fill;
export const copyInto = (target, source) => void apply(setMethod, target, [source]);
export const fill = (typed, v) => void apply(fillMethod, typed, [v]);

// A Map's get as it was: (map, key).
const mapGet = Map.prototype.get;
export const getOf = (map, key) => apply(mapGet, map, [key]);

// Typed array classes as they were (a global JS may replace).
export const Float64s = Float64Array;
