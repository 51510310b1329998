// JS values held by wasm: counted handles, calls from wasm into JS, and
// cycles across the boundary (wrapper -> wasm object -> JS callback ->
// wrapper) collected — what a global handle table cannot do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, settle } from "./helpers.mjs";

const m = await loadExamples();
const destroyed = () => m.exports.event_sources_destroyed();

test("a listener closing over its own wrapper is collected with it", async () => {
  const start = await settle(destroyed);
  const baseline = m.stats().jsValues;
  (() => {
    const source = new m.EventSource("self");
    source.on((value) => source.emit.length + value); // the cycle
    assert.equal(source.emit(1), 2);
    assert.equal(m.stats().jsValuesOnWrappers, 1);
  })();
  assert.ok(await collectUntil(() => destroyed() === start + 1), "the cycle was not collected");
  assert.equal(m.stats().jsValues, baseline);
  assert.equal(m.check(), null);
});

test("10,000 cycles are all collected and the handle table returns to its baseline", async () => {
  const start = await settle(destroyed);
  const baseline = m.stats().jsValues;
  (() => {
    for (let i = 0; i < 10_000; i++) {
      const source = new m.EventSource(`s${i}`);
      source.on(() => source);
    }
  })();
  assert.ok(await collectUntil(() => destroyed() === start + 10_000), `${destroyed() - start} of 10000 collected`);
  assert.equal(m.stats().jsValues, baseline);
  assert.equal(m.stats().live.EventSource, 0);
});

test("retained by C++, the source and its listener survive collection, then go", async () => {
  const start = await settle(destroyed);
  const baseline = m.stats().jsValues;
  const seen = [];
  (() => {
    const source = new m.EventSource("kept");
    source.on((value, name, self) => {
      seen.push([value, name, self === source]);
      return 0;
    });
    m.EventSource.keep(source);
    assert.equal(m.stats().jsValuesOnWrappers, 0, "a retained owner's values belong in the roots");
  })();
  await collectUntil(() => false, { rounds: 15 });
  assert.equal(destroyed(), start, "collection freed an object C++ retains");
  assert.equal(m.EventSource.emit_all(7), 1);
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0].slice(0, 2), [7, "kept"]);
  m.EventSource.release_all();
  assert.ok(await collectUntil(() => destroyed() === start + 1), "not freed after C++ released it");
  assert.equal(m.stats().jsValues, baseline);
});

test("values move back onto the wrapper when C++ lets go, so the cycle is collectable again", async () => {
  const start = await settle(destroyed);
  (() => {
    const source = new m.EventSource("back");
    source.on(() => source);
    m.EventSource.keep(source);
    assert.equal(m.stats().jsValuesOnWrappers, 0);
    m.EventSource.release_all();
    assert.equal(m.stats().jsValuesOnWrappers, 1);
  })();
  assert.ok(await collectUntil(() => destroyed() === start + 1));
});

test("wasm calls JS with numbers, strings and objects and gets numbers, strings and values back", () => {
  const source = new m.EventSource("calls");
  const fn = (text) => `«${text.toUpperCase()}»`;
  source.on(fn);
  assert.equal(source.transform("héllo wörld"), "«HÉLLO WÖRLD»");
  assert.equal(source.listener(), fn);
  source.on((value, name, self) => (self === source && name === "calls" ? value * 3 : NaN));
  assert.equal(source.emit(14), 42);
  source.dispose();
});

test("a JS callee that throws: wasm gets an error result, the JS caller the original exception", () => {
  const source = new m.EventSource("throws");
  const failuresBefore = m.exports.event_listener_failures();
  const boom = new RangeError("boom");
  source.on(() => {
    throw boom;
  });
  assert.throws(() => source.emit(1), (e) => e === boom);
  assert.equal(m.exports.event_listener_failures(), failuresBefore + 1);
  source.on(() => 5); // the source still works
  assert.equal(source.emit(1), 5);
  assert.equal(m.check(), null);
  source.dispose();
});

test("handles: reuse, stale, forged, double decref", () => {
  const { events_handle_clone: incref, events_handle_drop: decref } = m.exports;
  const baseline = m.stats().jsValues;
  const a = m.jsref({ a: 1 });
  decref(a);
  // Called through m.exports, outside any method: the import records the
  // refusal instead of throwing into wasm, and the next report throws it.
  decref(a);
  assert.throws(() => m.check(), { message: /JS value handle \d+ is stale or forged \(decref\)/ });
  const b = m.jsref({ b: 2 }); // reuses the slot, with a new generation
  assert.notEqual(a, b);
  assert.equal((a & 0x3fffff) === (b & 0x3fffff), true);
  assert.throws(() => m.jsvalue(a), { message: /stale or forged \(use\)/ });
  incref(a);
  assert.throws(() => m.stats(), { message: /stale or forged \(incref\)/ });
  assert.throws(() => m.jsvalue(123456), { message: /stale or forged/ });
  assert.throws(() => m.jsvalue(0), { name: "TypeError", message: /jsvalue\(\): a handle is an integer in \[1, 2\^32\), got 0/ });
  for (const odd of ["1", 1.5, -1, 2 ** 32, NaN, {}]) assert.throws(() => m.jsvalue(odd), TypeError);
  assert.deepEqual(m.jsvalue(b), { b: 2 });
  decref(b);
  assert.equal(m.stats().jsValues, baseline);
});

test("clone and drop balance over a million operations", () => {
  const { events_handle_clone: incref, events_handle_drop: decref } = m.exports;
  const baseline = m.stats().jsValues;
  const handles = Array.from({ length: 64 }, (_, i) => ({ h: m.jsref({ i }), refs: 1 }));
  let seed = 12345;
  for (let op = 0; op < 1_000_000; op++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const e = handles[seed % handles.length];
    if (e.refs > 0 && seed & 0x10000) {
      decref(e.h);
      e.refs--;
    } else if (e.refs > 0) {
      incref(e.h);
      e.refs++;
    } else {
      e.h = m.jsref({ again: op });
      e.refs = 1;
    }
  }
  for (const e of handles) while (e.refs-- > 0) decref(e.h);
  assert.equal(m.stats().jsValues, baseline);
});
