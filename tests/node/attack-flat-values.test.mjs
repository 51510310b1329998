// Attack: flat values (tests/fixtures/flat.cpp: every field a number, a
// boolean or a numeric enum, a nested flat value) staged in a
// Float64Array and written into the arena (js/values.mjs,
// js/fixed-calls.mjs), and numeric enums checked by their small table
// (js/enums.mjs). Bad fields are TypeErrors naming member, argument and
// field; getters that re-enter wasm (strings that spill the arena, other
// flat values), grow memory or dispose the receiver change nothing the
// call was handed; and nothing is left allocated.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/flat.wasm", import.meta.url)));
// A Cell with `o`'s properties as they are: its getters stay getters,
// run by the call.
const cell = (o = {}) => Object.defineProperties({ i: -2, u: 4000000000, b: true, f: 1.5, s: m.Sign.Neg, d: 2.25, in: { k: 7, a: 0.5 } }, Object.getOwnPropertyDescriptors(o));
const echoed = (o = {}) => ({ ...cell(), in: { k: 7, a: 0.5 }, ...o });
// The heap's first blocks, made once.
m.echo(cell());
m.describe(cell(), "x".repeat(20000));

test("a flat value crosses both ways with every field kind, nested and padded", () => {
  const before = state(m);
  assert.deepEqual(m.echo(cell()), echoed());
  assert.equal(m.describe(cell(), "t"), "t:-2,4000000000,t,1.500000,-1,2.250000,7,0.500000");
  assert.deepEqual(m.mix(cell(), "abc", cell({ i: 10, in: { k: 3, a: 0 } })), echoed({ i: 11, d: 4.5, in: { k: 3, a: 0.5 } }));
  assert.ok(Object.is(m.echo(cell({ d: -0 })).d, -0));
  assert.ok(Number.isNaN(m.echo(cell({ d: NaN })).d));
  assert.equal(m.echo(cell({ f: 1e300 })).f, Infinity);
  assert.deepEqual(state(m), before);
});

test("a numeric enum refuses a fraction its small table would round onto a value", () => {
  const before = state(m);
  // Sign spans -1…1: `a - min` for a near 0 or 1 rounds onto an index.
  for (const bad of [1 + 2 ** -52, 2 ** -60, -(2 ** -60), 1.5, NaN, 2, -2]) {
    assert.throws(() => m.sign_of(bad), { name: "TypeError", message: `sign_of: argument 1 must be a Sign (one of the module's Sign values), got number ${bad}` });
    assert.throws(() => m.echo(cell({ s: bad })), { name: "TypeError", message: `echo: argument 1 field 's' must be a Sign (one of the module's Sign values), got number ${bad}` });
  }
  assert.equal(m.sign_of(-0), 0);
  assert.equal(m.sign_of(m.Sign.Neg), -1);
  assert.deepEqual(state(m), before);
});

