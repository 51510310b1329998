// Attack class 2: copies and forgeries of wrappers. A wrapper's pointer
// and ownership live where JS cannot copy them (spread, Object.assign, a
// state library's shallow clone), enumerate them (symbols) or answer for
// them (a Proxy): a copy or a forgery is refused with a TypeError, and
// disposing it frees nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());

const copies = (w) => ({
  spread: { ...w },
  assign: Object.assign(Object.create(Object.getPrototypeOf(w)), w),
  structured: Object.defineProperties(Object.create(Object.getPrototypeOf(w)), Object.getOwnPropertyDescriptors(w)),
  proxy: new Proxy(w, {}),
});

for (const [label, make, call] of [
  ["convention", () => new m.MyClass(4), (w) => w.my_method()],
  ["typed", () => new m.Node("n"), (w) => w.name()],
]) {
  test(`${label}: copies of a wrapper do not reach its object and cannot dispose it`, () => {
    const before = state(m);
    const w = make();
    const expected = call(w);
    for (const [how, copy] of Object.entries(copies(w))) {
      assert.throws(() => call(Object.setPrototypeOf(copy, Object.getPrototypeOf(w)) ?? copy), TypeError, how);
      assert.throws(() => Object.getPrototypeOf(w).dispose.call(copy), TypeError, how);
    }
    assert.equal(call(w), expected, "the original still works");
    w.dispose();
    assert.deepEqual(state(m), before);
  });

  test(`${label}: a wrapper shows no property or symbol a forgery could copy`, () => {
    const w = make();
    assert.deepEqual(Object.getOwnPropertySymbols(w), []);
    assert.deepEqual(Reflect.ownKeys(w), []);
    const forged = Object.create(Object.getPrototypeOf(w));
    assert.throws(() => call(forged), TypeError);
    const anything = new Proxy(Object.create(Object.getPrototypeOf(w)), { get: (t, k) => (typeof k === "symbol" ? 8 : Reflect.get(t, k)), has: () => true });
    assert.throws(() => call(anything), TypeError);
    w.dispose();
  });
}

test("frozen, sealed and non-extensible wrappers still work and still dispose", () => {
  const before = state(m);
  for (const lock of [Object.freeze, Object.seal, Object.preventExtensions]) {
    const n = lock(new m.Node("f"));
    const c = lock(new m.MyClass(2));
    assert.equal(n.name(), "f");
    assert.equal(c.my_method(), 4);
    n.dispose();
    c.dispose();
    assert.throws(() => n.name(), /disposed/);
  }
  assert.deepEqual(state(m), before);
});

test("a wrapper of another class, as receiver or argument, is refused by class", () => {
  const n = new m.Node("n");
  const f = new m.Faulty(1);
  assert.throws(() => m.Node.prototype.name.call(f), { name: "TypeError", message: /Node\.name: called on a Faulty, not a Node/ });
  assert.throws(() => n.contains(f), { name: "TypeError", message: /Node\.contains: argument 1 must be a Node, got a Faulty/ });
  const g = new m.Group("g");
  assert.equal(n.contains(g), false, "a derived class is accepted where its base is");
  assert.throws(() => Object.getOwnPropertyDescriptor(m.Group.prototype, "layer").get.call(n), /Group\.layer: called on a Node, not a Group/);
  for (const o of [n, f, g]) o.dispose();
});

// A constructor makes its object before its wrapper, then runs super()
// through the loader's own classes. Swapping a class's prototype puts
// someone else's constructor there: whatever it does (return another
// object, make a wrapper of its own, throw), no wrapper gets a pointer it
// does not own, and the object made is destroyed, not leaked.
// A derived class's super() goes through its constructor's [[Prototype]],
// which JS can swap; a root class calls no base at all.
const swaps = [
  ["returns a plain object", () => class {
    constructor() {
      return {};
    }
  }],
  ["is a base class of its own", () => class {}],
  ["makes other wrappers first", (other) => class {
    constructor() {
      other().dispose();
      other().dispose();
    }
  }],
  ["throws", () => class {
    constructor() {
      throw new RangeError("no");
    }
  }],
];

test("a derived class whose prototype chain was swapped makes no wrapper and leaks nothing", () => {
  const C = m.Group;
  const parent = Object.getPrototypeOf(C);
  for (const [how, Evil] of swaps) {
    const before = state(m);
    Object.setPrototypeOf(C, Evil(() => new m.Node("other")));
    try {
      assert.throws(() => new C("swapped"), how === "throws" ? RangeError : TypeError, how);
    } finally {
      Object.setPrototypeOf(C, parent);
    }
    assert.deepEqual(state(m), before, how);
  }
  const w = new C("g");
  assert.ok(w instanceof C);
  w.dispose();
});

test("a root class whose prototype chain was swapped constructs as before: no base runs", () => {
  for (const [C, make] of [[m.MyClass, () => new m.MyClass(3)], [m.Node, () => new m.Node("swapped")]]) {
    const parent = Object.getPrototypeOf(C);
    const before = state(m);
    let ran = false;
    Object.setPrototypeOf(C, class {
      constructor() {
        ran = true;
        return {};
      }
    });
    try {
      const w = make();
      assert.ok(w instanceof C);
      w.dispose();
    } finally {
      Object.setPrototypeOf(C, parent);
    }
    assert.equal(ran, false, `${C.name}: the swapped-in base never runs`);
    assert.deepEqual(state(m), before, C.name);
  }
});
