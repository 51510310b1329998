// Identity for typed modules: the same object gets the same wrapper, as
// long as that wrapper is alive.
//
// An address is not an object: a struct's first member shares its owner's
// address, and an address freed by wasm is reused for a new object. So a
// wrapper found by address is then checked by class (a wrapper answers for
// its class and its bases, wrapper.mjs), one wrapper per class hierarchy
// at an address; and a wrapper stops being found when it stops reaching
// its object (dispose, its parent's end, or wasm freeing the memory:
// `freed`).
//
// Two tiers, neither keeping a wrapper alive:
// - Owners. The wrapper that owns its object is found through the
//   registry (`weakbind_owner`: pointer -> the owner's token) and the
//   array that holds it (`owned`): the cohort it was made in, or the scope
//   it was made in (release.mjs, scope.mjs), which hold their members as
//   their members hold them, so such an array lives exactly as long as
//   one of its wrappers does. Per registry slot, the loader keeps a
//   WeakRef of that array (one per cohort, shared by its members) and the
//   wrapper's index in it; a hit is checked by token, so an entry of an
//   ended ownership finds nothing. No WeakRef or map entry per wrapper.
// - Views. Every other wrapper (borrowed, lent to a callback, a co-owner,
//   an owner made where no array holds it) goes in a map of pointer ->
//   WeakRef (one hierarchy) or an array of WeakRefs (several). Dead
//   entries are dropped when a lookup meets them and in sweeps whose cost
//   is amortised over insertions, so the map stays within a constant
//   factor of the wrappers alive.
//
// WeakRef.deref() is costly (V8 records the target to keep it alive until
// the job ends), so hits go through a small direct-mapped cache holding
// wrappers strongly — cleared by a microtask, i.e. before the current job
// ends: it keeps nothing alive that deref() would not have kept anyway.

import { list, getOf, setOf, deleteOf, sizeOf, eachOf, Ref, deref, isArray, copyInto, Int32s, max } from "./intrinsics.mjs";

// Every lookup and every invalidation below goes through intrinsics.mjs's
// captured Map, WeakRef and Array operations, and walks lists by index: a
// replaced Map.prototype.get, WeakRef.prototype.deref or array iterator
// must not hide a wrapper from `freed` (which would leave it reaching
// freed memory) or answer a lookup with another wrapper.

const CACHE_SIZE = 256;
const REF = Symbol("weakbind.holderRef");

