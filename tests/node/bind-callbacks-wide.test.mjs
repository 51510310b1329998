// Enums, values, arrays, optionals and maps in calls C++ makes into JS
// (tests/fixtures/callbacks-wide.cpp): typed callbacks and the virtuals of
// a JS subclass are given each word and return it, copied both ways; a
// wrong result is the JS caller's TypeError naming the callback or
// virtual, C++ sees an empty value, and nothing is left behind (every
// block C++ passed and every block the loader wrote for a result freed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state, settledState, collectedBack } from "./reliability-fixtures.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url));
const m = await load(bytes);
const lastEmpty = () => m.exports.callbacks_last_empty();

// The state once earlier tests' garbage is gone, and the same state again
// after a test (reliability-fixtures.mjs).
const baseline = () => settledState(m);
const same = (before) => collectedBack(m, before);

// A Pt as C++ gives it back: an absent optional field left out.
const pt = (over = {}) => {
  const p = { x: 1.5, y: -2, tag: "héllo", shade: m.Shade.Dark, ws: new Float64Array([1, 2]), ...over };
  if (p.shade === undefined) delete p.shade;
  return p;
};

// Each call: C++ passes `given` to the callback, which sees it and returns
// `returned`; C++ returns what it got.
const ROUND_TRIPS = [
  ["cb_shade", m.Shade.Light, m.Shade.Dark],
  ["cb_tone", "Cool", "Warm"],
  ["cb_pt", pt(), pt({ x: -0.25, tag: "", shade: undefined, ws: new Float64Array() })],
  ["cb_f64s", new Float64Array([1.5, -0, Infinity]), new Float64Array([NaN, 2])],
  ["cb_f32s", new Float32Array([1.5]), new Float32Array([0.25, -3])],
  ["cb_i32s", new Int32Array([-(2 ** 31), 7]), new Int32Array([])],
  ["cb_u32s", new Uint32Array([2 ** 32 - 1]), new Uint32Array([1, 2, 3])],
  ["cb_strings", ["a", "", "ü🙂"], ["z".repeat(100), "b"]],
  ["cb_pts", [pt(), pt({ y: 9, shade: m.Shade.Light })], [pt({ tag: "one" })]],
  ["cb_opt_i32", 5, undefined],
  ["cb_opt_i32", undefined, -7],
  ["cb_opt_string", "s", ""],
  ["cb_opt_u64", 2n ** 64n - 1n, 0n],
  ["cb_opt_u64", undefined, 2n ** 63n],
  ["cb_opt_bool", true, false],
  ["cb_opt_bool", false, undefined],
  ["cb_opt_pt", pt(), undefined],
  ["cb_opt_pt", undefined, pt({ tag: "made" })],
  ["cb_opt_f64s", new Float64Array([9]), new Float64Array([])],
  ["cb_opt_tone", "Warm", "Cool"],
  ["cb_opt_tone", undefined, undefined],
  ["cb_map", new Map([["a", 1], ["b", -2]]), new Map([["c", 3]])],
  [
    "cb_bag",
    { m: new Map([["k", 0.5]]), names: ["n", "ü"], inner: pt({ tag: "in" }), pts: [pt(), pt({ tag: "b" })] },
    { m: new Map(), inner: pt({ shade: undefined, ws: new Float64Array([3]) }), pts: [] },
  ],
  ["cb_umap", new Map([[3, pt()]]), new Map([[-1, pt({ tag: "m" })], [4, pt({ ws: new Float64Array([5]) })]])],
];

// A warm-up: the first converters, blocks and heap classes made once.
for (const [name, given, returned] of ROUND_TRIPS) m[name](() => returned, given);

test("callbacks are given each word and return it, copied both ways", async () => {
  const before = await baseline();
  for (const [name, given, returned] of ROUND_TRIPS) {
    let got = "not called";
    const out = m[name]((v) => {
      got = v;
      return returned;
    }, given);
    assert.deepEqual(got, given, `${name}: the callback is given C++'s argument`);
    assert.deepEqual(out, returned, `${name}: C++ returns what the callback returned`);
    if (given !== null && typeof given === "object") assert.notEqual(got, given, `${name}: a copy`);
  }
  await same(before);
});

