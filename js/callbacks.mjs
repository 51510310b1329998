// JS functions C++ calls with typed words: a `fn:R(P;P)` parameter
// (weakbind/callbacks.hpp, a std::function in C++) and the results of
// virtuals JS implements (interfaces.mjs). C++ reads what JS returned as a
// double or a string block, so the result is checked against its word
// here, before C++ reads it: an i32 never converts a double C++ would have
// to truncate (undefined behaviour there), and a wrong type is a TypeError
// for the JS caller of the outermost call, as a thrown exception is; C++
// gets a zero value meanwhile.
//
// 64-bit integers: C++ passes one as two numbers (its low 32 bits, then
// its high 32 bits, signed for i64), made one BigInt here, and reads a
// result as its decimal text (callbacks.hpp says why). An object result is
// the object's pointer, borrowed: JS keeps owning it, and the loader holds
// the wrapper until the outermost call returns (`calls.keep`), so neither a
// collection nor a dispose frees it while C++ may still use it. Values,
// arrays, optionals, maps and arrays of objects cross as heap blocks both
// ways (call-blocks.mjs, call-objects.mjs); an enum as its number (a
// string enum named here).

import { describeObject, simpleParam, enumResult } from "./types.mjs";
import { isCallBlock, blockArgument, blockCheck } from "./call-blocks.mjs";
import { end } from "./views.mjs";
import { apply, floor, list } from "./intrinsics.mjs";

// A checker of what JS returned for a word's `type`: (r, where) -> the
// value C++ reads (bool as 1 or 0, a 64-bit integer as text, an object as
// its pointer), or a TypeError naming `where`, then `suffix`. `ctx`
// (typed.mjs) resolves classes and holds returned objects.
export function resultCheck(type, suffix, ctx) {
  const { kind } = type;
  const wrong = (r, where, expected, what = describe(r)) => new TypeError(`${where}: returned ${what}, expected ${expected}${suffix}`);
  // Values, arrays, optionals, maps: a block (call-blocks.mjs).
  if (isCallBlock(type)) return blockCheck(type, ctx, suffix);
  switch (kind) {
    case "enum": {
      // One of the enum's values (a name, for a string enum), as an
      // argument of an export is checked; its number goes to C++.
      const one = simpleParam(type, ctx, () => "");
      const expected = type.strings ? `one of ${type.enum}'s names` : `one of ${type.enum}'s values`;
      return (r, where) => {
        try {
          return one(r, 0);
        } catch {
          throw wrong(r, where, expected);
        }
      };
    }
    case "object": {
      // The class's pointer field (wrapper.mjs), as for an argument: a
      // wrapper of the class or one derived from it, not disposed.
      // A `ref:` result must be an object the registry knows (wasm
      // becomes an owner): not one borrowed from another object.
      let own = null;
      const expected = `a ${type.class}${type.nullable ? " or null" : ""}`;
      const known = type.ownership === "ref";
      return (r, where) => {
        if (r === null && type.nullable) return 0;
        own ??= ctx.classInfo(type.class).levels[0];
        const p = own.ptr(r);
        if (p === 0) throw wrong(r, where, expected, describeObject(r, ctx.state));
        if (known && !ctx.registered(p)) throw wrong(r, where, `${expected} JS owns or shares`, `a ${type.class} borrowed from another object`);
        ctx.calls.keep(r);
        return p;
      };
    }
    case "i64":
    case "u64": {
      // (No array destructuring: the array iterator may be replaced.)
      const lo = kind === "i64" ? -(2n ** 63n) : 0n;
      const hi = kind === "i64" ? 2n ** 63n - 1n : 2n ** 64n - 1n;
      return (r, where) => {
        if (typeof r !== "bigint" || r < lo || r > hi) throw wrong(r, where, `a BigInt in [${lo}, ${hi}]`);
        return String(r);
      };
    }
    case "void":
      return () => undefined;
    case "f64":
    case "f32":
      return (r, where) => {
        if (typeof r !== "number") throw wrong(r, where, "a number");
        return r;
      };
    case "i32":
    case "u32": {
      const lo = kind === "i32" ? -(2 ** 31) : 0;
      const hi = kind === "i32" ? 2 ** 31 - 1 : 2 ** 32 - 1;
      return (r, where) => {
        // (Not Number.isInteger, which JS may replace: C++ converts the
        // double, undefined behaviour out of range.)
        if (typeof r !== "number" || !(r >= lo && r <= hi) || floor(r) !== r) throw wrong(r, where, `an integer in [${lo}, ${hi}]`);
        return r;
      };
    }
    case "bool":
      return (r, where) => {
        if (typeof r !== "boolean") throw wrong(r, where, "a boolean");
        return r ? 1 : 0;
      };
    case "string":
      return (r, where) => {
        if (typeof r !== "string") throw wrong(r, where, "a string");
        return r;
      };
    default:
      return (r) => r; // js: any value
  }
}

