// Typed callbacks (weakbind/callbacks.hpp): a JS function as a
// std::function parameter (`fn(R, P...)`): C++ calls it with typed
// arguments, what it returns is checked against its word before C++ reads
// it, its exceptions reach the JS caller, and nothing leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url)));
// The heap beyond the registry's own tables (they grow and are trimmed on
// their own schedule), and the JS-value table.
const snapshot = () => {
  const s = m.stats();
  return { jsValues: s.jsValues, inUse: s.heap.inUse - s.heap.registryBytes };
};
function assertClean(before) {
  assert.equal(m.check(), null);
  assert.deepEqual(snapshot(), before);
}

test("C++ calls a JS function through std::function with numbers, strings and booleans", () => {
  const before = snapshot();
  assert.equal(m.integrate((x) => 2 * x, 0, 1), 1); // the midpoint rule is exact for lines
  const seen = [];
  assert.equal(
    m.greet_with((who, loud) => (seen.push([who, loud]), loud ? who.toUpperCase() : who), "ada"),
    "ADA!",
  );
  assert.deepEqual(seen, [["ada", true]]); // a bool arrives as a boolean
  assert.equal(m.count_with((n) => n * 3, 2), 7);
  assertClean(before);
});

test("a callback taking an object gets its wrapper", () => {
  const k = new m.Keeper();
  let got = null;
  assert.equal(
    m.with_keeper((keeper) => ((got = keeper), keeper.run(1)), k),
    -1, // an empty Keeper runs nothing
  );
  assert.equal(got, k);
  k.dispose();
  assert.equal(m.check(), null);
});

test("a callback argument that is no function: a TypeError before the call", () => {
  const before = snapshot();
  for (const bad of [42, "f", {}, null, undefined]) {
    assert.throws(() => m.count_with(bad, 1), { name: "TypeError", message: /^count_with: argument 1 must be a function, got / });
  }
  assertClean(before);
});

test("a result of the wrong type is a TypeError for the JS caller, never a converted value", () => {
  const before = snapshot();
  for (const r of [1.5, 2 ** 31, NaN, "3", undefined]) {
    assert.throws(() => m.count_with(() => r, 1), {
      name: "TypeError",
      message: /^count_with: argument 1 \(a callback\): returned .*, expected an integer in \[-2147483648, 2147483647\] \(called from wasm\)$/,
    });
  }
  assert.throws(() => m.integrate(() => "1", 0, 1), { name: "TypeError", message: /expected a number/ });
  assert.throws(() => m.greet_with(() => 7, "x"), { name: "TypeError", message: /expected a string/ });
  assertClean(before);
});

test("an exception the callback throws reaches the JS caller; the next call is clean", () => {
  const before = snapshot();
  const boom = new Error("boom");
  assert.throws(
    () =>
      m.integrate(() => {
        throw boom;
      }, 0, 1),
    (e) => e === boom,
  );
  assert.equal(m.integrate(() => 1, 0, 2), 2);
  assertClean(before);
});

test("a std::function C++ keeps holds its JS function until C++ drops it", () => {
  const before = snapshot();
  const got = [];
  m.keep_callback((x) => got.push(x));
  m.fire_kept(1);
  m.fire_kept(2);
  assert.deepEqual(got, [1, 2]);
  assert.equal(m.stats().jsValues, before.jsValues + 1);
  m.drop_kept();
  assertClean(before);
});
