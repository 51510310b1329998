// JS functions C++ calls with typed words: a `fn:R(P;P)` parameter
// (weakbind/callbacks.hpp, a std::function in C++) and the results of
// virtuals JS implements (interfaces.mjs). C++ reads what JS returned as a
// double or a string block, so the result is checked against its word
// here, before C++ reads it: an i32 never converts a double C++ would have
// to truncate (undefined behaviour there), and a wrong type is a TypeError
// for the JS caller of the outermost call, as a thrown exception is; C++
// gets a zero value meanwhile.

// A checker of what JS returned for a `kind` word: (r, where) -> the value
// C++ reads (bool as 1 or 0), or a TypeError naming `where`, then `suffix`.
export function resultCheck(kind, suffix = "") {
  const wrong = (r, where, expected) => new TypeError(`${where}: returned ${describe(r)}, expected ${expected}${suffix}`);
  switch (kind) {
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
      const [lo, hi] = kind === "i32" ? [-(2 ** 31), 2 ** 31 - 1] : [0, 2 ** 32 - 1];
      return (r, where) => {
        if (!Number.isInteger(r) || r < lo || r > hi) throw wrong(r, where, `an integer in [${lo}, ${hi}]`);
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
export function callbackParam(type, at) {
  const check = resultCheck(type.result.kind, " (called from C++)");
  const bools = type.params.map((p) => p.kind === "bool");
  const anyBool = bools.includes(true);
  return (a, i) => {
    if (typeof a !== "function") throw new TypeError(`${at(i)} must be a function, got ${describe(a)}`);
    const where = `${at(i)} (a callback)`;
    return (...args) => {
      if (anyBool) for (let j = 0; j < bools.length; j++) if (bools[j]) args[j] = args[j] !== 0;
      return check(a(...args), where);
    };
  };
}

// A value named without running its code.
export function describe(v) {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}`;
  if (typeof v === "function") return "a function";
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}
