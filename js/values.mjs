// Value types (`value:NAME`): a C++ struct WEAKBIND_VALUE described crosses
// as a plain JS object, copied both ways through a heap block laid out by
// the record's field list (the rule is cpp/include/weakbind/values.hpp's:
// fields in order, each aligned to its wire alignment; the block rounded up
// to its largest).
//
// In: the argument's fields are read (each once, as `a[name]`: own or
// inherited, getters and Proxies included) and converted first, in pure JS;
// only then are the block and its strings allocated and written, so user
// code never runs while a block of this argument is held, and every block
// is in `blocks` (freed after the call, or on any error) from the moment it
// exists. Out: a new, unfrozen plain object (a copy: changing it changes
// nothing in wasm); the block and its strings are freed even when a field
// cannot be converted.

import { simpleParam, describe, decodeUtf8, enumResult } from "./types.mjs";
import { isContainer, fieldLayout, fieldCodec, fieldReader, fieldPointers, writeScalar, absent } from "./value-fields.mjs";
import { list, lengthOf, copyBytes, getOf, setOf, bufferOf, Bytes, Int32s, ceil, max } from "./intrinsics.mjs";

const F64 = Float64Array;
const defineProperty = Object.defineProperty;
// A field of a result defined, not assigned: no setter JS put on
// Object.prototype sees it.
// (The descriptor of null prototype: a `get` or `set` JS put on
// Object.prototype would make it an invalid one, read by user code.)
const own = (o, name, value) => defineProperty(o, name, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
// How a flat leaf is stored (planOf's writeFlat, reader's flat case).
const F64_CODE = 0;
const F32_CODE = 1;
const WORD = 2; // u32, bool and enum as their 32 bits
const I32_CODE = 3;
const CODES = Object.freeze({ __proto__: null, f64: F64_CODE, f32: F32_CODE, i32: I32_CODE, u32: WORD, bool: WORD, enum: I32_CODE });

// name -> { name, fields: [{ name, type, offset }], size, align }, computed
// once per value from the parser's specs (which refused recursion), on a
// call: so by index loops and captured Map methods (intrinsics.mjs).
export function layouts(specs) {
  const done = new Map();
  const layout = (name) => {
    let out = getOf(done, name);
    if (out !== undefined) return out;
    out = laidOut(name, getOf(specs, name).fields, layout);
    setOf(done, name, out);
    return out;
  };
  return layout;
}

// Fields [{ name, type }] laid out in order, each at its wire alignment;
// `layout(name)` lays out a nested value. `inner` is a nested value's
// layout (inline, its fields flattened into the plan), null otherwise.
export function laidOut(name, specFields, layout) {
  let at = 0;
  let align = 1;
  const fields = list();
  for (let k = 0; k < specFields.length; k++) {
    const { name: fieldName, type } = specFields[k];
    const { size, align: a, value } = fieldLayout(type, layout);
    at = ceil(at / a) * a;
    fields[k] = { name: fieldName, type, offset: at, inner: value ?? null };
    at += size;
    align = max(align, a);
  }
  return { name, fields, size: ceil(at / align) * align, align };
}

// What a value's staged pieces need (value-fields.mjs): each is a
// Uint8Array copied into its own block, or the size of a block `write`
// fills. `place(pieces, ctx, blocks, what)` allocates one block for each
// (pushed on `blocks` as it exists) and returns their pointers; nothing
// is copied until the last allocation, which may grow memory.
export function place(pieces, ctx, blocks, what) {
  const { alloc, WeakbindError } = ctx;
  const ptrs = list(pieces.length);
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k];
    const size = typeof piece === "number" ? piece : lengthOf(piece);
    const ptr = alloc(max(size, 1)) >>> 0;
    if (!ptr) throw new WeakbindError(`out of memory: ${what} needs ${size} bytes`);
    blocks.push(ptr);
    ptrs[k] = ptr;
  }
  return ptrs;
}
export function copyPieces(buffer, pieces, ptrs) {
  for (let k = 0; k < pieces.length; k++) if (typeof pieces[k] !== "number") copyBytes(buffer, ptrs[k], pieces[k]);
}

