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
import { list, lengthOf, copyBytes, getOf, setOf, bufferOf, Bytes, own, ceil, max, thrownText } from "./intrinsics.mjs";
import { flatPlan, flatReader } from "./flat-values.mjs";

export { flatValueParam } from "./flat-values.mjs";

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
        throw new TypeError(`${at(i)}: reading field '${step.path}' threw: ${thrownText(e)}`, { cause: e });
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

  const { flat, readFlat, writeFlat } = flatPlan(steps, leaves, readAt, at);
  return { read, write, readInto, writeAt, size: layout.size, flat, readFlat, writeFlat };
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

// (view, p) -> the JS value of a field of `type` at p, wherever its own
// alignment puts it (an Array's element: nested-lists.mjs).
export function fieldValue(type, ctx, where) {
  const scalar = (t) => {
    const one = { kind: t.kind, named: t.kind === "enum" && t.strings ? enumResult(t, ctx, where) : null };
    return (view, p) => field(view, p, one, ctx);
  };
  return isContainer(type) || type.kind === "value" ? fieldReader(type, ctx, where, scalar, where) : scalar(type);
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
