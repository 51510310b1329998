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
import { list, encode, lengthOf, copyBytes, getOf, setOf, bufferOf, View } from "./intrinsics.mjs";

// Each field word's wire size and alignment (values.hpp's codecs).
const WIRE = { i32: 4, u32: 4, f32: 4, bool: 4, enum: 4, f64: 8, i64: 8, u64: 8 };

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
// `layout(name)` lays out a nested value.
export function laidOut(name, specFields, layout) {
  let at = 0;
  let align = 1;
  const fields = list();
  for (let k = 0; k < specFields.length; k++) {
    const { name: fieldName, type } = specFields[k];
    const inner = type.kind === "value" ? layout(type.value) : null;
    const size = inner ? inner.size : type.kind === "string" ? 8 : WIRE[type.kind];
    const a = inner ? inner.align : type.kind === "string" ? 4 : WIRE[type.kind];
    at = Math.ceil(at / a) * a;
    fields[k] = { name: fieldName, type, offset: at, inner };
    at += size;
    align = Math.max(align, a);
  }
  return { name, fields, size: Math.ceil(at / align) * align, align };
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
    const strings = list();
    converted.strings.forEach((bytes) => {
      const len = lengthOf(bytes);
      const ptr = alloc(Math.max(len, 1)) >>> 0;
      if (!ptr) throw new WeakbindError(`out of memory: ${at(i)} needs ${len} bytes`);
      blocks.push(ptr);
      strings.push(ptr);
    });
    const buffer = bufferOf(ctx.memory);
    converted.strings.forEach((bytes, k) => copyBytes(buffer, strings[k], bytes));
    plan.write(new View(buffer), block, converted.values, strings, converted.strings);
    wire.push(block);
  };
  return { read, write };
}

// How one value's fields are read from JS and written into a block.
// `read` returns { values, strings } in field order (nested values
// flattened), `write` lays them out.
export function planOf(layout, ctx, at) {
  const steps = list(); // flattened: { key, path, type, offset, check } or { open } … { close }
  const flatten = (l, base, prefix) => {
    for (let k = 0; k < l.fields.length; k++) {
      const f = l.fields[k];
      const path = prefix + f.name;
      if (f.inner) {
        steps.push({ key: f.name, path, type: f.type, offset: base + f.offset, open: true });
        flatten(f.inner, base + f.offset, `${path}.`);
        steps.push({ close: true });
        continue;
      }
      const where = (i) => `${at(i)} field '${path}'`;
      const check = f.type.kind === "string" ? null : simpleParam(f.type, ctx, where);
      steps.push({ key: f.name, path, type: f.type, offset: base + f.offset, check });
    }
  };
  flatten(layout, 0, "");

  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
  function read(a, i, name) {
    if (!isObject(a)) throw new TypeError(`${at(i)} must be a ${name} object, got ${describe(a)}`);
    const values = list();
    const strings = list();
    const stack = list();
    let object = a;
    for (let n = 0; n < steps.length; n++) {
      const step = steps[n];
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
      if (v === undefined) throw new TypeError(`${at(i)} is missing field '${step.path}' of ${name}`);
      if (step.open) {
        if (!isObject(v)) throw new TypeError(`${at(i)} field '${step.path}' must be a ${step.type.value} object, got ${describe(v)}`);
        stack.push(object);
        object = v;
        continue;
      }
      if (step.check === null) {
        if (typeof v !== "string") throw new TypeError(`${at(i)} field '${step.path}' must be a string, got ${describe(v)}`);
        strings.push(encode(v));
        values.push(null);
      } else {
        values.push(step.check(v, i));
      }
    }
    return { values, strings };
  }

  const leaves = list();
  steps.forEach((s) => {
    if (s.check !== undefined) leaves.push(s);
  });
  function write(view, block, values, strings, bytes) {
    let s = 0;
    leaves.forEach((step, k) => {
      const p = block + step.offset;
      const v = values[k];
      switch (step.type.kind) {
        case "f64":
          return view.setFloat64(p, v, true);
        case "f32":
          return view.setFloat32(p, v, true);
        case "i64":
        case "u64":
          return view.setBigInt64(p, v, true);
        case "string":
          view.setUint32(p, strings[s], true);
          view.setUint32(p + 4, lengthOf(bytes[s++]), true);
          return;
        default: // i32 u32 bool enum: an integer that fits 32 bits
          return view.setUint32(p, v >>> 0, true);
      }
    });
  }
  return { read, write, size: layout.size };
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
  let strings = null; // offsets of the string fields' pointers, nested ones included
  return (ptr) => {
    ptr >>>= 0;
    if (read === null) {
      const l = layout();
      read = reader(l, ctx, named);
      strings = stringOffsets(l, 0, list());
    }
    // Every block is listed before any field is read, so all are freed
    // whatever a field's conversion does.
    const view = new View(bufferOf(ctx.memory));
    const owned = strings.map((at) => view.getUint32(ptr + at, true));
    owned.push(ptr);
    try {
      return read(view, ptr);
    } finally {
      for (let k = 0; k < owned.length; k++) ctx.free(owned[k]);
    }
  };
}

export const stringOffsets = (layout, base, out) => {
  for (let k = 0; k < layout.fields.length; k++) {
    const f = layout.fields[k];
    if (f.inner) stringOffsets(f.inner, base + f.offset, out);
    else if (f.type.kind === "string") out.push(base + f.offset);
  }
  return out;
};

// (view, block) -> a new object of the block's fields.
export function reader(layout, ctx, where) {
  const made = list();
  for (let k = 0; k < layout.fields.length; k++) {
    const f = layout.fields[k];
    const { kind } = f.type;
    const named = kind === "enum" && f.type.strings ? enumResult(f.type, ctx, () => where(f.name)) : null;
    made[k] = f.inner ? { name: f.name, offset: f.offset, inner: reader(f.inner, ctx, where) } : { name: f.name, offset: f.offset, kind, named };
  }
  const read = (view, block) => {
    const out = {};
    for (let k = 0; k < made.length; k++) {
      const f = made[k];
      const p = block + f.offset;
      if (f.inner) {
        out[f.name] = f.inner(view, p);
        continue;
      }
      out[f.name] = field(view, p, f, ctx);
    }
    return out;
  };
  return read;
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
      return decodeUtf8(new Uint8Array(view.buffer, ptr, len));
    }
    default:
      throw new ctx.WeakbindError(`unsupported field type ${f.kind}`);
  }
}
