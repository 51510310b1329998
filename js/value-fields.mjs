// A value's fields that hold more than one wire slot's worth: optionals
// (`opt:T`), arrays (`f64[] f32[] i32[] u32[]`, `bytes`, `string[]`, `value:V[]`)
// and maps (`map:K:V`, maps.mjs), and the fields they hold in turn. The
// layout is values.hpp's: an optional is an i32 flag (1: present) then T at
// the next offset aligned for it, the whole rounded up to its alignment; an
// array is u32 pointer, u32 count of a separate heap block of its elements,
// each laid out as a field of that type; a map is the same, of a block of
// its entries, each laid out as a value of fields `key`, `value`.
//
// In (values.mjs's two phases): `stage(v, i, pieces)` runs where user code
// may (getters, Proxy traps, an Array's length and elements, each read
// once) and copies what it keeps (a string's bytes, a typed array's
// elements), pushing what must be allocated onto `pieces` in the order
// `write` takes them: a Uint8Array to copy, or a number, the size of an
// array's element block that `write` fills. `write(view, p, staged, ptrs,
// pieces, cur)` runs no user code: `ptrs[k]` is where piece k was
// allocated, `cur.s` the next piece. Out: `read(view, p)` makes the JS
// value; `pointers(view, p, owned)` lists every block the field holds, so
// the caller frees all of them whatever a conversion does.

import { simpleParam, describe, decodeUtf8, arrayCount } from "./types.mjs";
import { planOf, reader, pointers } from "./values.mjs";
import { mapCodec, mapField } from "./maps.mjs";
import { list, encode, lengthOf, copyInto, toArray, ceil, max, thrownText } from "./intrinsics.mjs";

const NONE = Symbol("absent");
// Each scalar word's wire size and alignment (values.hpp's codecs).
const WIRE = { i32: 4, u32: 4, f32: 4, bool: 4, enum: 4, f64: 8, i64: 8, u64: 8 };
// Numeric arrays and `bytes`: the typed array each is, as they were.
const Bytes = Uint8Array;
const ARRAYS = { "f64[]": Float64Array, "f32[]": Float32Array, "i32[]": Int32Array, "u32[]": Uint32Array, bytes: Bytes };
const Buffer = ArrayBuffer;
// No more elements than a 4 GiB memory could hold at 8 bytes each: a
// Proxy may claim any length, and the elements are read before the copy.
const MAX = 2 ** 29;

// %TypedArray%.prototype's own getters, called directly: a subclass or a
// Proxy cannot lie about its kind or its length.
const typedProto = Object.getPrototypeOf(Bytes.prototype);
const getter = (name) => Object.getOwnPropertyDescriptor(typedProto, name).get;
const kindGetter = getter(Symbol.toStringTag);
const lengthGetter = getter("length");
const bufferGetter = getter("buffer");
const offsetGetter = getter("byteOffset");
const call = Reflect.apply;

// Whether a field of this type is one of this module's.
export const isContainer = (type) => type.kind === "optional" || type.kind === "list" || type.kind === "map" || ARRAYS[type.kind] !== undefined;

// { size, align, at (an optional's T), inner (an optional's T, an array's
// element: their own layout), value (a value's layout) } of a field type,
// of null prototype: what it lacks reads as undefined, whatever
// Object.prototype holds.
export function fieldLayout(type, layoutOf) {
  if (type.kind === "value") {
    const value = layoutOf(type.value);
    return { __proto__: null, size: value.size, align: value.align, value };
  }
  if (type.kind === "optional") {
    const inner = fieldLayout(type.inner, layoutOf);
    const align = max(4, inner.align);
    const at = ceil(4 / inner.align) * inner.align;
    return { __proto__: null, size: ceil((at + inner.size) / align) * align, align, at, inner };
  }
  if (type.kind === "list") return { __proto__: null, size: 8, align: 4, inner: fieldLayout(type.inner, layoutOf) };
  if (type.kind === "string" || type.kind === "map" || ARRAYS[type.kind] !== undefined) return { __proto__: null, size: 8, align: 4 };
  return { __proto__: null, size: WIRE[type.kind], align: WIRE[type.kind] };
}

