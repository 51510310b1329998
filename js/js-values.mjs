// JS values held by wasm: a table of counted slots. Wasm code names a value
// by an integer handle and drops its reference through the `decref` import
// (the seed's `tell_js_to_decref`).
//
// A handle is `generation << SLOT_BITS | slot`. Freeing a slot bumps its
// generation, so a handle kept after its slot was freed and reused never
// resolves to somebody else's value; handle 0 is never issued (null).
//
// Where a value is kept alive from. The table itself is a global root, and
// a root is what makes a cycle wrapper -> wasm object -> JS callback ->
// wrapper uncollectable. So a value owned by a wasm object whose only owner
// is its JS wrapper lives on that wrapper instead (in `#held`, a WeakMap
// keyed by the wrapper, so a frozen wrapper can hold values too), and the table
// keeps only a WeakRef: the collector then sees the whole cycle. Rules
// (the runtime says which applies, see docs/ARCHITECTURE.md):
//   own(h, O, onWrapper)  onWrapper: value moves onto O's wrapper, else rooted
//   root(O)               O gained a wasm owner: O's values back to the table
//   unroot(O)             O's wrapper is its only owner again: onto it
//   decref to 0           the slot is freed wherever the value was
// A slot owned by two objects, or whose owner's wrapper is unknown, stays
// rooted: safe, at worst uncollected.
//
// Errors are the loader's WeakbindError, passed in (weakbind.mjs, load(),
// says why it is not imported); a table made without it throws plain Errors.

const NONE = Object.freeze([]); // no handle waits: the common case, with no array made

export { IdentityMap as Views } from "./identity.mjs";
import { apply, list, one, getOf, setOf, sizeOf } from "./intrinsics.mjs";

const MapClass = Map;

const SLOT_BITS = 22;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
const GENERATION_MASK = (1 << (32 - SLOT_BITS)) - 1;
const SHARED = -1; // owner of a slot that two objects own

// The `weakbind` imports of the runtime's JS-value side: the table's
// reference counts and ownership moves, and calls from wasm into JS
// (arguments, the call, its result). `live` gives the loader's state that
// exists only once the module is instantiated, and its WeakbindError.
//
// No import throws into wasm: an exception unwinding C++ frames would skip
// their destructors and leave the runtime's count of calls into JS wrong.
// A refusal (a stale handle, a full table, no memory for a result) is
// recorded instead, as a JS callee's exception is, and reaches the JS
// caller of the outermost method once it returns (calls.mjs, within); wasm
// gets a neutral value.
export function valueImports(values, live) {
  const { readUtf8, WeakbindError } = live;
  // The arguments of the call wasm is preparing, and the last call's
  // result. A list (intrinsics.mjs), handed over with `apply`: nothing JS
  // put on Array.prototype or the array iterator drops, adds or reorders
  // an argument (a dispatcher's first is the virtual C++ called, whose
  // result C++ reads by that virtual's word: interfaces.mjs).
  let args = list();
  let result;
  // Why the call being prepared cannot be made (an argument was no
  // registered object), or null.
  let refused = null;
  const calls = () => live.calls();
  return {
    incref: (h) => calls().within(() => values.incref(h)),
    decref: (h) => calls().within(() => values.decref(h)),
    own: (h, owner, onWrapper) => {
      if (onWrapper === OWN_PENDING) return void values.pend(h, owner >>> 0);
      calls().within(() => values.own(h, owner, onWrapper !== 0, live.built()?.wrapperOf(owner)));
    },
    root: (owner) => values.root(owner),
    unroot: (owner) => values.unroot(owner),
    arg_f64: (x) => void args.push(x),
    arg_string: (ptr, len) => void args.push(readUtf8(live.memory(), ptr >>> 0, len >>> 0)),
    arg_value: (h) => void args.push(calls().within(() => values.get(h))),
    arg_object: (ptr, classId) => {
      if (classId >>> 0 === NOT_AN_OBJECT) {
        refused ??= `JsRef.call: argument ${args.length + 1} is no registered object (pointer ${ptr >>> 0})`;
        args.push(undefined);
        return;
      }
      args.push(live.built().objectFor(ptr, classId));
    },
    call: (h) => {
      const callArgs = args;
      const refusal = refused;
      args = list();
      refused = null;
      const threw = calls().invoke(() => {
        if (refusal !== null) throw new TypeError(refusal);
        if (h === 0) throw new TypeError("JsRef.call: the JsRef is empty (it holds no JS value)");
        const callee = values.get(h);
        if (typeof callee !== "function") throw new TypeError(`JsRef.call: the JS value called is not a function, got ${describe(callee)}`);
        result = apply(callee, undefined, callArgs);
      });
      if (threw) result = undefined;
      return threw;
    },
    // A non-number converts as ToNumber would (valueOf may run: as part
    // of the call into JS, like toString below).
    result_f64: () => (typeof result === "number" ? result : calls().within(() => Number(result), NaN)),
    // String() may run the result's toString(): part of the call into JS,
    // so what it disposes waits for wasm to unwind.
    result_string: () => calls().within(() => writeBlock(live.exports(), live.memory(), String(result ?? ""), WeakbindError), 0),
    result_value: () => calls().within(() => values.add(result), 0),
  };
}

