// Borrowed views of numbers (`view:f64` `view:f32` `view:i32` `view:u32`,
// weakbind/views.hpp): wasm memory read in place, never copied unless
// asked (copy()). A view is JS's only way to reach the elements, and it
// reads them only while they are what C++ described:
//
// - A result view is borrowed from its owner (the receiver; for statics
//   and functions the first object argument): it ends when the owner is
//   disposed, invalidated (its parent's end, wasm freeing it) or collected.
//   It holds the owner weakly: a view never keeps an object alive.
// - A parameter view of a call into JS (fn:, a virtual) ends when the JS
//   function returns: C++'s span is only valid for the call.
// - Either ends when wasm frees the heap block holding its elements (a
//   vector that grew and reallocated, a destructor): the runtime watches
//   the elements' address (weakbind_watch) and reports the free (`freed`).
//
// An ended view throws a TypeError naming the member and why it ended;
// no read, iteration or copy of it touches memory. Memory growth detaches
// the ArrayBuffer a typed array was made on: the view keeps one internal
// typed array and, finding it detached (an in-range index reads
// undefined), makes it again on the current memory.buffer. That typed
// array is never handed out. Refs and the address map are read through
// intrinsics.mjs's captured operations: no patched WeakRef or Map method
// keeps a view alive past its owner or its memory.

import { bufferOf, copyInto, list, View, Ref, deref, getOf, setOf, deleteOf } from "./intrinsics.mjs";

const TYPES = { f64: Float64Array, f32: Float32Array, i32: Int32Array, u32: Uint32Array };
export const VIEW_ELEMENTS = Object.keys(TYPES);

// Only this module makes views (the constructor checks it).
let endView; // set by ArrayView's static block
const MAKE = Symbol("weakbind view");

export class ArrayView {
  #memory;
  #Type;
  #ptr;
  #length;
  #array = null; // over the elements, on some memory.buffer
  #ended = null; // why the view ended, or null
  #owner; // WeakRef of the owner wrapper, or null
  #level; // the owner's class level: its ptr(owner) is 0 once it ended
  #where; // "Class.member" (and more) for messages

  constructor(token, memory, Type, ptr, length, owner, level, where) {
    if (token !== MAKE) throw new TypeError("ArrayView: views are made by the loader only");
    this.#memory = memory;
    this.#Type = Type;
    this.#ptr = ptr;
    this.#length = length;
    this.#owner = owner;
    this.#level = level;
    this.#where = where;
  }

  get length() {
    this.#check();
    return this.#length;
  }

  // The element at index `i` (negative from the end), or undefined out of
  // range, as a typed array's at().
  at(i) {
    this.#check();
    if (typeof i !== "number" || !Number.isInteger(i)) throw new TypeError(`${this.#where}: a view's index must be an integer, got ${typeof i}`);
    const k = i < 0 ? i + this.#length : i;
    if (k < 0 || k >= this.#length) return undefined;
    return this.#read(k);
  }

  *[Symbol.iterator]() {
    // Checked per element: the loop's body may end the view between two.
    for (let k = 0; k < this.#length; k++) {
      this.#check();
      yield this.#read(k);
    }
  }

  // A new typed array of the elements, JS's own: it outlives the view.
  copy() {
    this.#check();
    const out = new this.#Type(this.#length);
    if (this.#length > 0) copyInto(out, this.#fresh());
    return out;
  }

  get [Symbol.toStringTag]() {
    return "ArrayView";
  }

  // In range, the view live: a detached array reads undefined, so it is
  // made again over the current buffer.
  #read(k) {
    const v = this.#array === null ? undefined : this.#array[k];
    return v !== undefined ? v : this.#fresh()[k];
  }

  #fresh() {
    this.#array = new this.#Type(bufferOf(this.#memory), this.#ptr, this.#length);
    return this.#array;
  }