// A refusal of T, with "or undefined" where it names what it takes (a
// field's or element's own refusal is left as it is).
function orUndefined(e, place) {
  const prefix = `${place} must be `;
  if (!(e instanceof TypeError) || !e.message.startsWith(prefix)) return e;
  const got = e.message.indexOf(", got ");
  return new TypeError(`${e.message.slice(0, got)} or undefined${e.message.slice(got)}`, { cause: e.cause });
}

export function writeScalar(view, p, kind, v) {
  switch (kind) {
    case "f64":
      return view.setFloat64(p, v, true);
    case "f32":
      return view.setFloat32(p, v, true);
    case "i64":
    case "u64":
      return view.setBigInt64(p, v, true);
    default: // i32 u32 bool enum: an integer that fits 32 bits
      return view.setUint32(p, v >>> 0, true);
  }
}

// `{ stage, write, optional }` for a field (or element) of `type`;
// `where(i)` names it in errors.
export function fieldCodec(type, ctx, where) {
  const layoutOf = ctx.valueLayout;
  const { kind } = type;
  if (kind === "optional") {
    const inner = fieldCodec(type.inner, ctx, where);
    let at = -1;
    return {
      optional: true,
      stage(v, i, pieces) {
        if (v === undefined) return NONE;
        try {
          return inner.stage(v, i, pieces);
        } catch (e) {
          throw orUndefined(e, where(i));
        }
      },
      write(view, p, v, ptrs, pieces, cur) {
        if (at < 0) at = fieldLayout(type, layoutOf).at;
        view.setUint32(p, v === NONE ? 0 : 1, true);
        if (v !== NONE) inner.write(view, p + at, v, ptrs, pieces, cur);
      },
    };
  }
  if (kind === "string") {
    return {
      stage(v, i, pieces) {
        if (typeof v !== "string") throw new TypeError(`${where(i)} must be a string, got ${describe(v)}`);
        pieces.push(encode(v));
        return null;
      },
      write(view, p, v, ptrs, pieces, cur) {
        view.setUint32(p, ptrs[cur.s], true);
        view.setUint32(p + 4, lengthOf(pieces[cur.s]), true);
        cur.s += 1;
      },
    };
  }
  if (kind === "value") {
    let plan = null; // made on the first call: values are defined after the converters
    return {
      stage(v, i, pieces) {
        plan ??= planOf(layoutOf(type.value), ctx, where);
        const values = list();
        plan.readInto(v, i, type.value, values, pieces);
        return values;
      },
      write: (view, p, values, ptrs, pieces, cur) => plan.writeAt(view, p, values, ptrs, pieces, cur),
    };
  }
  const Type = ARRAYS[kind];
  if (Type !== undefined) {
    const size = Type.BYTES_PER_ELEMENT;
    return {
      stage(v, i, pieces) {
        if (call(kindGetter, v, []) !== Type.name) throw new TypeError(`${where(i)} must be a ${Type.name}, got ${describe(v)}`);
        // Copied now: later user code (another field's getter) may change
        // it. A detached array has length 0 and is copied as empty.
        const n = call(lengthGetter, v, []);
        // (By bytes: its length is its own slot's, no Proxy's claim.)
        if (n * size > 2 ** 32 - 1) throw new RangeError(`${where(i)} has ${n} elements, more than wasm memory can hold`);
        const bytes = new Bytes(n * size);
        if (n > 0) copyInto(bytes, new Bytes(call(bufferGetter, v, []), call(offsetGetter, v, []), n * size));
        pieces.push(bytes);
        return n;
      },
      write(view, p, n, ptrs, pieces, cur) {
        view.setUint32(p, ptrs[cur.s], true);
        view.setUint32(p + 4, n, true);
        cur.s += 1;
      },
    };
  }
  if (kind === "map") return mapCodec(type, ctx, where);
  if (kind === "list") {
    const element = fieldCodec(type.inner, ctx, (pos) => `${where(pos.i)} element ${pos.k}`);
    let stride = -1;
    return {
      stage(a, i, pieces) {
        const n = arrayCount(a, where(i), MAX);
        if (stride < 0) stride = fieldLayout(type.inner, layoutOf).size;
        // The element block before what its elements hold: `write` takes
        // the pieces in this order.
        pieces.push(n * stride);
        const out = list(n);
        for (let k = 0; k < n; k++) {
          let v;
          try {
            v = a[k];
          } catch (e) {
            throw new TypeError(`${where(i)}: reading element ${k} threw: ${thrownText(e)}`, { cause: e });
          }
          out[k] = element.stage(v, { i, k }, pieces);
        }
        return out;
      },
      write(view, p, staged, ptrs, pieces, cur) {
        const block = ptrs[cur.s];
        cur.s += 1;
        view.setUint32(p, block, true);
        view.setUint32(p + 4, staged.length, true);
        for (let k = 0; k < staged.length; k++) element.write(view, block + k * stride, staged[k], ptrs, pieces, cur);
      },
    };
  }
  const check = simpleParam(type, ctx, where);
  return {
    stage: (v, i) => check(v, i),
    write: (view, p, v) => writeScalar(view, p, kind, v),
  };
}

