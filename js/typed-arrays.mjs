// Typed arrays across the boundary: `bytes` (a Uint8Array) and the numeric
// arrays (`f64[]` …), copied both ways. An argument must be exactly its
// type's typed array, read through %TypedArray%.prototype's own getters
// (captured: no subclass, Proxy or patched getter lies about its kind or
// length); a result is a new typed array copied out of its block by the
// captured `set`, not `slice`, which JS may replace.

import { describe } from "./types.mjs";
import { apply, copyInto, bufferOf, View, Bytes, max } from "./intrinsics.mjs";

// An array of more bytes than a 32-bit size holds: the heap's size
// parameter would wrap it to a small block (a typed array's buffer may be
// larger than wasm memory can be).
function tooLarge(n, size, at, i) {
  if (n * size > 2 ** 32 - 1) throw new RangeError(`${at(i)} has ${n} elements, more than wasm memory can hold`);
}

// Numeric arrays (`f64[]` …): the typed array each takes and gives.
const ARRAYS = {
  "f64[]": Float64Array,
  "f32[]": Float32Array,
  "i32[]": Int32Array,
  "u32[]": Uint32Array,
};
// Where a result block's elements start: after `u32 len` and padding, so
// they are 8-aligned as the heap's blocks are.
const ARRAY_DATA = 8;

// A typed array of exactly its type's (a Uint8Array for `bytes`; its own
// slots: a subclass, a Proxy or an array of another kind is refused, the
// length read once), copied into a heap block aligned for its elements:
// (ptr, length) on the wire, the block freed after the call. `had`, when
// given, is its length as `arrayLength` read it before any argument was
// written (an earlier argument's block may have grown memory since:
// arenaArrayParam).
export function typedArrayParam(type, ctx, at) {
  const Type = type.kind === "bytes" ? Bytes : ARRAYS[type.kind];
  const { alloc, memory, WeakbindError } = ctx;
  const size = Type.BYTES_PER_ELEMENT;
  return (a, i, wire, blocks, _handles, had) => {
    if (typedArrayKind(a) !== Type.name) throw new TypeError(`${at(i)} must be a ${Type.name}, got ${describe(a)}`);
    const n = typedArrayLength(a);
    if (had !== undefined && n !== had) throw new TypeError(`${at(i)} was detached while it was copied`);
    tooLarge(n, size, at, i);
    const ptr = alloc(max(n * size, 1)) >>> 0;
    if (!ptr) throw new WeakbindError(`out of memory: ${at(i)} needs ${n * size} bytes`);
    blocks.push(ptr);
    if (ptr % size !== 0) throw new WeakbindError(`${at(i)}: the heap gave a block not aligned for ${Type.name}`);
    // alloc may have grown memory and detached `a` if it viewed it.
    if (typedArrayLength(a) !== n) throw new TypeError(`${at(i)} was detached while it was copied`);
    // (A detached array has no elements, and no buffer a view can be made on.)
    if (n > 0) copyInto(new Type(bufferOf(memory), ptr, n), elementsOf(Type, a, n));
    wire.push(ptr, n);
  };
}

// The same written into the call's arena (arena.mjs, for fixed-calls.mjs):
// returns the pointer; the count is then `ctx.arena.len`. One too large
// for the arena gets a heap block of its own, freed with the call's.
// `had` is the array's length as `arrayLength` read it once every
// argument was read and before any was written: an earlier argument's
// spill may have grown memory and detached the array since, if it viewed
// memory, which is refused as its own spill's detaching it is (passed on,
// it would reach C++ empty).
export function arenaArrayParam(type, ctx, at) {
  const Type = ARRAYS[type.kind];
  const { arena, memory, WeakbindError } = ctx;
  const size = Type.BYTES_PER_ELEMENT;
  return (a, i, had) => {
    if (typedArrayKind(a) !== Type.name) throw new TypeError(`${at(i)} must be a ${Type.name}, got ${describe(a)}`);
    const n = typedArrayLength(a);
    if (n !== had) throw new TypeError(`${at(i)} was detached while it was copied`);
    tooLarge(n, size, at, i);
    const ptr = arena.reserve(n * size);
    if (ptr === null) throw new WeakbindError(`out of memory: ${at(i)} needs ${n * size} bytes`);
    // A spill's allocation may have grown memory and detached `a` if it viewed it.
    if (typedArrayLength(a) !== n) throw new TypeError(`${at(i)} was detached while it was copied`);
    if (n > 0) copyInto(new Type(bufferOf(memory), ptr, n), elementsOf(Type, a, n));
    arena.len = n;
    return ptr;
  };
}

// The length of an argument of a numeric array type or bytes, read from
// its own slot (-1 if it is no such typed array, which its converter
// refuses).
export function arrayLength(type) {
  const name = type.kind === "bytes" ? "Uint8Array" : ARRAYS[type.kind].name;
  return (a) => (typedArrayKind(a) === name ? typedArrayLength(a) : -1);
}

export const isNumericArray = (type) => ARRAYS[type.kind] !== undefined;

// %TypedArray%.prototype's own getters and subarray, called directly
// (through the captured Reflect.apply: Function.prototype.call may be
// replaced).
const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
const intrinsic = (name) => Object.getOwnPropertyDescriptor(TypedArray, name).get;
const kindGetter = Object.getOwnPropertyDescriptor(TypedArray, Symbol.toStringTag).get;
const lengthGetter = intrinsic("length");
export const typedArrayKind = (a) => apply(kindGetter, a, []);
const typedArrayLength = (a) => apply(lengthGetter, a, []);
const bufferGetter = intrinsic("buffer");
const byteOffsetGetter = intrinsic("byteOffset");
// A new `Type` of the `n` elements `a` (exactly a `Type`) has from its own
// slots.
const elementsOf = (Type, a, n) => new Type(apply(bufferGetter, a, []), apply(byteOffsetGetter, a, []), n);

// A result block -> a new typed array of its elements, the block freed.
// `bytes` is `u32 len` then the bytes; a numeric array's elements start at
// ARRAY_DATA.
export function typedArrayResult(type, ctx) {
  const bytes = type.kind === "bytes";
  const Type = bytes ? Bytes : ARRAYS[type.kind];
  const data = bytes ? 4 : ARRAY_DATA;
  return (ptr) => {
    ptr >>>= 0;
    const buffer = bufferOf(ctx.memory);
    const len = new View(buffer).getUint32(ptr, true);
    const out = new Type(len);
    copyInto(out, new Type(buffer, ptr + data, len));
    ctx.free(ptr);
    return out;
  };
}