// A `fn:` parameter (`type` { result, params }): (a, i) -> the function
// handed to C++ in place of `a`, which converts the arguments C++ passes
// (a bool arrives as a number) and checks the result; a non-function is a
// TypeError before the call. `at(i)` names the parameter.
export function callbackParam(type, at, ctx) {
  const check = resultCheck(type.result, " (called from wasm)", ctx);
  const args = argumentsFromCpp(type.params, ctx);
  return (a, i) => {
    if (typeof a !== "function") throw new TypeError(`${at(i)} must be a function, got ${describe(a)}`);
    const where = `${at(i)} (a callback)`;
    if (args.views === 0) return (...wire) => check(apply(a, undefined, args(wire, undefined, where)), where);
    return (...wire) => {
      const made = list();
      try {
        return check(apply(a, undefined, args(wire, made, where)), where);
      } finally {
        endViews(made);
      }
    };
  };
}

// What C++ passed for `params` -> the JS arguments: a bool arrives as a
// number, a 64-bit integer as two (low, high), a view as two (address,
// count) made a view (views.mjs) pushed on `made`, which the caller ends
// (endViews) once the JS function returned, a string enum's value as its
// number (named here), a block word's as its block's address (read into a
// copy: call-blocks.mjs); the rest as they came. The function's `views`
// counts the view parameters.
export function argumentsFromCpp(params, ctx) {
  const views = params.filter((p) => p.kind === "view").length;
  // (A numeric enum's value is its number, as it came.)
  const named = params.map((p) => (p.kind === "enum" && p.strings ? enumResult(p, ctx, () => "C++") : null));
  const blocks = params.map((p) => (isCallBlock(p) ? blockArgument(p, ctx) : null));
  const converts = (p, i) => p.kind === "bool" || p.kind === "i64" || p.kind === "u64" || p.kind === "view" || named[i] !== null || blocks[i] !== null;
  if (!params.some(converts)) {
    const same = (wire) => wire;
    same.views = 0;
    return same;
  }
  // (An index loop and a list: nothing JS put on Array.prototype decides
  // which wire slots a parameter reads, or what the function is given.)
  const convert = (wire, made, where) => {
    const out = list();
    let k = 0;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (p.kind === "bool") out.push(wire[k++] !== 0);
      else if (p.kind === "view") {
        // (Index writes on a list: nothing JS put on Array.prototype can
        // keep a view from its end.)
        const view = ctx.views.open(p.element, wire[k] >>> 0, wire[k + 1] >>> 0, null, null, `${where}: argument ${i + 1}`);
        made[made.length] = view;
        out.push(view);
        k += 2;
      } else if (p.kind === "i64" || p.kind === "u64") {
        out.push((BigInt(wire[k + 1]) << 32n) + BigInt(wire[k]));
        k += 2;
      } else if (blocks[i] !== null) out.push(blocks[i](wire[k++], `${where}: argument ${i + 1}`));
      else if (named[i] !== null) out.push(named[i](wire[k++]));
      else out.push(wire[k++]);
    }
    return out;
  };
  convert.views = views;
  return convert;
}

// The views a call into JS was given end as it returns: C++'s span is
// valid for the call only.
export function endViews(made) {
  for (let k = 0; k < made.length; k++) end(made[k], "the call it was passed to returned");
}

// A value named without running its code.
export function describe(v) {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  if (typeof v === "function") return "a function";
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}
