// Arrays of strings and values (`string[]`, `value:V[]`): std::vector of
// std::string or of a value type as a JS Array, copied both ways (Arrays
// of enums and of containers: nested-lists.mjs; of objects:
// object-lists.mjs). The wire
// is vectors.hpp's: in, (pointer, count) of a heap block of elements laid
// out as a value's fields of that type; out, a block `u32 count`, padding,
// the elements from offset 8, read into a new Array and freed with its
// strings.
//
// In, as for values (values.mjs): the Array's length is read once, then
// each element once (a Proxy or a getter may run user code), all converted
// before any block is allocated; list arguments are read before any other
// argument is converted (typed-calls.mjs), so a getter that disposes an
// object argument or the receiver is caught by their own checks.

import { describe, decodeUtf8, arrayCount } from "./types.mjs";
import { planOf, reader, pointers, place, copyPieces } from "./values.mjs";
import { objectListParam, objectListResult } from "./object-lists.mjs";
import { isNestedList, nestedListParam, nestedListResult } from "./nested-lists.mjs";
import { list, one, encode, lengthOf, toArray, bufferOf, View, Words, Bytes, arrayOf, max, thrownText } from "./intrinsics.mjs";
const DATA = 8; // where a result block's elements start
// No more elements than a 4 GiB memory could hold at 8 bytes each: a
// Proxy may claim any length, and the elements are read before the copy.
const MAX = 2 ** 29;

// `{ read(a, i), write(staged, i, wire, blocks) }`, staged as values are.
export function listParam(type, ctx, at) {
  const { inner } = type;
  if (inner.kind === "object") return objectListParam(type, ctx, at);
  if (isNestedList(type)) return nestedListParam(type, ctx, at);
  const strings = inner.kind === "string";
  let plan = null; // a value element's plan, made on the first call
  const atElement = (pos) => `${at(pos.i)} element ${pos.k}`;

  const read = (a, i) => {
    const n = arrayCount(a, at(i), MAX);
    if (!strings) plan ??= planOf(ctx.valueLayout(inner.value), ctx, atElement);
    const out = list();
    for (let k = 0; k < n; k++) {
      let v;
      try {
        v = a[k];
      } catch (e) {
        throw new TypeError(`${at(i)}: reading element ${k} threw: ${thrownText(e)}`, { cause: e });
      }
      if (!strings) {
        out.push(plan.read(v, { i, k }, inner.value));
        continue;
      }
      if (typeof v !== "string") throw new TypeError(`${at(i)} element ${k} must be a string, got ${describe(v)}`);
      out.push(encode(v));
    }
    return out;
  };

  // No user code from here on: allocate every block, then write.
  const write = (staged, i, wire, blocks) => {
    const { alloc, WeakbindError } = ctx;
    const stride = strings ? 8 : plan?.size ?? 0;
    const n = staged.length;
    const block = alloc(max(n * stride, 1)) >>> 0;
    if (!block) throw new WeakbindError(`out of memory: ${at(i)} needs ${n * stride} bytes`);
    blocks.push(block);
    const each = strings ? staged.map(one) : staged.map((v) => v.strings);
    const ptrs = each.map((bytesOf) => place(bytesOf, ctx, blocks, at(i)));
    const buffer = bufferOf(ctx.memory);
    const view = new View(buffer);
    each.forEach((bytesOf, k) => {
      copyPieces(buffer, bytesOf, ptrs[k]);
      if (strings) {
        view.setUint32(block + k * 8, ptrs[k][0], true);
        view.setUint32(block + k * 8 + 4, lengthOf(bytesOf[0]), true);
      } else {
        plan.write(view, block + k * stride, staged[k].values, ptrs[k], bytesOf);
      }
    });
    wire.push(block, n);
  };
  return { read, write };
}

// A `string[]` or `value:V[]` result: the block's pointer -> a new Array.
export function listResult(type, ctx, where) {
  const { inner } = type;
  if (inner.kind === "object") return objectListResult(type, ctx, where);
  if (isNestedList(type)) return nestedListResult(type, ctx, where);
  // `string[]`: each element a string's (address, length); the block and
  // every string's are listed before any is decoded, so all are freed
  // whatever decoding does.
  const strings = (ptr) => {
    if ((ptr & 3) !== 0) throw new ctx.WeakbindError(`${where()}: an array block at ${ptr} is not 4-aligned`);
    const view = ctx.view();
    const words = view.u32s();
    const n = words[ptr >>> 2];
    const owned = new Words(n + 1);
    owned[0] = ptr;
    const first = (ptr + DATA) >>> 2;
    for (let k = 0; k < n; k++) owned[k + 1] = words[first + 2 * k];
    try {
      return arrayOf(n, (k) => decodeUtf8(new Bytes(view.buffer, words[first + 2 * k], words[first + 2 * k + 1])));
    } finally {
      for (let k = 0; k <= n; k++) ctx.free(owned[k]);
    }
  };
  let layout = null;
  let read = null;
  let held = null; // lists the blocks a value element holds
  return (ptr) => {
    ptr >>>= 0;
    if (inner.kind === "string") return strings(ptr);
    if (layout === null) {
      layout = ctx.valueLayout(inner.value);
      read = reader(layout, ctx, (name) => `${where()} field '${name}'`);
      held = pointers(layout, ctx.valueLayout);
    }
    const view = ctx.view();
    const n = view.getUint32(ptr, true);
    const stride = layout.size;
    // Every block is listed before any element is read, so all are freed
    // whatever an element's conversion does.
    const owned = one(ptr);
    for (let k = 0; k < n; k++) held(view, ptr + DATA + k * stride, owned);
    try {
      return arrayOf(n, (k) => read(view, ptr + DATA + k * stride));
    } finally {
      for (let k = 0; k < owned.length; k++) ctx.free(owned[k]);
    }
  };
}
