// Calls through typed bindings: arguments type-checked and converted (strings,
// bytes and numeric arrays through heap blocks, JS values as handles), the result converted
// (types.mjs); constructors chosen by the number of arguments.

import { simpleParam, blockParam, resultConverter } from "./types.mjs";

const RAW = { kind: "raw" }; // a constructor's pointer, as it is

// `ctx`: the converters' context (typed.mjs).
export function invokers(ctx) {
  const calls = ctx.calls;

  // A JS function calling wasm export `fn`: converts arguments, calls,
  // converts the result. `self` (null for statics and constructors) turns
  // the receiver into its pointer.
  function invoker(fn, params, result, label, self, adoptNew = null) {
    const at = (i) => `${label}: argument ${i + 1}`;
    // A constructor's result is adopted by the wrapper it is called on.
    // Then the JS values its constructor declared owned by `this` (not
    // registered until now) are owned by it.
    const adoptFinished = (made, ptr) => (ctx.ownPending(ptr >>> 0), made);
    const res = adoptNew ? (ptr, wrapper) => adoptFinished(adoptNew(wrapper, ptr), ptr) : (resultConverter(result, ctx, () => label) ?? ((r) => r));
    const simple = params.map((p) => (p.kind === "js" ? null : simpleParam(p, ctx, at)));

    if (self && !adoptNew && simple.every(Boolean) && params.length <= 3) return oneValueInvoker(fn, calls, self, simple, res, label);

    // The general path: strings and bytes copied into blocks freed after the
    // call; JS values handed over only if the call happens.
    const convert = params.map((p, i) => {
      if (p.kind === "string" || p.kind === "bytes" || p.kind.endsWith("[]")) return blockParam(p, ctx, at);
      if (p.kind === "js") {
        return (a, _i, wire, _blocks, handles) => {
          const handle = ctx.values.add(a);
          handles.push(handle);
          wire.push(handle);
        };
      }
      const one = simple[i];
      return (a, j, wire) => wire.push(one(a, j));
    });
    const parentArg = params.findIndex((p) => p.kind === "object");
    // Every argument is converted before the receiver is read: a
    // conversion may run user code (a string's allocation cannot, but a
    // JS value's handle table may be asked to grow), and the receiver
    // read last is the one the call uses.
    return function (...args) {
      const blocks = [];
      const handles = [];
      let called = false;
      try {
        const wire = [0];
        for (let i = 0; i < convert.length; i++) convert[i](args[i], i, wire, blocks, handles);
        if (self) wire[0] = self(this);
        else wire.shift();
        called = true;
        const r = fn(...wire);
        return finish(calls, res, r, self || adoptNew ? this : (args[parentArg] ?? null));
      } catch (e) {
        if (!called) for (const h of handles) ctx.values.decref(h);
        throw calls.unwound(e, label);
      } finally {
        for (const block of blocks) ctx.free(block);
      }
    };
  }

  // A class's constructors, chosen by the number of arguments: (wrapper,
  // args) -> the wrapper owning the new object, adopted before a JS
  // callee's exception is rethrown (finish), so it is never lost.
  function constructorOf(spec, name, adoptNew) {
    const byArity = new Map();
    for (const ctor of spec.ctors) {
      byArity.set(ctor.params.length, invoker(ctor.fn, ctor.params, RAW, `new ${name}()`, null, adoptNew));
    }
    const arities = [...byArity.keys()].sort((x, y) => x - y).join(", ");
    return (wrapper, args) => {
      const call = byArity.get(args.length);
      if (!call) {
        throw new TypeError(`new ${name}(): no constructor takes ${args.length} argument${args.length === 1 ? "" : "s"} (${arities || "none is exported"})`);
      }
      call.apply(wrapper, args);
    };
  }

  return { invoker, constructorOf };
}

// A method of up to three one-value arguments (numbers, booleans, objects),
// specialised by arity: a property load, the conversions, a call and one
// check of `calls.flags` (deferred releases, a JS callee's exception). The
// call is made inside a try block, so a trap is put right at once and a
// Rust panic reaches the caller with its message.
function oneValueInvoker(fn, calls, self, conv, res, label) {
  const [c0, c1, c2] = conv;
  switch (conv.length) {
    case 0:
      return function () {
        try {
          return finish(calls, res, fn(self(this)), this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    case 1:
      return function (a) {
        try {
          const x = c0(a, 0);
          return finish(calls, res, fn(self(this), x), this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    case 2:
      return function (a, b) {
        try {
          const x = c0(a, 0);
          const y = c1(b, 1);
          return finish(calls, res, fn(self(this), x, y), this);
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
          return finish(calls, res, fn(self(this), x, y, z), this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
  }
}

// After wasm returned `r`: the result converted first (an owned object
// adopted, a string block freed), then what waited for the call (deferred
// releases, a JS callee's exception, which is rethrown) — so an exception
// from a callback never leaks what the call returned.
function finish(calls, res, r, self) {
  if (calls.flags === 0) return res(r, self);
  let out;
  try {
    out = res(r, self);
  } finally {
    calls.settle();
  }
  return out;
}
