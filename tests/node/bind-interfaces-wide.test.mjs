// 64-bit integers and object results in calls C++ makes into JS
// (tests/fixtures/interfaces-wide.cpp): virtuals a JS subclass implements
// and typed callbacks take and return i64/u64 as BigInt, checked in range
// on the way back, and return objects C++ borrows (obj(C): a C&,
// nullable(C): a C*), checked for class and liveness; a refused result is
// the JS caller's TypeError, and nothing is left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state, settledState, collectedBack } from "./reliability-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url));
const m = await load(bytes);

// The state once earlier tests' garbage is gone, and the same state again
// after a test (reliability-fixtures.mjs).
const baseline = () => settledState(m);
const same = (before) => collectedBack(m, before);

const I64 = "a BigInt in [-9223372036854775808, 9223372036854775807]";
const U64 = "a BigInt in [0, 18446744073709551615]";

class Step extends m.Source {
  next(after) {
    this.seen = after;
    return after + 1n;
  }
  pick(id) {
    return new m.Token(id);
  }
}

// A warm-up: the first wrappers, dispatchers and heap blocks made once.
{
  const s = new Step();
  m.walk(s, 0n, 1);
  m.pick_id(s, 1);
  s.dispose();
}

test("virtuals take and return i64 and u64 as BigInt, exactly", () => {
  const before = state(m);
  const s = new Step();
  assert.equal(m.walk(s, 5n, 3), 8n);
  assert.equal(m.walk(s, 2n ** 63n - 2n, 1), 2n ** 63n - 1n);
  assert.equal(s.seen, 2n ** 63n - 2n, "C++'s int64_t reaches JS as the same BigInt");
  assert.equal(m.walk(s, -(2n ** 63n), 1), -(2n ** 63n) + 1n);
  assert.equal(m.walk(s, -2n, 1), -1n);
  assert.equal(m.masked(s, 1n, 4n), 16n, "a non-pure virtual JS does not implement runs C++'s");
  s.dispose();
  class Masks extends Step {
    mask(bits, shift) {
      return typeof bits === "bigint" && typeof shift === "bigint" ? bits ^ (2n ** 64n - 1n) : 0n;
    }
  }
  const k = new Masks();
  assert.equal(m.masked(k, 0n, -1n), 2n ** 64n - 1n);
  assert.equal(m.masked(k, 2n ** 64n - 1n, 0n), 0n);
  k.dispose();
  assert.deepEqual(state(m), before);
});

test("a 64-bit result out of range or no BigInt is the JS caller's TypeError; C++ sees 0", () => {
  const before = state(m);
  class Bad extends Step {
    next(after) {
      return after === 0n ? 1 : after === 1n ? 2n ** 63n : -(2n ** 63n) - 1n;
    }
    mask() {
      return -1n;
    }
  }
  const b = new Bad();
  assert.throws(() => m.walk(b, 0n, 1), { name: "TypeError", message: `Bad.next: returned number 1, expected ${I64} (called from wasm)` });
  assert.throws(() => m.walk(b, 1n, 1), { name: "TypeError", message: `Bad.next: returned bigint 9223372036854775808, expected ${I64} (called from wasm)` });
  assert.throws(() => m.walk(b, 2n, 1), { name: "TypeError", message: `Bad.next: returned bigint -9223372036854775809, expected ${I64} (called from wasm)` });
  assert.throws(() => m.masked(b, 1n, 0n), { name: "TypeError", message: `Bad.mask: returned bigint -1, expected ${U64} (called from wasm)` });
  b.dispose();
  assert.deepEqual(state(m), before);
});

test("object results: a live Token (or derived) JS keeps owning, borrowed by C++", async () => {
  const before = await baseline();
  const s = new Step();
  assert.equal(m.pick_id(s, 7), 7, "a new Token JS drops after the call");
  const kept = new m.Token(3);
  class Keeps extends Step {
    pick(id) {
      return id === 0 ? kept : new m.BigToken(id);
    }
  }
  const k = new Keeps();
  assert.equal(m.pick_id(k, 0), 3);
  assert.equal(kept.id, 3, "JS still owns what it returned");
  assert.equal(m.pick_id(k, 2), 2000, "a derived class's object is one");
  assert.equal(m.find_id(s, -1), -1, "C++'s find, not implemented in JS");
  assert.equal(m.find_id(s, 5), -100);
  assert.equal(m.fallback_id(s), -1);
  class Finds extends Step {
    find(id) {
      return id === 0 ? null : id === 1 ? kept : super.find(id);
    }
    fallback() {
      const own = super.fallback();
      assert.ok(own instanceof m.Token);
      return own.id === -1 ? kept : own;
    }
  }
  const f = new Finds();
  assert.equal(m.find_id(f, 0), -100, "null is a null pointer");
  assert.equal(m.find_id(f, 1), 3);
  assert.equal(m.find_id(f, -1), -1, "super.find() returns C++'s object");
  assert.equal(m.fallback_id(f), 3);
  for (const o of [s, k, f, kept]) o.dispose();
  assert.equal(m.check(), null);
  await same(before);
});