// A `value:NAME` parameter in two phases. `read(a, i)`, where user code
// may run (getters, Proxy traps): every field read once and converted, in
// JS; the invoker reads every value argument before it converts any other
// argument, so a getter that disposes an object argument or the receiver
// is caught by their own checks, made after it. `write(staged, i, wire,
// blocks)`, which runs no user code: the block allocated and filled, its
// pointer pushed.
export function valueParam(type, ctx, at) {
  let plan = null;
  const read = (a, i) => {
    plan ??= planOf(ctx.valueLayout(type.value), ctx, at);
    return plan.read(a, i, type.value);
  };
  const write = (converted, i, wire, blocks) => {
    // A view is made only after the last allocation, which may grow memory.
    const { alloc, WeakbindError } = ctx;
    const block = alloc(plan.size) >>> 0;
    if (!block) throw new WeakbindError(`out of memory: ${at(i)} needs ${plan.size} bytes`);
    blocks.push(block);
    const ptrs = place(converted.strings, ctx, blocks, at(i));
    const view = ctx.view();
    copyPieces(view.buffer, converted.strings, ptrs);
    plan.write(view, block, converted.values, ptrs, converted.strings);
    wire.push(block);
  };
  return { read, write };
}

// How one value's fields are read from JS and written into a block.
// `read` returns { values, strings } in field order (nested values
// flattened; an optional or array field one staged value): `values` one
// per leaf field, `strings` the pieces to allocate (see `place`); `write`
// lays them out. `readInto` and `writeAt` do the same into lists a value
// in an optional or an array shares with what holds it (value-fields.mjs).
export function planOf(layout, ctx, at) {
  // Flattened: { key, path, type, offset, check, codec } or { open } …
  // { close }, of null prototype: a property a step lacks reads as
  // undefined, never as a getter JS put on Object.prototype.
  const steps = list();
  const flatten = (l, base, prefix) => {
    for (let k = 0; k < l.fields.length; k++) {
      const f = l.fields[k];
      const path = prefix + f.name;
      if (f.inner) {
        steps.push({ __proto__: null, key: f.name, path, type: f.type, offset: base + f.offset, open: true });
        flatten(f.inner, base + f.offset, `${path}.`);
        steps.push({ __proto__: null, close: true });
        continue;
      }
      const where = (i) => `${at(i)} field '${path}'`;
      const codec = f.type.kind === "string" || isContainer(f.type) ? fieldCodec(f.type, ctx, where) : null;
      const check = codec === null ? simpleParam(f.type, ctx, where) : null;
      steps.push({ __proto__: null, key: f.name, path, type: f.type, offset: base + f.offset, check, codec });
    }
  };
  flatten(layout, 0, "");

  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
  // Writes the converted leaves from values[n] on; returns the next n.
  function readAt(a, i, name, values, n, strings) {
    if (!isObject(a)) throw new TypeError(`${at(i)} must be a ${name} object, got ${describe(a)}`);
    let stack = null; // the objects holding the nested value being read
    let object = a;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      if (step.close) {
        object = stack[stack.length - 1];
        stack.length -= 1;
        continue;
      }
      let v;
      try {
        v = object[step.key];
      } catch (e) {
        throw new TypeError(`${at(i)}: reading field '${step.path}' threw: ${e?.message ?? e}`, { cause: e });
      }
      // (An optional field that is undefined is absent.)
      if (v === undefined && step.codec?.optional !== true) throw new TypeError(`${at(i)} is missing field '${step.path}' of ${name}`);
      if (step.open) {
        if (!isObject(v)) throw new TypeError(`${at(i)} field '${step.path}' must be a ${step.type.value} object, got ${describe(v)}`);
        (stack ??= list()).push(object);
        object = v;
        continue;
      }
      values[n++] = step.codec !== null ? step.codec.stage(v, i, strings) : step.check(v, i);
    }
    return n;
  }
  const readInto = (a, i, name, values, strings) => void readAt(a, i, name, values, values.length, strings);
  function read(a, i, name) {
    const values = list();
    const strings = list();
    readInto(a, i, name, values, strings);
    return { values, strings };
  }

  const leaves = list();
  steps.forEach((s) => {
    if (s.check !== undefined) leaves.push(s);
  });
  // `cur.s`: the next of `ptrs`/`pieces`, in the order `read` pushed them.
  function writeAt(view, block, values, ptrs, pieces, cur) {
    for (let k = 0; k < leaves.length; k++) {
      const step = leaves[k];
      const p = block + step.offset;
      if (step.codec !== null) step.codec.write(view, p, values[k], ptrs, pieces, cur);
      else writeScalar(view, p, step.type.kind, values[k]);
    }
  }
  const write = (view, block, values, ptrs, pieces) => writeAt(view, block, values, ptrs, pieces, { s: 0 });

  // A flat value: every leaf a number, a boolean or an enum (nested values
  // flattened), each converted to a number a Float64Array holds exactly.
  // It needs no block of its own and no list: `readFlat` stages the
  // leaves in a Float64Array (index writes no prototype intercepts),
  // `writeFlat` lays them out in a block of `size` the caller placed.
  let flat = true;
  for (let k = 0; k < leaves.length; k++) {
    const kind = leaves[k].type.kind;
    if (leaves[k].codec !== null || kind === "i64" || kind === "u64") flat = false;
  }
  const count = leaves.length;
  // Without nested values the leaves are the steps, read by `leaf`: a
  // number field checked in place, the same errors as readAt's.
  const nested = steps.length !== count;
  const keys = list(count);
  const checks = list(count);
  const numbers = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    keys[k] = leaves[k].key;
    checks[k] = leaves[k].check;
    const kind = leaves[k].type.kind;
    numbers[k] = kind === "f64" || kind === "f32" ? 1 : 0;
  }
  // Leaf k of `a`, read and converted.
  const leaf = (a, k, i, name) => {
    let v;
    try {
      v = a[keys[k]];
    } catch (e) {
      throw new TypeError(`${at(i)}: reading field '${keys[k]}' threw: ${e?.message ?? e}`, { cause: e });
    }
    if (numbers[k] === 1 && typeof v === "number") return v;
    if (v === undefined) throw new TypeError(`${at(i)} is missing field '${keys[k]}' of ${name}`);
    return checks[k](v, i);
  };
  const object = (a, i, name) => {
    if (!isObject(a)) throw new TypeError(`${at(i)} must be a ${name} object, got ${describe(a)}`);
  };
  // Up to four leaves are read into locals and staged as an array literal,
  // which defines its elements (no prototype setter sees them) and costs
  // less than a typed array.
  let readFlat;
  if (nested) {
    readFlat = (a, i, name) => {
      const out = new F64(count);
      readAt(a, i, name, out, 0, null);
      return out;
    };
  } else if (count === 1) {
    readFlat = (a, i, name) => (object(a, i, name), [leaf(a, 0, i, name)]);
  } else if (count === 2) {
    readFlat = (a, i, name) => {
      object(a, i, name);
      const x = leaf(a, 0, i, name);
      return [x, leaf(a, 1, i, name)];
    };
  } else if (count === 3) {
    readFlat = (a, i, name) => {
      object(a, i, name);
      const x = leaf(a, 0, i, name);
      const y = leaf(a, 1, i, name);
      return [x, y, leaf(a, 2, i, name)];
    };
  } else if (count === 4) {
    readFlat = (a, i, name) => {
      object(a, i, name);
      const x = leaf(a, 0, i, name);
      const y = leaf(a, 1, i, name);
      const z = leaf(a, 2, i, name);
      return [x, y, z, leaf(a, 3, i, name)];
    };
  } else {
    readFlat = (a, i, name) => {
      object(a, i, name);
      const out = new F64(count);
      for (let k = 0; k < count; k++) out[k] = leaf(a, k, i, name);
      return out;
    };
  }
  // Each leaf's offset is a multiple of its size (the layout aligns it),
  // and the block is 8-aligned (checked), so every index is exact.
  const offsets = new Int32s(count);
  const codes = new Bytes(count);
  for (let k = 0; k < count; k++) {
    offsets[k] = leaves[k].offset;
    codes[k] = CODES[leaves[k].type.kind] ?? WORD;
  }
  const writeFlat = (view, block, staged) => {
    if ((block & 7) !== 0) throw new RangeError(`weakbind: a value block at ${block} is not 8-aligned`);
    const f64 = view.f64s();
    const f32 = view.f32s();
    const u32 = view.u32s();
    for (let k = 0; k < count; k++) {
      const p = block + offsets[k];
      const code = codes[k];
      if (code === F64_CODE) f64[p >>> 3] = staged[k];
      else if (code === F32_CODE) f32[p >>> 2] = staged[k];
      else u32[p >>> 2] = staged[k] >>> 0; // i32 u32 bool enum: an integer of 32 bits
    }
  };
  return { read, write, readInto, writeAt, size: layout.size, flat, readFlat, writeFlat };
}

