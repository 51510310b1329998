// Arrays of objects in calls C++ or Rust make into JS (`C[]`, and `C?[]`
// whose elements may be null), both ways, on call-blocks.mjs's wire: a
// block holding at offset 0 an array field, the u32 address and u32 count
// of a block of u32 object pointers (0 for null).
//
// - An argument (wasm -> JS) is wasm's block, read here, never freed: each
//   pointer becomes the wrapper of the object the registry holds there
//   (the one JS has, else a borrowed one), as a single object argument
//   does. A pointer that is no registered object, or one of another class,
//   refuses the call (a TypeError for the JS caller) rather than pass
//   something in its place.
// - A result (JS -> wasm) is read once (its length, then each element, so
//   a getter or Proxy runs before anything is checked), each element
//   checked as a single object result is (a live wrapper of C or of a class
//   derived from it; null where allowed) and held by the loader until the
//   outermost call returns (`calls.keep`), then written into heap blocks
//   listed after the field for wasm to free.

import { describeObject, arrayCount } from "./types.mjs";
import { list, toArray, Words, bufferOf, View, max, thrownText } from "./intrinsics.mjs";

// No more elements than a 4 GiB memory could hold at 4 bytes each.
const MAX = 2 ** 30;

export const isObjectList = (type) => type.kind === "list" && type.inner.kind === "object";

// (ptr, where) -> a new Array of the wrappers of the block's objects.
export function objectsArgument(type, ctx) {
  const { inner } = type;
  let own = null;
  return (ptr, where) => {
    own ??= ctx.classInfo(inner.class).levels[0];
    const view = new View(bufferOf(ctx.memory));
    const data = view.getUint32(ptr >>> 0, true);
    const n = view.getUint32((ptr >>> 0) + 4, true);
    const ptrs = new Words(n);
    for (let k = 0; k < n; k++) ptrs[k] = view.getUint32(data + 4 * k, true);
    const out = list(n);
    for (let k = 0; k < n; k++) {
      const p = ptrs[k];
      if (p === 0 && inner.nullable) {
        out[k] = null;
        continue;
      }
      const wrapper = p === 0 ? undefined : ctx.objectAt(p);
      if (wrapper === undefined || own.ptr(wrapper) === 0) throw new TypeError(`${where} element ${k} is no registered ${inner.class} (pointer ${p})`);
      out[k] = wrapper;
    }
    return toArray(out);
  };
}

// (r, where) -> the address of a result block, or a TypeError naming
// `where`, then `suffix`.
export function objectsCheck(type, ctx, suffix) {
  const { inner } = type;
  let own = null;
  return (r, where) => {
    own ??= ctx.classInfo(inner.class).levels[0];
    const what = `${where}: the returned value`;
    let n;
    try {
      n = arrayCount(r, what, MAX);
    } catch (e) {
      throw new TypeError(`${e.message}${suffix}`, { cause: e });
    }
    const staged = list(n);
    for (let k = 0; k < n; k++) {
      let e;
      try {
        e = r[k];
      } catch (x) {
        throw new TypeError(`${what}: reading element ${k} threw: ${thrownText(x)}${suffix}`, { cause: x });
      }
      // What is no object is refused at once (a sparse Array of a huge
      // length fails at its first hole); an object is checked once every
      // element was read.
      if ((typeof e !== "object" && typeof e !== "function") || (e === null && !inner.nullable)) {
        throw new TypeError(`${what} element ${k} must be a ${inner.class}${inner.nullable ? " or null" : ""}, got ${describeObject(e, ctx.state)}${suffix}`);
      }
      staged[k] = e;
    }
    // No user code from here on.
    const ptrs = new Words(n);
    for (let k = 0; k < n; k++) {
      const e = staged[k];
      if (e === null && inner.nullable) continue;
      const p = own.ptr(e);
      if (p === 0) throw new TypeError(`${what} element ${k} must be a ${inner.class}${inner.nullable ? " or null" : ""}, got ${describeObject(e, ctx.state)}${suffix}`);
      // (`ref:C[]`: wasm becomes an owner of each, so the registry must know it.)
      if (inner.ownership === "ref" && !ctx.registered(p)) throw new TypeError(`${what} element ${k} must be a ${inner.class} JS owns or shares, got a ${inner.class} borrowed from another object${suffix}`);
      ptrs[k] = p;
    }
    for (let k = 0; k < n; k++) if (staged[k] !== null) ctx.calls.keep(staged[k]);
    const elements = ctx.alloc(max(4 * n, 1)) >>> 0;
    if (!elements) throw new ctx.WeakbindError(`out of memory: ${what} needs ${4 * n} bytes`);
    // The field (8 bytes), then the list of the other blocks: one.
    const block = ctx.alloc(16) >>> 0;
    if (!block) {
      ctx.free(elements);
      throw new ctx.WeakbindError(`out of memory: ${what} needs 16 bytes`);
    }
    const buffer = bufferOf(ctx.memory);
    const words = new Words(buffer, elements, n);
    for (let k = 0; k < n; k++) words[k] = ptrs[k];
    const view = new View(buffer);
    view.setUint32(block, elements, true);
    view.setUint32(block + 4, n, true);
    view.setUint32(block + 8, 1, true);
    view.setUint32(block + 12, elements, true);
    return block;
  };
}
