// Rust's typed callbacks (tests/fixtures/rust-containers/src/callbacks.rs):
// `Callback<fn(P…) -> R>` parameters write C++'s `fn:R(P;…)` record, so the
// loader checks them as it checks C++'s: a function or a TypeError before
// the call, each result against its word, an exception or a wrong result
// reaching the JS caller once the outermost call returns, nothing left
// behind. A callback Rust keeps is rooted until Rust drops it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { declarations } from "../../js/dts.mjs";
import { state } from "./reliability-fixtures.mjs";
import { collectUntil } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));
const m = await load(bytes);
// The heap's first blocks, made once.
m.describe_with(() => "x", "y");
const warm = new m.Item(0);
m.visit((i, t) => t, warm, 0);
warm.dispose();

test("each parameter and result word crosses as C++'s does", () => {
  const before = state(m);
  assert.ok(Math.abs(m.integrate((x) => x * x, 0, 1, 100) - 1 / 3) < 1e-4);
  const seen = [];
  assert.equal(m.describe_with((...args) => (seen.push(args), "ok"), "bé"), "ok");
  assert.deepEqual(seen, [["bé", true, -7, 4_000_000_000, 0.5]]);
  assert.equal(m.next_big((a, b) => a + b, -(2n ** 40n), 2n ** 63n + 5n), 2n ** 63n - 2n ** 40n + 6n);
  assert.equal(m.next_big((a, b) => (assert.equal(typeof a, "bigint"), assert.equal(b, 2n ** 64n - 1n), 9n), 0n, 2n ** 64n - 1n), 10n);
  let calls = 0;
  assert.equal(m.count_true(() => ++calls % 2 === 0, 6), 3);
  assert.equal(m.count_true(() => true, 0), 0);
  const ks = [];
  assert.equal(m.repeat((k) => void ks.push(k), 4), 4);
  assert.deepEqual(ks, [0, 1, 2, 3]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("an enum crosses as its value both ways; a result that is none of its values is refused", () => {
  const before = state(m);
  const seen = [];
  assert.equal(m.shade_with((s) => (seen.push(s), m.Shade.Dark), m.Shade.Light), m.Shade.Dark);
  assert.deepEqual(seen, [m.Shade.Light]);
  for (const bad of [2, 0, "Dark", 1.5, null]) {
    assert.throws(() => m.shade_with(() => bad, m.Shade.Light), { name: "TypeError", message: /^shade_with: argument 1 \(a callback\): returned .*, expected one of Shade's values \(called from wasm\)$/ }, String(bad));
  }
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("an object parameter is the wrapper JS holds; a JS value crosses both ways", () => {
  const before = state(m);
  const item = new m.Item(7);
  const tag = { t: 1 };
  const back = { b: 2 };
  assert.equal(m.visit((i, t) => (assert.equal(i, item), assert.equal(t, tag), back), item, tag), back);
  // A dispose() inside the callback waits until the call returns.
  const dropped = m.items_dropped();
  m.visit((i) => (i.dispose(), assert.equal(m.items_dropped(), dropped), 0), item, 0);
  assert.equal(m.items_dropped(), dropped + 1);
  assert.throws(() => item.id(), /disposed/);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("bad input: no function, wrong results, a callback that throws; nothing left behind", () => {
  const before = state(m);
  for (const f of [3, "f", null, undefined, {}, new Proxy({}, {})]) {
    assert.throws(() => m.integrate(f, 0, 1, 2), { name: "TypeError", message: /^integrate: argument 1 must be a function, got / });
  }
  assert.throws(() => m.integrate(() => "no", 0, 1, 2), { name: "TypeError", message: /^integrate: argument 1 \(a callback\): returned string "no", expected a number/ });
  assert.throws(() => m.count_true(() => 1, 2), { name: "TypeError", message: /^count_true: argument 1 \(a callback\): returned number 1, expected a boolean/ });
  assert.throws(() => m.next_big(() => 2n ** 63n, 0n, 0n), { name: "TypeError", message: /^next_big: argument 1 \(a callback\): returned .*expected a BigInt in \[-9223372036854775808, 9223372036854775807\]/ });
  assert.throws(() => m.describe_with(() => 5, "x"), { name: "TypeError", message: /^describe_with: argument 1 \(a callback\): returned number 5, expected a string/ });
  // Rust sees Err on the first failure and stops calling.
  let calls = 0;
  const boom = new Error("boom");
  assert.throws(
    () =>
      m.repeat(() => {
        calls++;
        throw boom;
      }, 5),
    (e) => e === boom,
  );
  assert.equal(calls, 1);
  // A callback calling back into wasm, even the same function.
  assert.equal(m.repeat((k) => void m.integrate((x) => x, 0, k + 1, 2), 3), 3);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a string argument Rust reads after a call into JS outlives that call's own calls", () => {
  const before = state(m);
  // Each too long for the loader's arena, so a heap block of its own,
  // freed when its own call returns, not when a call made inside it does;
  // the inner calls allocate the sizes the outer string's block had.
  const [a, b, c] = ["a", "b", "c"].map((ch) => ch.repeat(40_000));
  let depth = 0;
  m.set_hook(() => {
    if (depth++ > 0) return;
    assert.ok(m.echo_hooked(b) === b);
    assert.ok(m.describe_with(() => c, c) === c);
  });
  assert.ok(m.echo_hooked(a) === a, "the outer string, not what the inner calls wrote");
  m.clear_hook();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a callback Rust keeps is rooted until Rust drops it, then collected", async () => {
  const before = state(m);
  let collected = false;
  const registry = new FinalizationRegistry(() => (collected = true));
  (() => {
    const f = (x) => x * 3;
    registry.register(f, 0);
    m.keep_callback(f);
  })();
  assert.equal(state(m).jsValues, before.jsValues + 1);
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 0));
  }
  assert.equal(collected, false, "kept by Rust");
  assert.equal(m.call_kept(2), 6);
  m.drop_kept();
  assert.equal(m.call_kept(2), -1);
  assert.ok(await collectUntil(() => collected), "collected once Rust dropped it");
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts: a Callback is a function type", async () => {
  const text = String(await declarations(bytes));
  assert.match(text, /integrate\(f: \(a0: number\) => number, a: number, b: number, n: number\): number;/);
  assert.match(text, /next_big\(f: \(a0: bigint, a1: bigint\) => bigint, a: bigint, b: bigint\): bigint;/);
  assert.match(text, /visit\(f: \(a0: Item, a1: unknown\) => unknown, item: Item, tag: unknown\): unknown;/);
  assert.match(text, /repeat\(f: \(a0: number\) => void, n: number\): number;/);
  assert.match(text, /count_true\(f: \(\) => boolean, n: number\): number;/);
  assert.match(text, /shade_with\(f: \(a0: Shade\) => Shade, s: Shade\): Shade;/);
});