// A `value:NAME` parameter of a flat value (planOf) for fixed-calls.mjs,
// or null: `read(a, i)` stages it (user code may run), `write(staged, i)`
// writes it into the arena, where it stays until the call returns, and
// gives its pointer. The layout is known when this is made.
export function flatValueParam(type, ctx, at) {
  const plan = planOf(ctx.valueLayout(type.value), ctx, at);
  if (!plan.flat) return null;
  const { arena, WeakbindError } = ctx;
  const name = type.value;
  return {
    read: (a, i) => plan.readFlat(a, i, name),
    write(staged, i) {
      const block = arena.reserve(plan.size);
      if (block === null) throw new WeakbindError(`out of memory: ${at(i)} needs ${plan.size} bytes`);
      // After the placement, which may grow memory.
      plan.writeFlat(ctx.view(), block, staged);
      return block;
    },
  };
}

// A `value:NAME` result: the block's pointer -> a new object.
export function valueResult(type, ctx, where) {
  return blockResult(() => ctx.valueLayout(type.value), ctx, (name) => `${where()} field '${name}'`);
}

// A block laid out by `layout()` (made on the first call: the values are
// defined after the converters) -> a new object of its fields; `named(f)`
// names field f in errors. Frees the block and its strings.
export function blockResult(layout, ctx, named) {
  let read = null;
  let held = null; // lists the blocks a block holds, nested ones included
  let holds = 0; // how many fields hold blocks
  return (ptr) => {
    ptr >>>= 0;
    if (read === null) {
      const l = layout();
      read = reader(l, ctx, named);
      held = pointers(l, ctx.valueLayout);
      holds = held.count;
    }
    const view = ctx.view();
    if (holds === 0) {
      try {
        return read(view, ptr);
      } finally {
        ctx.free(ptr);
      }
    }
    // Every block is listed before any field is read, so all are freed
    // whatever a field's conversion does.
    const owned = list();
    held(view, ptr, owned);
    owned.push(ptr);
    try {
      return read(view, ptr);
    } finally {
      for (let k = 0; k < owned.length; k++) ctx.free(owned[k]);
    }
  };
}

