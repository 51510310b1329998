// Arrays whose elements are neither strings, values nor objects (lists.mjs
// has those): enums (`enum:E[]`) and containers — numeric arrays
// (`f64[][]`: an Array of typed arrays) and Arrays of Arrays
// (`string[][]`, `value:V[][]`). On vectors.hpp's wire, elements laid out
// as a value's fields of that type are: in, (pointer, count) of a block of
// them; out, a block `u32 count`, padding, the elements from offset 8.
//
// Both directions go through a value's field machinery (value-fields.mjs),
// so every depth is checked and copied as a field of that type is: in, the
// Array and each element read once, every element checked, and only then
// every block allocated and written; out, every block the elements hold
// listed before any is read, all freed whatever reading does.

import { fieldValue, place, copyPieces } from "./values.mjs";
import { fieldCodec, fieldLayout, fieldPointers } from "./value-fields.mjs";
import { list, one, arrayOf } from "./intrinsics.mjs";

const DATA = 8; // where a result block's elements start

export const isNestedList = (type) => type.kind === "list" && type.inner.kind !== "string" && type.inner.kind !== "value" && type.inner.kind !== "object";

// `{ read(a, i), write(staged, i, wire, blocks) }`, staged as values are.
// The Array is staged as a field of its type is, after an 8-byte block
// the field is written into, from which the wire's (pointer, count) is
// read: one code path for every depth.
export function nestedListParam(type, ctx, at) {
  const codec = fieldCodec(type, ctx, (i) => at(i));
  const read = (a, i) => {
    const pieces = list();
    pieces.push(8);
    const staged = codec.stage(a, i, pieces);
    return { staged, pieces };
  };
  // No user code from here on.
  const write = ({ staged, pieces }, i, wire, blocks) => {
    const ptrs = place(pieces, ctx, blocks, at(i));
    const view = ctx.view();
    copyPieces(view.buffer, pieces, ptrs);
    const field = ptrs[0];
    codec.write(view, field, staged, ptrs, pieces, { s: 1 });
    wire.push(view.getUint32(field, true), view.getUint32(field + 4, true));
  };
  return { read, write };
}

// A result: the block's pointer -> a new Array of its elements, each read
// as a field of the element's type.
export function nestedListResult(type, ctx, where) {
  const { inner } = type;
  let read = null;
  let held = null; // lists the blocks an element holds, or null
  let stride = 0;
  return (ptr) => {
    ptr >>>= 0;
    if (read === null) {
      read = fieldValue(inner, ctx, () => `${where()} element`);
      held = fieldPointers(inner, ctx.valueLayout);
      stride = fieldLayout(inner, ctx.valueLayout).size;
    }
    const view = ctx.view();
    const n = view.getUint32(ptr, true);
    const owned = one(ptr);
    if (held !== null) for (let k = 0; k < n; k++) held(view, ptr + DATA + k * stride, owned);
    try {
      return arrayOf(n, (k) => read(view, ptr + DATA + k * stride));
    } finally {
      for (let k = 0; k < owned.length; k++) ctx.free(owned[k]);
    }
  };
}
