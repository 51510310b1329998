// The seed's release strategy (`load(…, { release: "sweep" })`), imported
// only when asked for. Like finalization (release.mjs) it holds tokens, not
// wrappers, and `release(token)` is safe late or twice.

// The seed's loop: hold a WeakRef per wrapper and release the ones that have
// gone. Made incremental and generational: new wrappers (most die young) are
// checked on the next tick; survivors move to an old list that is checked a
// slice per tick, so no tick rescans every live object.
//
// Its lists are lists (intrinsics.mjs) and its refs are read with the
// captured deref: a replaced WeakRef.prototype.deref or an index JS put on
// Array.prototype must never make a live wrapper's object look collected.

import { list, Ref, deref, max, ceil } from "./intrinsics.mjs";

const lists = () => ({ refs: list(), tokens: list() });

export class SweepRelease {
  name = "sweep";
  #release;
  #interval;
  #young = lists();
  #old = lists();
  #cursor = 0;
  #timer = null;
  #swept;

  // `swept()` runs after each tick.
  constructor(release, { interval = 100, oldSlices = 8 } = {}, swept = () => {}) {
    this.#release = release;
    this.#swept = swept;
    this.#interval = interval;
    this.oldSlices = oldSlices;
  }

  track(wrapper, token) {
    this.#young.refs.push(new Ref(wrapper));
    this.#young.tokens.push(token);
    if (this.#timer === null) this.#schedule();
    return null; // a WeakRef keeps nothing alive
  }


  get pending() {
    return this.#young.refs.length + this.#old.refs.length;
  }

  // One tick: the young list whole, then one slice of the old list.
  tick() {
    const young = this.#young;
    this.#young = lists();
    for (let i = 0; i < young.refs.length; i++) {
      if (deref(young.refs[i]) === undefined) this.#release(young.tokens[i]);
      else {
        this.#old.refs.push(young.refs[i]);
        this.#old.tokens.push(young.tokens[i]);
      }
    }
    const old = this.#old;
    const slice = max(1024, ceil(old.refs.length / this.oldSlices));
    for (let n = 0; n < slice && old.refs.length > 0; n++) {
      if (this.#cursor >= old.refs.length) this.#cursor = 0;
      const i = this.#cursor;
      if (deref(old.refs[i]) === undefined) {
        const token = old.tokens[i];
        swapRemove(old.refs, i);
        swapRemove(old.tokens, i);
        this.#release(token);
      } else {
        this.#cursor++;
      }
    }
    this.#swept();
  }

  // Checks everything now (for tests and explicit requests).
  flush() {
    const rounds = this.oldSlices + 1;
    for (let i = 0; i < rounds; i++) this.tick();
  }

  #schedule() {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.tick();
      if (this.pending > 0) this.#schedule();
    }, this.#interval);
    // Never keep a Node process alive just to sweep.
    this.#timer?.unref?.();
  }
}

function swapRemove(array, i) {
  array[i] = array[array.length - 1];
  array.length -= 1;
}
