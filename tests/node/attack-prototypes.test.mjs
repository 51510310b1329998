// Attack: JS patches the realm's built-ins the loader's bookkeeping uses
// (the array iterator, Array.prototype's indices, Map.prototype.get,
// WeakMap.prototype.get, WeakRef.prototype.deref) while wasm frees
// objects and memory. What ends a wrapper's or a view's reach (wasm
// freeing the object, its parent's end, the owner's end) must still end
// it: a wrapper or a view left reaching freed memory is a use after free.
// And what records a new object (its cohort, its scope, the sweep's
// lists) must still record it: an object constructed and then lost leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());
const rust = await load(await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url)));

const iteratorProto = Object.getPrototypeOf([][Symbol.iterator]());
const patches = {
  // Every array iteration ends at once.
  iterator: [iteratorProto, "next", () => ({ done: true, value: undefined })],
  // Nothing is found in any Map or WeakMap.
  mapGet: [Map.prototype, "get", () => undefined],
  weakMapGet: [WeakMap.prototype, "get", () => undefined],
  // Every WeakRef looks collected.
  deref: [WeakRef.prototype, "deref", () => undefined],
};

// Runs `body` with the named patches in place, then puts everything back.
// (By index and with no array method: the patches hold while it runs.)
function patched(names, body) {
  const saved = { __proto__: null };
  for (let k = 0; k < names.length; k++) {
    const patch = patches[names[k]];
    saved[k] = Object.getOwnPropertyDescriptor(patch[0], patch[1]);
  }
  for (let k = 0; k < names.length; k++) {
    const patch = patches[names[k]];
    Object.defineProperty(patch[0], patch[1], { configurable: true, writable: true, value: patch[2] });
  }
  try {
    return body();
  } finally {
    for (let k = names.length - 1; k >= 0; k--) {
      const patch = patches[names[k]];
      Object.defineProperty(patch[0], patch[1], saved[k]);
    }
  }
}

for (const names of [["iterator"], ["mapGet"], ["deref"], ["iterator", "mapGet", "weakMapGet", "deref"]]) {
  test(`C++ deleting a borrowed child under patched ${names.join(", ")}: its wrapper still stops reaching it`, () => {
    const before = state(m);
    const t = new m.Tree();
    const leaf = t.add(5);
    assert.equal(leaf.value(), 5);
    assert.equal(
      patched(names, () => t.remove(0)),
      true,
    );
    assert.throws(() => leaf.value(), { name: "TypeError", message: /^Leaf\.value: .*destroyed by wasm/ });
    t.dispose();
    assert.deepEqual(state(m), before);
  });

  test(`a parent disposed under patched ${names.join(", ")}: its borrowed children stop reaching their objects`, () => {
    const before = state(m);
    const t = new m.Tree();
    const a = t.add(1);
    const b = t.add(2);
    patched(names, () => t.dispose());
    assert.throws(() => a.value(), TypeError);
    assert.throws(() => b.value(), TypeError);
    assert.deepEqual(state(m), before);
  });
}

test("a Rust view whose owner is disposed under patched Map.prototype.get and WeakRef.prototype.deref ends", () => {
  const live = new rust.Bin(4);
  const bin = new rust.Bin(4);
  const v = bin.samples();
  assert.equal(v.at(1), 0.5);
  // deref answers the live bin for every ref: a view must not take it
  // for its owner.
  const answer = () => live;
  const saved = WeakRef.prototype.deref;
  const savedGet = Map.prototype.get;
  WeakRef.prototype.deref = answer;
  Map.prototype.get = () => undefined;
  try {
    bin.dispose();
    assert.throws(() => v.at(0), { name: "TypeError", message: /^Bin\.samples.*: the view ended/ });
    assert.throws(() => v.copy(), TypeError);
  } finally {
    WeakRef.prototype.deref = saved;
    Map.prototype.get = savedGet;
  }
  live.dispose();
  assert.equal(rust.check(), null);
});

test("a Rust view whose memory wasm frees under patched Map.prototype.get and WeakRef.prototype.deref ends", () => {
  const bin = new rust.Bin(4);
  const v = bin.samples();
  patched(["mapGet", "deref"], () => {
    for (let i = 0; i < 64; i++) bin.push(i); // the Vec reallocates: its old block is freed
  });
  assert.throws(() => v.at(0), { name: "TypeError", message: /^Bin\.samples.*: the view ended \(wasm freed its memory\)/ });
  bin.dispose();
  assert.equal(rust.check(), null);
});

test("objects made while Array.prototype has an index getter are owned, not leaked", () => {
  const before = state(m);
  Object.defineProperty(Array.prototype, 0, { configurable: true, get: () => 1 });
  const made = new Set();
  let last;
  try {
    for (let i = 0; i < 300; i++) made.add((last = new m.Node(`n${i}`)));
    assert.equal(last.name(), "n299");
  } finally {
    delete Array.prototype[0];
  }
  for (const n of made) n.dispose();
  assert.deepEqual(state(m), before);
});

test("a scope disposes what it made whatever the array iterator and Array.prototype hold", () => {
  const before = state(m);
  const made = new Set();
  patched(["iterator"], () => {
    Object.defineProperty(Array.prototype, 0, { configurable: true, get: () => undefined, set: () => {} });
    try {
      m.scope(() => {
        for (let i = 0; i < 3; i++) made.add(new m.Node("scoped"));
      });
    } finally {
      delete Array.prototype[0];
    }
  });
  for (const n of made) assert.throws(() => n.name(), /disposed/);
  assert.deepEqual(state(m), before);
});

