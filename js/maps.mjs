// Maps (`map:K:V`): std::map or std::unordered_map as a JS Map, copied
// both ways. The wire is maps.hpp's: an entry is laid out as a value of
// two fields, `key` then `value`; in, (pointer, count) of a heap block of
// entries; out, a block `u32 count`, padding, the entries from offset 8,
// read into a new Map in C++'s order and freed with its strings.
//
// In: the argument must be a real Map (its [[MapData]] slot, read through
// Map.prototype's own `size` getter and `entries`, captured when this
// module loads: a Proxy, a subclass's overrides or a patched prototype
// change nothing read). Every entry is copied out first, which runs no
// user code, so a value's getter that adds or deletes entries changes
// nothing either; then each key and value is converted, all before any
// block is allocated (map arguments are staged as values are:
// typed-calls.mjs). Distinct JS keys stay distinct C++ keys: numbers are
// one key per value in a Map (0 and -0 are one), NaN is refused for f64
// keys (C++'s ordering and hashing cannot hold it), and a string key must
// be well-formed Unicode (two keys differing only in lone surrogates
// would be one UTF-8 string).

import { simpleParam, describe } from "./types.mjs";
import { planOf, reader, pointers, laidOut, place, copyPieces } from "./values.mjs";
import { apply, list, one, encode, bufferOf, View } from "./intrinsics.mjs";

const sizeGetter = Object.getOwnPropertyDescriptor(Map.prototype, "size").get;
const entries = Map.prototype.entries;
const next = Object.getPrototypeOf(new Map().entries()).next;
const set = Map.prototype.set;
// A lone surrogate (String.prototype.isWellFormed's test, which not every
// engine the loader runs on has).
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const exec = RegExp.prototype.exec;
const stringify = JSON.stringify;
const MapClass = Map;
const DATA = 8; // where a result block's entries start
// No more entries than a 4 GiB memory could hold at 8 bytes each.
const MAX = 2 ** 29;
// An entry's layout: a value's of fields key, value (values.mjs).
function entryLayout(type, ctx) {
  const fields = list();
  fields.push({ name: "key", type: type.key }, { name: "value", type: type.value });
  return laidOut("entry", fields, ctx.valueLayout);
}

const showKey = (k) => (typeof k === "string" ? stringify(k) : String(k));

// `{ read(a, i), write(staged, i, wire, blocks) }`, staged as values are.
export function mapParam(type, ctx, at) {
  const { key, value } = type;
  const atKey = (i) => `${at(i)} key`;
  const atValue = (pos) => `${at(pos.i)} key ${showKey(pos.k)}`;
  const keyCheck = key.kind === "string" ? null : simpleParam(key, ctx, atKey);
  const valueCheck = value.kind === "string" || value.kind === "value" ? null : simpleParam(value, ctx, atValue);
  let layout = null; // made on the first call: values are defined after the converters
  let entry = null; // the entry's plan, for writing
  let plan = null; // a value's plan, for reading

  const convertKey = (k, i) => {
    if (keyCheck !== null) {
      const v = keyCheck(k, i);
      if (v !== v) throw new TypeError(`${atKey(i)} must be a number other than NaN, got number NaN`);
      return { values: one(v), strings: list() };
    }
    if (typeof k !== "string") throw new TypeError(`${atKey(i)} must be a string, got ${describe(k)}`);
    if (apply(exec, LONE, [k]) !== null) throw new TypeError(`${atKey(i)} ${stringify(k)} is not well-formed Unicode (a lone surrogate), which UTF-8 cannot carry`);
    return { values: one(null), strings: one(encode(k)) };
  };
  const convertValue = (v, pos) => {
    if (value.kind === "value") return plan.read(v, pos, value.value);
    if (value.kind !== "string") return { values: one(valueCheck(v, pos)), strings: list() };
    if (typeof v !== "string") throw new TypeError(`${atValue(pos)} must be a string, got ${describe(v)}`);
    return { values: one(null), strings: one(encode(v)) };
  };

  const read = (a, i) => {
    let n;
    try {
      n = apply(sizeGetter, a, []);
    } catch {
      throw new TypeError(`${at(i)} must be a Map, got ${describe(a)}`);
    }
    if (n > MAX) throw new RangeError(`${at(i)} has ${n} entries, more than wasm memory can hold`);
    if (layout === null) {
      layout = entryLayout(type, ctx);
      entry = planOf(layout, ctx, at);
      if (value.kind === "value") plan = planOf(ctx.valueLayout(value.value), ctx, atValue);
    }
    // The entries as they are now: the intrinsics run no user code.
    // (Index loops: no array iterator, which user code may patch.)
    const pairs = list();
    const it = apply(entries, a, []);
    for (let r = apply(next, it, []); !r.done; r = apply(next, it, [])) pairs[pairs.length] = r.value;
    const out = list(pairs.length);
    for (let e = 0; e < pairs.length; e++) {
      const k = pairs[e][0];
      const kc = convertKey(k, i);
      const vc = convertValue(pairs[e][1], { i, k });
      out[e] = { values: kc.values.concat(vc.values), strings: kc.strings.concat(vc.strings) };
    }
    return out;
  };

  // No user code from here on: allocate every block, then write.
  const write = (staged, i, wire, blocks) => {
    const { alloc, WeakbindError } = ctx;
    const stride = layout?.size ?? 0;
    const n = staged.length;
    const block = alloc(Math.max(n * stride, 1)) >>> 0;
    if (!block) throw new WeakbindError(`out of memory: ${at(i)} needs ${n * stride} bytes`);
    blocks.push(block);
    const ptrs = staged.map(({ strings }) => place(strings, ctx, blocks, at(i)));
    const buffer = bufferOf(ctx.memory);
    const view = new View(buffer);
    staged.forEach(({ values, strings }, k) => {
      copyPieces(buffer, strings, ptrs[k]);
      entry.write(view, block + k * stride, values, ptrs[k], strings);
    });
    wire.push(block, n);
  };
  return { read, write };
}

// A `map:K:V` result: the block's pointer -> a new Map.
export function mapResult(type, ctx, where) {
  let layout = null;
  let read = null;
  let held = null; // lists the blocks an entry holds
  return (ptr) => {
    ptr >>>= 0;
    if (layout === null) {
      layout = entryLayout(type, ctx);
      read = reader(layout, ctx, (name) => `${where()} (a map value${name === "value" ? "" : `'s field '${name}'`})`);
      held = pointers(layout, ctx.valueLayout);
    }
    const view = new View(bufferOf(ctx.memory));
    const n = view.getUint32(ptr, true);
    // Every block is listed before any entry is read, so all are freed
    // whatever an entry's conversion does.
    const owned = list();
    owned.push(ptr);
    for (let k = 0; k < n; k++) held(view, ptr + DATA + k * layout.size, owned);
    try {
      const out = new MapClass();
      for (let k = 0; k < n; k++) {
        const e = read(view, ptr + DATA + k * layout.size);
        apply(set, out, [e.key, e.value]);
      }
      return out;
    } finally {
      for (let k = 0; k < owned.length; k++) ctx.free(owned[k]);
    }
  };
}