export class IdentityMap {
  #state; // wrapper.mjs: the class a wrapper was made as
  #owner; // weakbind_owner, or null: every wrapper is a view
  // Registry slot -> WeakRef of the array holding its owner. The registry
  // reuses freed slots before it makes new ones at its end, so the array
  // grows at its end too.
  #holderOf = list();
  #indexOf = new Int32Array(1024); // registry slot -> the owner's index there
  #map = new Map();
  #viewed = false; // whether #map ever held an entry: most modules' never does
  #sweepAt = 1024;
  #cacheKeys = new Float64Array(CACHE_SIZE);
  #cacheWrappers = new Array(CACHE_SIZE).fill(undefined);
  #cacheDirty = false;
  #clearCache = () => {
    this.#cacheKeys.fill(0);
    this.#cacheWrappers.fill(undefined);
    this.#cacheDirty = false;
  };

  #slotMask; // a token's registry slot: its low bits
  // `slotBits`: abi.mjs's TOKEN_SLOT_BITS, passed in by the core so that a
  // page loading only the core does not fetch abi.mjs as a chunk of its own.
  constructor(state, owner, slotBits) {
    this.#state = state;
    this.#owner = owner;
    this.#slotMask = (1 << slotBits) - 1;
  }

  // `wrapper` owns its object under `token`, and is the last member of
  // `holder` (an array as above), or null: no array holds it.
  owned(token, wrapper, holder, ptr, inf) {
    if (holder === null || this.#owner === null) return this.set(ptr, wrapper, inf);
    const slot = token & this.#slotMask;
    // The array's WeakRef is made once and kept on the array itself.
    const ref = (holder[REF] ??= new Ref(holder));
    if (slot >= this.#indexOf.length) {
      const grown = new Int32s(max(slot + 1, this.#indexOf.length * 2));
      copyInto(grown, this.#indexOf);
      this.#indexOf = grown;
    }
    // Stored only when it changes: a slot reused within one cohort keeps
    // its ref, and a store into an array of objects costs a write barrier.
    if (this.#holderOf[slot] !== ref) this.#holderOf[slot] = ref;
    this.#indexOf[slot] = holder.length - 1;
    // Not cached: most owners never come back from wasm, and those that
    // do are found through the registry, then cached (#lookup).
  }

  // The wrapper that owns the object at `ptr`, whatever its class.
  #ownerOf(ptr) {
    if (this.#owner === null) return undefined;
    const token = this.#owner(ptr);
    if (token < 0) return undefined;
    const slot = token & this.#slotMask;
    const ref = this.#holderOf[slot];
    const wrapper = ref === undefined ? undefined : deref(ref)?.[this.#indexOf[slot]];
    return wrapper !== undefined && this.#state.token(wrapper) === token ? wrapper : undefined;
  }

  // The live wrapper of the object of class `inf` (or derived) at `ptr`.
  // A cache hit is all a method returning an object it was given pays, so
  // that path is kept small enough to be inlined into the method.
  find(ptr, inf) {
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheKeys[i] === ptr) {
      const cached = this.#cacheWrappers[i];
      if (inf.levels[0].ptr(cached) === ptr) return cached;
    }
    return this.#lookup(ptr, inf, i);
  }

  #lookup(ptr, inf, i) {
    const own = inf.levels[0];
    const owner = this.#ownerOf(ptr);
    if (owner !== undefined && own.ptr(owner) === ptr) {
      this.#remember(i, ptr, owner);
      return owner;
    }
    const entry = getOf(this.#map, ptr);
    if (entry === undefined) return undefined;
    if (!isArray(entry)) {
      // One hierarchy at this address: the common case, without lists.
      const wrapper = deref(entry);
      if (wrapper === undefined) deleteOf(this.#map, ptr);
      else if (own.ptr(wrapper) === ptr) {
        this.#remember(i, ptr, wrapper);
        return wrapper;
      }
      return undefined;
    }
    const live = this.#live(ptr, entry);
    for (let k = 0; k < live.length; k++) {
      const wrapper = live[k];
      if (own.ptr(wrapper) !== ptr) continue;
      this.#remember(i, ptr, wrapper);
      return wrapper;
    }
    return undefined;
  }

  // `wrapper` (of class `inf`) is the one of its hierarchy at `ptr`.
  set(ptr, wrapper, inf) {
    const others = list();
    const entry = getOf(this.#map, ptr);
    if (entry !== undefined) {
      const live = this.#live(ptr, entry);
      for (let k = 0; k < live.length; k++) if (this.#state.inf(live[k])?.root !== inf.root) others.push(new Ref(live[k]));
    }
    const ref = new Ref(wrapper);
    if (others.length > 0) others.push(ref);
    setOf(this.#map, ptr, others.length === 0 ? ref : others);
    this.#viewed = true;
    // Not cached: a co-owner is set here while the owner may be found
    // through the registry, and a lookup must answer the owner first
    // whether or not the cache was cleared since (#lookup fills it).
    if (sizeOf(this.#map) >= this.#sweepAt) {
      eachOf(this.#map, (e, p) => void this.#live(p, e)); // deletes the dead
      this.#sweepAt = max(1024, sizeOf(this.#map) * 2);
    }
  }

  // `wrapper` stops reaching its object (called before its ownership ends);
  // `st`: its root class's fields (wrapper.mjs). An owner leaves the array
  // that held it, so a disposed wrapper is not kept alive by its
  // cohort-mates.
  forget(ptr, wrapper, st) {
    const token = st.token(wrapper);
    const holder = st.keeps(wrapper);
    if (token >= 0 && isArray(holder)) {
      const i = this.#indexOf[token & this.#slotMask];
      if (holder[i] === wrapper) holder[i] = undefined;
    }
    const entry = !this.#viewed || sizeOf(this.#map) === 0 ? undefined : getOf(this.#map, ptr);
    if (entry !== undefined) {
      const live = this.#live(ptr, entry);
      const rest = list();
      for (let k = 0; k < live.length; k++) if (live[k] !== wrapper) rest.push(new Ref(live[k]));
      if (rest.length === 0) deleteOf(this.#map, ptr);
      else setOf(this.#map, ptr, rest.length === 1 ? rest[0] : rest);
    }
    const i = (ptr >>> 3) & (CACHE_SIZE - 1);
    if (this.#cacheWrappers[i] === wrapper) {
      this.#cacheKeys[i] = 0;
      this.#cacheWrappers[i] = undefined;
    }
  }

  // A live wrapper of `ptr`, whatever its class.
  any(ptr) {
    const owner = this.#ownerOf(ptr);
    if (owner !== undefined && this.#state.inf(owner).levels[0].ptr(owner) === ptr) return owner;
    const entry = getOf(this.#map, ptr);
    return entry === undefined ? undefined : this.#live(ptr, entry)[0];
  }

  // Wasm freed the memory at `ptr`: no wrapper of any class reaches it now.
  freed(ptr) {
    const entry = getOf(this.#map, ptr);
    if (entry === undefined) return;
    const live = this.#live(ptr, entry);
    for (let k = 0; k < live.length; k++) this.#state.inf(live[k]).invalidate(live[k], "its object was destroyed by wasm");
    deleteOf(this.#map, ptr);
  }

  // The wrappers of `entry` that still reach `ptr`.
  #live(ptr, entry) {
    const out = list();
    const one = !isArray(entry);
    const n = one ? 1 : entry.length;
    for (let k = 0; k < n; k++) {
      const w = deref(one ? entry : entry[k]);
      if (w !== undefined && this.#state.inf(w).levels[0].ptr(w) === ptr) out.push(w);
    }
    if (out.length === 0) deleteOf(this.#map, ptr);
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
