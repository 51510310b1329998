// `bytes` (a Uint8Array; C++ std::vector<uint8_t>, Rust Vec<u8>) wherever
// numeric arrays go, bound in C++ (tests/fixtures/bytes.cpp) and in Rust
// (tests/fixtures/rust-containers/src/bytes.rs) with the same names: a
// value's field, an optional (parameter, result, field), an Array's
// element, a map's value, a callback's parameter and result, and (C++) a
// virtual JS implements. Copied both ways, checked, errors naming the
// place; nothing left behind. Each test runs against both modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { declarations } from "../../js/dts.mjs";
import { state } from "./reliability-fixtures.mjs";
import { bothModules } from "./container-fixtures.mjs";

const u8 = (...xs) => new Uint8Array(xs);
const plain = (x) => JSON.parse(JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? [v.constructor.name, ...v] : v instanceof Map ? [...v] : v)));
// The heap's first blocks, made once.
const MODULES = await bothModules((m) => {
  m.bytes_grown({ data: u8(1), extra: u8(2), parts: [u8(3)], named: new Map([["a", u8(4)]]) });
  m.bytes_through((a) => a, u8(1));
});

for (const [lang, m, bytes] of MODULES) {
  test(`${lang}: bytes in a value's fields, an optional, an Array and a map, both ways`, () => {
    const before = state(m);
    const data = u8(1, 2, 255);
    assert.deepEqual(plain(m.bytes_bumped(data)), ["Uint8Array", 2, 3, 0]);
    assert.deepEqual(plain(data), ["Uint8Array", 1, 2, 255], "the argument is a copy");
    const p = m.bytes_grown({ data: u8(9, 8), parts: [u8(), u8(5, 6, 7)], named: new Map([["k", u8(0, 1)]]) });
    assert.deepEqual(plain(p), {
      data: ["Uint8Array", 10, 9],
      extra: ["Uint8Array", 255],
      parts: [["Uint8Array"], ["Uint8Array", 5, 6, 7], ["Uint8Array", 2]],
      named: [["k", ["Uint8Array", 0, 1]], ["n", ["Uint8Array", 1]]],
    });
    assert.deepEqual(plain(m.bytes_grown({ data: u8(), extra: u8(1, 2, 3), parts: [], named: new Map() }).extra), ["Uint8Array", 2, 3, 4]);
    assert.equal(m.bytes_maybe(undefined), undefined);
    assert.equal(m.bytes_maybe(), undefined);
    assert.deepEqual(plain(m.bytes_maybe(u8(0, 254))), ["Uint8Array", 1, 255]);
    assert.deepEqual(plain(m.bytes_parts([u8(1, 2), u8(), u8(3)])), [["Uint8Array", 2, 3], ["Uint8Array"], ["Uint8Array", 4], ["Uint8Array"]]);
    assert.deepEqual(plain(m.bytes_named(new Map([["x", u8(0, 1, 2)], ["y", u8()]]))), [["x", ["Uint8Array", 1, 2, 3]], ["y", ["Uint8Array"]]]);
    // A large one: the copy is whole.
    const big = new Uint8Array(100_000).map((_, k) => k & 0xff);
    const back = m.bytes_parts([big])[0];
    assert.equal(back.length, big.length);
    assert.ok(back.every((x, k) => x === ((k + 1) & 0xff)));
    assert.equal(m.check(), null);
    assert.deepEqual(state(m), before);
  });

  test(`${lang}: bytes cross a callback both ways, optional too`, () => {
    const before = state(m);
    const seen = [];
    const r = m.bytes_through((a, b) => (seen.push(plain(a), plain(b)), b.map((x) => x * 2)), u8(1, 2, 3));
    assert.deepEqual(seen, [["Uint8Array", 1, 2, 3], ["Uint8Array", 2, 3, 4]]);
    assert.deepEqual(plain(r), ["Uint8Array", 5, 7, 9]);
    // What JS changes in its argument changes nothing in wasm's.
    assert.deepEqual(plain(m.bytes_through((a) => (a.fill(0), u8(9)), u8(1))), ["Uint8Array", 10]);
    assert.equal(m.bytes_through_maybe((a) => (assert.equal(a, undefined), undefined), undefined), undefined);
    assert.deepEqual(plain(m.bytes_through_maybe((a) => a, u8(4, 5))), ["Uint8Array", 4, 5]);
    assert.equal(m.check(), null);
    assert.deepEqual(state(m), before);
  });

  test(`${lang}: bad bytes are refused, naming the place; nothing left behind`, () => {
    const before = state(m);
    assert.throws(() => m.bytes_bumped(new Int8Array(2)), { name: "TypeError", message: /^bytes_bumped: argument 1 must be a Uint8Array, got / });
    assert.throws(() => m.bytes_bumped([1, 2]), { name: "TypeError", message: /^bytes_bumped: argument 1 must be a Uint8Array/ });
    assert.throws(() => m.bytes_maybe(new Uint8ClampedArray(1)), { name: "TypeError", message: /^bytes_maybe: argument 1 must be a Uint8Array or undefined, got / });
    assert.throws(() => m.bytes_grown({ data: new Float32Array(1), parts: [], named: new Map() }), { name: "TypeError", message: /data.* must be a Uint8Array, got / });
    assert.throws(() => m.bytes_grown({ data: u8(), parts: [u8(), "x"], named: new Map() }), { name: "TypeError", message: /parts.*must be a Uint8Array, got string "x"/ });
    assert.throws(() => m.bytes_grown({ data: u8(), parts: [], named: new Map([["a", null]]) }), { name: "TypeError", message: /must be a Uint8Array, got null/ });
    assert.throws(() => m.bytes_grown({ data: u8(), named: new Map() }), { name: "TypeError", message: /missing field 'parts'/ });
    assert.throws(() => m.bytes_parts([u8(), new Uint16Array(1)]), { name: "TypeError", message: /^bytes_parts: argument 1 element 1 must be a Uint8Array, got / });
    assert.throws(() => m.bytes_named(new Map([["a", 3]])), { name: "TypeError", message: /^bytes_named: .*must be a Uint8Array, got number 3/ });
    // A callback's wrong result: the caller gets the TypeError, wasm an empty value.
    assert.throws(() => m.bytes_through(() => [1], u8(1)), { name: "TypeError", message: /^bytes_through: argument 1 \(a callback\): the returned value must be a Uint8Array, got .* \(called from wasm\)/ });
    assert.throws(() => m.bytes_through(() => new Int32Array(1), u8(1)), { name: "TypeError", message: /must be a Uint8Array, got / });
    assert.throws(() => m.bytes_through_maybe(() => null, u8(1)), { name: "TypeError", message: /^bytes_through_maybe: argument 1 \(a callback\): the returned value must be a Uint8Array or undefined, got null/ });
    const boom = new Error("boom");
    assert.throws(() => m.bytes_through(() => { throw boom; }, u8(1)), (e) => e === boom);
    assert.equal(m.check(), null);
    assert.deepEqual(state(m), before);
  });

  test(`${lang}: weakbind dts declares bytes as Uint8Array everywhere`, async () => {
    const text = String(await declarations(bytes));
    assert.match(text, /data: Uint8Array;/);
    assert.match(text, /extra\?: Uint8Array( \| undefined)?;/);
    assert.match(text, /parts: Uint8Array\[\];/);
    assert.match(text, /named: Map<string, Uint8Array>;/);
    assert.match(text, /bytes_maybe\(b\?: Uint8Array \| undefined\): Uint8Array \| undefined;/);
    assert.match(text, /bytes_through\(f: \(a0: Uint8Array, a1: Uint8Array\) => Uint8Array, b: Uint8Array\): Uint8Array;/);
  });
}

const [, cpp] = MODULES[0];

test("C++: a virtual JS implements takes and returns bytes; a JS override replaces C++'s", () => {
  const before = state(cpp);
  class Doubler extends cpp.Codec {
    encode(b) {
      return b.map((x) => x * 2);
    }
  }
  class Tagged extends cpp.Codec {
    encode(b) {
      return b;
    }
    tag() {
      return u8(1, 2, 3);
    }
  }
  const d = new Doubler();
  const t = new Tagged();
  assert.deepEqual(plain(cpp.bytes_framed(d, u8(1, 2, 200))), ["Uint8Array", 2, 4, 144, 7, 7]);
  assert.deepEqual(plain(cpp.bytes_framed(t, u8(5))), ["Uint8Array", 5, 1, 2, 3]);
  class Wrong extends cpp.Codec {
    encode() {
      return new Float64Array(1);
    }
  }
  const w = new Wrong();
  assert.throws(() => cpp.bytes_framed(w, u8(1)), { name: "TypeError", message: /^Wrong\.encode: the returned value must be a Uint8Array, got / });
  for (const o of [d, t, w]) o.dispose();
  assert.equal(cpp.check(), null);
  assert.deepEqual(state(cpp), before);
});