  #check() {
    // The owner's end is the better reason: its destructor's free may
    // have ended the view first.
    if (this.#owner !== null) {
      const owner = deref(this.#owner);
      if (owner === undefined) this.#ownerEnded("its owner was collected");
      else if (this.#level.ptr(owner) === 0) this.#ownerEnded("its owner was disposed");
    }
    if (this.#ended !== null) throw new TypeError(`${this.#where}: the view ended (${this.#ended}); copy() what must outlive it`);
  }

  #ownerEnded(reason) {
    this.#ended = reason;
    this.#array = null;
    this.#owner = null;
  }

  // A view's end is final; the first reason is the one it gives.
  #end(reason) {
    if (this.#ended !== null) return;
    this.#ended = reason;
    this.#array = null;
  }

  static {
    // The loader's way to end a view (no method of the view's own API).
    endView = (view, reason) => view.#end(reason);
  }
}

// A parameter view's call returned (or the loader ends a view otherwise).
export const end = (view, reason) => endView(view, reason);

// A module's views by the address of their elements, ended when wasm frees
// the block there. `exports`: the module's (memory, weakbind_watch).
export class ViewBlocks {
  #memory;
  #watch;
  #at = new Map(); // address -> WeakRefs of the views reading there
  #WeakbindError;

  constructor(exports, WeakbindError) {
    this.#memory = exports.memory;
    this.#watch = exports.weakbind_watch ?? null;
    this.#WeakbindError = WeakbindError;
  }

  // A view of `length` elements of `kind` at `ptr`; `owner` a wrapper (or
  // null) it ends with, `level` its class level (wrapper.mjs: ptr(owner)
  // is 0 once the owner no longer reaches its object).
  open(kind, ptr, length, owner, level, where) {
    const Type = TYPES[kind];
    const size = Type.BYTES_PER_ELEMENT;
    if (length > 0) {
      if (ptr % size !== 0) throw new this.#WeakbindError(`${where}: C++ gave a view at ${ptr}, not aligned for ${kind}`);
      if (ptr + length * size > bufferOf(this.#memory).byteLength) throw new this.#WeakbindError(`${where}: C++ gave a view of ${length} ${kind} at ${ptr}, past the end of memory`);
    }
    const view = new ArrayView(MAKE, this.#memory, Type, ptr, length, owner === null ? null : new Ref(owner), level, where);
    // Heap memory is watched until freed; static data never is (0).
    const watched = length > 0 && this.#watch !== null ? this.#watch(ptr) : 0;
    if (watched < 0) {
      endView(view, "out of memory");
      throw new this.#WeakbindError(`out of memory: ${where} could not watch the view's memory`);
    }
    if (watched > 0) this.#add(ptr, view);
    return view;
  }

  // Wasm freed the block holding `ptr`.
  freed(ptr) {
    const refs = getOf(this.#at, ptr);
    if (refs === undefined) return;
    deleteOf(this.#at, ptr);
    for (let k = 0; k < refs.length; k++) {
      const view = deref(refs[k]);
      if (view !== undefined) endView(view, "wasm freed its memory");
    }
  }

  #add(ptr, view) {
    let refs = getOf(this.#at, ptr);
    if (refs === undefined) setOf(this.#at, ptr, (refs = list()));
    // Collected views are dropped as the list doubles: an
    // address read by many short-lived views keeps a list about as long as
    // its live ones, at amortized constant cost.
    if (refs.length >= 8 && (refs.length & (refs.length - 1)) === 0) {
      const live = list();
      for (let k = 0; k < refs.length; k++) if (deref(refs[k]) !== undefined) live[live.length] = refs[k];
      setOf(this.#at, ptr, (refs = live));
    }
    refs[refs.length] = new Ref(view);
  }
}

// A `view:T` result: the export returned the address of C++'s slot (the
// elements' u32 address, then their u32 count), read before anything else
// runs; `parent` (the receiver, or the first object argument) owns them.
export function viewResult(type, ctx, where) {
  const { element } = type;
  return (slot, parent) => {
    slot >>>= 0;
    const fields = new View(bufferOf(ctx.memory));
    const ptr = fields.getUint32(slot, true);
    const length = fields.getUint32(slot + 4, true);
    const inf = parent == null ? null : ctx.state.inf(parent);
    return ctx.views.open(element, ptr, length, inf === null ? null : parent, inf === null ? null : inf.levels[0], where());
  };
}

// Parameter views of a call into JS: `params` (the call's words) -> null
// when none is a view, else (wire, args) -> the views made, which the
// caller ends once the JS function returned. Wire: (address, count).
export function paramViews(ctx, where) {
  return (element, ptr, length, k) => ctx.views.open(element, ptr >>> 0, length >>> 0, null, null, `${where} argument ${k + 1}`);
}
