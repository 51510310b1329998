// Identity for typed modules: the same pointer gets the same wrapper, as
// long as that wrapper is alive.

// Pointer -> wrapper, without keeping wrappers alive. Dead entries are
// dropped when a lookup meets them and in sweeps whose cost is amortised
// over insertions, so the map stays within a constant factor of the
// wrappers alive.
//
// WeakRef.deref() is costly (V8 records the target to keep it alive until
// the job ends), so hits go through a small direct-mapped cache holding
// wrappers strongly — cleared by a microtask, i.e. before the current job
// ends: it keeps nothing alive that deref() would not have kept anyway.
const CACHE_SIZE = 256;

export class IdentityMap {
  #gone; // the key under which an invalidated wrapper says why (errors.mjs)
  #map = new Map();
  #sweepAt = 1024;
  #cacheKeys = new Int32Array(CACHE_SIZE);
  #cacheWrappers = new Array(CACHE_SIZE).fill(undefined);
  #cacheDirty = false;
  #clearCache = () => {
    this.#cacheKeys.fill(0);
    this.#cacheWrappers.fill(undefined);
    this.#cacheDirty = false;
  };

  constructor(gone) {
    this.#gone = gone;
  }

  find(ptr, inf) {
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheKeys[i] === ptr) {
      const cached = this.#cacheWrappers[i];
      if (cached[inf.key] > 0) return cached;
    }
    const ref = this.#map.get(ptr);
    if (ref === undefined) return undefined;
    const wrapper = ref.deref();
    if (wrapper === undefined) {
      this.#map.delete(ptr);
      return undefined;
    }
    // Same object only if the wrapper is alive and of this class (or derived).
    if (!(wrapper[inf.key] > 0)) return undefined;
    this.#remember(i, ptr, wrapper);
    return wrapper;
  }

  set(ptr, wrapper) {
    this.#map.set(ptr, new WeakRef(wrapper));
    this.#remember((ptr >>> 3) & (CACHE_SIZE - 1), ptr, wrapper);
    if (this.#map.size >= this.#sweepAt) {
      for (const [p, ref] of this.#map) if (ref.deref() === undefined) this.#map.delete(p);
      this.#sweepAt = Math.max(1024, this.#map.size * 2);
    }
  }

  forget(ptr, wrapper) {
    if (this.#map.get(ptr)?.deref() === wrapper) this.#map.delete(ptr);
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheWrappers[i] === wrapper) {
      this.#cacheKeys[i] = 0;
      this.#cacheWrappers[i] = undefined;
    }
  }

  // The live wrapper of `ptr`, whatever its class.
  any(ptr) {
    const wrapper = this.#map.get(ptr)?.deref();
    return wrapper?.[this.#gone] === undefined ? wrapper : undefined;
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