class Shapes extends m.Shaper {
  shade(s) {
    return s === m.Shade.Dark ? m.Shade.Light : m.Shade.Dark;
  }
  move(p) {
    return { ...p, x: p.x + 1, tag: `${p.tag}!` };
  }
  scale(v) {
    return v.map((x) => x * 2);
  }
  names(v) {
    return [...v, "end"];
  }
  pts(v) {
    return v.reverse();
  }
  maybe(p) {
    return p === undefined ? pt({ tag: "none" }) : undefined;
  }
}
// super.name() runs C++'s implementation, with the same words.
class Supers extends Shapes {
  tone(t) {
    return super.tone(t) === "Cool" ? "Cool" : "Warm";
  }
  table(map) {
    const out = super.table(map);
    out.set("js", 2);
    return out;
  }
}

test("a JS subclass's virtuals are given each word and return it", async () => {
  const s = new Shapes();
  const t = new Supers();
  const before = await baseline();
  assert.equal(m.via_shade(s, m.Shade.Dark), m.Shade.Light);
  assert.equal(m.via_tone(s, "Warm"), "Cool", "not implemented: C++'s own");
  assert.equal(m.via_tone(t, "Warm"), "Cool");
  assert.equal(m.via_tone(t, "Cool"), "Warm");
  assert.deepEqual(m.via_move(s, pt()), pt({ x: 2.5, tag: "héllo!" }));
  assert.deepEqual(m.via_scale(s, new Float64Array([1, -2])), new Float64Array([2, -4]));
  assert.deepEqual(m.via_names(s, ["a", "ü"]), ["a", "ü", "end"]);
  assert.deepEqual(m.via_pts(s, [pt({ y: 1 }), pt({ y: 2, shade: undefined })]), [pt({ y: 2, shade: undefined }), pt({ y: 1 })]);
  assert.equal(m.via_maybe(s, pt()), undefined);
  assert.deepEqual(m.via_maybe(s, undefined), pt({ tag: "none" }));
  assert.deepEqual(m.via_table(s, new Map([["a", 5]])), new Map([["a", 5], ["base", 1]]));
  assert.deepEqual(m.via_table(t, new Map([["a", 5]])), new Map([["a", 5], ["base", 1], ["js", 2]]));
  await same(before);
  s.dispose();
  t.dispose();
});

