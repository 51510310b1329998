// Containers under patched intrinsics: JS in the same realm may put
// setters on Object.prototype's or Array.prototype's indexes, replace
// Array.prototype's iterator or methods, TextEncoder.prototype.encode or
// %TypedArray%.prototype's length getter. None of it may change what
// reaches C++, what the loader frees, or name the argument in an error by
// running user code (tests/fixtures/containers.cpp, in bind.wasm). Every
// patch is undone before the test's assertions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url));
const m = await load(bytes);
// The heap's first blocks, made once.
m.echo_price(new Map([["warm", { amount: 1, currency: "up", tier: m.Tier.Low }]]));
m.echo_string(new Map([["a", "b"]]));
m.sum_ids([new m.Item(1)]);
m.numbered(["x"]);

// Runs `body` with `patch()` applied, then `undo()`, whatever happens;
// returns what body returned or threw, as { value } or { error }.
function patched(patch, undo, body) {
  patch();
  try {
    return { value: body() };
  } catch (error) {
    return { error };
  } finally {
    undo();
  }
}

// Every call a container test makes, with what C++ gives back.
function calls(a, b) {
  return {
    sum: m.sum_ids([a, b]),
    ids: [...m.ids_of([a, b])],
    count: m.count_of([a, b, a], a),
    strings: [...m.echo_string(new Map([["k", "v"], ["l", "w"]]))],
    prices: [...m.echo_price(new Map([["tea", { amount: 2.5, currency: "€", tier: m.Tier.High }]]))],
    numbered: [...m.numbered(["x", "y"])],
    split: own(m.split("p,q,r")),
    scaled: own(own(m.scale_all3([{ x: 1, y: 2, z: 3 }], 2))[0]),
  };
}
// An Array result's elements, and a value's fields, as its own
// properties: what a setter on a prototype swallowed would be missing.
// (No Array method or iterator: the tests replace them.)
function own(o) {
  const names = Object.getOwnPropertyNames(o);
  const out = {};
  for (let i = 0; i < names.length; i++) Object.defineProperty(out, names[i], { value: o[names[i]], enumerable: true });
  return out;
}
const expected = {
  sum: 12,
  ids: [5, 7],
  count: 2,
  strings: [["k", "v"], ["l", "w"]],
  prices: [["tea", { amount: 2.5, currency: "€", tier: m.Tier.High }]],
  numbered: [[1, "y"], [2, "x"]],
  split: { 0: "p", 1: "q", 2: "r", length: 3 },
  scaled: { x: 2, y: 4, z: 6 },
};

