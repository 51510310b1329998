// Words of calls C++ makes into JS (callbacks.mjs, interfaces.mjs) that
// cross as a heap block: `value:V`, numeric arrays, `string[]`,
// `value:V[]`, `opt:T` and `map:K:V`. The wire is
// cpp/include/weakbind/call_blocks.hpp's: the block holds one field of the
// type at offset 0, laid out as a value's field is (value-fields.mjs).
//
// - An argument (C++ -> JS) is C++'s block, owned by C++ until the call
//   returns: read here into a new JS value (a copy, as a result of an
//   export is), never freed here. So nothing leaks when the JS function
//   never runs or throws.
// - A result (JS -> C++) is checked and copied as an argument of that type
//   would be: first every part of it read once, in JS (getters and Proxy
//   traps run here, before anything is allocated), then heap blocks
//   allocated — not the call's arena, which belongs to the outer call —
//   and written with no user code running. After the field the block
//   lists the other blocks (`u32 count`, their addresses, from the next
//   multiple of 4), which C++ frees with it once it read the field. A
//   refused result allocates nothing (or frees what it allocated) and is a
//   TypeError naming the callback or virtual; C++ gets an empty value.

import { laidOut, reader, place, copyPieces } from "./values.mjs";
import { isObjectList, objectsArgument, objectsCheck } from "./call-objects.mjs";
import { fieldCodec, fieldLayout, isContainer } from "./value-fields.mjs";
import { list, getOf, setOf, ceil } from "./intrinsics.mjs";

const hasOwn = Object.hasOwn;

// Whether a call word crosses as a block (an Array of objects too:
// call-objects.mjs).
export const isCallBlock = (type) => type.kind === "value" || isContainer(type);

// (ptr, where) -> the JS value of C++'s argument block at ptr; `where()`
// names the argument in errors (a string enum's value with no name).
export function blockArgument(type, ctx) {
  if (isObjectList(type)) return objectsArgument(type, ctx);
  let read = null;
  let current = null;
  return (ptr, where) => {
    current = where;
    read ??= reader(laidOut("argument", [{ name: "value", type }], ctx.valueLayout), ctx, () => current);
    // An absent optional is left out of the record: its own field only,
    // never a getter JS put on Object.prototype under the name.
    const record = read(ctx.view(), ptr >>> 0);
    return hasOwn(record, "value") ? record.value : undefined;
  };
}

// (r, where) -> the address of a result block holding what JS returned,
// or a TypeError naming `where`, then `suffix` (as every wrong result of a
// call into JS is one: an argument's RangeError, a number out of range or
// a length memory cannot hold, is one here too).
export function blockCheck(type, ctx, suffix) {
  if (isObjectList(type)) return objectsCheck(type, ctx, suffix);
  // One codec per place it names (a callback's label, a virtual's of each
  // subclass): the codec's messages name it.
  const codecs = new Map();
  let size = -1;
  return (r, where) => {
    let codec = getOf(codecs, where);
    if (codec === undefined) {
      const named = `${where}: the returned value`;
      codec = fieldCodec(type, ctx, () => named);
      setOf(codecs, where, codec);
    }
    if (size < 0) size = fieldLayout(type, ctx.valueLayout).size;
    const pieces = list();
    let staged;
    try {
      staged = codec.stage(r, 0, pieces);
    } catch (e) {
      throw withSuffix(e, suffix);
    }
    // No user code from here on.
    const blocks = list();
    try {
      const ptrs = place(pieces, ctx, blocks, `${where}: the returned value`);
      const at = ceil(size / 4) * 4;
      const total = at + 4 + 4 * ptrs.length;
      const block = ctx.alloc(total) >>> 0;
      if (!block) throw new ctx.WeakbindError(`out of memory: ${where}: the returned value needs ${total} bytes`);
      blocks.push(block);
      // After the last allocation, which may grow memory.
      const view = ctx.view();
      copyPieces(view.buffer, pieces, ptrs);
      codec.write(view, block, staged, ptrs, pieces, { s: 0 });
      view.setUint32(block + at, ptrs.length, true);
      for (let k = 0; k < ptrs.length; k++) view.setUint32(block + at + 4 + 4 * k, ptrs[k], true);
      return block;
    } catch (e) {
      for (let k = 0; k < blocks.length; k++) ctx.free(blocks[k]);
      throw e;
    }
  };
}

// A refusal of a part of the result, with the place's suffix.
function withSuffix(e, suffix) {
  if (e instanceof TypeError) return new TypeError(`${e.message}${suffix}`, { cause: e.cause });
  if (e instanceof RangeError) return new TypeError(`${e.message}${suffix}`, { cause: e });
  return e;
}
