// Calls through typed bindings: arguments type-checked and converted (strings,
// bytes, numeric arrays and values through heap blocks, JS values as handles), the result converted
// (types.mjs); constructors chosen by the number of arguments (overloads.mjs).

import { simpleParam, stringParam, blockParam, resultConverter, arenaArrayParam, arrayLength, isNumericArray } from "./types.mjs";
import { fixedInvoker } from "./fixed-calls.mjs";
import { callbackParam } from "./callbacks.mjs";
import { valueParam, flatValueParam } from "./values.mjs";
import { optionalParam } from "./optional.mjs";
import { listParam } from "./lists.mjs";
import { mapParam } from "./maps.mjs";
import { apply, list } from "./intrinsics.mjs";
import { byCount } from "./overloads.mjs";

const RAW = { kind: "raw" }; // a constructor's pointer, as it is
// The types whose arguments are read in a phase of their own (values.mjs).
const STAGED = new Map([
  ["value", valueParam],
  ["optional", optionalParam],
  ["list", listParam],
  ["map", mapParam],
]);

// `ctx`: the converters' context (typed.mjs).
export function invokers(ctx) {
  const calls = ctx.calls;

  // A JS function calling wasm export `fn`: converts arguments, calls,
  // converts the result. `self` (null for statics and constructors) turns
  // the receiver into its pointer. A constructor's (`constructs`) returns
  // the new object's pointer, unsigned, and leaves what waits for the call
  // (a JS callee's exception, deferred releases) to run once its wrapper
  // owns the object (wrapper.mjs).
  // `hidden`: how many leading parameters the caller fills itself (an
  // extending constructor's dispatcher and mask); errors count JS's
  // arguments only.
  function invoker(fn, params, result, label, self, constructs = false, hidden = 0) {
    const at = (i) => `${label}: argument ${i + 1 - hidden}`;
    const res = constructs ? null : (resultConverter(result, ctx, () => label) ?? ((r) => r));
    const simple = params.map((p) => (p.kind === "js" ? null : simpleParam(p, ctx, at)));

    if (constructs && simple.every(Boolean) && params.length <= 3) return oneValueConstructor(fn, calls, simple, label);
    if (!constructs && simple.every(Boolean) && params.length <= 3) {
      return oneValueInvoker(fn, calls, self ?? null, simple, res, label, self ? -1 : params.findIndex((p) => p.kind === "object"));
    }
    // (pointer, length) pairs: strings and numeric arrays.
    const strings = params.map((p) => p.kind === "string" || isNumericArray(p));
    const flat = params.map((p) => (p.kind === "value" && params.length <= 3 ? flatValueParam(p, ctx, at) : null));
    if (params.length <= 3 && params.every((p, i) => strings[i] || flat[i] || (p.kind !== "js" && simple[i]))) {
      const pair = (p) => (p.kind === "string" ? stringParam(ctx, at) : arenaArrayParam(p, ctx, at));
      const conv = params.map((p, i) => (strings[i] ? pair(p) : flat[i] ? flat[i].write : simple[i]));
      const staged = flat.map((f) => f?.read ?? null);
      const lengths = params.map((p) => (isNumericArray(p) ? arrayLength(p) : null));
      const parentArg = params.findIndex((p) => p.kind === "object");
      return fixedInvoker({ fn, calls, arena: ctx.arena, self: self ?? null, conv, strings, staged, lengths, res, label, constructs, parentArg, finish });
    }

    // The general path: strings and bytes copied into blocks freed after the
    // call; JS values handed over only if the call happens.
    // Value, optional and list arguments are read (user code: getters,
    // Proxies) before any other argument is converted (values.mjs).
    const staged = params.map((p) => STAGED.get(p.kind)?.(p, ctx, at) ?? null);
    const stagedAt = staged.flatMap((v, i) => (v ? [i] : []));
    const convert = params.map((p, i) => {
      if (staged[i]) return staged[i].write;
      if (p.kind === "string" || p.kind === "bytes" || p.kind.endsWith("[]")) return blockParam(p, ctx, at);
      if (p.kind === "js") {
        // A `fn:` word: the function C++ gets checks what it returns.
        const callback = p.fn === undefined ? null : callbackParam(p.fn, at, ctx);
        return (a, j, wire, _blocks, handles) => {
          const handle = ctx.values.add(callback === null ? a : callback(a, j));
          handles.push(handle);
          wire.push(handle);
        };
      }
      const one = simple[i];
      return (a, j, wire) => wire.push(one(a, j));
    });
    // A numeric array's or bytes' length, read once every argument is staged and
    // before any is written: an earlier argument's block may grow memory
    // and detach an array viewing it, which its converter then refuses.
    const lengths = params.map((p) => (isNumericArray(p) || p.kind === "bytes" ? arrayLength(p) : null));
    const measured = lengths.some((l) => l !== null);
    const parentArg = params.findIndex((p) => p.kind === "object");
    // Every argument is converted before the receiver is read: a
    // conversion may run user code (a string's allocation cannot, but a
    // JS value's handle table may be asked to grow), and the receiver
    // read last is the one the call uses. What the call builds is in
    // lists (intrinsics.mjs): no setter, iterator or method JS put on
    // Array.prototype sees or changes an argument, a block or a handle.
    const n = params.length;
    return function (...args) {
      const blocks = list();
      const handles = list();
      let called = false;
      try {
        // Each argument read once (a left-out one is undefined, not an
        // index Array.prototype may have a getter for).
        const input = list(n);
        for (let i = 0; i < n && i < args.length; i++) input[i] = args[i];
        for (let k = 0; k < stagedAt.length; k++) {
          const i = stagedAt[k];
          input[i] = staged[i].read(input[i], i);
        }
        let had = null;
        if (measured) {
          had = list(n);
          for (let i = 0; i < n; i++) if (lengths[i] !== null) had[i] = lengths[i](input[i]);
        }
        const wire = list();
        wire.push(0);
        for (let i = 0; i < n; i++) convert[i](input[i], i, wire, blocks, handles, had === null ? undefined : had[i]);
        let r;
        if (self) {
          wire[0] = self(this);
          called = true;
          r = apply(fn, undefined, wire);
        } else {
          const unbound = list();
          for (let k = 1; k < wire.length; k++) unbound[k - 1] = wire[k];
          called = true;
          r = apply(fn, undefined, unbound);
        }
        if (constructs) return r >>> 0;
        return finish(calls, res, r, self ? this : parentArg < 0 ? null : (input[parentArg] ?? null));
      } catch (e) {
        if (!called) for (let k = 0; k < handles.length; k++) ctx.values.decref(handles[k]);
        throw calls.unwound(e, label);
      } finally {
        for (let k = 0; k < blocks.length; k++) ctx.free(blocks[k]);
      }
    };
  }

  // A class's constructors, chosen by the number of arguments: (n, a, b,
  // c, d, all) -> the new object's pointer (wrapper.mjs's `construct.make`).
  function constructorOf(spec, name) {
    const { calls: byArity, takes } = byCount(spec.ctors, (ctor) => invoker(ctor.fn, ctor.params, RAW, `new ${name}()`, null, true));
    return (n, a, b, c, d, all) => {
      const call = byArity[n];
      if (call === undefined) {
        throw new TypeError(`new ${name}(): no constructor takes ${n} argument${n === 1 ? "" : "s"} (${takes ? `it takes ${takes}` : "none is exported"})`);
      }
      return n <= 4 ? call(a, b, c, d) : apply(call, undefined, all);
    };
  }

  return { invoker, constructorOf };
}

