// State shared by every call between JS and wasm, for what must happen
// around calls rather than in them:
// - wasm calling JS (the `call` import, js-values.mjs): an exception the
//   JS callee threw, rethrown to the JS caller of the outermost method once
//   that returns;
// - re-entrancy: a dispose() while wasm frames are on the stack (from a
//   callback) is deferred until the outermost call returns, so no object is
//   freed under a running method;
// - traps: an exception unwinding wasm leaves the shadow stack pointer where
//   the dead frames had it; it is put back. Typed methods catch the trap
//   and put it back at once. The seed's convention methods do not: a
//   JS-to-wasm call made inside a try block is not inlined into the
//   caller, which costs a call that does little else (make bench, `call`,
//   measures it). They mark the call
//   `open` instead, and an open mark found later means the call never
//   returned: `recover()` does then what the catch would have done, before
//   the next call and before anything that reports state (stats, check).

import { list } from "./intrinsics-core.mjs";

const NONE = Symbol("weakbind.none");

export class Calls {
  depth = 0; // wasm -> JS calls in progress
  flags = 0; // nonzero when settle() has work: one check after each call
  open = 0; // a convention method's call is in progress, or trapped (above)
  #pending = NONE;
  #pendingDepth = 0; // the depth of the JS call that threw it
  // Lists (intrinsics-core.mjs), written by index and walked by index: a
  // patched Array.prototype.push or array iterator must not drop a
  // deferred release (a leak) or a held result (freed under C++).
  #deferred = list();
  #kept = list(); // objects JS returned to C++, held until the outermost call returns
  #release;
  #runDeferred; // the runtime's weakbind_run_deferred export, if any
  #runtimeDeferred = false; // it has destructors queued
  #explain; // a trap with a better account (a Rust panic's message) -> that
  #stack; // the module's __stack_pointer global, if exported
  #stackTop = 0;
  #innerTop = 0; // the stack pointer when wasm called the JS running now

  constructor(release, stackPointer, runDeferred, explain) {
    this.#release = release;
    this.#stack = stackPointer ?? null;
    this.#runDeferred = runDeferred ?? null;
    this.#explain = explain ?? ((e) => e);
  }

  // The `deferred` import: the runtime queued a destructor because a call
  // into JS was in progress; run it once wasm has unwound.
  runtimeDeferred() {
    this.#runtimeDeferred = true;
    this.flags = 1;
  }

