// Flat values: a value type whose every field, nested values' included,
// is a 32-bit or f64 number, a boolean or an enum (values.mjs). Such a
// value needs no list and no heap block of its own: as an argument of a
// fixed call (fixed-calls.mjs) its fields are read into locals (up to
// four) or a Float64Array and written into the call's arena at
// precomputed offsets; as a result it is read into a copy of a template
// object of its fields through the cached View (intrinsics.mjs viewOf).

import { describe } from "./types.mjs";
import { list, own, Bytes, Int32s, thrownText } from "./intrinsics.mjs";
import { planOf } from "./values.mjs";

const F64 = Float64Array;
// How a flat leaf is stored (planOf's writeFlat, reader's flat case).
const F64_CODE = 0;
const F32_CODE = 1;
const WORD = 2; // u32, bool and enum as their 32 bits
const I32_CODE = 3;
const CODES = Object.freeze({ __proto__: null, f64: F64_CODE, f32: F32_CODE, i32: I32_CODE, u32: WORD, bool: WORD, enum: I32_CODE });

// The flat half of a value's plan (values.mjs planOf): its `steps` and
// `leaves`, `readAt` (the general reader, for nested values) and `at(i)`
// naming the argument. `flat` says whether the value is one.
export function flatPlan(steps, leaves, readAt, at) {
  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
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
  const numbers = new Bytes(count);
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
      throw new TypeError(`${at(i)}: reading field '${keys[k]}' threw: ${thrownText(e)}`, { cause: e });
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
  return { flat, readFlat, writeFlat };
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

// The reader of a value whose fields are all numbers, booleans or numeric
// enums (no nested value, no container), or null: each field one typed
// array index at an offset a multiple of its size (the layout aligns it),
// in a block the heap 8-aligned (checked).
export function flatReader(made) {
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

