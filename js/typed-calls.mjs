// Calls through typed bindings: arguments type-checked and converted (strings
// and bytes through heap blocks, JS values as handles), the result converted
// (types.mjs); constructors chosen by the number of arguments.

import { simpleParam, blockParam, resultConverter } from "./types.mjs";

const RAW = { kind: "raw" }; // a constructor's pointer, as it is

// `ctx`: the converters' context (typed.mjs).
export function invokers(ctx) {
  const calls = ctx.calls;

  // A JS function calling wasm export `fn`: converts arguments, calls,
  // converts the result. `self` (null for statics and constructors) turns
  // the receiver into its pointer.
  function invoker(fn, params, result, label, self) {
    const at = (i) => `${label}: argument ${i + 1}`;
    const res = resultConverter(result, ctx, () => label) ?? ((r) => r);
    const simple = params.map((p) => (p.kind === "js" ? null : simpleParam(p, ctx, at)));

    if (self && simple.every(Boolean) && params.length <= 3) return oneValueInvoker(fn, calls, self, simple, res, label);

    // The general path: strings and bytes copied into blocks freed after the
    // call; JS values handed over only if the call happens.
    const convert = params.map((p, i) => {
      if (p.kind === "string" || p.kind === "bytes") return blockParam(p, ctx, at);
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
    return function (...args) {
      const blocks = [];
      const handles = [];
      let called = false;
      try {
        const wire = self ? [self(this)] : [];
        for (let i = 0; i < convert.length; i++) convert[i](args[i], i, wire, blocks, handles);
        called = true;
        const r = fn(...wire);
        if (calls.flags !== 0) calls.settle();
        return res(r, self ? this : (args[parentArg] ?? null));
      } catch (e) {
        if (!called) for (const h of handles) ctx.values.decref(h);
        throw calls.unwound(e, label);
      } finally {
        for (const block of blocks) ctx.free(block);
      }
    };
  }

  // A class's constructors, chosen by the number of arguments: (wrapper,
  // args) -> the wrapper owning the new object.
  function constructorOf(spec, name, adoptNew) {
    const byArity = new Map();
    for (const ctor of spec.ctors) {
      byArity.set(ctor.params.length, invoker(ctor.fn, ctor.params, RAW, `new ${name}()`, null));
    }
    const arities = [...byArity.keys()].sort((x, y) => x - y).join(", ");
    return (wrapper, args) => {
      const call = byArity.get(args.length);
      if (!call) {
        throw new TypeError(`new ${name}(): no constructor takes ${args.length} argument${args.length === 1 ? "" : "s"} (${arities || "none is exported"})`);
      }
      adoptNew(wrapper, call(...args));
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
          const r = fn(self(this));
          if (calls.flags !== 0) calls.settle();
          return res(r, this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    case 1:
      return function (a) {
        try {
          const r = fn(self(this), c0(a, 0));
          if (calls.flags !== 0) calls.settle();
          return res(r, this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    case 2:
      return function (a, b) {
        try {
          const r = fn(self(this), c0(a, 0), c1(b, 1));
          if (calls.flags !== 0) calls.settle();
          return res(r, this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
    default:
      return function (a, b, c) {
        try {
          const r = fn(self(this), c0(a, 0), c1(b, 1), c2(c, 2));
          if (calls.flags !== 0) calls.settle();
          return res(r, this);
        } catch (e) {
          throw calls.unwound(e, label);
        }
      };
  }
}
