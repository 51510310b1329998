// The browser's node:assert/strict shim must judge exactly as node does,
// or a node test could pass in chromium on a weaker check: each case runs
// through both, and both must agree on pass or fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import shim from "./node-assert.mjs";

const outcome = (fn) => {
  try {
    fn();
    return "pass";
  } catch (e) {
    return e?.name === "AssertionError" || e?.code === "ERR_ASSERTION" ? "fail" : `threw ${e?.name}`;
  }
};
const agree = (check) => assert.equal(outcome(() => check(shim)), outcome(() => check(assert)), String(check));

const values = [
  0, -0, 1, NaN, "1", 1n, true, null, undefined, Symbol.iterator,
  [], [1], [1, 2], [[1]], {}, { a: 1 }, { a: 1, b: undefined }, { a: "1" }, { b: 1 },
  new Uint8Array([1, 2]), new Uint8Array([1, 3]), new Int8Array([1, 2]), new Uint8Array([1, 2]).buffer,
  new Map([[1, { a: 1 }]]), new Map([[1, { a: 2 }]]), new Set([1, 2]), new Set([2, 1]), new Set([{ a: 1 }]), new Set([{ a: 2 }]),
  new Date(0), new Date(1), /a/g, /a/i, new Error("x"), new TypeError("x"), new Error("y"),
  Object.create(null), Object.assign(Object.create(null), { a: 1 }), new Number(1), new String("1"),
];

test("equal, deepEqual and their negations agree with node on every pair", () => {
  for (const a of values) {
    for (const b of values) {
      for (const name of ["equal", "notEqual", "deepEqual", "notDeepEqual"]) agree((x) => x[name](a, b));
    }
  }
  for (const v of [0, "", null, undefined, NaN, 1, "a", {}]) agree((x) => x.ok(v));
});

test("deepEqual follows a cycle", () => {
  const a = { n: 1 };
  a.self = a;
  const b = { n: 1 };
  b.self = b;
  const c = { n: 2 };
  c.self = c;
  agree((x) => x.deepEqual(a, b));
  agree((x) => x.deepEqual(a, c));
});

test("throws and rejects validate like node", async () => {
  const thrower = (e) => () => {
    throw e;
  };
  const error = Object.assign(new TypeError("MyClass.my_method: the object was disposed"), { code: 7 });
  const validations = [
    undefined, TypeError, RangeError, Error, /disposed/, /^TypeError: MyClass/, /nope/,
    { name: "TypeError" }, { name: "RangeError" }, { message: /disposed/ }, { message: /nope/ },
    { name: "TypeError", message: "MyClass.my_method: the object was disposed" },
    { message: "MyClass.my_method" }, { code: 7 }, { code: 8 }, { missing: undefined }, { missing: 1 },
    (e) => e instanceof TypeError, (e) => e instanceof RangeError,
  ];
  for (const v of validations) {
    agree((x) => x.throws(thrower(error), v));
    agree((x) => x.throws(thrower("a string"), v));
    agree((x) => x.throws(() => {}, v));
  }
  for (const v of validations) {
    const [mine, theirs] = await Promise.all(
      [shim, assert].map((x) => x.rejects(Promise.reject(error), v).then(() => "pass", (e) => e.name)),
    );
    assert.equal(mine, theirs, String(v));
  }
  const [mine, theirs] = await Promise.all(
    [shim, assert].map((x) => x.rejects(Promise.resolve(1)).then(() => "pass", (e) => e.name)),
  );
  assert.equal(mine, theirs);
});

test("match and doesNotMatch agree with node", () => {
  for (const s of ["abc", "", "xyz"]) {
    agree((x) => x.match(s, /b/));
    agree((x) => x.doesNotMatch(s, /b/));
  }
});