test("setters on Object.prototype's and Array.prototype's indexes swallow nothing the loader keeps", () => {
  const a = new m.Item(5);
  const b = new m.Item(7);
  const before = state(m);
  const names = ["0", "1", "2", "3"];
  let swallowed = 0;
  const out = patched(
    () => {
      for (const n of names) {
        Object.defineProperty(Object.prototype, n, { set() { swallowed++; }, configurable: true });
        Object.defineProperty(Array.prototype, n, { set() { swallowed++; }, configurable: true });
      }
    },
    () => {
      for (const n of names) {
        delete Object.prototype[n];
        delete Array.prototype[n];
      }
    },
    () => calls(a, b),
  );
  assert.equal(out.error, undefined, out.error?.stack);
  assert.deepEqual(out.value, expected);
  assert.equal(swallowed, 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a replaced Array iterator changes no argument and frees every block", () => {
  const a = new m.Item(5);
  const b = new m.Item(7);
  const before = state(m);
  const iterator = Array.prototype[Symbol.iterator];
  const prices = new Map([["a", 1], ["b", 3]]); // (new Map() of an Array iterates it)
  let ran = 0;
  const out = patched(
    () => {
      // Yields nothing: a spread or for…of of the loader's would be empty.
      Array.prototype[Symbol.iterator] = function* () {
        ran++;
      };
    },
    () => {
      Array.prototype[Symbol.iterator] = iterator;
    },
    () => [m.sum_ids([a, b]), m.count_of([a, b, a], a), m.total(prices, 0.5)],
  );
  assert.equal(out.error, undefined, out.error?.stack);
  assert.deepEqual(out.value, [12, 2, 6]);
  assert.equal(ran, 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("replaced Array.prototype methods are not what the loader calls", () => {
  const a = new m.Item(5);
  const b = new m.Item(7);
  const before = state(m);
  const names = ["push", "map", "forEach", "concat"];
  const saved = names.map((n) => Array.prototype[n]);
  let ran = 0;
  const out = patched(
    () => {
      // Each does nothing (an empty result for map and concat).
      for (const n of names) {
        Array.prototype[n] = function () {
          ran++;
          return n === "push" ? this.length : [];
        };
      }
    },
    () => {
      for (let k = 0; k < names.length; k++) Array.prototype[names[k]] = saved[k];
    },
    () => calls(a, b),
  );
  assert.equal(out.error, undefined, out.error?.stack);
  assert.deepEqual(out.value, expected);
  assert.equal(ran, 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a replaced TextEncoder.prototype.encode or typed array length getter reaches no string C++ reads", () => {
  const before = state(m);
  const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
  const length = Object.getOwnPropertyDescriptor(TypedArray, "length");
  const encode = TextEncoder.prototype.encode;
  let ran = 0;
  const out = patched(
    () => {
      TextEncoder.prototype.encode = function () {
        ran++;
        return Uint8Array.of(0x78);
      };
      // A length that grows on each read: a block of one size, a length
      // of another.
      let n = 0;
      Object.defineProperty(TypedArray, "length", {
        get() {
          ran++;
          return (n += 4096);
        },
        configurable: true,
      });
    },
    () => {
      TextEncoder.prototype.encode = encode;
      Object.defineProperty(TypedArray, "length", length);
    },
    () => [
      [...m.echo_string(new Map([["ключ", "värde"]]))],
      [...m.numbered(["ä", "ö"])],
      [...m.echo_price(new Map([["tea", { amount: 1, currency: "€", tier: m.Tier.Low }]]))],
    ],
  );
  assert.equal(out.error, undefined, out.error?.stack);
  assert.deepEqual(out.value, [
    [["ключ", "värde"]],
    [[1, "ö"], [2, "ä"]],
    [["tea", { amount: 1, currency: "€", tier: m.Tier.Low }]],
  ]);
  assert.equal(ran, 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a function refused as an element is named without running its toString", () => {
  const before = state(m);
  let ran = 0;
  const f = () => {};
  f.toString = () => {
    ran++;
    throw new Error("user code");
  };
  f[Symbol.toPrimitive] = f.toString;
  assert.throws(() => m.sum_ids([f]), { name: "TypeError", message: "sum_ids: argument 1 element 0 must be a Item, got a function" });
  assert.throws(() => m.echo_i32(new Map([["a", f]])), { name: "TypeError", message: 'echo_i32: argument 1 key "a" must be an integer (i32), got a function' });
  assert.equal(ran, 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a first call under patched intrinsics lays its values and entries out as any other", async () => {
  const fresh = await load(bytes); // no layout made yet
  const price = new Map([["tea", { amount: 2.5, currency: "€", tier: fresh.Tier.High }]]);
  const strings = new Map([["k", "v"]]);
  const iterator = Array.prototype[Symbol.iterator];
  const map = Array.prototype.map;
  const get = Map.prototype.get;
  const out = patched(
    () => {
      Array.prototype[Symbol.iterator] = function* () {};
      Array.prototype.map = () => [];
      Map.prototype.get = () => undefined;
    },
    () => {
      Array.prototype[Symbol.iterator] = iterator;
      Array.prototype.map = map;
      Map.prototype.get = get;
    },
    () => [fresh.echo_price(price), fresh.echo_string(strings), fresh.Catalog.sample()],
  );
  assert.equal(out.error, undefined, out.error?.stack);
  assert.deepEqual(out.value, [price, strings, new Map([["tea", 2.5]])]);
  // And so are the calls after it.
  assert.deepEqual(fresh.echo_price(price), price);
  assert.deepEqual(fresh.numbered(["x"]), new Map([[1, "x"]]));
  assert.equal(fresh.check(), null);
});

test("patched DataView methods and WebAssembly.Memory's buffer getter write, read and free nothing", () => {
  const a = new m.Item(5);
  const b = new m.Item(7);
  const before = state(m);
  const proto = DataView.prototype;
  const names = ["getUint32", "setUint32", "getInt32", "getFloat64", "setFloat64"];
  const saved = names.map((n) => proto[n]);
  const buffer = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, "buffer");
  let ran = 0;
  const out = patched(
    () => {
      // Writes are swallowed; reads say 0 (a count of nothing, a NULL block).
      for (let k = 0; k < names.length; k++) {
        proto[names[k]] = function () {
          ran++;
          return 0;
        };
      }
      Object.defineProperty(WebAssembly.Memory.prototype, "buffer", {
        get() {
          ran++;
          return buffer.get.call(this);
        },
        configurable: true,
      });
    },
    () => {
      for (let k = 0; k < names.length; k++) proto[names[k]] = saved[k];
      Object.defineProperty(WebAssembly.Memory.prototype, "buffer", buffer);
    },
    () => calls(a, b),
  );
  assert.equal(out.error, undefined, out.error?.stack);
  assert.deepEqual(out.value, expected);
  assert.equal(ran, 0);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});
