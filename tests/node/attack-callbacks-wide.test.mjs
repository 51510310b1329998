// Attack: calls C++ makes into JS with block words (values, arrays,
// optionals, maps; tests/fixtures/callbacks-wide.cpp) under a realm JS has
// patched, and with results and callbacks that re-enter wasm, dispose
// what C++ is calling or force collection. Each call works or is a
// TypeError naming the callback or virtual; afterwards nothing is left
// behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state, settledState, collectedBack } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url));
const m = await load(bytes);

// The state once earlier tests' garbage is gone, and the same state again
// after a test (reliability-fixtures.mjs).
const baseline = () => settledState(m);
const same = (before) => collectedBack(m, before);

const pt = (over = {}) => ({ x: 1.5, y: -2, tag: "t", shade: m.Shade.Dark, ws: new Float64Array([1, 2]), ...over });

// Runs `body` with a getter named `name` on Object.prototype that counts
// its reads, then removes it.
function withPrototypeGetter(name, body) {
  const reads = { n: 0 };
  Object.defineProperty(Object.prototype, name, {
    configurable: true,
    get() {
      reads.n += 1;
      return 42;
    },
  });
  try {
    body();
  } finally {
    delete Object.prototype[name];
  }
  return reads.n;
}

class Maybe extends m.Shaper {
  shade(s) {
    return s;
  }
  move(p) {
    return p;
  }
  scale(v) {
    return v;
  }
  names(v) {
    return v;
  }
  pts(v) {
    return v;
  }
  maybe(p) {
    this.got = p;
    return p;
  }
}

test("an absent optional argument is undefined, whatever Object.prototype holds under the record's field name", async () => {
  // (Warm-up: the converters and the heap's first blocks.)
  m.cb_opt_i32((v) => v, undefined);
  m.cb_opt_pt((v) => v, undefined);
  const s = new Maybe();
  m.via_maybe(s, undefined);
  const before = await baseline();
  const got = [];
  const reads = withPrototypeGetter("value", () => {
    m.cb_opt_i32((v) => void got.push(v), undefined);
    m.cb_opt_pt((v) => void got.push(v), undefined);
    m.cb_opt_string((v) => void got.push(v), undefined);
    m.cb_opt_f64s((v) => void got.push(v), undefined);
    assert.equal(m.via_maybe(s, undefined), undefined);
    got.push(s.got);
    // A present one is C++'s.
    m.cb_opt_i32((v) => void got.push(v), 5);
  });
  assert.deepEqual(got, [undefined, undefined, undefined, undefined, undefined, 5]);
  assert.equal(reads, 0, "no argument read the getter");
  await same(before);
  s.dispose();
});

// Runs `body` with Array.prototype's forEach visiting backwards, its push
// doing nothing, every array iteration ending at once and
// Function.prototype.apply calling with no arguments; then puts them back.
function patchedArrays(body) {
  const iteratorProto = Object.getPrototypeOf([][Symbol.iterator]());
  const saved = [
    [Array.prototype, "forEach", Object.getOwnPropertyDescriptor(Array.prototype, "forEach")],
    [Array.prototype, "push", Object.getOwnPropertyDescriptor(Array.prototype, "push")],
    [iteratorProto, "next", Object.getOwnPropertyDescriptor(iteratorProto, "next")],
    [Function.prototype, "apply", Object.getOwnPropertyDescriptor(Function.prototype, "apply")],
  ];
  const call = Function.prototype.call;
  const patches = [
    function (f) {
      for (let k = this.length - 1; k >= 0; k--) f(this[k], k, this);
    },
    function () {
      return this.length;
    },
    () => ({ done: true, value: undefined }),
    function (self) {
      return Reflect.apply(this, self, []);
    },
  ];
  for (let k = 0; k < saved.length; k++) Object.defineProperty(saved[k][0], saved[k][1], { configurable: true, writable: true, value: patches[k] });
  try {
    return body();
  } finally {
    for (let k = saved.length - 1; k >= 0; k--) Object.defineProperty(saved[k][0], saved[k][1], saved[k][2]);
    void call;
  }
}

class Mover extends Maybe {
  move(p, ...rest) {
    this.got = [p, rest.length];
    return p;
  }
}