// The runtime's `own` for an owner not registered yet, and `arg_object`'s
// class for a pointer that is no registered object (rust/runtime abi.rs).
const OWN_PENDING = 2;
const NOT_AN_OBJECT = 0xffffffff;

// A callee that is not a function, named without reading its properties.
function describe(v) {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object") {
    try {
      return Array.isArray(v) ? "an Array" : "an object";
    } catch {
      return "a revoked Proxy"; // IsArray throws for one
    }
  }
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

// A heap block `u32 len, UTF-8 bytes` holding `text`, for wasm to free.
function writeBlock(exports, memory, text, WeakbindError) {
  const bytes = new TextEncoder().encode(text);
  const ptr = exports.weakbind_alloc(4 + bytes.length) >>> 0;
  if (!ptr) throw new WeakbindError(`out of memory: a ${bytes.length}-byte string for wasm`);
  new DataView(memory.buffer).setUint32(ptr, bytes.length, true);
  new Uint8Array(memory.buffer, ptr + 4, bytes.length).set(bytes);
  return ptr;
}

export class JsValueTable {
  // Columns by slot, and the free slots: lists (intrinsics.mjs), so no
  // index or method JS puts on Array.prototype reads or reuses a slot.
  #values = one(undefined);
  #counts = one(0);
  #generations = one(0);
  #weak = one(undefined); // WeakRef while the value lives on a wrapper
  #owners = one(0); // owning wasm object, SHARED, or 0
  #free = list();
  #live = 0;
  holdsValues = true; // wrappers are reported (noteWrapper)
  #onWrappers = 0;
  // owner pointer -> { slots: Set, wrapper: WeakRef | null }
  #holders = new Map();
  #held = new WeakMap(); // wrapper -> Map(slot -> value) it keeps alive
  #pending = new Map(); // owner pointer -> handles it is to own once adopted
  // Whether #pending may hold any: a field, so every constructor's check
  // (typed.mjs, ownPending) is one load.
  anyPending = false;
  #onAdd;
  #Error;

  // `onAdd(handle)`, if given, hears of every new handle (debug mode).
  constructor(onAdd = null, WeakbindError = Error) {
    this.#onAdd = onAdd;
    this.#Error = WeakbindError;
  }

  get live() {
    return this.#live;
  }

  // How many live values are kept alive from wrappers, not the table.
  get onWrappers() {
    return this.#onWrappers;
  }