  // After _initialize: the stack pointer every outermost call starts with.
  markStackTop() {
    if (this.#stack) this.#stackTop = this.#stack.value;
  }

  // Before a convention call: finish one that trapped, then mark this one
  // open (the caller clears `open` once wasm returns).
  enter() {
    this.settleTrapped();
    this.open = 1;
  }

  // After a convention call returned: what waited for it.
  leave() {
    this.open = 0;
    if (this.flags !== 0) this.settle();
  }

  // What reports or changes state first finishes a convention call that
  // trapped, so it sees the state after it.
  settleTrapped() {
    if (this.open !== 0) this.recover();
  }

  // Before a report (stats, check): also a refusal an import recorded
  // during a call made outside the loader (an export called through
  // m.exports) is thrown here.
  beforeReport() {
    this.settleTrapped();
    if (this.flags !== 0 && this.depth === 0) this.settle();
  }

  // A convention method's call at this depth trapped: put back the stack
  // pointer (outermost calls only: inside a JS callback, the wasm frames
  // below restore it as they return) and run what waited for the stack to
  // unwind. A JS callee's exception recorded during that call is dropped:
  // the trap already reached the caller in its place.
  recover() {
    this.open = 0;
    if (this.#stack) this.#stack.value = this.depth === 0 ? this.#stackTop : this.#innerTop;
    if (this.depth !== 0) return;
    this.#pending = NONE;
    this.settle();
  }

  // Releases a wrapper's ownership now, or when the stack has unwound. A
  // destructor that traps unwinds wasm like any call, so it is one.
  // An exception a JS callee threw from inside the destructor reaches the
  // caller of release (dispose), not some later, unrelated call.
  release(token) {
    this.settleTrapped();
    if (this.depth === 0) {
      let destroyed;
      try {
        destroyed = this.#release(token);
      } catch (e) {
        throw this.unwound(e);
      }
      if (this.flags !== 0) this.settle();
      return destroyed;
    }
    this.#deferred[this.#deferred.length] = token;
    this.flags = 1;
  }

  // An object a JS callee returned to C++ (a borrowed pointer): its
  // wrapper is held until the outermost call returns, so no collection
  // frees it under C++; a dispose() meanwhile waits as every one does.
  keep(wrapper) {
    this.#kept[this.#kept.length] = wrapper;
    this.flags = 1;
  }

  // After a method returned normally.
  settle() {
    if (this.depth !== 0) {
      // A method called from a callback: its own callee's exception is its
      // caller's to see (the callback's), not the outermost method's.
      // Releases still wait for the stack to unwind.
      if (this.#pending !== NONE && this.#pendingDepth > this.depth) throw this.#takePending();
      return;
    }
    this.flags = 0;
    this.#kept = list();
    // Every deferred release runs, even after one failed (a destructor
    // that trapped); the first failure is thrown once all have run.
    let failure = NONE;
    while (this.#deferred.length > 0 || this.#runtimeDeferred) {
      const deferred = this.#deferred;
      this.#deferred = list();
      for (let k = 0; k < deferred.length; k++) {
        const token = deferred[k];
        try {
          this.#release(token);
        } catch (e) {
          if (failure === NONE) failure = this.#explain(e);
          if (this.#stack) this.#stack.value = this.#stackTop;
        }
      }
      if (this.#runtimeDeferred) {
        this.#runtimeDeferred = false;
        try {
          this.#runDeferred?.();
        } catch (e) {
          if (failure === NONE) failure = this.#explain(e);
          if (this.#stack) this.#stack.value = this.#stackTop;
          this.#runtimeDeferred = true; // the rest of the runtime's queue
        }
      }
    }
    this.flags = 0;
    const pending = this.#pending;
    this.#pending = NONE;
    if (pending !== NONE) throw pending;
    if (failure !== NONE) throw failure;
  }

  // An exception left wasm during `label` (the member called, for the
  // error's words); returns what to rethrow.
  unwound(error, label) {
    error = this.#explain(error, label);
    if (this.depth !== 0) {
      // Caught inside a JS callback: the frames that trapped are gone, the
      // ones below it are not; the pointer goes back to where they left it.
      if (this.#stack) this.#stack.value = this.#innerTop;
      return this.#pending !== NONE && this.#pendingDepth > this.depth ? this.#takePending() : error;
    }
    if (this.#stack) this.#stack.value = this.#stackTop;
    try {
      this.settle();
    } catch (pending) {
      return pending; // the JS callee's exception is the cause
    }
    return error;
  }

  // The `call` import runs the JS callee in `call()`. It never throws: the
  // runtime counts calls in progress and must see each one return. 0 when
  // the callee returned, 1 when it threw.
  invoke(call) {
    const stackPointer = this.#stack?.value ?? 0;
    const open = this.open; // the method that called out is still running
    const innerTop = this.#innerTop;
    this.#innerTop = stackPointer;
    this.open = 0;
    this.depth++;
    try {
      call();
      return 0;
    } catch (e) {
      if (this.#pending === NONE) {
        this.#pending = this.#explain(e);
        this.#pendingDepth = this.depth;
      }
      this.flags = 1;
      return 1;
    } finally {
      if (this.#stack) this.#stack.value = stackPointer;
      this.depth--;
      this.open = open;
      this.#innerTop = innerTop;
    }
  }

  #takePending() {
    const pending = this.#pending;
    this.#pending = NONE;
    return pending;
  }

  // Runs `fn`, which may run user code (a callback's result converted),
  // as part of the call into JS wasm is making: releases wait for wasm to
  // unwind. Never throws; returns fn's result, or `fallback` if it threw
  // (the exception then reaches the outermost caller, as a callee's does).
  within(fn, fallback) {
    let out = fallback;
    this.invoke(() => {
      out = fn();
    });
    return out;
  }
}