test("the sweep strategy never releases a live object when WeakRef.prototype.deref lies", async () => {
  const s = await loadFaults({ strategy: "sweep" });
  const n = new s.Node("kept");
  patched(["deref"], () => s.flush());
  assert.equal(s.stats().live.Node, 1);
  assert.equal(n.name(), "kept");
  n.dispose();
  assert.equal(s.check(), null);
});

test("a replaced Function.prototype.call cannot make a plain object pass for a typed array", async () => {
  const b = await load(await readFile(new URL("../../build/fixtures/bind.wasm", import.meta.url)));
  const TA = Object.getPrototypeOf(Uint8Array.prototype);
  const getter = (k) => Object.getOwnPropertyDescriptor(TA, k).get;
  const [kind, length, buffer, offset] = [getter(Symbol.toStringTag), getter("length"), getter("buffer"), getter("byteOffset")];
  const real = new Float64Array([1, 2, 3]);
  const call = Function.prototype.call;
  // Answers for the typed array getters as if `this` were `real`.
  Function.prototype.call = function (self, ...args) {
    if (this === kind) return "Float64Array";
    if (this === length) return 3;
    if (this === buffer) return Reflect.apply(buffer, real, []);
    if (this === offset) return 0;
    return Reflect.apply(this, self, args);
  };
  try {
    assert.throws(() => b.sum_f64({ forged: true }), { name: "TypeError", message: "sum_f64: argument 1 must be a Float64Array, got an object" });
    assert.equal(b.sum_f64(real), 6);
  } finally {
    Function.prototype.call = call;
  }
  assert.equal(b.check(), null);
});

test("a replaced global Uint8Array cannot move where the arena writes a string", () => {
  const before = state(m);
  const Real = Uint8Array;
  // A view of all of memory made by this class starts 4096 bytes late.
  globalThis.Uint8Array = class extends Real {
    constructor(a, b, c) {
      if (a instanceof ArrayBuffer && b === undefined) super(a, 4096);
      else if (b === undefined) super(a);
      else super(a, b, c);
    }
  };
  let name;
  try {
    m.exports.memory.grow(1); // the arena makes its view again
    const n = new m.Node("abc");
    name = n.name();
    n.dispose();
  } finally {
    globalThis.Uint8Array = Real;
  }
  assert.equal(name, "abc");
  assert.deepEqual(state(m), before);
});

test("an object handed to a JS callback is of its own class whatever Map.prototype.get answers", () => {
  const before = state(m);
  const r = new m.Reentrant(5);
  const real = Map.prototype.get;
  for (const shift of [1, 2, -1, 3]) {
    let got;
    // Every numeric key (a class id among them) read as another.
    Map.prototype.get = function (k) {
      return Reflect.apply(real, this, [typeof k === "number" ? k + shift : k]);
    };
    try {
      r.call_back((self) => {
        got = self;
      });
    } finally {
      Map.prototype.get = real;
    }
    assert.equal(got, r, `shift ${shift}: the callback got the wrapper JS holds`);
  }
  r.dispose();
  assert.deepEqual(state(m), before);
});

test("the JS value table reuses only its own free slots whatever Array.prototype.pop and push do", () => {
  const before = state(m);
  const src = new m.EventSource("s");
  const kept = () => 1;
  src.on(kept);
  assert.equal(src.listener(), kept);
  const other = () => 2;
  const pop = Array.prototype.pop;
  const push = Array.prototype.push;
  // Every pop answers slot 1 (live: the listener's), every push is lost.
  Array.prototype.pop = () => 1;
  Array.prototype.push = () => 0;
  try {
    const b = new m.EventSource("b");
    b.on(other);
    assert.equal(b.listener(), other);
    b.dispose();
  } finally {
    Array.prototype.pop = pop;
    Array.prototype.push = push;
  }
  assert.equal(src.listener(), kept, "the first listener is still the one C++ holds");
  src.dispose();
  assert.deepEqual(state(m), before);
});

test("getters JS put on Object.prototype for the loader's own record names change nothing a call reads or records", async () => {
  const flat = await load(await readFile(new URL("../../build/fixtures/flat.wasm", import.meta.url)));
  const before = state(m);
  // Names of properties the loader's records have or lack; read from
  // Object.prototype they would say a leaf step closes a nested value, a
  // scalar field holds blocks, or a cohort cannot count.
  const names = ["count", "tokens", "epoch", "close", "open", "inner", "container", "check", "codec", "named", "at"];
  const read = new Set();
  for (const n of names) {
    Object.defineProperty(Object.prototype, n, {
      configurable: true,
      get() {
        read.add(n);
        return n === "close" || n === "open" || n === "inner" ? { fields: [] } : 1;
      },
    });
  }
  let made;
  let echoed;
  try {
    made = new m.Node("made"); // a new cohort
    const cell = { i: 1, u: 2, b: true, f: 0.5, s: flat.Sign.Pos, d: 3, in: { k: 4, a: 5 } };
    echoed = JSON.stringify(flat.echo(cell)); // the plan and reader made on this first call
  } finally {
    for (const n of names) delete Object.prototype[n];
  }
  assert.equal(made.name(), "made");
  assert.equal(echoed, JSON.stringify({ i: 1, u: 2, b: true, f: 0.5, s: 1, d: 3, in: { k: 4, a: 5 } }));
  assert.deepEqual([...read], [], "no record read one of these from Object.prototype");
  made.dispose();
  assert.deepEqual(state(m), before);
  assert.equal(flat.check(), null);
});