test("patched Array.prototype methods, the array iterator and Function.prototype.apply decide nothing a callback or virtual is given", async () => {
  const h = new m.Holder(9);
  const s = new Mover();
  const given = pt({ tag: "x".repeat(30), y: 4 });
  // (Warm-up; with no element of `pts`, whose converters are then made
  // while the patches are in place.)
  m.cb_mixed(() => 1, h, ["a"], pt());
  m.via_move(s, pt());
  m.cb_bag((b) => b, { m: new Map(), inner: pt(), pts: [] });
  const before = await baseline();
  const got = { mixed: null, bag: null };
  const bag = { m: new Map([["k", 1]]), names: ["n"], inner: pt({ tag: "in" }), pts: [pt({ tag: "p0" })] };
  const out = patchedArrays(() => {
    const mixed = m.cb_mixed(
      function (names, holder, p) {
        got.mixed = { names, holder, p, count: arguments.length };
        return 7;
      },
      h,
      ["a", "b"],
      given,
    );
    const moved = m.via_move(s, given);
    const bagOut = m.cb_bag(function (b) {
      got.bag = { b, count: arguments.length };
      return b;
    }, bag);
    return { mixed, moved, bagOut };
  });
  assert.equal(out.mixed, `7:b:${given.tag}:9`);
  assert.equal(got.mixed.count, 3);
  assert.deepEqual(got.mixed.names, ["a", "b"]);
  assert.equal(got.mixed.holder, h);
  assert.deepEqual(got.mixed.p, given);
  assert.deepEqual(s.got, [given, 0]);
  assert.deepEqual(out.moved, given);
  assert.equal(got.bag.count, 1);
  assert.deepEqual(got.bag.b, bag);
  assert.deepEqual(out.bagOut, bag);
  await same(before);
  h.dispose();
  s.dispose();
});

test("a patched Array.prototype.push cannot make a dispatcher run another virtual, whose result C++ would read by the wrong word", async () => {
  // (shade's result is a Shade: were it run for move, C++ would read 7
  // as the address of a Pt block and free what it lists.)
  const s = new (class Lit extends Maybe {
    shade() {
      return m.Shade.Light;
    }
  })();
  m.via_move(s, pt());
  const before = await baseline();
  const push = Object.getOwnPropertyDescriptor(Array.prototype, "push");
  let first = true;
  // The first element pushed anywhere becomes 0: for a dispatcher's
  // arguments, virtual 0 (shade, an enum result) in place of move.
  Object.defineProperty(Array.prototype, "push", {
    configurable: true,
    writable: true,
    value(x) {
      if (first) {
        first = false;
        x = 0;
      }
      this[this.length] = x;
      return this.length;
    },
  });
  let out;
  try {
    out = m.via_move(s, pt({ tag: "moved" }));
  } finally {
    Object.defineProperty(Array.prototype, "push", push);
  }
  assert.equal(m.check(), null);
  assert.deepEqual(out, pt({ tag: "moved" }));
  await same(before);
  s.dispose();
});

test("get and set on Object.prototype neither break nor run inside the records made of C++'s blocks", async () => {
  const given = pt({ tag: "g" });
  const bag = { m: new Map([["k", 1]]), names: ["n"], inner: pt(), pts: [pt({ y: 3 })] };
  const s = new Maybe();
  // (Warm-up.)
  m.cb_pt((p) => p, given);
  m.cb_bag((b) => b, bag);
  m.cb_umap((u) => u, new Map([[1, given]]));
  m.via_move(s, given);
  const before = await baseline();
  const got = [];
  let reads = 0;
  const names = ["get", "set"];
  for (const n of names) {
    Object.defineProperty(Object.prototype, n, {
      configurable: true,
      get() {
        reads += 1;
        return () => {};
      },
    });
  }
  let out;
  try {
    out = [
      m.cb_pt((p) => (got.push(p), p), given),
      m.cb_bag((b) => (got.push(b), b), bag),
      m.cb_umap((u) => (got.push(u), u), new Map([[1, given]])),
      m.via_move(s, given),
    ];
  } finally {
    for (const n of names) delete Object.prototype[n];
  }
  assert.equal(reads, 0);
  assert.deepEqual(got, [given, bag, new Map([[1, given]])]);
  assert.deepEqual(out, [given, bag, new Map([[1, given]]), given]);
  await same(before);
  s.dispose();
});

test("a patched Math.ceil, Math.max, Math.floor or Number.isInteger lays out no block and lets no result through", async () => {
  const h = new m.Holder(2);
  const big = (k) => pt({ tag: "r".repeat(40 + k) });
  m.cb_pt(() => big(0), pt());
  m.cb_mixed(() => 1, h, ["a"], pt());
  const before = await baseline();
  const saved = [
    [Math, "ceil", Math.ceil],
    [Math, "max", Math.max],
    [Math, "floor", Math.floor],
    [Number, "isInteger", Number.isInteger],
  ];
  const floor = Math.floor;
  const out = [];
  const errors = [];
  Math.ceil = (x) => floor(x) + 1;
  Math.max = () => 0;
  Math.floor = (x) => x;
  Number.isInteger = () => true;
  try {
    for (let k = 0; k < 10; k++) out.push(m.cb_pt(() => big(k), pt()).tag.length);
    for (const r of [2 ** 40, 1.5]) {
      try {
        m.cb_mixed(() => r, h, ["a"], pt());
      } catch (e) {
        errors.push(e);
      }
      try {
        m.cb_opt_i32(() => r, 1);
      } catch (e) {
        errors.push(e);
      }
    }
  } finally {
    for (const [o, k, v] of saved) o[k] = v;
  }
  assert.equal(m.check(), null);
  assert.deepEqual(out, [40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
  assert.equal(errors.length, 4);
  for (const e of errors) assert.ok(e instanceof TypeError && /cb_(mixed|opt_i32): argument 1 \(a callback\)/.test(e.message), String(e));
  await same(before);
  h.dispose();
});
