// Rust typed callbacks whose words cross as blocks
// (tests/fixtures/rust-containers/src/callback_blocks.rs): values, numeric
// arrays, arrays of strings and values, optionals and maps reach JS as
// copies and come back checked as C++'s do; a parameter's block is Rust's,
// released once the call returned (also when JS threw or returned what
// the word refuses), a result's blocks are freed once Rust read them, so
// nothing is left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { declarations } from "../../js/dts.mjs";
import { state } from "./reliability-fixtures.mjs";
import { bookOf } from "./container-fixtures.mjs";

const bytes = await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url));
const m = await load(bytes);
const book = (over) => bookOf(m, over);
// The heap's first blocks, made once.
m.book_with((b) => b, book({ sheet: { count: 1, name: "x" } }));

test("a value crosses both ways as a copy", () => {
  const before = state(m);
  let seen;
  const r = m.shift_with((s) => ((seen = s), { x: s.x * 2, y: s.y - 1 }), { x: 1.5, y: 4 }, 10);
  assert.deepEqual({ ...seen }, { x: 1.5, y: 4 });
  assert.deepEqual({ ...r }, { x: 13, y: 3 });
  // What JS got is a copy: changing it after the call changes nothing in Rust.
  seen.x = 99;
  assert.deepEqual({ ...m.shift_with((s) => s, { x: 1, y: 2 }, 0) }, { x: 1, y: 2 });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("numeric arrays, arrays of strings and of values cross both ways", () => {
  const before = state(m);
  const seen = [];
  const sum = m.sum_with((...a) => (seen.push(a), new Float64Array([a[0][0] + 1, a[1][2], a[2].length])), new Float64Array([0.5, 2]), new Int32Array([-1, 2, 3]), ["a", "bé"]);
  assert.equal(sum, 1.5 + 3 + 2);
  const [xs, ids, names] = seen[0];
  assert.ok(xs instanceof Float64Array && ids instanceof Int32Array);
  assert.deepEqual([...xs], [0.5, 2]);
  assert.deepEqual([...ids], [-1, 2, 3]);
  assert.deepEqual(names, ["a", "bé"]);
  const tags = [
    { id: -(2n ** 40n), name: "é", shade: m.Shade.Dark },
    { id: 7n, name: "", shade: m.Shade.Light },
  ];
  let weights;
  const back = m.tags_with((t, w) => ((weights = w), t.map((x) => ({ ...x, id: x.id + 1n })).reverse()), tags, new Float32Array([0.25]));
  assert.deepEqual([...weights], [0.25]);
  assert.deepEqual(
    back.map((t) => ({ ...t })),
    [
      { id: 8n, name: "", shade: m.Shade.Light },
      { id: -(2n ** 40n) + 1n, name: "é", shade: m.Shade.Dark },
    ],
  );
  assert.deepEqual([...m.masks_with((k) => k.map((x) => x >>> 1), new Uint32Array([2 ** 32 - 1, 6]))], [2 ** 31 - 1, 3]);
  assert.deepEqual(m.tags_with(() => [], [], new Float32Array(0)), []);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("optionals cross as T | undefined both ways", () => {
  const before = state(m);
  const seen = [];
  const f = (name, at) => (seen.push([name, at && { ...at }]), name === undefined ? undefined : name.length);
  assert.equal(m.maybe_with(f, "four", { x: 1, y: 2 }), 4);
  assert.equal(m.maybe_with(f, undefined, undefined), -1);
  assert.deepEqual(seen, [
    ["four", { x: 1, y: 2 }],
    [undefined, undefined],
  ]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("maps cross as Maps both ways", () => {
  const before = state(m);
  let seen;
  const r = m.map_with(
    (w, l) => ((seen = [w, l]), new Map([...w].map(([k, v], i) => [i, { x: v, y: k.length }]))),
    new Map([
      ["a", 1.5],
      ["bb", -2],
    ]),
    new Map([[3, "three"]]),
  );
  assert.ok(seen[0] instanceof Map && seen[1] instanceof Map);
  assert.deepEqual([...seen[0]], [["a", 1.5], ["bb", -2]]);
  assert.deepEqual([...seen[1]], [[3, "three"]]);
  assert.deepEqual(
    [...r].map(([k, v]) => [k, { ...v }]),
    [
      [0, { x: 1.5, y: 1 }],
      [1, { x: -2, y: 2 }],
    ],
  );
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a value nesting every container round-trips through JS", () => {
  const before = state(m);
  const b = book({ sheet: { count: 2, name: "s", at: { x: 1, y: 2 } } });
  let seen;
  const r = m.book_with((x) => ((seen = x), { ...x, name: x.name + "!" }), b);
  assert.equal(seen.name, "b");
  assert.deepEqual([...seen.weights], [...b.weights]);
  assert.deepEqual([...seen.figures[0].xs], [1.5, 2.5]);
  assert.equal(r.name, "b!");
  // (A HashMap's order is its own.)
  const sorted = (map) => [...map].sort((p, q) => p[0] - q[0]);
  assert.deepEqual(sorted(r.labels), sorted(b.labels));
  assert.deepEqual({ ...r.sheet.at }, { x: 1, y: 2 });
  assert.deepEqual([...r.figures[0].tags], ["a", "bé"]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("a callback that throws or returns what its word refuses: an error for the caller, Rust's blocks released, nothing left", () => {
  const before = state(m);
  const boom = new Error("boom");
  assert.throws(
    () =>
      m.book_with(() => {
        throw boom;
      }, book()),
    (e) => e === boom,
  );
  const refused = [
    [() => m.shift_with(() => ({ x: 1 }), { x: 0, y: 0 }, 0), /^shift_with: argument 1 \(a callback\): the returned value is missing field 'y' of Spot \(called from wasm\)$/],
    [() => m.sum_with(() => [1, 2], new Float64Array(1), new Int32Array(0), []), /^sum_with: argument 1 \(a callback\): the returned value must be a Float64Array, got an Array/],
    [() => m.tags_with(() => [{ id: 1n, name: "x", shade: 2 }], [], new Float32Array(0)), /^tags_with: argument 1 \(a callback\): the returned value element 0 field 'shade' /],
    [() => m.maybe_with(() => "no", "x", undefined), /^maybe_with: argument 1 \(a callback\): the returned value must be an integer \(i32\) or undefined, got string "no"/],
    [() => m.map_with(() => new Map([["k", { x: 1, y: 2 }]]), new Map(), new Map()), /^map_with: argument 1 \(a callback\): the returned value key must be an integer \(u32\), got string "k"/],
    [() => m.book_with(() => book({ figures: [{ label: 3 }] }), book()), /^book_with: argument 1 \(a callback\): the returned value field 'figures' element 0 field 'label' must be a string, got number 3/],
  ];
  for (const [call, message] of refused) assert.throws(call, { name: "TypeError", message }, String(message));
  // A callback that calls back into wasm with blocks of its own.
  assert.equal(m.book_with((x) => (m.book_with((y) => y, book()), x), book()).name, "b");
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("arrays of objects reach JS as the wrappers JS has; a stray element refuses the call", () => {
  const before = state(m);
  const a = new m.Item(1);
  const b = new m.Item(2);
  let seen;
  assert.equal(m.items_with((xs, ys) => ((seen = [xs, ys]), xs[0].id() * 10 + ys[0].id()), a, b), 12);
  assert.ok(Array.isArray(seen[0]) && Array.isArray(seen[1]));
  assert.equal(seen[0][0], a, "the wrapper JS has");
  assert.equal(seen[0][1], b);
  assert.deepEqual(seen[1], [b, null]);
  let called = false;
  assert.throws(() => m.stray_items(() => (called = true), a), { name: "TypeError", message: /element 1 is no registered Item \(pointer \d+\)/ });
  assert.equal(called, false);
  a.dispose();
  b.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test("weakbind dts: block words are their JS types", async () => {
  const text = String(await declarations(bytes));
  assert.match(text, /shift_with\(f: \(a0: Spot\) => Spot, at: Spot, dx: number\): Spot;/);
  assert.match(text, /sum_with\(f: \(a0: Float64Array, a1: Int32Array, a2: string\[\]\) => Float64Array, /);
  assert.match(text, /maybe_with\(f: \(a0\?: string \| undefined, a1\?: Spot \| undefined\) => number \| undefined, /);
  assert.match(text, /items_with\(f: \(a0: Item\[\], a1: \(Item \| null\)\[\]\) => number, /);
  assert.match(text, /map_with\(f: \(a0: Map<string, number>, a1: Map<number, string>\) => Map<number, Spot>, /);
});
