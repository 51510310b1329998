// How each metadata type crosses the boundary (the table in
// docs/ARCHITECTURE.md, "Metadata"). A parameter converter turns one JS
// argument into wasm arguments; a result converter turns the wasm result
// into a JS value. `raw` is the naming convention's type: numbers pass
// through untouched. Errors are the loader's WeakbindError, which `ctx`
// carries (weakbind.mjs, load(), says why it is not imported).

import { valueResult } from "./values.mjs";
import { optionalResult } from "./optional.mjs";
import { listResult } from "./lists.mjs";
import { mapResult } from "./maps.mjs";
import { viewResult } from "./views.mjs";
import { typedArrayParam, typedArrayResult, isNumericArray, typedArrayKind } from "./typed-arrays.mjs";
import { isArray, isSafeInteger, encode, decode, fromCodes, lengthOf, copyBytes, getOf, bufferOf, View, Bytes, floor, thrownText } from "./intrinsics.mjs";

export { arenaArrayParam, arrayLength, isNumericArray } from "./typed-arrays.mjs";

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

// `at(i)` names a parameter in messages: "Node.contains: argument 1".

// Converters for parameters that take one wasm value: (arg, index) -> wire.
export function simpleParam(type, ctx, at) {
  switch (type.kind) {
    case "raw":
      return (a) => a;
    case "f32":
    case "f64":
      return (a, i) => {
        if (typeof a === "number") return a;
        throw new TypeError(`${at(i)} must be a number, got ${describe(a)}`);
      };
    case "i32":
    case "u32": {
      // Integers only, in range: wasm would wrap 2**32 to 0 and truncate
      // 1.5, NaN and Infinity to 0 without a word.
      // (No array destructuring, here or below: a converter made while JS
      // has replaced the array iterator must still be the right one.)
      const min = type.kind === "i32" ? -(2 ** 31) : 0;
      const max = type.kind === "i32" ? 2 ** 31 - 1 : 2 ** 32 - 1;
      return (a, i) => {
        if (typeof a === "number" && a >= min && a <= max && floor(a) === a) return a;
        if (typeof a === "number" && Number.isInteger(a)) throw new RangeError(`${at(i)} is out of range for ${type.kind}: ${a}`);
        throw new TypeError(`${at(i)} must be an integer (${type.kind}), got ${describe(a)}`);
      };
    }
    case "bool":
      return (a, i) => {
        if (typeof a === "boolean") return a ? 1 : 0;
        throw new TypeError(`${at(i)} must be a boolean, got ${describe(a)}`);
      };
    case "i64":
    case "u64": {
      const min = type.kind === "i64" ? I64_MIN : 0n;
      const max = type.kind === "i64" ? I64_MAX : U64_MAX;
      return (a, i) => {
        const v = typeof a === "bigint" ? a : isSafeInteger(a) ? BigInt(a) : null;
        if (v === null) throw new TypeError(`${at(i)} must be a BigInt or a safe integer, got ${describe(a)}`);
        if (v < min || v > max) throw new RangeError(`${at(i)} is out of range for ${type.kind}: ${v}`);
        return BigInt.asIntN(64, v);
      };
    }
    case "js":
      return (a) => ctx.values.add(a);
    case "enum": {
      // One of the enum's values, a number (or, for a string enum, a
      // name): anything else, an object with valueOf included, is refused,
      // and no property is read.
      let wire = null;
      let table = null;
      let min = 0;
      const kind = type.strings ? "string" : "number";
      return (a, i) => {
        if (wire === null) {
          const made = getOf(ctx.enums, type.enum);
          if (made.small !== null) ({ table, min } = made.small);
          wire = made.wire;
        }
        // `a - min` rounds when min < 0 (1 + 2**-52 - -3 is 4): the index
        // must also give `a` back, or a fraction near a value would pass.
        if (table !== null && typeof a === "number") {
          const k = a - min;
          if (table[k] === 1 && k + min === a) return a;
        }
        if (typeof a === kind) {
          const v = getOf(wire, a);
          if (v !== undefined) return v;
        }
        throw new TypeError(`${at(i)} must be a ${type.enum} (one of the module's ${type.enum} values), got ${describe(a)}`);
      };
    }
    case "object": {
      // The class's pointer field (wrapper.mjs): no property of the
      // argument is read, so a Proxy or getter runs no code here. A class
      // made after this converter is looked up at the first call; one made
      // before is held in a constant, so the converter inlines into its
      // method.
      const refuse = (a, i) => {
        if (a == null && type.nullable) return 0;
        throw new TypeError(`${at(i)} must be a ${type.class}${type.nullable ? " or null" : ""}, got ${describeObject(a, ctx.state)}`);
      };
      const known = ctx.classInfo(type.class).levels[0];
      if (known !== undefined) {
        return (a, i) => {
          const p = known.ptr(a);
          return p !== 0 ? p : refuse(a, i);
        };
      }
      let own = null;
      return (a, i) => {
        own ??= ctx.classInfo(type.class).levels[0];
        const p = own.ptr(a);
        return p !== 0 ? p : refuse(a, i);
      };
    }
    default:
      return null; // not a one-value type
  }
}

