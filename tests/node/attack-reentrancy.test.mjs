// Attack class 1: user code that runs while the loader converts a call's
// arguments (valueOf, toString, Proxy traps, getters, a typed array's
// length) disposes the receiver or another argument. Every argument is
// converted before the receiver's pointer is read, and a release asked
// for while wasm runs waits until it returns: never a method on freed
// memory, never a copy longer than the block it reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());

test("convention: valueOf disposing the receiver gets a TypeError, the method never runs on freed memory", () => {
  const before = state(m);
  const count = m.exports.buffer_destructor_calls();
  const b = new m.Buffer(100);
  const arg = { valueOf: () => (b.dispose(), 0) };
  assert.throws(() => b.byte_at(arg), { name: "TypeError", message: "Buffer.byte_at: the object was disposed" });
  assert.equal(m.exports.buffer_destructor_calls(), count + 1);
  assert.deepEqual(state(m), before);
});

test("convention: Symbol.toPrimitive and toString run before the receiver is read", () => {
  const before = state(m);
  for (const make of [(b) => ({ [Symbol.toPrimitive]: () => (b.dispose(), 1) }), (b) => ({ valueOf: null, toString: () => (b.dispose(), "1") })]) {
    const b = new m.Buffer(8);
    assert.throws(() => b.byte_at(make(b)), /Buffer\.byte_at: the object was disposed/);
  }
  const b = new m.Buffer(8);
  assert.equal(b.byte_at({ valueOf: () => 3 }), b.byte_at(3), "an object argument still converts like a number");
  assert.equal(b.byte_at("2"), b.byte_at(2));
  assert.equal(b.byte_at(100), -1);
  b.dispose();
  assert.deepEqual(state(m), before);
});

test("convention constructor: an argument whose valueOf throws leaves nothing behind", () => {
  const before = state(m);
  assert.throws(() => new m.Buffer({ valueOf: () => { throw new RangeError("no"); } }), RangeError);
  assert.deepEqual(state(m), before);
});

test("typed: a Proxy argument whose traps dispose the receiver is refused without running a trap", () => {
  const before = state(m);
  const a = new m.Node("a");
  const b = new m.Node("b");
  let trapped = 0;
  const proxy = new Proxy(b, {
    get(t, k, r) {
      trapped++;
      a.dispose();
      return Reflect.get(t, k, r);
    },
  });
  assert.throws(() => a.contains(proxy), { name: "TypeError", message: /Node\.contains: argument 1 must be a Node/ });
  assert.equal(trapped, 0);
  assert.equal(a.contains(b), false, "the receiver is still alive");
  a.dispose();
  b.dispose();
  assert.deepEqual(state(m), before);
});

test("typed: a string argument's conversion cannot dispose the receiver mid-call (getter on an argument)", () => {
  const before = state(m);
  const n = new m.Node("n");
  const evil = new Proxy({}, { get: () => (n.dispose(), undefined) });
  assert.throws(() => n.set_name(evil), { name: "TypeError", message: /Node\.set_name: argument 1 must be a string/ });
  assert.equal(n.name(), "n");
  n.dispose();
  assert.deepEqual(state(m), before);
});

test("typed: a typed array whose length lies is copied by its real length", () => {
  const before = state(m);
  const n = new m.Node("n");
  let reads = 0;
  class Liar extends Uint8Array {
    get length() {
      return ++reads === 1 ? 100 : 8192;
    }
  }
  const liar = new Liar(100).fill(7);
  n.tag = liar;
  assert.equal(n.tag.length, 100);
  assert.ok(n.tag.every((x) => x === 7));
  const fake = Object.create(Uint8Array.prototype);
  assert.throws(() => (n.tag = fake), { name: "TypeError", message: /Node\.tag: argument 1 must be a Uint8Array/ });
  n.dispose();
  assert.deepEqual(state(m), before);
});

test("typed: a callback result's toString disposing the running method's receiver waits for the method", () => {
  const before = state(m);
  const count = m.exports.event_sources_destroyed();
  const src = new m.EventSource("s");
  src.on(() => ({ toString: () => (src.dispose(), "late") }));
  let during = -1;
  src.on(() => ({
    toString() {
      src.dispose();
      during = m.exports.event_sources_destroyed();
      return "late";
    },
  }));
  const out = src.transform("x");
  assert.equal(during, count, "destroyed while its method ran");
  assert.equal(typeof out, "string");
  assert.equal(m.exports.event_sources_destroyed(), count + 1);
  assert.deepEqual(state(m), before);
});

// String arguments are written into an arena for the call (js/arena.mjs).
// A callback's own calls write theirs above them and give the space back
// before the outer call resumes; nothing the outer call was handed is
// overwritten, whether it fit in the arena or spilled to the heap.
test("string arguments survive calls a callback makes with strings of its own", () => {
  const before = state(m);
  const outer = new m.Relay();
  const inner = new m.Relay();
  const long = "ä".repeat(20_000); // past the arena: a heap block of its own
  let nested = 0;
  outer.on(() => {
    nested++;
    assert.equal(inner.relay("N".repeat(300), "ø"), `${"N".repeat(300)}|ø`);
    assert.equal(inner.relay(long + "x", "y"), `${long}x|y`);
    assert.throws(() => inner.relay("z", 5), TypeError);
  });
  for (const [a, b] of [["hello", "wörld"], [long, "short"], ["short", long], ["😀", "\ud800"]]) {
    assert.equal(outer.relay(a, b), `${a}|${b}`.replace("\ud800", "\ufffd"));
  }
  assert.equal(nested, 4);
  outer.clear();
  outer.dispose();
  inner.dispose();
  assert.deepEqual(state(m), before);
});