// (view, p) -> the JS value of a field of `type` at p; `scalar(t)` reads
// a number, boolean or enum field of type t as values.mjs does; `named()`
// names the field in errors. An absent optional is NONE, which the value's
// reader leaves out.
export function fieldReader(type, ctx, where, scalar, named) {
  const layoutOf = ctx.valueLayout;
  const { kind } = type;
  if (kind === "map") return mapField(type, ctx, named).read;
  if (kind === "optional") {
    const inner = fieldReader(type.inner, ctx, where, scalar, named);
    const { at } = fieldLayout(type, layoutOf);
    return (view, p) => (view.getInt32(p, true) === 0 ? NONE : inner(view, p + at));
  }
  if (kind === "value") {
    let made = null;
    return (view, p) => (made ??= reader(layoutOf(type.value), ctx, where))(view, p);
  }
  const Type = ARRAYS[kind];
  if (Type !== undefined) {
    const size = Type.BYTES_PER_ELEMENT;
    return (view, p) => {
      const ptr = view.getUint32(p, true);
      const n = view.getUint32(p + 4, true);
      const out = new Buffer(n * size);
      if (n > 0) copyInto(new Bytes(out), new Bytes(view.buffer, ptr, n * size));
      return new Type(out);
    };
  }
  if (kind === "list") {
    const element = fieldReader(type.inner, ctx, where, scalar, named);
    const stride = fieldLayout(type.inner, layoutOf).size;
    return (view, p) => {
      const ptr = view.getUint32(p, true);
      const n = view.getUint32(p + 4, true);
      const out = list(n);
      for (let k = 0; k < n; k++) out[k] = element(view, ptr + k * stride);
      return toArray(out);
    };
  }
  if (kind === "string") return (view, p) => decodeUtf8(new Bytes(view.buffer, view.getUint32(p, true), view.getUint32(p + 4, true)));
  return scalar(type);
}
export const absent = (v) => v === NONE;

// (view, p, owned) pushing every block a field of `type` at p holds, or
// null when it holds none.
export function fieldPointers(type, layoutOf) {
  const { kind } = type;
  if (kind === "string" || ARRAYS[kind] !== undefined) return (view, p, owned) => void owned.push(view.getUint32(p, true));
  if (kind === "map") return mapField(type, { valueLayout: layoutOf }, null).held;
  if (kind === "value") {
    let inner = null;
    return (view, p, owned) => (inner ??= pointers(layoutOf(type.value), layoutOf))(view, p, owned);
  }
  if (kind === "optional") {
    const inner = fieldPointers(type.inner, layoutOf);
    if (inner === null) return null;
    const { at } = fieldLayout(type, layoutOf);
    return (view, p, owned) => {
      if (view.getInt32(p, true) !== 0) inner(view, p + at, owned);
    };
  }
  if (kind === "list") {
    const element = fieldPointers(type.inner, layoutOf);
    const stride = fieldLayout(type.inner, layoutOf).size;
    return (view, p, owned) => {
      const ptr = view.getUint32(p, true);
      owned.push(ptr);
      if (element === null) return;
      const n = view.getUint32(p + 4, true);
      for (let k = 0; k < n; k++) element(view, ptr + k * stride, owned);
    };
  }
  return null;
}