// [function, what the callback returns, the message's pattern]
const WRONG = [
  ["cb_shade", 4, /cb_shade: argument 1 \(a callback\): returned number 4, expected one of Shade's values \(called from wasm\)/],
  ["cb_shade", "Dark", /returned string "Dark", expected one of Shade's values/],
  ["cb_tone", "Hot", /cb_tone: argument 1 \(a callback\): returned string "Hot", expected one of Tone's names/],
  ["cb_tone", 0, /returned number 0, expected one of Tone's names/],
  ["cb_pt", "nope", /cb_pt: argument 1 \(a callback\): the returned value must be a Pt object, got string "nope" \(called from wasm\)/],
  ["cb_pt", { x: 1, tag: "t", ws: new Float64Array() }, /the returned value is missing field 'y' of Pt \(called from wasm\)/],
  ["cb_pt", pt({ y: 1.5 }), /the returned value field 'y' must be an integer \(i32\), got number 1.5/],
  ["cb_pt", pt({ shade: 5 }), /field 'shade' must be a Shade .*or undefined, got number 5/],
  ["cb_pt", pt({ ws: [1, 2] }), /field 'ws' must be a Float64Array, got an? Array/],
  ["cb_f64s", new Float32Array(1), /cb_f64s: argument 1 \(a callback\): the returned value must be a Float64Array, got a Float32Array/],
  ["cb_f64s", [1, 2], /must be a Float64Array, got an? Array/],
  ["cb_i32s", new Uint32Array(1), /must be a Int32Array, got a Uint32Array/],
  ["cb_strings", ["a", 1], /the returned value element 1 must be a string, got number 1/],
  ["cb_strings", "ab", /the returned value must be an Array, got string "ab"/],
  ["cb_pts", [pt(), null], /the returned value element 1 must be a Pt object, got null/],
  ["cb_opt_i32", "5", /the returned value must be an integer \(i32\) or undefined, got string "5"/],
  ["cb_opt_i32", null, /or undefined, got null/],
  ["cb_opt_pt", 3, /must be a Pt object or undefined, got number 3/],
  ["cb_opt_u64", -1n, /cb_opt_u64: argument 1 \(a callback\): the returned value is out of range for u64: -1/],
  ["cb_opt_u64", 1.5, /must be a BigInt or a safe integer or undefined, got number 1.5/],
  ["cb_opt_bool", 1, /must be a boolean or undefined, got number 1/],
  ["cb_opt_f64s", new Int32Array(1), /must be a Float64Array or undefined, got an Int32Array/],
  ["cb_map", { a: 1 }, /cb_map: argument 1 \(a callback\): the returned value must be a Map/],
  ["cb_map", new Map([[1, 1]]), /key/],
  ["cb_map", new Map([["a", 1.5]]), /must be an integer \(i32\)/],
  ["cb_umap", new Map([[1, "x"]]), /must be a Pt object, got string "x"/],
  ["cb_bag", { m: new Map(), inner: pt(), pts: [pt(), pt({ tag: 3 })] }, /cb_bag: argument 1 \(a callback\): the returned value field 'pts' element 1 field 'tag' must be a string, got number 3/],
  ["cb_bag", { m: new Map([["a", 1]]), names: ["x", 2], inner: pt(), pts: [] }, /field 'names' element 1 must be a string/],
];

test("a wrong result is the JS caller's TypeError naming the callback; C++ sees an empty value", async () => {
  const before = await baseline();
  for (const [name, wrong, pattern] of WRONG) {
    const given = ROUND_TRIPS.find(([n]) => n === name)[1];
    lastEmpty();
    assert.throws(
      () => m[name](() => wrong, given),
      (e) => {
        assert.ok(e instanceof TypeError, `${name}: ${e}`);
        assert.match(e.message, pattern);
        return true;
      },
    );
    const empty = lastEmpty();
    if (empty !== -1) assert.equal(empty, 1, `${name}: C++ got an empty value`);
  }
  await same(before);
});

test("a wrong result of a virtual names the subclass and the virtual", async () => {
  class Bad extends Shapes {
    move() {
      return { x: 1, y: 2 };
    }
    scale() {
      return new Float32Array(2);
    }
    names() {
      return [1];
    }
    pts() {
      return [pt(), "p"];
    }
    maybe() {
      return "x";
    }
    shade() {
      return 0;
    }
    tone() {
      return "Hot";
    }
    table() {
      return new Map([["a", "b"]]);
    }
  }
  const b = new Bad();
  const before = await baseline();
  const cases = [
    [() => m.via_move(b, pt()), /Bad\.move: the returned value is missing field 'tag' of Pt \(called from wasm\)/],
    [() => m.via_scale(b, new Float64Array(1)), /Bad\.scale: the returned value must be a Float64Array, got a Float32Array/],
    [() => m.via_names(b, []), /Bad\.names: the returned value element 0 must be a string, got number 1/],
    [() => m.via_pts(b, []), /Bad\.pts: the returned value element 1 must be a Pt object, got string "p"/],
    [() => m.via_maybe(b, undefined), /Bad\.maybe: the returned value must be a Pt object or undefined, got string "x"/],
    [() => m.via_shade(b, m.Shade.Dark), /Bad\.shade: returned number 0, expected one of Shade's values \(called from wasm\)/],
    [() => m.via_tone(b, "Warm"), /Bad\.tone: returned string "Hot", expected one of Tone's names/],
    [() => m.via_table(b, new Map()), /Bad\.table: the returned value .*must be a number, got string "b"/],
  ];
  for (const [call, pattern] of cases) {
    lastEmpty();
    assert.throws(call, (e) => e instanceof TypeError && pattern.test(e.message), String(pattern));
    const empty = lastEmpty();
    if (empty !== -1) assert.equal(empty, 1);
  }
  await same(before);
  b.dispose();
});

test("a callback that throws: the exception reaches the caller, every block is freed", async () => {
  const before = await baseline();
  const boom = new Error("boom");
  for (const [name, given] of ROUND_TRIPS) {
    assert.throws(
      () =>
        m[name](() => {
          throw boom;
        }, given),
      (e) => e === boom,
      name,
    );
  }
  class Throws extends Shapes {
    move() {
      throw boom;
    }
  }
  const t = new Throws();
  assert.throws(() => m.via_move(t, pt()), (e) => e === boom);
  t.dispose();
  await same(before);
});

test("a callback that disposes an object and calls back into wasm while C++ holds its arguments", async () => {
  const before = await baseline();
  const destroyed = m.exports.callbacks_holders_destroyed();
  const h = new m.Holder(42);
  const out = m.cb_mixed(
    (names, holder, p) => {
      assert.equal(holder, h);
      holder.dispose();
      // Calls into wasm that allocate (and grow memory) while C++'s blocks
      // for this call are live.
      for (let k = 0; k < 20; k++) {
        const big = new Float64Array(50_000).fill(k);
        assert.equal(m.cb_f64s((v) => v, big)[49_999], k);
        assert.deepEqual(m.cb_strings((v) => [...v, "x"], names), [...names, "x"]);
      }
      return names.length * 100 + p.y;
    },
    h,
    ["a", "b", "last"],
    pt({ y: 7, tag: "T" }),
  );
  assert.equal(out, "307:last:T:42", "C++'s own arguments are intact after the callback");
  assert.equal(m.exports.callbacks_holders_destroyed(), destroyed + 1, "the disposed object is destroyed once C++ returned");
  await same(before);
});

test("a call into JS the runtime refuses to make still frees the blocks C++ wrote for it", async () => {
  let called = false;
  assert.throws(() => m.cb_unmade(() => 0)); // (a warm-up)
  const before = await baseline();
  assert.throws(
    () =>
      m.cb_unmade(() => {
        called = true;
        return 0;
      }),
    /JsRef\.call: argument 2 is no registered object/,
  );
  assert.equal(called, false);
  await same(before);
});

test("Proxies and getters in returned values: each part read once, before anything is allocated", async () => {
  const before = await baseline();
  const reads = [];
  const target = pt({ tag: "proxied" });
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      reads.push(key);
      return Reflect.get(t, key, receiver);
    },
  });
  assert.deepEqual(m.cb_pt(() => proxy, pt()), target);
  assert.deepEqual(reads, ["x", "y", "tag", "shade", "ws"]);

  // A getter that calls into wasm (which allocates) while the result is read.
  let inner = null;
  const withGetter = {
    ...pt(),
    get tag() {
      inner = m.cb_strings((v) => v, ["in", "side"]);
      return "got";
    },
  };
  assert.equal(m.cb_pt(() => withGetter, pt()).tag, "got");
  assert.deepEqual(inner, ["in", "side"]);

  // A getter of a returned value that disposes an object C++ holds: the
  // object lives until the outermost call returns.
  const h = new m.Holder(5);
  const disposing = {
    ...pt({ tag: "d" }),
    get y() {
      h.dispose();
      return 1;
    },
  };
  const inside = m.cb_mixed(() => m.cb_pt(() => disposing, pt()).y, h, ["n"], pt({ tag: "p" }));
  assert.equal(inside, "1:n:p:5");

  // A getter that throws: a TypeError naming the field, with the cause.
  const cause = new Error("no x");
  const throwing = {
    ...pt(),
    get x() {
      throw cause;
    },
  };
  assert.throws(
    () => m.cb_pt(() => throwing, pt()),
    (e) => e instanceof TypeError && /cb_pt: argument 1 \(a callback\): the returned value: reading field 'x' threw: no x/.test(e.message) && e.cause === cause,
  );

  // An Array Proxy whose length lies, and one whose element getter throws.
  const huge = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 40 : undefined) });
  assert.throws(() => m.cb_strings(() => huge, ["a"]), (e) => e instanceof TypeError && /the returned value has 1099511627776 elements/.test(e.message));
  const bad = new Proxy(["a", "b"], {
    get: (t, k) => {
      if (k === "1") throw new Error("element");
      return Reflect.get(t, k);
    },
  });
  assert.throws(() => m.cb_strings(() => bad, ["a"]), (e) => e instanceof TypeError && /reading element 1 threw: element/.test(e.message));
  // A lying typed array: a Proxy of a Float64Array is no Float64Array.
  assert.throws(() => m.cb_f64s(() => new Proxy(new Float64Array(2), {}), new Float64Array(1)), /must be a Float64Array, got/);
  await same(before);
});

test("dropped JS subclasses whose virtuals took and returned blocks are collected, their C++ objects destroyed", async () => {
  const destroyed = () => m.exports.callbacks_shapers_destroyed();
  const base = await settle(destroyed);
  // (In a function of its own: no frame of this one keeps an instance.)
  (() => {
    for (let k = 0; k < 300; k++) {
      const s = new Supers();
      m.via_move(s, pt({ y: k }));
      m.via_table(s, new Map([["k", k]]));
    }
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 300, { module: m }), `${destroyed() - base} of 300 destroyed`);
});

test("objects given to callbacks beside blocks are collected once dropped", async () => {
  const destroyed = () => m.exports.callbacks_holders_destroyed();
  const base = await settle(destroyed);
  (() => {
    for (let k = 0; k < 300; k++) m.cb_mixed((names, h) => h.id, new m.Holder(k), ["x"], pt());
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 300, { module: m }), `${destroyed() - base} of 300 destroyed`);
});
