// Attack class 6: numbers. Typed integer parameters take integers in
// range and nothing else (wasm would wrap or truncate silently); pointers
// past 2 GiB of linear memory are read unsigned, so objects and strings
// keep working there; a JS-value handle is an integer handle or an error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadFaults, state, warmRegistry } from "./reliability-fixtures.mjs";

const m = warmRegistry(await loadFaults());

test("i32 and u32 parameters refuse non-integers (TypeError) and out-of-range integers (RangeError)", () => {
  const before = state(m);
  const n = new m.Node("n");
  n.add_child("a");
  for (const bad of [1.5, NaN, Infinity, -Infinity, "0", 0n, null, undefined, {}]) {
    assert.throws(() => n.child(bad), { name: "TypeError", message: /^Node\.child: argument 1 must be an integer \(i32\), got / }, String(bad));
  }
  for (const far of [2 ** 31, -(2 ** 31) - 1, 2 ** 32]) {
    assert.throws(() => n.child(far), { name: "RangeError", message: `Node.child: argument 1 is out of range for i32: ${far}` });
  }
  assert.equal(n.child(-(2 ** 31)), null);
  assert.equal(n.child(0).name(), "a");
  for (const bad of [-1, 2 ** 32, 0.5]) assert.throws(() => (n.flags = bad), bad === 0.5 ? TypeError : RangeError);
  n.flags = 2 ** 32 - 1;
  assert.equal(n.flags, 2 ** 32 - 1);
  n.dispose();
  assert.deepEqual(state(m), before);
});

test("m.jsvalue() takes only integer handles", () => {
  for (const odd of ["1", 1.5, -1, 0, 2 ** 32, NaN, {}, null]) assert.throws(() => m.jsvalue(odd), TypeError);
});

test("past 2 GiB of linear memory, objects, strings and bytes still work", async () => {
  const big = await loadFaults();
  const pages = big.memory.buffer.byteLength / 65536;
  big.memory.grow(32768 + 16 - pages); // the heap's next spans start above 2 GiB
  // Objects fill what is free below first.
  const low = [];
  let f;
  while ((f = new big.Faulty(9)).address() < 2 ** 31 && low.length < 100_000) low.push(f);
  assert.ok(f.address() >= 2 ** 31, `object at ${f.address()}`);
  const n = new big.Node("high ä");
  assert.equal(n.name(), "high ä");
  assert.equal(n.echo("x".repeat(100)), "x".repeat(100));
  // Longer than the string arena: a heap block of its own, above 2 GiB.
  assert.equal(n.echo("ä".repeat(20_000)), "ä".repeat(20_000));
  n.tag = new Uint8Array([1, 2, 3]);
  assert.deepEqual([...n.tag], [1, 2, 3]);
  const c = n.add_child("c");
  assert.equal(n.child(0), c);
  assert.equal(f.value(), 9);
  n.dispose();
  f.dispose();
  for (const o of low) o.dispose();
  assert.throws(() => c.name(), /disposed/);
  assert.equal(big.check(), null);
  assert.equal(big.stats().live.Node, 0);
});
