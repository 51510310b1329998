// C++ interfaces implemented in JS (weakbind/interfaces.hpp):
// `class Twice extends m.Model` makes C++'s derived object, C++ calls the
// JS overrides through Model's virtuals, a pure virtual JS lacks is a
// TypeError for the JS caller, JS exceptions and wrong results reach the
// caller and leak nothing, the instance and its C++ object are collected
// together (cycles included), dispose inside a call waits for the call, and
// C++ handing the Model back gives the same JS instance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";
import { collectUntil, settle } from "./helpers.mjs";

const m = await load(await readFile(new URL("../../build/fixtures/interfaces.wasm", import.meta.url)));
const destroyed = () => m.exports.interfaces_models_destroyed();

class Twice extends m.Model {
  residual(x) {
    return 2 * x;
  }
  describe(tag, loud) {
    return `${loud ? "loud" : "quiet"} ${tag}`;
  }
}

// Heap (beyond the registry's own tables, which grow and are trimmed on
// their own schedule) and JS-value table as they were, and the registry's
// invariants.
function assertClean(before) {
  assert.equal(m.check(), null);
  assert.deepEqual(snapshot(), before);
}
const snapshot = () => {
  const s = m.stats();
  return { jsValues: s.jsValues, inUse: s.heap.inUse - s.heap.registryBytes };
};

test("C++ calls the JS override through the virtual; constructor arguments reach the C++ base", () => {
  const t = new Twice(1.5);
  assert.ok(t instanceof m.Model);
  assert.equal(t.weight(), 1.5);
  assert.equal(m.fit(t, 3), 9); // residual(3) * weight
  assert.equal(m.describe(t, "hi"), "loud hi/model"); // string and bool in, string out; label() is C++'s
  assert.equal(new Twice().weight(), 1);
  t.dispose();
  assert.equal(m.check(), null);
});

test("a non-pure virtual JS implements is called; one it does not runs the C++ base", () => {
  class Labelled extends Twice {
    label() {
      return "labelled";
    }
    steps(n) {
      return n * 10;
    }
  }
  const l = new Labelled();
  assert.equal(m.describe(l, "x"), "loud x/labelled");
  assert.equal(m.steps_of(l, 4), 40);
  assert.equal(l.label(), "labelled"); // JS calls its own method
  const t = new Twice();
  assert.equal(m.steps_of(t, 4), 104); // Model::steps
  assert.equal(t.label(), "model"); // the bound member: C++'s base
  l.dispose();
  t.dispose();
});