// A string parameter written into the call's arena (arena.mjs): returns
// the pointer; the length is then `ctx.arena.len`.
export function stringParam(ctx, at) {
  const { arena, WeakbindError } = ctx;
  return (a, i) => {
    if (typeof a !== "string") throw new TypeError(`${at(i)} must be a string, got ${describe(a)}`);
    const ptr = arena.string(a);
    if (ptr === null) throw new WeakbindError(`out of memory: ${at(i)} needs ${arena.len} bytes`);
    return ptr;
  };
}

// Converters for strings, bytes and numeric arrays: push (ptr, len),
// remember the block.
// Short ASCII strings are copied by hand: TextEncoder's per-call overhead
// dwarfs the copy for them.
export function blockParam(type, ctx, at) {
  const { alloc, free, memory, WeakbindError } = ctx;
  const copyIn = (bytes, i, wire, blocks) => {
    const n = lengthOf(bytes);
    const ptr = alloc(n) >>> 0;
    if (!ptr) throw new WeakbindError(`out of memory: ${at(i)} needs ${n} bytes`);
    blocks.push(ptr);
    copyBytes(bufferOf(memory), ptr, bytes);
    wire.push(ptr, n);
  };
  // Numeric arrays and bytes: typed-arrays.mjs.
  if (type.kind === "bytes" || isNumericArray(type)) return typedArrayParam(type, ctx, at);
  return (a, i, wire, blocks) => {
    if (typeof a !== "string") throw new TypeError(`${at(i)} must be a string, got ${describe(a)}`);
    const n = a.length;
    if (n <= SHORT) {
      const ptr = alloc(n) >>> 0;
      if (!ptr) throw new WeakbindError(`out of memory: ${at(i)} needs ${n} bytes`);
      const view = new Bytes(bufferOf(memory), ptr, n);
      let j = 0;
      for (; j < n; j++) {
        const c = a.charCodeAt(j);
        if (c > 0x7f) break;
        view[j] = c;
      }
      if (j === n) {
        blocks.push(ptr);
        wire.push(ptr, n);
        return;
      }
      free(ptr);
    }
    copyIn(encode(a), i, wire, blocks);
  };
}

const SHORT = 64;

// UTF-8 bytes to a string, by hand when short and ASCII.
export function decodeUtf8(bytes) {
  const n = lengthOf(bytes);
  if (n <= SHORT) {
    let ascii = true;
    for (let i = 0; i < n; i++) if (bytes[i] > 0x7f) ascii = false;
    if (ascii) return fromCodes(bytes);
  }
  return decode(bytes);
}

