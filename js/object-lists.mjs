// Arrays of objects (`C[]` in, `own:C[]` and `ref:C[]` out; with `C?`
// elements, null allowed as 0): a JS Array of wrappers as a heap block of
// object pointers (object_arrays.hpp). In,
// [pointer, count] of a block of u32 pointers; out, a block `u32 count`,
// padding, the pointers from offset 8.
//
// In, staged as values are (typed-calls.mjs): the Array's length is read
// once, then every element once (a Proxy or getter may run user code,
// dispose an element read before it, or the receiver), and only then is
// each element checked as a single object argument is (its class's pointer
// field: a disposed, forged or other module's wrapper is refused, naming
// its index) and the block allocated. Out, the block is read and freed
// first, then each pointer becomes a wrapper as a single own: or ref:
// result does (identity kept: the wrapper JS has, else a new one).

import { simpleParam, arrayCount } from "./types.mjs";
import { list, toArray, Words, bufferOf, View, max, thrownText } from "./intrinsics.mjs";

// No more elements than a 4 GiB memory could hold at 4 bytes each.
const MAX = 2 ** 30;
const DATA = 8; // where a result block's pointers start

export function objectListParam(type, ctx, at) {
  const { inner } = type;
  const check = simpleParam({ kind: "object", class: inner.class, nullable: inner.nullable }, ctx, (pos) => `${at(pos.i)} element ${pos.k}`);
  const read = (a, i) => {
    const n = arrayCount(a, at(i), MAX);
    const out = list(n);
    for (let k = 0; k < n; k++) {
      let v;
      try {
        v = a[k];
      } catch (e) {
        throw new TypeError(`${at(i)}: reading element ${k} threw: ${thrownText(e)}`, { cause: e });
      }
      // What is no object is refused at once (a sparse Array of a huge
      // length fails at its first hole, not after staging every one); an
      // object is checked once every element was read.
      if (typeof v !== "object" || v === null) check(v, { i, k });
      out[k] = v;
    }
    return out;
  };
  // No user code from here on: every element checked, then the block.
  const write = (staged, i, wire, blocks) => {
    const n = staged.length;
    const ptrs = list(n);
    for (let k = 0; k < n; k++) ptrs[k] = check(staged[k], { i, k });
    const block = ctx.alloc(max(n * 4, 1)) >>> 0;
    if (!block) throw new ctx.WeakbindError(`out of memory: ${at(i)} needs ${n * 4} bytes`);
    blocks.push(block);
    const words = new Words(bufferOf(ctx.memory), block, n);
    for (let k = 0; k < n; k++) words[k] = ptrs[k];
    wire.push(block, n);
  };
  return { read, write };
}

// An `own:C[]` or `ref:C[]` result: (pointer, parent) -> a new Array. A
// null element is `null` for `own:C?[]` and `ref:C?[]`, else an error once
// every other element has its wrapper (an owned one is then released by
// the collector, as any dropped result is).
export function objectListResult(type, ctx, where) {
  const { inner } = type;
  const inf = ctx.classInfo(inner.class);
  const get = inner.ownership === "own" ? ctx.owned : ctx.borrowed;
  return (ptr, parent) => {
    ptr >>>= 0;
    const view = new View(bufferOf(ctx.memory));
    const n = view.getUint32(ptr, true);
    const ptrs = new Words(n);
    for (let k = 0; k < n; k++) ptrs[k] = view.getUint32(ptr + DATA + k * 4, true);
    ctx.free(ptr);
    const out = list(n);
    let hole = -1;
    for (let k = 0; k < n; k++) {
      if (ptrs[k] === 0) {
        if (hole < 0) hole = k;
        out[k] = null;
      } else {
        out[k] = get(ptrs[k], inf, parent);
      }
    }
    if (hole >= 0 && !inner.nullable) throw new ctx.WeakbindError(`${where()} returned NULL as element ${hole}, but its elements are not nullable`);
    return toArray(out);
  };
}
