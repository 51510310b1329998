// Typed calls of at most three arguments, each of a one-value type
// (numbers, booleans, objects), a string, a numeric array or a flat value,
// made with no array: the arguments converted into locals, strings,
// numeric arrays and flat values written into the arena (arena.mjs) and
// passed as (pointer, length) and pointer, the wasm function called
// with exactly its parameters. Methods of one-value arguments only have
// their own, smaller path (typed-calls.mjs); every other shape goes
// through the general one there.

// The wasm call of each shape of parameters, one letter per parameter: "v"
// for one value, "s" for a string's or a numeric array's two. Each takes the receiver's pointer
// `p` (ignored where there is none) and every argument's value and
// length, and passes on what the shape has.
const SHAPES = {
  "": [(f) => (p) => f(p), (f) => () => f()],
  v: [(f) => (p, x) => f(p, x), (f) => (p, x) => f(x)],
  s: [(f) => (p, x, xl) => f(p, x, xl), (f) => (p, x, xl) => f(x, xl)],
  vv: [(f) => (p, x, xl, y) => f(p, x, y), (f) => (p, x, xl, y) => f(x, y)],
  vs: [(f) => (p, x, xl, y, yl) => f(p, x, y, yl), (f) => (p, x, xl, y, yl) => f(x, y, yl)],
  sv: [(f) => (p, x, xl, y) => f(p, x, xl, y), (f) => (p, x, xl, y) => f(x, xl, y)],
  ss: [(f) => (p, x, xl, y, yl) => f(p, x, xl, y, yl), (f) => (p, x, xl, y, yl) => f(x, xl, y, yl)],
  vvv: [(f) => (p, x, xl, y, yl, z) => f(p, x, y, z), (f) => (p, x, xl, y, yl, z) => f(x, y, z)],
  vvs: [(f) => (p, x, xl, y, yl, z, zl) => f(p, x, y, z, zl), (f) => (p, x, xl, y, yl, z, zl) => f(x, y, z, zl)],
  vsv: [(f) => (p, x, xl, y, yl, z) => f(p, x, y, yl, z), (f) => (p, x, xl, y, yl, z) => f(x, y, yl, z)],
  svv: [(f) => (p, x, xl, y, yl, z) => f(p, x, xl, y, z), (f) => (p, x, xl, y, yl, z) => f(x, xl, y, z)],
  vss: [(f) => (p, x, xl, y, yl, z, zl) => f(p, x, y, yl, z, zl), (f) => (p, x, xl, y, yl, z, zl) => f(x, y, yl, z, zl)],
  svs: [(f) => (p, x, xl, y, yl, z, zl) => f(p, x, xl, y, z, zl), (f) => (p, x, xl, y, yl, z, zl) => f(x, xl, y, z, zl)],
  ssv: [(f) => (p, x, xl, y, yl, z) => f(p, x, xl, y, yl, z), (f) => (p, x, xl, y, yl, z) => f(x, xl, y, yl, z)],
  sss: [(f) => (p, x, xl, y, yl, z, zl) => f(p, x, xl, y, yl, z, zl), (f) => (p, x, xl, y, yl, z, zl) => f(x, xl, y, yl, z, zl)],
};

// `conv`: a converter per parameter, `strings`: which of them are pairs
// (strings, numeric arrays);
// `staged`: per parameter, null or a reader run on its argument before any
// converter (a flat value's fields: user code, values.mjs), whose result
// is what that parameter's converter gets;
// `lengths`: per parameter, null or (for a numeric array) a reader of its
// length, run once every argument is staged and before any converter
// writes, whose result that converter gets third (an earlier argument's
// spill may detach an array viewing memory: types.mjs arenaArrayParam);
// `self` turns the receiver into its pointer (null for statics and
// constructors); `constructs`: return the new object's pointer, unsigned,
// and leave what waits for the call to its wrapper (wrapper.mjs);
// `parentArg`: the argument a borrowed result of a static is borrowed
// from, or -1. `finish` as in typed-calls.mjs.
export function fixedInvoker({ fn, calls, arena, self, conv, strings, staged = [], lengths = [], res, label, constructs, parentArg, finish }) {
  const call = SHAPES[strings.map((s) => (s ? "s" : "v")).join("")][self ? 0 : 1](fn);
  const n = conv.length;
  const [c0, c1, c2] = conv;
  const [r0 = null, r1 = null, r2 = null] = staged;
  const [n0 = null, n1 = null, n2 = null] = lengths;
  return function (a, b, c) {
    const mark = arena.mark();
    try {
      // Staged arguments are read first, so what their user code does
      // (dispose an object argument, call into wasm) is seen by the
      // converters after it. Every argument is converted before the
      // receiver is read; converters run no user code, and the arena holds
      // what they wrote until the call returns.
      const sa = r0 === null ? a : r0(a, 0);
      const sb = r1 === null ? b : r1(b, 1);
      const sc = r2 === null ? c : r2(c, 2);
      const la = n0 === null ? 0 : n0(sa);
      const lb = n1 === null ? 0 : n1(sb);
      const lc = n2 === null ? 0 : n2(sc);
      const x = n > 0 ? c0(sa, 0, la) : 0;
      const xl = arena.len;
      const y = n > 1 ? c1(sb, 1, lb) : 0;
      const yl = arena.len;
      const z = n > 2 ? c2(sc, 2, lc) : 0;
      const zl = arena.len;
      const r = call(self === null ? 0 : self(this), x, xl, y, yl, z, zl);
      if (constructs) return r >>> 0;
      return finish(calls, res, r, self !== null ? this : parentArg === 0 ? a : parentArg === 1 ? b : parentArg === 2 ? c : null);
    } catch (e) {
      throw calls.unwound(e, label);
    } finally {
      arena.reset(mark);
    }
  };
}
