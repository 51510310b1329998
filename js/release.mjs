// How a wrapper's wasm object gets freed once JS lets go of the wrapper.
// Both strategies hold only the wrapper's token (a number), never the
// wrapper, and `release(token)` is safe to call late or twice: the runtime
// ignores a token whose ownership already ended (dispose, or a reused
// address). That is why no unregister token is needed.

import { TOKEN_SLOT_BITS } from "./abi.mjs";
import { list, Float64s, copyInto, fill, max, min } from "./intrinsics-core.mjs";

const SLOT_MASK = (1 << TOKEN_SLOT_BITS) - 1; // a token's registry slot

// The default: the collector tells us, once per cohort.
//
// Registering every wrapper costs more than everything else a wrapper does:
// V8 keeps a registration's target through every minor collection, so each
// wrapper is promoted to the old generation and waits for a full one
// (make bench-churn-parts measures it). Instead the wrappers made in one job, up to
// `size` of them, share a cohort: each holds the cohort strongly, and only
// the cohort is registered, holding the members' tokens. The cohort is
// reachable while any member is, so its finalizer runs only once every
// member is gone: releasing all of their tokens then is safe, and a token
// already ended (dispose) is ignored by the runtime. Members die young.
//
// The price is retention: one long-lived member keeps its cohort-mates'
// wasm memory until it goes. So a cohort is bounded by memory as well as
// by count: it closes once the heap's bytes in use grew by `budget` since
// it opened (read from wasm memory, no call), so a survivor pins at most
// `budget` plus its last cohort-mate's size of other objects, however big
// the objects are. And the size adapts. A canary registration
// marks each full collection; cohorts still alive once three canaries
// have run after they opened count as pinned (`#collected` says why
// three), and when more than
// 1/16 of the cohorts judged are pinned the size halves, down to 1 (one
// registration per wrapper, no cohort); when under 1/64 are it doubles
// again, up to `maxSize`. So the size settles where few cohorts hold a
// survivor, and a program that keeps one object in k ends with cohorts of
// about k/16 or fewer.
const CANARY = Symbol("weakbind.canary"); // held by the full-collection marker
const REPROBE_AFTER = 8; // full collections at size 1 before cohorts are tried again
const PINNED_ABOVE = 1 / 16;
const LOOSE_BELOW = 1 / 64;
const MIN_SAMPLE = 16; // cohorts to judge at once
const RESOLVED = Promise.resolve();

// The tokens are a Float64Array, not a plain array: its backing store is
// outside the JS heap and counts as external memory, which makes V8
// collect sooner and so bounds the linear memory dropped objects hold
// (make bench, `memory`).
// (Fields, defined on the object: an assignment to a property it lacked
// would run a setter JS put on Object.prototype.)
class Cohort {
  tokens;
  count = 0;
  epoch;
  constructor(size, epoch) {
    this.tokens = new Float64s(size);
    this.epoch = epoch;
  }
}

