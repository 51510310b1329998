// Maps (`map:K:V`): std::map or std::unordered_map as a JS Map, copied
// both ways. The wire is maps.hpp's: an entry is laid out as a value of
// two fields, `key` then `value`; in, (pointer, count) of a heap block of
// entries; out, a block `u32 count`, padding, the entries from offset 8,
// read into a new Map in C++'s order and freed with its strings. A map as
// a value's field (or an optional's) is 8 bytes, aligned 4, that pointer
// and count, staged and written as value-fields.mjs's fields are.
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

import { describe } from "./types.mjs";
import { reader, pointers, laidOut, place, copyPieces } from "./values.mjs";
import { fieldCodec } from "./value-fields.mjs";
import { apply, list, bufferOf, View } from "./intrinsics.mjs";

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

// A map's block of entries, as value-fields.mjs's codecs stage and write a
// field: `stage(a, i, pieces)` reads the Map (user code runs only in its
// values' getters) and pushes the entry block's size, then each entry's
// pieces, key before value; `entries(view, block, staged, ptrs, pieces,
// cur)` writes the entries into the block; `write(view, p, …)` a field's
// pointer and count, then its entries. `where(i)` names the map.
export function mapCodec(type, ctx, where) {
  const { key, value } = type;
  const atKey = (i) => `${where(i)} key`;
  const atValue = (pos) => `${where(pos.i)} key ${showKey(pos.k)}`;
  // Made on the first call: values are defined after the converters.
  let layout = null;
  let keyCodec = null;
  let valueCodec = null;

  const stageKey = (k, i, pieces) => {
    if (key.kind !== "string") {
      const v = keyCodec.stage(k, i, pieces);
      if (v !== v) throw new TypeError(`${atKey(i)} must be a number other than NaN, got number NaN`);
      return v;
    }
    if (typeof k !== "string") throw new TypeError(`${atKey(i)} must be a string, got ${describe(k)}`);
    if (apply(exec, LONE, [k]) !== null) throw new TypeError(`${atKey(i)} ${stringify(k)} is not well-formed Unicode (a lone surrogate), which UTF-8 cannot carry`);
    return keyCodec.stage(k, i, pieces);
  };
  const stage = (a, i, pieces) => {
    let n;
    try {
      n = apply(sizeGetter, a, []);
    } catch {
      throw new TypeError(`${where(i)} must be a Map, got ${describe(a)}`);
    }
    if (n > MAX) throw new RangeError(`${where(i)} has ${n} entries, more than wasm memory can hold`);
    if (layout === null) {
      layout = entryLayout(type, ctx);
      keyCodec = fieldCodec(key, ctx, atKey);
      valueCodec = fieldCodec(value, ctx, atValue);
    }
    // The entries as they are now: the intrinsics run no user code.
    // (Index loops: no array iterator, which user code may patch.)
    const pairs = list();
    const it = apply(entries, a, []);
    for (let r = apply(next, it, []); !r.done; r = apply(next, it, [])) pairs[pairs.length] = r.value;
    pieces.push(pairs.length * layout.size);
    const out = list(pairs.length);
    for (let e = 0; e < pairs.length; e++) {
      const k = pairs[e][0];
      const staged = stageKey(k, i, pieces);
      out[e] = { key: staged, value: valueCodec.stage(pairs[e][1], { i, k }, pieces) };
    }
    return out;
  };
  const writeEntries = (view, block, staged, ptrs, pieces, cur) => {
    const at = layout.fields[1].offset;
    for (let e = 0; e < staged.length; e++) {
      const p = block + e * layout.size;
      keyCodec.write(view, p, staged[e].key, ptrs, pieces, cur);
      valueCodec.write(view, p + at, staged[e].value, ptrs, pieces, cur);
    }
  };
  const write = (view, p, staged, ptrs, pieces, cur) => {
    const block = ptrs[cur.s];
    cur.s += 1;
    view.setUint32(p, block, true);
    view.setUint32(p + 4, staged.length, true);
    writeEntries(view, block, staged, ptrs, pieces, cur);
  };
  return { stage, entries: writeEntries, write };
}

// `{ read(a, i), write(staged, i, wire, blocks) }`, staged as values are.
export function mapParam(type, ctx, at) {
  const codec = mapCodec(type, ctx, at);
  const read = (a, i) => {
    const pieces = list();
    const staged = codec.stage(a, i, pieces);
    return { staged, pieces };
  };
  // No user code from here on: allocate every block, then write.
  const write = ({ staged, pieces }, i, wire, blocks) => {
    const ptrs = place(pieces, ctx, blocks, at(i));
    const buffer = bufferOf(ctx.memory);
    copyPieces(buffer, pieces, ptrs);
    codec.entries(new View(buffer), ptrs[0], staged, ptrs, pieces, { s: 1 });
    wire.push(ptrs[0], staged.length);
  };
  return { read, write };
}

// A block of entries -> a new Map: `read(view, base, n)`, and `held(view,
// base, n, owned)` pushing every block the entries hold. `named()` names
// the map in errors. (Made on first use; `held` needs only the layouts.)
function entryReader(type, ctx, named) {
  let layout = null;
  let read = null;
  let held = null;
  return {
    read(view, base, n) {
      layout ??= entryLayout(type, ctx);
      read ??= reader(layout, ctx, (name) => `${named()} (a map value${name === "value" ? "" : `'s field '${name}'`})`);
      const out = new MapClass();
      for (let k = 0; k < n; k++) {
        const e = read(view, base + k * layout.size);
        apply(set, out, [e.key, e.value]);
      }
      return out;
    },
    held(view, base, n, owned) {
      layout ??= entryLayout(type, ctx);
      held ??= pointers(layout, ctx.valueLayout);
      for (let k = 0; k < n; k++) held(view, base + k * layout.size, owned);
    },
  };
}

// A `map:K:V` result: the block's pointer -> a new Map.
export function mapResult(type, ctx, where) {
  const entries = entryReader(type, ctx, where);
  return (ptr) => {
    ptr >>>= 0;
    const view = new View(bufferOf(ctx.memory));
    const n = view.getUint32(ptr, true);
    // Every block is listed before any entry is read, so all are freed
    // whatever an entry's conversion does.
    const owned = list();
    owned.push(ptr);
    entries.held(view, ptr + DATA, n, owned);
    try {
      return entries.read(view, ptr + DATA, n);
    } finally {
      for (let k = 0; k < owned.length; k++) ctx.free(owned[k]);
    }
  };
}

// A map field at p (u32 pointer, u32 count): `read(view, p)` -> a new
// Map; `held(view, p, owned)` pushes its entry block and what it holds.
export function mapField(type, ctx, named) {
  const entries = entryReader(type, ctx, named);
  return {
    read: (view, p) => entries.read(view, view.getUint32(p, true), view.getUint32(p + 4, true)),
    held(view, p, owned) {
      const block = view.getUint32(p, true);
      owned.push(block);
      entries.held(view, block, view.getUint32(p + 4, true), owned);
    },
  };
}
