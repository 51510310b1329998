// Calls through typed bindings: arguments type-checked and converted (strings
// and bytes through heap blocks, JS values as handles), the result converted
// (types.mjs); constructors chosen by the number of arguments.

import { simpleParam, blockParam, resultConverter } from "./types.mjs";

const RAW = { kind: "raw" }; // a constructor's pointer, as it is

// `ctx`: the converters' context (typed.mjs). `directInvoker`: the core's
// method of one-value arguments (classes.mjs), reused so typed methods of
// numbers and objects take the seed's hot path.
export function invokers(ctx, directInvoker) {
  const calls = ctx.calls;

  // A JS function calling wasm export `fn`: converts arguments, calls,
  // converts the result. `self` (null for statics and constructors) turns
  // the receiver into its pointer.
  function invoker(fn, params, result, label, self) {
    const at = (i) => `${label}: argument ${i + 1}`;
    const res = resultConverter(result, ctx, () => label) ?? ((r) => r);
    const simple = params.map((p) => (p.kind === "js" ? null : simpleParam(p, ctx, at)));

    if (self && simple.every(Boolean) && params.length <= 3) return directInvoker(fn, calls, self, simple, res);

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
        throw calls.unwound(e);
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