test("bad fields of a flat value are TypeErrors naming the member, argument and field", () => {
  const before = state(m);
  const t = new m.Tally();
  const cases = [
    [{ b: 1 }, "field 'b' must be a boolean, got number 1"],
    [{ i: NaN }, "field 'i' must be an integer (i32), got number NaN"],
    [{ i: 1.5 }, "field 'i' must be an integer (i32), got number 1.5"],
    [{ u: "1" }, "field 'u' must be an integer (u32), got string"],
    [{ f: 1n }, "field 'f' must be a number, got bigint"],
    [{ in: 3 }, "field 'in' must be a Inner object, got number 3"],
    [{ in: { k: 1 } }, "is missing field 'in.a' of Cell"],
    [{ s: { valueOf: () => 1 } }, "field 's' must be a Sign"],
  ];
  for (const [bad, why] of cases) {
    const re = (member, arg) => new RegExp(`^${member}: argument ${arg} ${why.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
    assert.throws(() => m.echo(cell(bad)), { name: "TypeError", message: re("echo", 1) });
    assert.throws(() => m.mix(cell(), "s", cell(bad)), { name: "TypeError", message: re("mix", 3) });
    assert.throws(() => t.named("n", cell(bad)), { name: "TypeError", message: re("Tally.named", 2) });
  }
  assert.throws(() => m.echo(cell({ get d() { throw new Error("boom"); } })), { name: "TypeError", message: "echo: argument 1: reading field 'd' threw: boom" });
  assert.throws(() => m.echo(null), { name: "TypeError", message: /^echo: argument 1 must be a Cell object, got null/ });
  t.dispose();
  assert.deepEqual(state(m), before);
});

test("getters that call into wasm with spilling strings and other flat values leave the call's arguments intact", () => {
  const before = state(m);
  let depth = 0;
  const nested = () =>
    cell({
      get d() {
        if (depth++ < 4) {
          assert.match(m.describe(nested(), "x".repeat(20000)), /^x{20000}:-2,/);
          assert.deepEqual(m.mix(cell(), "y".repeat(9000), cell()), echoed({ i: 8996, d: 4.5 }));
        }
        return 9;
      },
    });
  assert.deepEqual(m.mix(nested(), "mid", nested()), echoed({ i: -1, d: 18 }));
  const t = new m.Tally();
  assert.equal(t.named("z".repeat(17000), nested()), `${"z".repeat(17000)}=-2`);
  t.dispose();
  assert.deepEqual(state(m), before);
});

test("memory growing inside a getter, and grow(0) between calls, change nothing written or read", () => {
  const before = state(m);
  const grows = cell({
    get i() {
      m.exports.memory.grow(1);
      return 1;
    },
  });
  const zero = cell({
    get d() {
      m.exports.memory.grow(0);
      return 3;
    },
  });
  assert.deepEqual(m.mix(grows, "s", zero), echoed({ i: 0, d: 5.25 }));
  m.exports.memory.grow(0);
  assert.deepEqual(m.echo(cell()), echoed());
  assert.equal(m.describe(zero, "g"), "g:-2,4000000000,t,1.500000,-1,3.000000,7,0.500000");
  assert.deepEqual(state(m), { ...before, heapInUse: state(m).heapInUse });
  assert.equal(m.check(), null);
});

test("a getter disposing the receiver is caught by the receiver's check, made after it", () => {
  const before = state(m);
  const t = new m.Tally();
  assert.throws(
    () =>
      t.named(
        "n",
        cell({
          get i() {
            t.dispose();
            return 1;
          },
        }),
      ),
    { name: "TypeError", message: /^Tally\.named: .*disposed/ },
  );
  const u = new m.Tally();
  assert.throws(
    () =>
      u.add(
        cell({
          get in() {
            u.dispose();
            return { k: 1, a: 2 };
          },
        }),
      ),
    { name: "TypeError", message: /^Tally\.add: .*disposed/ },
  );
  assert.deepEqual(state(m), before);
});

test("a revoked Proxy is a TypeError naming the member and argument, wherever it is passed", () => {
  const before = state(m);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.throws(() => m.sign_of(proxy), { name: "TypeError", message: "sign_of: argument 1 must be a Sign (one of the module's Sign values), got a revoked Proxy" });
  assert.throws(() => m.echo(proxy), { name: "TypeError", message: /^echo: argument 1: reading field 'i' threw/ });
  assert.throws(() => m.echo(cell({ s: proxy })), { name: "TypeError", message: /^echo: argument 1 field 's' must be a Sign .*got a revoked Proxy$/ });
  assert.throws(() => m.describe(cell(), proxy), { name: "TypeError", message: "describe: argument 2 must be a string, got a revoked Proxy" });
  assert.throws(() => m.Tally.prototype.add.call(proxy, cell()), { name: "TypeError", message: /^Tally\.add: / });
  assert.deepEqual(state(m), before);
});