test("super.name() in a JS override runs C++'s implementation, not the override again", () => {
  let resets = 0;
  class Wrapped extends Twice {
    label() {
      return `wrapped ${super.label()}`;
    }
    steps(n) {
      return super.steps(n) * 2;
    }
    reset() {
      resets++;
      super.reset(); // Model::reset, which no WEAKBIND_METHOD binds
    }
  }
  const w = new Wrapped();
  assert.equal(m.describe(w, "x"), "loud x/wrapped model");
  assert.equal(m.steps_of(w, 1), 202);
  assert.equal(w.label(), "wrapped model");
  w.reset();
  assert.equal(resets, 1);
  // On an object no JS subclass made, a virtual nothing binds is no method.
  assert.throws(() => m.Model.prototype.reset.call(new m.Keeper()), { name: "TypeError", message: /^Model\.reset: only a JS subclass's super\.reset\(\) calls it/ });
  w.dispose();
  assert.equal(m.check(), null);
});

test("a pure virtual JS does not implement: a TypeError naming class and method, nothing broken", () => {
  const before = snapshot();
  class Half extends m.Model {
    describe() {
      return "";
    }
  }
  const h = new Half();
  assert.throws(() => m.fit(h, 1), { name: "TypeError", message: "Half.residual: not implemented (pure virtual Model.residual, called from wasm)" });
  assert.equal(m.check(), null);
  // Bound too (WEAKBIND_METHOD), its JS method is no implementation.
  assert.throws(() => h.residual(1), { name: "TypeError", message: "Model.residual: pure virtual; C++ has no implementation to call" });
  class Super extends Twice {
    residual(x) {
      return super.residual(x); // Twice's
    }
  }
  class Abstract extends m.Model {
    residual(x) {
      return super.residual(x); // Model's: pure
    }
  }
  const sup = new Super();
  const abs = new Abstract();
  assert.equal(m.fit(sup, 2), 4);
  assert.throws(() => m.fit(abs, 2), { name: "TypeError", message: "Model.residual: pure virtual; C++ has no implementation to call" });
  sup.dispose();
  abs.dispose();
  // The object still works for what JS does implement.
  assert.equal(m.describe(h, "a"), "/model");
  h.dispose();
  assertClean(before);
});

test("the abstract class itself cannot be constructed; a JS subclass's arity must exist", () => {
  assert.throws(() => new m.Model(), { name: "TypeError", message: /^new Model\(\): Model is abstract; extend it/ });
  assert.throws(() => new Twice(1, 2, "a", 4), { name: "TypeError", message: "new Model(): no constructor of a JS subclass takes 4 arguments (it takes 0, 1, 2 or 3)" });
  assert.equal(m.check(), null);
});

test("a JS subclass's constructor may leave out trailing optional arguments, as dts declares", () => {
  const before = snapshot();
  const named = new Twice(1, 2, "named");
  assert.equal(named.weight(), 3);
  assert.equal(named.label(), "named");
  const left = new Twice(1, 2); // name left out: absent
  assert.equal(left.weight(), 3);
  assert.equal(left.label(), "model");
  assert.equal(m.fit(left, 2), 2 * 2 * 3);
  assert.throws(() => new Twice(1, 2, 3), { name: "TypeError", message: /^new Model\(\): argument 3 must be a string or undefined, got number 3/ });
  named.dispose();
  left.dispose();
  assertClean(before);
});

test("an exception thrown by the JS override reaches the JS caller and leaks nothing", () => {
  const before = snapshot();
  const boom = new Error("boom");
  class Thrower extends Twice {
    residual() {
      throw boom;
    }
    describe() {
      throw new RangeError("no description");
    }
  }
  const t = new Thrower(2);
  assert.throws(() => m.fit(t, 1), (e) => e === boom);
  assert.throws(() => m.describe(t, "x"), { name: "RangeError", message: "no description" });
  // The next call is clean.
  const u = new Twice(1);
  assert.equal(m.fit(u, 2), 4);
  t.dispose();
  u.dispose();
  assertClean(before);
});

test("a result of the wrong type is a TypeError for the JS caller, never a converted value", () => {
  const before = snapshot();
  const results = [
    [3.5, "an integer in [-2147483648, 2147483647]"],
    [2 ** 31, "an integer in [-2147483648, 2147483647]"],
    ["7", "an integer in [-2147483648, 2147483647]"],
  ];
  for (const [value, expected] of results) {
    class Wrong extends Twice {
      steps() {
        return value;
      }
    }
    const w = new Wrong();
    assert.throws(() => m.steps_of(w, 1), { name: "TypeError", message: new RegExp(`^Wrong\\.steps: returned .*, expected ${expected.replace(/[[\]]/g, "\\$&")} \\(called from wasm\\)$`) });
    w.dispose();
  }
  class NotNumber extends Twice {
    residual() {
      return "2";
    }
  }
  const n = new NotNumber();
  assert.throws(() => m.fit(n, 1), { name: "TypeError", message: 'NotNumber.residual: returned string "2", expected a number (called from wasm)' });
  n.dispose();
  assertClean(before);
});

test("a virtual taking an object: JS gets the object's wrapper; super passes it to C++", () => {
  const k = new m.Keeper();
  const t = new Twice(1);
  k.keep(t);
  let got = null;
  class Weigher extends Twice {
    weigh(keeper) {
      got = keeper;
      return super.weigh(keeper) * 10; // Model::weigh: keeper.run(0) - 1
    }
  }
  const w = new Weigher();
  assert.equal(m.weigh_in(w, k), -10);
  assert.equal(got, k);
  const plain = new Twice();
  assert.equal(m.weigh_in(plain, k), -1); // not implemented: Model::weigh
  plain.dispose();
  w.dispose();
  k.dispose();
  t.dispose();
  assert.equal(m.check(), null);
});

test("an object argument that is no registered object: a TypeError, the override not called", () => {
  const before = snapshot();
  let calls = 0;
  class Weigher extends Twice {
    weigh() {
      calls++;
      return 1;
    }
  }
  const w = new Weigher();
  assert.throws(() => m.weigh_unregistered(w), { name: "TypeError", message: /^JsRef\.call: argument 2 is no registered object \(pointer \d+\)$/ });
  assert.equal(calls, 0);
  w.dispose();
  assertClean(before);
});

test("C++ handing the Model back gives the same JS instance", () => {
  const t = new Twice();
  assert.equal(m.same(t), t);
  const k = new m.Keeper();
  k.keep(t);
  assert.equal(k.model(), t);
  assert.equal(k.run(5), 10);
  k.dispose();
  t.dispose();
  assert.equal(m.check(), null);
});

test("dropped instances are collected and their C++ objects destroyed", async () => {
  const base = await settle(destroyed);
  (() => {
    for (let i = 0; i < 500; i++) assert.equal(m.fit(new Twice(1), i), 2 * i);
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 500, { module: m }), `${destroyed() - base} of 500 destroyed`);
  assert.equal(m.stats().jsValues, 0);
  assert.equal(m.check(), null);
});

test("a cycle: the C++ object holds a JS callback that reaches the JS instance", async () => {
  const base = await settle(destroyed);
  (() => {
    for (let i = 0; i < 500; i++) {
      const t = new Twice(2);
      t.on_step((x) => t.weight() * x); // callback -> instance -> object -> callback
      assert.equal(t.step(3), 6);
    }
  })();
  assert.ok(await collectUntil(() => destroyed() >= base + 500, { module: m }), `${destroyed() - base} of 500 destroyed`);
  assert.equal(m.stats().jsValues, 0);
  assert.equal(m.check(), null);
});

test("an instance C++ retains outlives its dropped JS references, and C++ still calls it", async () => {
  const base = await settle(destroyed);
  const k = new m.Keeper();
  // The instance in a cohort of its own (release.mjs): the Keeper's would
  // keep it alive as long as the Keeper.
  await new Promise((resolve) => setTimeout(resolve));
  (() => {
    k.keep(new Twice(1));
  })();
  await collectUntil(() => false, { rounds: 10, module: m });
  assert.equal(destroyed(), base);
  assert.equal(k.run(4), 8);
  assert.ok(k.model() instanceof Twice);
  k.drop();
  assert.ok(await collectUntil(() => destroyed() >= base + 1, { module: m }));
  k.dispose();
  assert.equal(m.stats().jsValues, 0);
  assert.equal(m.check(), null);
});

test("dispose() of the instance while C++ is calling into it: the object lives until the call returns", () => {
  const base = destroyed();
  const before = snapshot();
  let calls = 0;
  class Quitter extends Twice {
    residual(x) {
      calls++;
      this.dispose(); // the second call finds the same object alive
      assert.equal(destroyed(), base);
      return x;
    }
  }
  const q = new Quitter();
  assert.equal(m.fit_twice(q, 3), 6);
  assert.equal(calls, 2);
  assert.equal(destroyed(), base + 1);
  assert.throws(() => q.weight(), { name: "TypeError", message: /disposed/ });
  assert.throws(() => m.fit(q, 1), TypeError);
  assertClean(before);
});