export class FinalizationRelease {
  name = "finalization";
  #registry;
  #release;
  #target = null; // the open cohort's registered object, or null
  #open = null; // its Cohort (the held value)
  #close = () => {
    this.#target = null;
  };
  #epoch = 0; // full collections seen through the canary
  #opened = new Map(); // epoch → [cohorts opened, cohorts since finalized]
  #idle = 0; // full collections without cohorts to judge, at size 1
  #afterCollection;

  // Registry slot -> the token of the wrapper JS disposed there last: a
  // collected cohort skips those, so a disposed wrapper costs no second
  // call into wasm (its token is stale by then; the runtime would refuse it).
  #ended = new Float64Array(1024).fill(-1);

  #inUse; // () -> the heap's bytes in use, or null
  #budget;
  #openedAt = 0; // bytes in use when the open cohort opened

  // `collected()` runs after each full collection the canary sees;
  // `inUse()` reads the heap's bytes in use, `cohortBytes` the budget.
  constructor(release, { cohortSize = 256, cohortBytes = 1 << 20, collected = () => {}, inUse = null } = {}) {
    if (!Number.isInteger(cohortSize) || cohortSize < 1) {
      throw new TypeError(`load(): cohortSize must be a positive integer, got ${cohortSize}`);
    }
    if (!Number.isInteger(cohortBytes) || cohortBytes < 0) {
      throw new TypeError(`load(): cohortBytes must be a non-negative integer, got ${cohortBytes}`);
    }
    this.#inUse = inUse;
    this.#budget = cohortBytes;
    this.#release = release;
    this.maxSize = cohortSize;
    this.size = this.maxSize;
    this.#afterCollection = collected;
    this.#registry = new FinalizationRegistry((held) => this.#finalized(held));
    this.#registry.register({}, CANARY);
  }

  // Returns the cohort's registered object, which the wrapper must keep
  // alive (and drops once disposed, so it keeps no cohort-mate's memory).
  // It is an array: a `member` is pushed onto it, so that it can be found
  // again through its cohort (identity.mjs) with no weak reference of its
  // own. The cohort's members and the array hold each other, so it adds
  // nothing to what stays alive.
  track(wrapper, token, member = false) {
    if (this.size === 1) {
      this.#registry.register(wrapper, token);
      return null;
    }
    if (this.#target === null) this.#begin();
    const cohort = this.#open;
    const target = this.#target;
    if (member) target[target.length] = wrapper; // (a list: the write defines an element)
    cohort.tokens[cohort.count++] = token;
    if (cohort.count === cohort.tokens.length || (this.#inUse !== null && this.#inUse() - this.#openedAt > this.#budget)) this.#target = null;
    return target;
  }

  get pending() {
    return 0; // unknowable: V8 does not say how many targets await callbacks
  }

  // JS disposed the wrapper owning `token`. The open cohort's last token
  // leaves it: an object disposed right after it was made (a loop that
  // creates, uses and disposes) is never in a cohort, so the open one
  // does not fill and no new cohort is made or registered for it
  // (make bench, `typed_release`). A member left its array's last place
  // as it stopped reaching its object (identity.mjs, forget).
  ended(token) {
    const cohort = this.#open;
    if (this.#target !== null && cohort.count > 0 && cohort.tokens[cohort.count - 1] === token) {
      cohort.count--;
      return;
    }
    const slot = token & SLOT_MASK;
    if (slot >= this.#ended.length) {
      const grown = new Float64s(max(slot + 1, 2 * this.#ended.length));
      fill(grown, -1);
      copyInto(grown, this.#ended);
      this.#ended = grown;
    }
    this.#ended[slot] = token;
  }

  flush() {}

  #begin() {
    // A list (intrinsics-core.mjs): a member pushed defines an element, whatever
    // Array.prototype holds at its index.
    this.#target = list();
    if (this.#inUse !== null) this.#openedAt = this.#inUse();
    this.#open = new Cohort(this.size, this.#epoch);
    this.#registry.register(this.#target, this.#open);
    const counts = this.#opened.get(this.#epoch);
    if (counts) counts[0]++;
    else this.#opened.set(this.#epoch, [1, 0]);
    // A cohort never spans jobs: unrelated work does not share its fate.
    // (A resolved promise's then(), not queueMicrotask(), which node wraps
    // in an async-hooks scope that costs churn time: make bench, `churn`.)
    RESOLVED.then(this.#close);
  }

  #finalized(held) {
    if (typeof held === "number") return this.#release(held);
    if (held === CANARY) return this.#collected();
    const counts = this.#opened.get(held.epoch);
    if (counts) counts[1]++;
    const { tokens, count } = held;
    const ended = this.#ended;
    for (let i = 0; i < count; i++) {
      const token = tokens[i];
      if (ended[token & SLOT_MASK] !== token) this.#release(token);
    }
  }

  // A full collection happened: judge the cohorts opened three or more
  // canaries ago, once there are enough of them to judge. A cohort dead by
  // the first full collection after it opened may still see two more
  // canaries run first: its epoch can be one behind (a collection already
  // happened whose callbacks wait for the running job to end), and the
  // callbacks of one collection may run the canary's before the cohorts'.
  // Judged any sooner, cohorts whose members all die young count as
  // pinned, and plain churn falls to one registration per wrapper
  // (tests/node/cohorts.test.mjs).
  #collected() {
    this.#epoch++;
    this.#registry.register({}, CANARY);
    this.#afterCollection();
    const judged = this.#epoch - 3;
    let opened = 0;
    let finalized = 0;
    for (const [epoch, counts] of this.#opened) {
      if (epoch > judged) continue;
      opened += counts[0];
      finalized += counts[1];
    }
    if (opened < MIN_SAMPLE) {
      if (opened === 0 && this.size === 1 && ++this.#idle >= REPROBE_AFTER) {
        this.size = min(2, this.maxSize); // cohortSize: 1 stays 1
        this.#idle = 0;
      }
      return;
    }
    for (const epoch of this.#opened.keys()) if (epoch <= judged) this.#opened.delete(epoch);
    const pinned = (opened - finalized) / opened;
    if (pinned > PINNED_ABOVE) this.size = max(1, this.size >> 1);
    else if (pinned < LOOSE_BELOW) this.size = min(this.maxSize, this.size * 2);
  }
}