// (wasm result, the wrapper the call was made on or null) -> JS value.
export function resultConverter(type, ctx, where) {
  const { WeakbindError } = ctx;
  switch (type.kind) {
    case "enum":
      return type.strings ? enumResult(type, ctx, where) : null;
    case "raw":
    case "i32":
    case "f32":
    case "f64":
      return null; // as is
    case "void":
      return () => undefined;
    case "u32":
      return (r) => r >>> 0;
    case "bool":
      return (r) => r !== 0;
    case "i64":
      return null;
    case "u64":
      return (r) => BigInt.asUintN(64, r);
    case "string":
      return (ptr) => takeBlock(ctx, ptr, decodeUtf8);
    case "bytes":
    case "f64[]":
    case "f32[]":
    case "i32[]":
    case "u32[]":
      return typedArrayResult(type, ctx);
    case "value":
      return valueResult(type, ctx, where);
    case "optional":
      return optionalResult(type, ctx, where);
    case "list":
      return listResult(type, ctx, where);
    case "map":
      return mapResult(type, ctx, where);
    case "view":
      return viewResult(type, ctx, where);
    case "js":
      return (handle) => {
        const value = ctx.values.get(handle);
        ctx.values.decref(handle);
        return value;
      };
    case "object": {
      // Every class's info exists before any converter is made (its JS
      // class may not yet: `get` reads that at the call).
      const inf = ctx.classInfo(type.class);
      const get = type.ownership === "own" ? ctx.owned : ctx.borrowed;
      const none = () => {
        if (type.nullable) return null;
        throw new WeakbindError(`${where()} returned NULL, but its result is not nullable`);
      };
      return (ptr, parent) => ((ptr >>>= 0) === 0 ? none() : get(ptr, inf, parent));
    }
    default:
      throw new WeakbindError(`unsupported result type ${type.kind}`);
  }
}

// A string enum's result: its name. A value with none (C++ can return any
// number of the underlying type) is an error, not a made-up name.
export function enumResult(type, ctx, where) {
  let named = null;
  return (r) => {
    named ??= getOf(ctx.enums, type.enum).named;
    const name = getOf(named, r);
    if (name === undefined) throw new ctx.WeakbindError(`${where()} returned ${r}, which is no ${type.enum} value`);
    return name;
  };
}

// Reads a block `u32 len, bytes` from wasm with `read` (which must copy what
// it keeps), then frees the block.
function takeBlock(ctx, ptr, read) {
  ptr >>>= 0;
  const buffer = bufferOf(ctx.memory);
  // (ctx.memory and ctx.free are plain data properties: see typed.mjs.)
  const len = new View(buffer).getUint32(ptr, true);
  const value = read(new Bytes(buffer, ptr + 4, len));
  ctx.free(ptr);
  return value;
}

// "a" or "an" before a name, by its first letter ("an Int32Array", "a
// Uint8Array").
export const article = (name) => (/^[AEIOaeio]/.test(name) ? `an ${name}` : `a ${name}`);

export function describe(a) {
  if (a === null || a === undefined) return String(a);
  if (typeof a === "object") return article(typedArrayKind(a) ?? constructorName(a));
  if (typeof a === "string") return `string ${JSON.stringify(a.length > 20 ? `${a.slice(0, 20)}…` : a)}`;
  // (String() of a function would call its toString: user code.)
  if (typeof a === "function") return "a function";
  return `${typeof a} ${String(a)}`;
}

// Error messages read no property of the argument: a Proxy's traps or a
// getter would run user code (which may dispose what the call was on).
// (IsArray throws for a revoked Proxy, which is then named as one.)
const constructorName = (a) => {
  try {
    return isArray(a) ? "Array" : "object";
  } catch {
    return "revoked Proxy";
  }
};
// Whether `a` is an Array; false for a revoked Proxy, which is none.
const anArray = (a) => {
  try {
    return isArray(a);
  } catch {
    return false;
  }
};

// What a wrong object argument is, read from the loader's own state only.
export function describeObject(a, state) {
  const inf = state.inf(a);
  if (inf === null) return describe(a);
  return state.gone(a) !== undefined ? `a disposed ${inf.name}` : article(inf.name);
}

// The element count of an array argument `a` (`what` names it in errors):
// an Array whose length, read once (a Proxy's trap may throw), is a count
// of at most `max` elements.
export function arrayCount(a, what, max) {
  if (!anArray(a)) throw new TypeError(`${what} must be an Array, got ${describe(a)}`);
  let n;
  try {
    n = a.length;
  } catch (e) {
    throw new TypeError(`${what}: reading its length threw: ${thrownText(e)}`, { cause: e });
  }
  // (A number, by the captured isSafeInteger: an object whose valueOf
  // answers differently each time, or a replaced Number.isSafeInteger,
  // must not give the copy one count and the block another.)
  if (typeof n !== "number" || !isSafeInteger(n) || n < 0) throw new TypeError(`${what} has a length that is no count: ${describe(n)}`);
  if (n > max) throw new RangeError(`${what} has ${n} elements, more than wasm memory can hold`);
  return n;
}
