// Attacks on the conversions: enums (number and string), free
// functions, overloads by arity, and JsRef calls. Every refusal is a
// TypeError naming member and argument; no property of a user object is
// read (Proxies, getters and valueOf run no code); arguments are converted
// before the receiver is read; nothing is left allocated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
const other = await load(bytes); // the same classes, another module
// The registry's tables and pointer index are made on first use: made
// here, so each test's baseline is the heap as it stays.
{
  const h = new m.Holder(() => 0);
  h.fire(1);
  for (const o of [h, new m.Point(0, 0), new m.Counter()]) o.dispose();
}
const state = () => ({ inUse: m.stats().heap.inUse, live: m.stats().liveTotal, values: m.stats().jsValues, check: m.check() });

// An object that records every trap and getter it runs.
function spy() {
  const ran = [];
  const target = {
    valueOf() {
      ran.push("valueOf");
      return 1;
    },
    toString() {
      ran.push("toString");
      return "Red";
    },
    get [Symbol.toPrimitive]() {
      ran.push("toPrimitive");
      return undefined;
    },
  };
  const proxy = new Proxy(target, {
    get(t, k, r) {
      ran.push(`get ${String(k)}`);
      return Reflect.get(t, k, r);
    },
    getPrototypeOf(t) {
      ran.push("getPrototypeOf");
      return Reflect.getPrototypeOf(t);
    },
    has(t, k) {
      ran.push(`has ${String(k)}`);
      return Reflect.has(t, k);
    },
  });
  return { proxy, target, ran };
}

test("enum parameters read nothing of what they refuse", () => {
  const before = state();
  const p = new m.Point(0, 0);
  for (const value of [spy(), spy()]) {
    for (const arg of [value.proxy, value.target]) {
      assert.throws(() => p.set_color(arg), { name: "TypeError", message: /^Point\.set_color: argument 1 must be a Color .*got an object$/ });
      assert.throws(() => p.set_mode(arg), { name: "TypeError", message: /^Point\.set_mode: argument 1 must be a Mode .*got an object$/ });
      assert.throws(() => m.mix(m.Color.Red, arg), { name: "TypeError", message: /^mix: argument 2 must be a Color/ });
    }
    assert.deepEqual(value.ran, []);
  }
  for (const odd of [NaN, -0.5, 1n, Symbol("Red"), null, undefined, true, "Red", [1], new Number(1)]) {
    assert.throws(() => p.set_color(odd), { name: "TypeError", message: /^Point\.set_color: argument 1 must be a Color/ }, String(odd));
  }
  for (const odd of [3, "fast", "", "Fast ", new String("Fast"), Symbol("Fast")]) {
    assert.throws(() => p.set_mode(odd), { name: "TypeError", message: /^Point\.set_mode: argument 1 must be a Mode/ }, String(odd));
  }
  assert.equal(p.color(), m.Color.Red);
  assert.equal(p.mode(), "Fast");
  p.dispose();
  assert.deepEqual(state(), before);
});

test("an enum argument whose conversion would dispose the receiver is refused before the receiver is read", () => {
  const p = new m.Point(0, 0);
  const evil = {
    valueOf() {
      p.dispose();
      return m.Color.Green;
    },
  };
  assert.throws(() => p.set_color(evil), { name: "TypeError", message: /must be a Color/ });
  assert.equal(p.color(), m.Color.Red, "the receiver is still there");
  p.dispose();
});

test("free functions refuse wrappers of another module, disposed wrappers and forgeries", () => {
  const before = state();
  const a = new m.Point(1, 2);
  const foreign = new other.Point(1, 2);
  assert.throws(() => m.distance2(a, foreign), { name: "TypeError", message: /^distance2: argument 2 must be a Point, got an object$/ });
  assert.throws(() => m.midpoint(Object.create(m.Point.prototype), a), { name: "TypeError", message: /^midpoint: argument 1 must be a Point/ });
  assert.throws(() => m.midpoint(new Proxy(a, {}), a), { name: "TypeError", message: /^midpoint: argument 1 must be a Point/ });
  const gone = new m.Point(0, 0);
  gone.dispose();
  assert.throws(() => m.midpoint(a, gone), { name: "TypeError", message: "midpoint: argument 2 must be a Point, got a disposed Point" });
  const counter = new m.Counter();
  assert.throws(() => m.midpoint(a, counter), { name: "TypeError", message: "midpoint: argument 2 must be a Point, got a Counter" });
  // Called with another `this`, a free function is the same function.
  assert.equal(m.gcd.call(foreign, 12, 18), 6);
  for (const o of [a, foreign, counter]) o.dispose();
  assert.deepEqual(state(), before);
});

test("overloads: the count chooses, the chosen invoker converts, a wrong receiver is named", () => {
  const before = state();
  const c = new m.Counter();
  const s = spy();
  assert.throws(() => c.add(s.proxy), { name: "TypeError", message: /^Counter\.add: argument 1 must be an integer \(i32\), got an object$/ });
  assert.throws(() => c.add(1, s.proxy), { name: "TypeError", message: /^Counter\.add: argument 2 must be an integer/ });
  assert.deepEqual(s.ran, []);
  assert.equal(c.add.apply(c, [2]), 2);
  assert.throws(() => c.add.apply(c, new Array(5)), { name: "TypeError", message: "Counter.add: no overload takes 5 arguments (it takes 0, 1 or 2)" });
  const p = new m.Point(0, 0);
  assert.throws(() => c.add.call(p, 1), { name: "TypeError", message: /^Counter\.add: / });
  assert.throws(() => c.add.call(undefined), { name: "TypeError", message: /^Counter\.add: / });
  const foreign = new other.Counter();
  assert.throws(() => c.add.call(foreign, 1), { name: "TypeError", message: /^Counter\.add: / });
  foreign.dispose();
  // An argument that disposes the receiver while converted is refused first.
  const evil = {
    valueOf() {
      c.dispose();
      return 1;
    },
  };
  assert.throws(() => c.add(evil, 1), { name: "TypeError", message: /argument 1 must be an integer/ });
  assert.equal(c.total, 2);
  c.dispose();
  p.dispose();
  assert.throws(() => c.add(), { name: "TypeError", message: /Counter\.add: the object was disposed/ });
  assert.deepEqual(state(), before);
});

test("callbacks that dispose their object or throw: the right result or the error, nothing leaked", () => {
  const before = state();
  const h = new m.Holder((x, self) => {
    self.dispose();
    return x * 3;
  });
  assert.equal(h.fire(2), 6, "disposed inside the call: destroyed once the call unwinds");
  assert.throws(() => h.fire(1), /disposed/);
  const t = new m.Holder(() => {
    throw new RangeError("from the callback");
  });
  assert.throws(() => t.fire(1), { name: "RangeError", message: "from the callback" });
  assert.throws(() => t.pass_part(), { name: "TypeError", message: /no registered object/ });
  // A refused call inside a callback reaches the outer caller too.
  const u = new m.Holder(() => t.pass_part());
  assert.throws(() => u.fire(1), { name: "TypeError", message: /no registered object/ });
  t.dispose();
  u.dispose();
  assert.equal(m.apply(() => "7", 1), 7, "a non-number result converts as ToNumber");
  assert.deepEqual(state(), before);
});
