// JS values held by wasm: a table of counted slots. Wasm code names a value
// by an integer handle and drops its reference through the `decref` import
// (the seed's `tell_js_to_decref`).
//
// A handle is `generation << SLOT_BITS | slot`. Freeing a slot bumps its
// generation, so a handle kept after its slot was freed and reused never
// resolves to somebody else's value; handle 0 is never issued (null).

import { WeakbindError } from "./errors.mjs";

const SLOT_BITS = 22;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
const GENERATION_MASK = (1 << (32 - SLOT_BITS)) - 1;

export class JsValueTable {
  #values = [undefined];
  #counts = [0];
  #generations = [0];
  #free = [];
  #live = 0;

  get live() {
    return this.#live;
  }

  // A new handle owning one reference to `value`.
  add(value) {
    let slot = this.#free.pop();
    if (slot === undefined) {
      slot = this.#values.length;
      if (slot > SLOT_MASK) throw new WeakbindError("JS value table is full");
      this.#values.push(undefined);
      this.#counts.push(0);
      this.#generations.push(0);
    }
    this.#values[slot] = value;
    this.#counts[slot] = 1;
    this.#live++;
    return ((this.#generations[slot] << SLOT_BITS) | slot) >>> 0;
  }

  get(handle) {
    return this.#values[this.#slot(handle, "use")];
  }

  incref(handle) {
    this.#counts[this.#slot(handle, "incref")]++;
  }

  decref(handle) {
    const slot = this.#slot(handle, "decref");
    if (--this.#counts[slot] > 0) return;
    this.#values[slot] = undefined;
    this.#generations[slot] = (this.#generations[slot] + 1) & GENERATION_MASK;
    this.#free.push(slot);
    this.#live--;
  }

  #slot(handle, action) {
    const slot = handle & SLOT_MASK;
    const generation = handle >>> SLOT_BITS;
    if (slot === 0 || slot >= this.#values.length || this.#counts[slot] === 0 || this.#generations[slot] !== generation) {
      throw new WeakbindError(`JS value handle ${handle >>> 0} is stale or forged (${action})`);
    }
    return slot;
  }
}
