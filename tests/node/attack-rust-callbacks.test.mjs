// Attack: Rust's typed callbacks (tests/fixtures/rust-containers/src/
// callbacks.rs) called while JS has replaced Array.prototype.push and the
// array iterator: the arguments Rust appends reach the callback as Rust
// passed them, in order, and nothing is left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/rust-containers.wasm", import.meta.url)));
// (Warm-up: the heap's first blocks.)
m.describe_with(() => "x", "y");
const warm = new m.Item(0);
m.visit((i, t) => t, warm, 0);
warm.dispose();

test("a replaced Array.prototype.push or array iterator drops, adds or reorders no argument Rust passes", () => {
  const before = state(m);
  const item = new m.Item(3);
  const iteratorProto = Object.getPrototypeOf([][Symbol.iterator]());
  const saved = [
    [Array.prototype, "push", Object.getOwnPropertyDescriptor(Array.prototype, "push")],
    [iteratorProto, "next", Object.getOwnPropertyDescriptor(iteratorProto, "next")],
  ];
  let first = true;
  const patches = [
    function (x) {
      // Reorders: the first element pushed anywhere goes last.
      if (first) {
        first = false;
        this.unshifted = x;
        return this.length;
      }
      this[this.length] = x;
      return this.length;
    },
    () => ({ done: true, value: undefined }),
  ];
  const seen = { describe: null, visit: null, big: null };
  let out;
  for (let k = 0; k < saved.length; k++) Object.defineProperty(saved[k][0], saved[k][1], { configurable: true, writable: true, value: patches[k] });
  try {
    out = [
      m.describe_with(function (...args) {
        seen.describe = args;
        return "ok";
      }, "bé"),
      m.visit(function (i, t) {
        seen.visit = [i, t, arguments.length];
        return t;
      }, item, "tag"),
      m.next_big(function (a, b) {
        seen.big = [a, b];
        return 1n;
      }, -5n, 7n),
    ];
  } finally {
    for (let k = saved.length - 1; k >= 0; k--) Object.defineProperty(saved[k][0], saved[k][1], saved[k][2]);
  }
  assert.deepEqual(out, ["ok", "tag", 2n]);
  assert.deepEqual(seen.describe, ["bé", true, -7, 4_000_000_000, 0.5]);
  assert.deepEqual(seen.visit, [item, "tag", 2]);
  assert.deepEqual(seen.big, [-5n, 7n]);
  item.dispose();
  assert.equal(m.check(), null);
  assert.deepEqual(state(m), before);
});