// (view, block, owned) pushing every block a value's block holds (its
// strings, its arrays' element blocks and what they hold), nested values'
// included.
export function pointers(layout, layoutOf) {
  const each = list();
  const walk = (l, base) => {
    for (let k = 0; k < l.fields.length; k++) {
      const f = l.fields[k];
      if (f.inner) {
        walk(f.inner, base + f.offset);
        continue;
      }
      const held = fieldPointers(f.type, layoutOf);
      if (held !== null) each.push({ at: base + f.offset, held });
    }
  };
  walk(layout, 0);
  const held = (view, block, owned) => {
    for (let k = 0; k < each.length; k++) each[k].held(view, block + each[k].at, owned);
  };
  // (Defined, not assigned: no setter on Function.prototype's chain runs.)
  Object.defineProperty(held, "count", { __proto__: null, value: each.length });
  return held;
}

// (view, block) -> a new object of the block's fields.
export function reader(layout, ctx, where) {
  const made = list();
  for (let k = 0; k < layout.fields.length; k++) {
    const f = layout.fields[k];
    const { kind } = f.type;
    const named = kind === "enum" && f.type.strings ? enumResult(f.type, ctx, () => where(f.name)) : null;
    // A scalar a container holds, of its own type.
    const scalar = (t) => {
      const one = { kind: t.kind, named: t.kind === "enum" && t.strings ? enumResult(t, ctx, () => where(f.name)) : null };
      return (view, p) => field(view, p, one, ctx);
    };
    // (Of null prototype, as planOf's steps.)
    if (f.inner) made[k] = { __proto__: null, name: f.name, offset: f.offset, inner: reader(f.inner, ctx, where) };
    else if (isContainer(f.type)) made[k] = { __proto__: null, name: f.name, offset: f.offset, container: fieldReader(f.type, ctx, where, scalar, () => where(f.name)) };
    else made[k] = { __proto__: null, name: f.name, offset: f.offset, kind, named };
  }
  const flat = flatReader(made);
  if (flat !== null) return flat;
  const read = (view, block) => {
    const out = {};
    for (let k = 0; k < made.length; k++) {
      const f = made[k];
      const p = block + f.offset;
      if (f.inner) {
        own(out, f.name, f.inner(view, p));
        continue;
      }
      if (f.container) {
        // An absent optional field is left out.
        const v = f.container(view, p);
        if (!absent(v)) own(out, f.name, v);
        continue;
      }
      own(out, f.name, field(view, p, f, ctx));
    }
    return out;
  };
  return read;
}

