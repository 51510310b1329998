// Identity for typed modules: the same object gets the same wrapper, as
// long as that wrapper is alive.
//
// An address is not an object: a struct's first member shares its owner's
// address, and an address freed by wasm is reused for a new object. So an
// entry is found by address and then checked by class (a wrapper answers
// for its class and its bases, wrapper.mjs), one wrapper per class
// hierarchy at an address; and a wrapper leaves the map when it stops
// reaching its object (dispose, its parent's end, or wasm freeing the
// memory: `freed`).
//
// Pointer -> WeakRef (one hierarchy) or an array of WeakRefs (several),
// without keeping wrappers alive. Dead entries are dropped when a lookup
// meets them and in sweeps whose cost is amortised over insertions, so
// the map stays within a constant factor of the wrappers alive.
//
// WeakRef.deref() is costly (V8 records the target to keep it alive until
// the job ends), so hits go through a small direct-mapped cache holding
// wrappers strongly — cleared by a microtask, i.e. before the current job
// ends: it keeps nothing alive that deref() would not have kept anyway.
const CACHE_SIZE = 256;

export class IdentityMap {
  #state; // wrapper.mjs: the class a wrapper was made as
  #map = new Map();
  #sweepAt = 1024;
  #cacheKeys = new Float64Array(CACHE_SIZE);
  #cacheWrappers = new Array(CACHE_SIZE).fill(undefined);
  #cacheDirty = false;
  #clearCache = () => {
    this.#cacheKeys.fill(0);
    this.#cacheWrappers.fill(undefined);
    this.#cacheDirty = false;
  };

  constructor(state) {
    this.#state = state;
  }

  // The live wrapper of the object of class `inf` (or derived) at `ptr`.
  find(ptr, inf) {
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    const own = inf.levels[0];
    if (this.#cacheKeys[i] === ptr) {
      const cached = this.#cacheWrappers[i];
      if (own.ptr(cached) === ptr) return cached;
    }
    const entry = this.#map.get(ptr);
    if (entry === undefined) return undefined;
    if (entry instanceof WeakRef) {
      // One hierarchy at this address: the common case, without arrays.
      const wrapper = entry.deref();
      if (wrapper === undefined) this.#map.delete(ptr);
      else if (own.ptr(wrapper) === ptr) {
        this.#remember(i, ptr, wrapper);
        return wrapper;
      }
      return undefined;
    }
    for (const wrapper of this.#live(ptr, entry)) {
      if (own.ptr(wrapper) !== ptr) continue;
      this.#remember(i, ptr, wrapper);
      return wrapper;
    }
    return undefined;
  }

  // `wrapper` (of class `inf`) is the one of its hierarchy at `ptr`.
  set(ptr, wrapper, inf) {
    const others = [];
    const entry = this.#map.get(ptr);
    if (entry !== undefined) {
      for (const w of this.#live(ptr, entry)) if (this.#state.inf(w)?.root !== inf.root) others.push(new WeakRef(w));
    }
    const ref = new WeakRef(wrapper);
    this.#map.set(ptr, others.length === 0 ? ref : [...others, ref]);
    this.#remember((ptr >>> 3) & (CACHE_SIZE - 1), ptr, wrapper);
    if (this.#map.size >= this.#sweepAt) {
      for (const [p, e] of this.#map) if (this.#live(p, e).length === 0) this.#map.delete(p);
      this.#sweepAt = Math.max(1024, this.#map.size * 2);
    }
  }

  forget(ptr, wrapper) {
    const entry = this.#map.get(ptr);
    if (entry !== undefined) {
      const rest = this.#live(ptr, entry).filter((w) => w !== wrapper);
      if (rest.length === 0) this.#map.delete(ptr);
      else this.#map.set(ptr, rest.length === 1 ? new WeakRef(rest[0]) : rest.map((w) => new WeakRef(w)));
    }
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheWrappers[i] === wrapper) {
      this.#cacheKeys[i] = 0;
      this.#cacheWrappers[i] = undefined;
    }
  }

  // A live wrapper of `ptr`, whatever its class.
  any(ptr) {
    const entry = this.#map.get(ptr);
    return entry === undefined ? undefined : this.#live(ptr, entry)[0];
  }

  // Wasm freed the memory at `ptr`: no wrapper of any class reaches it now.
  freed(ptr) {
    const entry = this.#map.get(ptr);
    if (entry === undefined) return;
    for (const wrapper of this.#live(ptr, entry)) this.#state.inf(wrapper).invalidate(wrapper, "its object was destroyed by wasm");
    this.#map.delete(ptr);
  }

  // The wrappers of `entry` that still reach `ptr`.
  #live(ptr, entry) {
    const refs = entry instanceof WeakRef ? [entry] : entry;
    const out = [];
    for (const ref of refs) {
      const w = ref.deref();
      if (w !== undefined && this.#state.inf(w).levels[0].ptr(w) === ptr) out.push(w);
    }
    if (out.length === 0) this.#map.delete(ptr);
    return out;
  }

  #remember(i, ptr, wrapper) {
    this.#cacheKeys[i] = ptr;
    this.#cacheWrappers[i] = wrapper;
    if (!this.#cacheDirty) {
      this.#cacheDirty = true;
      queueMicrotask(this.#clearCache);
    }
  }
}