// A method, static or free function of up to three one-value arguments
// (numbers, booleans, objects), specialised by arity: the conversions, a
// call and one check of `calls.flags` (deferred releases, a JS callee's
// exception). A method (`self` not null) passes the receiver's pointer
// first, read after the arguments, and borrows results from it; a static
// or function borrows them from argument `parentArg` (-1: none). The call
// is made inside a try block, so a trap is put right at once and a Rust
// panic reaches the caller with its message.
function oneValueInvoker(fn, calls, self, conv, res, label, parentArg = -1) {
  const [c0, c1, c2] = conv;
  const method = self !== null;
  switch (conv.length) {
    case 0:
      return function () {
        try {
          return method ? finish(calls, res, fn(self(this)), this) : finish(calls, res, fn(), null);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    case 1:
      return function (a) {
        try {
          const x = c0(a, 0);
          if (method) return finish(calls, res, fn(self(this), x), this);
          return finish(calls, res, fn(x), parentArg === 0 ? a : null);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    case 2:
      return function (a, b) {
        try {
          const x = c0(a, 0);
          const y = c1(b, 1);
          if (method) return finish(calls, res, fn(self(this), x, y), this);
          return finish(calls, res, fn(x, y), parentArg === 0 ? a : parentArg === 1 ? b : null);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    default:
      return function (a, b, c) {
        try {
          const x = c0(a, 0);
          const y = c1(b, 1);
          const z = c2(c, 2);
          if (method) return finish(calls, res, fn(self(this), x, y, z), this);
          return finish(calls, res, fn(x, y, z), parentArg === 0 ? a : parentArg === 1 ? b : parentArg === 2 ? c : null);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
  }
}

// A constructor of up to three one-value arguments: the conversions and
// the call, whose pointer (unsigned) it returns; what waits for the call
// is left to the wrapper that adopts it (wrapper.mjs).
function oneValueConstructor(fn, calls, conv, label) {
  const [c0, c1, c2] = conv;
  const n = conv.length;
  return function (a, b, c) {
    try {
      if (n === 0) return fn() >>> 0;
      const x = c0(a, 0);
      if (n === 1) return fn(x) >>> 0;
      const y = c1(b, 1);
      return (n === 2 ? fn(x, y) : fn(x, y, c2(c, 2))) >>> 0;
    } catch (e) {
      throw calls.unwound(e, label);
    }
  };
}

// After wasm returned `r`: the result converted first (an owned object
// adopted, a string block freed), then what waited for the call (deferred
// releases, a JS callee's exception, which is rethrown) — so an exception
// from a callback never leaks what the call returned.
function finish(calls, res, r, self) {
  return calls.flags === 0 ? res(r, self) : settled(calls, res, r, self);
}

function settled(calls, res, r, self) {
  let out;
  try {
    out = res(r, self);
  } finally {
    calls.settle();
  }
  return out;
}
