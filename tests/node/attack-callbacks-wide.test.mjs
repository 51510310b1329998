// Attack: calls C++ makes into JS with block words (values, arrays,
// optionals, maps; tests/fixtures/callbacks-wide.cpp) under a realm JS has
// patched, and with results and callbacks that re-enter wasm, dispose
// what C++ is calling or force collection. Each call works or is a
// TypeError naming the callback or virtual; afterwards nothing is left
// behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { load } from "../../js/weakbind.mjs";
import { state } from "./reliability-fixtures.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const bytes = await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url));
const m = await load(bytes);

async function baseline() {
  await settle(() => {
    m.flush();
    return JSON.stringify(state(m));
  });
  return state(m);
}
async function same(before) {
  await collectUntil(() => isDeepStrictEqual(state(m), before), { module: m });
  assert.deepEqual(state(m), before);
}

const pt = (over = {}) => ({ x: 1.5, y: -2, tag: "t", shade: m.Shade.Dark, ws: new Float64Array([1, 2]), ...over });

// Runs `body` with a getter named `name` on Object.prototype that counts
// its reads, then removes it.
function withPrototypeGetter(name, body) {
  const reads = { n: 0 };
  Object.defineProperty(Object.prototype, name, {
    configurable: true,
    get() {
      reads.n += 1;
      return 42;
    },
  });
  try {
    body();
  } finally {
    delete Object.prototype[name];
  }
  return reads.n;
}

class Maybe extends m.Shaper {
  shade(s) {
    return s;
  }
  move(p) {
    return p;
  }
  scale(v) {
    return v;
  }
  names(v) {
    return v;
  }
  pts(v) {
    return v;
  }
  maybe(p) {
    this.got = p;
    return p;
  }
}

test("an absent optional argument is undefined, whatever Object.prototype holds under the record's field name", async () => {
  // (Warm-up: the converters and the heap's first blocks.)
  m.cb_opt_i32((v) => v, undefined);
  m.cb_opt_pt((v) => v, undefined);
  const s = new Maybe();
  m.via_maybe(s, undefined);
  const before = await baseline();
  const got = [];
  const reads = withPrototypeGetter("value", () => {
    m.cb_opt_i32((v) => void got.push(v), undefined);
    m.cb_opt_pt((v) => void got.push(v), undefined);
    m.cb_opt_string((v) => void got.push(v), undefined);
    m.cb_opt_f64s((v) => void got.push(v), undefined);
    assert.equal(m.via_maybe(s, undefined), undefined);
    got.push(s.got);
    // A present one is C++'s.
    m.cb_opt_i32((v) => void got.push(v), 5);
  });
  assert.deepEqual(got, [undefined, undefined, undefined, undefined, undefined, 5]);
  assert.equal(reads, 0, "no argument read the getter");
  await same(before);
  s.dispose();
});
