// What a call's conversions use, captured when this module loads, so JS
// that later patches Array.prototype, Object.prototype, TextEncoder or
// %TypedArray%.prototype changes nothing the loader writes, frees or hands
// to wasm. The part the core loader needs is intrinsics-core.mjs (lists
// among it: what a list is is said there), re-exported here.

import { apply, list } from "./intrinsics-core.mjs";
export { apply, ceil, floor, max, min, list, copyInto, fill, getOf, Float64s } from "./intrinsics-core.mjs";

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

// A new ordinary Array of `n` elements, element k `make(k)`: made by
// Array.from over an array-like of no prototype, which defines each
// element (no setter JS put on Array.prototype sees one) and has no
// iterator to call.
const arrayFrom = Array.from;
const ArrayOf = Array;
export const arrayOf = (n, make) => apply(arrayFrom, ArrayOf, [{ __proto__: null, length: n }, (_, k) => make(k)]);

// A property defined, not assigned: no setter JS put on Object.prototype
// sees it (the fields of value results). The descriptor has no prototype:
// a `get` or `set` JS put on Object.prototype would make it an invalid
// one, read by user code.
const defineProperty = Object.defineProperty;
export const own = (o, name, value) => defineProperty(o, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true });

// A list of the one element `x`.
export function one(x) {
  const out = list();
  out[0] = x;
  return out;
}

// A Map's set as it was: (map, key, value); its get is getOf.
const mapSet = Map.prototype.set;
export const setOf = (map, key, value) => apply(mapSet, map, [key, value]);
const mapDelete = Map.prototype.delete;
const mapForEach = Map.prototype.forEach;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size").get;
export const deleteOf = (map, key) => void apply(mapDelete, map, [key]);
export const sizeOf = (map) => apply(mapSize, map, []);
// Calls f(value, key) for each entry (one deleted meanwhile is skipped).
export const eachOf = (map, f) => void apply(mapForEach, map, [f]);
// A WeakMap's get, set and delete as they were.
const weakGet = WeakMap.prototype.get;
const weakSet = WeakMap.prototype.set;
const weakDelete = WeakMap.prototype.delete;
export const weakGetOf = (map, key) => apply(weakGet, map, [key]);
export const weakSetOf = (map, key, value) => void apply(weakSet, map, [key, value]);
export const weakDeleteOf = (map, key) => void apply(weakDelete, map, [key]);

// WeakRef as it was: what invalidates wrappers reads its refs with these,
// so a replaced WeakRef.prototype.deref cannot hide a wrapper from it.
export const Ref = WeakRef;
const derefMethod = WeakRef.prototype.deref;
export const deref = (ref) => apply(derefMethod, ref, []);
export const isArray = Array.isArray;
export const isSafeInteger = Number.isSafeInteger;

// What user code threw, as text for a loader error: its message, or the
// value itself (a Symbol too, which a template literal cannot convert).
export function thrownText(e) {
  try {
    const message = e?.message;
    return typeof message === "string" ? message : String(e);
  } catch {
    return "a value that cannot be shown";
  }
}

// Typed array classes as they were (a global JS may replace).
export const Words = Uint32Array;
export { Bytes };
export const Int32s = Int32Array;

// Wasm memory's buffer, through WebAssembly.Memory.prototype's own getter.
const memoryBuffer = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, "buffer").get;
export const bufferOf = (memory) => apply(memoryBuffer, memory, []);

// A view of wasm memory for the wire's fields with DataView's names (the
// little-endian flag ignored: typed arrays are in the platform's order,
// little-endian on every host wasm runs on). Each access is a typed array
// index, which no prototype can intercept; each array is made on first
// use. Every field of the wire is aligned to its size (values.hpp), which
// each access checks.
const F32 = Float32Array;
const F64 = Float64Array;
const I32 = Int32Array;
const I64 = BigInt64Array;
const U64 = BigUint64Array;
const at4 = (p) => {
  if ((p & 3) !== 0) throw new RangeError(`weakbind: wire field at ${p} is not 4-aligned`);
  return p >>> 2;
};
const at8 = (p) => {
  if ((p & 7) !== 0) throw new RangeError(`weakbind: wire field at ${p} is not 8-aligned`);
  return p >>> 3;
};
export class View {
  #b;
  #u32 = null;
  #i32 = null;
  #f32 = null;
  #f64 = null;
  #i64 = null;
  #u64 = null;
  constructor(buffer) {
    this.#b = buffer;
  }
  get buffer() {
    return this.#b;
  }
  getUint32(p) {
    return (this.#u32 ??= new Words(this.#b))[at4(p)];
  }
  setUint32(p, v) {
    (this.#u32 ??= new Words(this.#b))[at4(p)] = v;
  }
  getInt32(p) {
    return (this.#i32 ??= new I32(this.#b))[at4(p)];
  }
  getFloat32(p) {
    return (this.#f32 ??= new F32(this.#b))[at4(p)];
  }
  setFloat32(p, v) {
    (this.#f32 ??= new F32(this.#b))[at4(p)] = v;
  }
  getFloat64(p) {
    return (this.#f64 ??= new F64(this.#b))[at8(p)];
  }
  setFloat64(p, v) {
    (this.#f64 ??= new F64(this.#b))[at8(p)] = v;
  }
  getBigInt64(p) {
    return (this.#i64 ??= new I64(this.#b))[at8(p)];
  }
  setBigInt64(p, v) {
    (this.#i64 ??= new I64(this.#b))[at8(p)] = v;
  }
  getBigUint64(p) {
    return (this.#u64 ??= new U64(this.#b))[at8(p)];
  }
  // The arrays themselves, for a loop over fields whose alignment its
  // caller checked (values.mjs, flat values).
  f64s() {
    return (this.#f64 ??= new F64(this.#b));
  }
  f32s() {
    return (this.#f32 ??= new F32(this.#b));
  }
  u32s() {
    return (this.#u32 ??= new Words(this.#b));
  }
  i32s() {
    return (this.#i32 ??= new I32(this.#b));
  }
}

// `() => View` of `memory`'s buffer as it is: the same View (and its
// arrays) until growth replaces the buffer, so a call makes no typed array.
// Growth detaches the old buffer, and an index of a detached typed array
// reads undefined (an index no prototype can intercept, where a length
// getter could be replaced): one read of address 0 tells.
export function viewOf(memory) {
  let view = new View(bufferOf(memory));
  let probe = view.f64s();
  return () => {
    if (probe[0] === undefined) {
      view = new View(bufferOf(memory));
      probe = view.f64s();
    }
    return view;
  };
}
