// What a call's conversions use, captured when this module loads, so JS
// that later patches Array.prototype, Object.prototype, TextEncoder or
// %TypedArray%.prototype changes nothing the loader writes, frees or hands
// to wasm.
//
// A `list()` is an Array whose prototype is LIST below: a frozen object of
// null prototype with the few methods the conversions use. Nothing on its
// chain has an index, so an index write defines an element (a setter put
// on Array.prototype or Object.prototype never sees it) and a hole reads
// as undefined; its methods are these, whatever Array.prototype's are. It
// has no iterator: the loader walks lists by index (a spread or for…of
// would call %ArrayIteratorPrototype%.next, which JS may replace), and
// hands one to a function with `apply`.

export const apply = Reflect.apply;
const setPrototypeOf = Object.setPrototypeOf;

const LIST = Object.freeze(
  setPrototypeOf(
    {
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
    },
    null,
  ),
);

// An empty list, or one of `n` holes.
export function list(n = 0) {
  const out = setPrototypeOf([], LIST);
  if (n > 0) out.length = n;
  return out;
}

// A list's elements as an ordinary Array for JS (slice defines each
// element, so no setter on Array.prototype swallows one).
const slice = Array.prototype.slice;
export const toArray = (l) => apply(slice, l, []);

// UTF-8 bytes of a string, and a typed array's own slots.
const encoder = new TextEncoder();
const encodeMethod = TextEncoder.prototype.encode;
export const encode = (s) => apply(encodeMethod, encoder, [s]);
const Bytes = Uint8Array;
const typedProto = Object.getPrototypeOf(Bytes.prototype); // %TypedArray%.prototype
const lengthGetter = Object.getOwnPropertyDescriptor(typedProto, "length").get;
const setMethod = typedProto.set;
export const lengthOf = (typed) => apply(lengthGetter, typed, []);
// Copies `bytes` (a Uint8Array) into wasm memory at `ptr`.
export function copyBytes(buffer, ptr, bytes) {
  apply(setMethod, new Bytes(buffer, ptr, lengthOf(bytes)), [bytes]);
}
// UTF-8 bytes to a string.
const decoder = new TextDecoder();
const decodeMethod = TextDecoder.prototype.decode;
export const decode = (bytes) => apply(decodeMethod, decoder, [bytes]);
const fromCharCode = String.fromCharCode;
// A string of the char codes in `codes` (an array-like of numbers).
export const fromCodes = (codes) => apply(fromCharCode, null, codes);

// A list of the one element `x`.
export function one(x) {
  const out = list();
  out[0] = x;
  return out;
}

// A Map's get and set as they were: (map, key) and (map, key, value).
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
export const getOf = (map, key) => apply(mapGet, map, [key]);
export const setOf = (map, key, value) => apply(mapSet, map, [key, value]);

// Typed array classes as they were (a global JS may replace).
export const Words = Uint32Array;