// The reader of a value whose fields are all numbers, booleans or numeric
// enums (no nested value, no container), or null: each field one typed
// array index at an offset a multiple of its size (the layout aligns it),
// in a block the heap 8-aligned (checked).
function flatReader(made) {
  const n = made.length;
  const names = list(n);
  const offsets = new Int32s(n);
  const codes = new Bytes(n);
  const bools = new Bytes(n);
  for (let k = 0; k < n; k++) {
    const f = made[k];
    const code = f.inner || f.container || f.named ? undefined : CODES[f.kind];
    if (code === undefined) return null;
    names[k] = f.name;
    offsets[k] = f.offset;
    codes[k] = code;
    bools[k] = f.kind === "bool" ? 1 : 0;
  }
  // Every result starts as a copy of one object of these fields, so each
  // store writes a field that exists; the template's fields are defined
  // and a spread defines the copy's, so no setter JS put on
  // Object.prototype runs.
  const template = {};
  for (let k = 0; k < n; k++) own(template, names[k], 0);
  return (view, block) => {
    if ((block & 7) !== 0) throw new RangeError(`weakbind: a value block at ${block} is not 8-aligned`);
    const f64 = view.f64s();
    const f32 = view.f32s();
    const i32 = view.i32s();
    const u32 = view.u32s();
    const out = { ...template };
    for (let k = 0; k < n; k++) {
      const p = block + offsets[k];
      const code = codes[k];
      if (code === F64_CODE) out[names[k]] = f64[p >>> 3];
      else if (code === F32_CODE) out[names[k]] = f32[p >>> 2];
      else if (code === I32_CODE) out[names[k]] = i32[p >>> 2];
      else if (bools[k] === 1) out[names[k]] = i32[p >>> 2] !== 0;
      else out[names[k]] = u32[p >>> 2];
    }
    return out;
  };
}

function field(view, p, f, ctx) {
  switch (f.kind) {
    case "f64":
      return view.getFloat64(p, true);
    case "f32":
      return view.getFloat32(p, true);
    case "i32":
      return view.getInt32(p, true);
    case "u32":
      return view.getUint32(p, true);
    case "bool":
      return view.getInt32(p, true) !== 0;
    case "i64":
      return view.getBigInt64(p, true);
    case "u64":
      return view.getBigUint64(p, true);
    case "enum": {
      const v = view.getInt32(p, true);
      return f.named ? f.named(v) : v;
    }
    case "string": {
      const ptr = view.getUint32(p, true);
      const len = view.getUint32(p + 4, true);
      return decodeUtf8(new Bytes(view.buffer, ptr, len));
    }
    default:
      throw new ctx.WeakbindError(`unsupported field type ${f.kind}`);
  }
}
