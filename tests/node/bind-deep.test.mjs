// Containers of containers, bound in C++ (tests/fixtures/deep.cpp) and in
// Rust (tests/fixtures/rust-containers/src/deep.rs) with the same names:
// Arrays of Arrays of numbers (typed arrays inside an Array), strings and
// values, Arrays of enums, maps of Arrays, as parameters, results, a
// value's fields and a callback's words, copied both ways and checked at
// every depth, with errors naming the element; nothing left behind. Each
// test runs against both modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { declarations } from "../../js/dts.mjs";
import { state } from "./reliability-fixtures.mjs";
import { bothModules } from "./container-fixtures.mjs";

const plain = (x) => JSON.parse(JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? [...v] : v instanceof Map ? [...v] : v)));
// The heap's first blocks, made once.
const MODULES = await bothModules((m) => {
  m.deep_grown({ rows: [new Float32Array([1])], index: new Map([["a", new Int32Array([1])]]), hues: [m.Hue.Red], dots: [[{ x: 1, tag: "t" }]] });
});

for (const [lang, m, bytes] of MODULES) {
test(`${lang}: Arrays of Arrays: typed arrays inside an Array, strings and values, both ways`, () => {
  const before = state(m);
  const rows = m.deep_with_sums([new Float64Array([1, 2]), new Float64Array([]), new Float64Array([0.5])]);
  assert.ok(Array.isArray(rows));
  assert.ok(rows.every((r) => r instanceof Float64Array));
  assert.deepEqual(plain(rows), [[1, 2, 3], [0], [0.5, 0.5]]);
  assert.deepEqual(m.deep_words([["a", "bé"], []]), [["a", "bé"], [], ["2"]]);
  assert.deepEqual(plain(m.deep_moved([[{ x: 1, tag: "p" }], [], [{ x: -1, tag: "" }, { x: 2, tag: "q" }]], 10)), [[{ x: 11, tag: "p" }], [], [{ x: 9, tag: "" }, { x: 12, tag: "q" }]]);
  assert.deepEqual(m.deep_flipped([m.Hue.Red, m.Hue.Blue, m.Hue.Red]), [m.Hue.Blue, m.Hue.Red, m.Hue.Blue]);
  assert.deepEqual(m.deep_flipped([]), []);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test(`${lang}: maps of Arrays, both ways`, () => {
  const before = state(m);
  const r = m.deep_scaled(new Map([["a", new Float64Array([1, 2])], ["b", new Float64Array([])]]), 2);
  assert.ok(r instanceof Map);
  assert.ok(r.get("a") instanceof Float64Array);
  assert.deepEqual(plain(r), [["a", [2, 4]], ["b", []]]);
  const t = m.deep_tagged(new Map([[3, ["x"]], [-1, []]]));
  assert.deepEqual([...t].sort((p, q) => p[0] - q[0]), [[-1, ["-1"]], [3, ["x", "3"]]]);
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test(`${lang}: maps of maps, as parameters, results and a value's field`, () => {
  const before = state(m);
  const r = m.deep_nested(new Map([["a", new Map([["x", 1.5]])], ["b", new Map()]]));
  assert.ok(r instanceof Map && r.get("a") instanceof Map);
  assert.deepEqual(plain(r), [["a", [["n", 1], ["x", 1.5]]], ["b", [["n", 0]]]]);
  const t = m.deep_labelled({ rows: new Map([[3, new Map([["k", "v"]])]]) });
  assert.deepEqual(plain(t), { rows: [[-1, [["by", lang === "C++" ? "C" : "Rust"]]], [3, [["k", "v"]]]] });
  assert.throws(() => m.deep_nested(new Map([["a", new Map([["x", "1"]])]])), { name: "TypeError", message: /^deep_nested: argument 1.* must be a number, got string "1"/ });
  assert.throws(() => m.deep_nested(new Map([["a", { x: 1 }]])), { name: "TypeError", message: /^deep_nested: argument 1.* must be a Map, got / });
  assert.throws(() => m.deep_labelled({ rows: new Map([[1.5, new Map()]]) }), { name: "TypeError", message: /deep_labelled: .*1\.5/ });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test(`${lang}: a value's fields nest: Arrays of Arrays, maps of Arrays, Arrays of enums`, () => {
  const before = state(m);
  const g = m.deep_grown({ rows: [new Float32Array([0.25, 2])], index: new Map([["k", new Int32Array([7, -7])]]), hues: [m.Hue.Red], dots: [[{ x: 1, tag: "a" }], []] });
  assert.ok(g.rows[1] instanceof Float32Array);
  assert.deepEqual(plain(g), {
    rows: [[0.25, 2], [1.5]],
    index: [["k", [7, -7]], ["n", [2]]],
    hues: [m.Hue.Red, m.Hue.Blue],
    dots: [[{ x: 1, tag: "a" }], [], [{ x: 9, tag: "nine" }]],
  });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test(`${lang}: a callback takes and returns containers of containers`, () => {
  const before = state(m);
  let seen;
  const r = m.deep_through((rows, byName) => ((seen = [rows, byName]), [rows[1], new Float64Array([byName.get("first")[0] * 10])]), [new Float64Array([3]), new Float64Array([4, 5])]);
  assert.deepEqual(plain(seen), [[[3], [4, 5]], [["first", [3]]]]);
  assert.deepEqual(plain(r), [[4, 5], [30]]);
  assert.throws(() => m.deep_through(() => [[1]], []), { name: "TypeError", message: /^deep_through: argument 1 \(a callback\): the returned value element 0 must be a Float64Array, got an Array \(called from wasm\)$/ });
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test(`${lang}: bad input is refused at its depth, naming the element; nothing left behind`, () => {
  const before = state(m);
  const refused = [
    [() => m.deep_with_sums([new Float64Array(1), [1, 2]]), /^deep_with_sums: argument 1 element 1 must be a Float64Array, got an Array$/],
    [() => m.deep_with_sums([new Float32Array(1)]), /^deep_with_sums: argument 1 element 0 must be a Float64Array, got a Float32Array$/],
    [() => m.deep_words([["a"], "b"]), /^deep_words: argument 1 element 1 must be an Array, got string "b"$/],
    [() => m.deep_words([["a", 3]]), /^deep_words: argument 1 element 0 element 1 must be a string, got number 3$/],
    [() => m.deep_flipped([m.Hue.Red, 7]), /^deep_flipped: argument 1 element 1 /],
    [() => m.deep_moved([[{ x: 1 }]], 0), /^deep_moved: argument 1 element 0 element 0 is missing field 'tag' of Dot$/],
    [() => m.deep_scaled(new Map([["a", [1]]]), 1), /^deep_scaled: argument 1 key "a" must be a Float64Array, got an Array$/],
    [() => m.deep_grown({ rows: [new Float32Array(1)], index: new Map(), hues: [], dots: [[{ x: 1, tag: 2 }]] }), /^deep_grown: argument 1 field 'dots' element 0 element 0 field 'tag' must be a string, got number 2$/],
  ];
  for (const [call, message] of refused) assert.throws(call, { name: "TypeError", message }, String(message));
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});

test(`${lang}: weakbind dts: containers of containers`, async () => {
  const text = String(await declarations(bytes));
  assert.match(text, /deep_with_sums\(\w+: Float64Array\[\]\): Float64Array\[\];/);
  assert.match(text, /deep_words\(\w+: string\[\]\[\]\): string\[\]\[\];/);
  assert.match(text, /deep_scaled\(\w+: Map<string, Float64Array>, \w+: number\): Map<string, Float64Array>;/);
  assert.match(text, /rows: Float32Array\[\];/);
});
}