test("an object JS returned stays valid until the outermost call returns, even disposed meanwhile", async () => {
  const before = await baseline();
  let first = null;
  class Disposes extends Step {
    pick(id) {
      const t = new m.Token(id);
      if (id === 1) first = t;
      else first.dispose(); // C++ still holds `first`: freed after the call
      return t;
    }
  }
  const d = new Disposes();
  assert.equal(m.pick_pair(d), 12);
  assert.throws(() => first.id, { message: /disposed/ });
  d.dispose();
  assert.equal(m.check(), null);
  await same(before);
});

test("a disposed, foreign or wrong-class object result is the JS caller's TypeError", async () => {
  const before = await baseline();
  const gone = new m.Token(1);
  gone.dispose();
  const stranger = new m.Stranger();
  const cases = [
    [gone, "a disposed Token"],
    [stranger, "a Stranger"],
    [{ id: 1 }, "an object"],
    [null, "null"],
    [5, "number 5"],
  ];
  for (const [value, what] of cases) {
    class Wrong extends Step {
      pick() {
        return value;
      }
      find() {
        return value === null ? undefined : value;
      }
    }
    const w = new Wrong();
    assert.throws(() => m.pick_id(w, 1), { name: "TypeError", message: `Wrong.pick: returned ${what}, expected a Token (called from wasm)` });
    const maybe = value === null ? "undefined" : what;
    assert.throws(() => m.find_id(w, 1), { name: "TypeError", message: `Wrong.find: returned ${maybe}, expected a Token or null (called from wasm)` });
    w.dispose();
  }
  class Throws extends Step {
    pick() {
      throw new RangeError("no token");
    }
  }
  const t = new Throws();
  assert.throws(() => m.pick_id(t, 1), { name: "RangeError", message: "no token" });
  t.dispose();
  stranger.dispose();
  assert.equal(m.check(), null);
  await same(before);
});

test("typed callbacks take and return i64, u64 and objects", async () => {
  const before = await baseline();
  assert.equal(m.apply64((a, b) => a * 2n + BigInt.asIntN(64, b), -(2n ** 40n), 2n ** 64n - 1n), -(2n ** 41n) - 1n);
  assert.equal(m.apply_u64((a) => a + 1n, 2n ** 64n - 2n), 2n ** 64n - 1n);
  const kept = new m.Token(9);
  assert.equal(m.token_with((id) => (id === 0 ? kept : new m.BigToken(id)), 0), 9);
  assert.equal(m.token_with((id) => new m.BigToken(id), 4), 4000);
  assert.equal(m.maybe_with(() => null, 1), -100);
  assert.equal(m.maybe_with(() => kept, 1), 9);
  assert.throws(() => m.apply_u64(() => 2n ** 64n, 0n), { name: "TypeError", message: `apply_u64: argument 1 (a callback): returned bigint 18446744073709551616, expected ${U64} (called from wasm)` });
  assert.throws(() => m.apply64(() => 1.5, 0n, 0n), { name: "TypeError", message: `apply64: argument 1 (a callback): returned number 1.5, expected ${I64} (called from wasm)` });
  const gone = new m.Token(2);
  gone.dispose();
  assert.throws(() => m.maybe_with(() => gone, 1), { name: "TypeError", message: "maybe_with: argument 1 (a callback): returned a disposed Token, expected a Token or null (called from wasm)" });
  assert.throws(() => m.maybe_with(() => ({}), 1), { name: "TypeError", message: "maybe_with: argument 1 (a callback): returned an object, expected a Token or null (called from wasm)" });
  kept.dispose();
  assert.equal(m.check(), null);
  await same(before);
});

// No zero value exists for a reference: C++ traps, and the frames between
// the call and the JS caller are unwound as by any trap, their destructors
// not run (here the std::function keeping the callback's JS-value handle).
// A nullable(C) result (a C*) gets NULL instead and unwinds nothing.
test("a refused reference result traps: the JS caller gets the TypeError, the registry stays consistent", async () => {
  const before = await baseline();
  const gone = new m.Token(2);
  gone.dispose();
  assert.throws(() => m.token_with(() => gone, 1), { name: "TypeError", message: "token_with: argument 1 (a callback): returned a disposed Token, expected a Token (called from wasm)" });
  class Gone extends Step {
    pick() {
      return gone;
    }
  }
  const g = new Gone();
  assert.throws(() => m.pick_id(g, 1), { name: "TypeError", message: "Gone.pick: returned a disposed Token, expected a Token (called from wasm)" });
  g.dispose();
  assert.equal(m.check(), null);
  const after = state(m);
  assert.equal(after.jsValues, before.jsValues + 1, "the std::function the trap unwound past holds its callback");
  assert.deepEqual(after.live, before.live);
  assert.equal(m.pick_id(new Step(), 4), 4, "calls work after the trap");
});

test("weakbind dts: 64-bit words are bigint, object results the class, virtuals named", async () => {
  const { declarations } = await import("../../js/dts.mjs");
  const text = declarations(bytes, { fileName: "interfaces.wasm" });
  assert.match(text, /  abstract next\(after: bigint\): bigint;\n/);
  assert.match(text, /  mask\(bits: bigint, shift: bigint\): bigint;\n/);
  assert.match(text, /  abstract pick\(a0: number\): Token;\n/);
  assert.match(text, /  find\(a0: number\): Token \| null;\n/);
  assert.match(text, /  token_with\(a0: \(a0: number\) => Token, a1: number\): number;\n/);
  assert.match(text, /  maybe_with\(a0: \(a0: number\) => Token \| null, a1: number\): number;\n/);
});
