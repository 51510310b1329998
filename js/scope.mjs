// Deterministic release for hot synchronous code. Inside `m.scope(fn)`,
// every object JS comes to own is recorded instead of being registered with
// the collector, and disposed when `fn` returns (or throws) — unless
// `m.keep(obj)` handed it to the collector. No FinalizationRegistry or
// WeakRef work at all for scoped objects, and their memory is reused at
// once: the raw manual floor, without manual frees.

import { list } from "./intrinsics-core.mjs";

export class Scopes {
  // One list (intrinsics-core.mjs) of wrappers per open scope, innermost last:
  // no index or iterator JS puts on Array.prototype sees or drops one.
  #open = list();
  #kept = new WeakSet();
  #anyKept = false; // until keep() is first called, no lookup per object
  #register;

  // `register(wrapper)`: hand a wrapper to the release strategy.
  constructor(register) {
    this.#register = register;
  }

  // Records a new owned wrapper in the innermost scope, and returns the
  // scope's array (it is the array's last member: identity.mjs finds it
  // there), or null if no scope is open. Only the wrapper: its token is
  // read back if it is kept, and a scope of thousands of objects holds
  // half as much through the scavenges it lives across (make
  // bench-churn-parts, `scoped`).
  record(wrapper) {
    const open = this.#open;
    if (open.length === 0) return null;
    const scope = open[open.length - 1];
    scope[scope.length] = wrapper; // (a list: the write defines an element)
    return scope;
  }

  run(fn) {
    const scope = list();
    this.#open.push(scope);
    let result;
    let failure = null;
    try {
      result = fn();
      if (typeof result?.then === "function") {
        failure = new TypeError("scope(): the function returned a promise; scopes end synchronously (use dispose() or `using` across awaits)");
      }
    } catch (e) {
      failure = e;
    } finally {
      this.#open.length -= 1;
    }
    for (let k = 0; k < scope.length; k++) {
      const wrapper = scope[k];
      // A typed member disposed inside the scope left its place
      // (identity.mjs, forget): undefined.
      if (wrapper === undefined) continue;
      try {
        if (this.#anyKept && this.#kept.has(wrapper)) this.#register(wrapper);
        else wrapper.dispose();
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure) throw failure;
    return result;
  }

  // Lets `wrapper` outlive its scope, freed by the collector as usual.
  keep(wrapper) {
    this.#kept.add(wrapper);
    this.#anyKept = true;
    return wrapper;
  }
}
