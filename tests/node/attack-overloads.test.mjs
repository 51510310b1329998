// Attack: overload selection by argument count (js/overloads.mjs) under a
// patched Array.prototype and Function.prototype. A count no constructor
// takes must be a TypeError even when JS put a getter for that index on
// Array.prototype: a constructor taking the getter's function for one
// would wrap the number it returns as an object (any address, then read,
// written and destroyed as that class). Methods, statics, free functions
// and JS subclasses' constructors choose the same way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const faults = warmRegistry(await loadFaults());
const bind = await load(await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url)));
const interfaces = await load(await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url)));

// Runs `body` with a getter on Array.prototype for every index in
// `indices` answering a function that records it ran and returns 64 (an
// address inside the module's data). The getters are gone afterwards.
function withIndexGetters(indices, body) {
  const ran = [];
  const forged = () => {
    ran.push("forged");
    return 64;
  };
  for (const k of indices) Object.defineProperty(Array.prototype, k, { configurable: true, get: () => forged });
  try {
    body();
  } finally {
    for (const k of indices) delete Array.prototype[k];
  }
  assert.deepEqual(ran, [], "no function from Array.prototype was called");
}

const COUNTS = [0, 1, 2, 3, 4, 5, 6];

test("a constructor count no constructor takes is a TypeError, whatever Array.prototype holds at that index", () => {
  const before = state(faults);
  withIndexGetters(COUNTS, () => {
    assert.throws(() => new faults.Node(1, 2, 3, 4, 5), { name: "TypeError", message: "new Node(): no constructor takes 5 arguments (it takes 1 or 3)" });
    assert.throws(() => new faults.Node(), { name: "TypeError", message: "new Node(): no constructor takes 0 arguments (it takes 1 or 3)" });
    assert.throws(() => new faults.Node(1, 2), { name: "TypeError", message: "new Node(): no constructor takes 2 arguments (it takes 1 or 3)" });
    const n = new faults.Node("kept");
    assert.equal(n.name(), "kept");
    n.dispose();
  });
  assert.deepEqual(state(faults), before);
});

test("methods, statics and free functions of several overloads refuse a count none takes under a patched Array.prototype", () => {
  withIndexGetters(COUNTS, () => {
    const c = new bind.Counter();
    assert.throws(() => c.add(1, 2, 3), { name: "TypeError", message: "Counter.add: no overload takes 3 arguments (it takes 0, 1 or 2)" });
    assert.throws(() => bind.sum(), { name: "TypeError", message: "sum: no overload takes 0 arguments (it takes 1, 2 or 3)" });
    assert.throws(() => c.label(1, 2, 3), { name: "TypeError", message: "Counter.label: no overload takes 3 arguments (it takes 0, 1 or 2)" });
    assert.equal(c.add(2, 3), 6);
    assert.equal(bind.Counter.twice(4, 3), 12);
    c.dispose();
  });
  assert.equal(bind.check(), null);
});

test("a JS subclass's constructor count none takes is a TypeError under a patched Array.prototype", () => {
  class Twice extends interfaces.Model {
    residual(x) {
      return 2 * x;
    }
  }
  withIndexGetters(COUNTS, () => {
    assert.throws(() => new Twice(1, 2, "a", 4), { name: "TypeError", message: "new Model(): no constructor of a JS subclass takes 4 arguments (it takes 0, 1, 2 or 3)" });
    assert.throws(() => new Twice(1, 2, "a", 4, 5, 6), { name: "TypeError", message: /takes 6 arguments/ });
  });
  assert.equal(interfaces.check(), null);
});

test("an overload is called without Function.prototype.apply, which JS may replace", () => {
  const apply = Function.prototype.apply;
  let seen = 0;
  Function.prototype.apply = function (self, args) {
    seen += 1;
    return Reflect.apply(this, self, args);
  };
  try {
    const c = new bind.Counter();
    assert.equal(c.add(), 1);
    assert.equal(c.add(5), 6);
    assert.equal(bind.sum(1, 2, 3), 6);
    c.dispose();
  } finally {
    Function.prototype.apply = apply;
  }
  assert.equal(seen, 0);
  assert.equal(bind.check(), null);
});