  // A new handle owning one reference to `value`.
  //
  // The table's operations run inside calls from wasm, where a JS stack
  // overflow can interrupt them at any call they make. So each makes its
  // calls first and changes what the self-check counts by plain stores
  // last: interrupted, it leaves the table as it was or consistent. (A new
  // slot's columns are written by index, so a retry writes them again.)
  add(value) {
    const free = this.#free;
    let slot = free.length === 0 ? undefined : free[free.length - 1];
    if (slot !== undefined) free.length -= 1;
    else {
      slot = this.#values.length;
      if (slot > SLOT_MASK) throw new this.#Error("JS value table is full");
      this.#counts[slot] = 0;
      this.#generations[slot] = 0;
      this.#weak[slot] = undefined;
      this.#owners[slot] = 0;
      this.#values[slot] = undefined;
    }
    this.#values[slot] = value;
    this.#counts[slot] = 1;
    this.#live++;
    const handle = ((this.#generations[slot] << SLOT_BITS) | slot) >>> 0;
    this.#onAdd?.(handle);
    return handle;
  }

  // Whether `handle` names a live value (no error for a stale one).
  has(handle) {
    const slot = handle & SLOT_MASK;
    return slot > 0 && slot < this.#values.length && this.#counts[slot] > 0 && this.#generations[slot] === handle >>> SLOT_BITS;
  }

  get(handle) {
    const slot = this.#slot(handle, "use");
    const weak = this.#weak[slot];
    if (weak === undefined) return this.#values[slot];
    const value = weak.deref();
    if (value === undefined) {
      throw new this.#Error(`JS value handle ${handle >>> 0} outlived the wrapper that kept it alive (retain its owner in wasm)`);
    }
    return value;
  }

  incref(handle) {
    this.#counts[this.#slot(handle, "incref")]++;
  }

  decref(handle) {
    const slot = this.#slot(handle, "decref");
    if (this.#counts[slot] > 1) {
      this.#counts[slot]--;
      return;
    }
    // The last reference: the slot stays live until the stores at the end.
    this.#toTable(slot);
    const owner = this.#owners[slot];
    if (owner > 0) {
      const holder = this.#holders.get(owner);
      this.#owners[slot] = 0;
      holder?.slots.delete(slot);
      if (holder?.slots.size === 0) this.#holders.delete(owner);
    }
    this.#free[this.#free.length] = slot;
    this.#values[slot] = undefined;
    this.#generations[slot] = (this.#generations[slot] + 1) & GENERATION_MASK;
    this.#counts[slot] = 0;
    this.#live--;
  }

  // The value behind `handle` is owned by wasm object `owner`, whose
  // wrapper (if known) is `wrapper`.
  own(handle, owner, onWrapper, wrapper) {
    const slot = this.#slot(handle, "own");
    const previous = this.#owners[slot];
    if (previous === owner || previous === SHARED) return;
    if (previous !== 0) {
      this.#toTable(slot);
      this.#holders.get(previous)?.slots.delete(slot);
      this.#owners[slot] = SHARED;
      return;
    }
    this.#owners[slot] = owner;
    let holder = this.#holders.get(owner);
    if (!holder) this.#holders.set(owner, (holder = { slots: new Set(), wrapper: null }));
    if (wrapper) holder.wrapper = new WeakRef(wrapper);
    holder.slots.add(slot);
    if (onWrapper) this.#toWrapper(slot, holder);
  }

  // `handle` is to be owned by `owner`, which is not registered yet (a
  // constructor's `this`): kept until the loader adopts owner (pending).
  // Only handles are kept, so a pending entry holds no value alive.
  pend(handle, owner) {
    const handles = getOf(this.#pending, owner);
    this.anyPending = true;
    if (handles === undefined) setOf(this.#pending, owner, one(handle));
    else handles[handles.length] = handle;
  }

  // The handles still live that were to be owned by `owner`, now
  // registered; the rest is forgotten (owners never registered).
  pending(owner) {
    if (sizeOf(this.#pending) === 0) return NONE;
    const handles = getOf(this.#pending, owner);
    this.#pending = new MapClass();
    this.anyPending = false;
    const live = list();
    if (handles !== undefined) for (let k = 0; k < handles.length; k++) if (this.has(handles[k])) live[live.length] = handles[k];
    return live;
  }

  root(owner) {
    for (const slot of this.#holders.get(owner)?.slots ?? []) this.#toTable(slot);
  }

  unroot(owner) {
    const holder = this.#holders.get(owner);
    for (const slot of holder?.slots ?? []) this.#toWrapper(slot, holder);
  }

  // `owner` has a new wrapper (the previous one was collected).
  noteWrapper(owner, wrapper) {
    if (this.#holders.size === 0) return; // the common case: no object holds values
    const holder = this.#holders.get(owner);
    if (holder) holder.wrapper = new WeakRef(wrapper);
  }

  // Walks the table's invariants: null when they hold, else what broke.
  check() {
    const free = new Set();
    for (let k = 0; k < this.#free.length; k++) free.add(this.#free[k]);
    let live = 0;
    let onWrappers = 0;
    for (let slot = 1; slot < this.#values.length; slot++) {
      const count = this.#counts[slot];
      if (count < 0) return `JS value slot ${slot} has a negative count`;
      if ((count === 0) !== free.has(slot)) return `JS value slot ${slot} is ${count ? "live and free" : "neither live nor free"}`;
      if (count > 0) live++;
      if (this.#weak[slot] !== undefined) onWrappers++;
      const owner = this.#owners[slot];
      if (owner > 0 && !this.#holders.get(owner)?.slots.has(slot)) return `JS value slot ${slot} is missing from its owner's set`;
    }
    if (live !== this.#live) return `JS value table counts ${this.#live} live values, found ${live}`;
    if (onWrappers !== this.#onWrappers) return `JS value table counts ${this.#onWrappers} values on wrappers, found ${onWrappers}`;
    return null;
  }

  #toWrapper(slot, holder) {
    const wrapper = holder.wrapper?.deref();
    const value = this.#values[slot];
    const collectable = (typeof value === "object" && value !== null) || typeof value === "function";
    if (!wrapper || !collectable || this.#weak[slot] !== undefined) return;
    let held = this.#held.get(wrapper);
    if (held === undefined) this.#held.set(wrapper, (held = new Map()));
    held.set(slot, value);
    this.#weak[slot] = new WeakRef(value);
    this.#values[slot] = undefined;
    this.#onWrappers++;
  }

  #toTable(slot) {
    const weak = this.#weak[slot];
    if (weak === undefined) return;
    const value = weak.deref();
    const owner = this.#owners[slot];
    const wrapper = owner > 0 ? this.#holders.get(owner)?.wrapper?.deref() : undefined;
    const held = wrapper !== undefined ? this.#held.get(wrapper) : undefined;
    this.#values[slot] = value;
    this.#weak[slot] = undefined;
    this.#onWrappers--;
    held?.delete(slot);
  }

  #slot(handle, action) {
    const slot = handle & SLOT_MASK;
    const generation = handle >>> SLOT_BITS;
    if (slot === 0 || slot >= this.#values.length || this.#counts[slot] === 0 || this.#generations[slot] !== generation) {
      throw new this.#Error(`JS value handle ${handle >>> 0} is stale or forged (${action})`);
    }
    return slot;
  }
}
