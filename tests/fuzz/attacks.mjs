// Adversarial operations (the classes of attack the fuzz test covers): arguments whose
// conversion runs JS that disposes the receiver or another object, forged,
// cloned and re-prototyped wrappers, wrappers of the wrong class or module
// or already dead, lying typed arrays, non-integer numbers, callbacks whose
// result disposes. What each must do: throw a TypeError, RangeError or
// WeakbindError, or give the right result; never run on freed memory (the
// fixtures' methods answer from fields they check), never free twice; the
// model's counts, m.check() and the heap stay exact.
import { eq, throws, safely, show, digest, SAFE_ERRORS } from "./check.mjs";
import { fail } from "./model.mjs";
import { PROBE } from "./classes.mjs";

export { KNOWN_UNSAFE } from "./known-unsafe.mjs";

const rec = (x, id) => {
  const r = x.model.get(id);
  return r && x.model.usable(r) ? r : null;
};
const pickUsable = (g, classes) => g.model.pick(g.rng, (r) => classes.includes(r.cls) && g.model.usable(r));
const pickOther = (g) => g.model.pick(g.rng, (r) => r.ref !== null && g.model.usable(r) && r.js !== "borrowed");

// Disposes `victim` once, from inside a conversion; `ran` records it.
function disposer(x, victim) {
  const state = { ran: false };
  state.fire = () => {
    if (state.ran) return;
    state.ran = true;
    victim.ref.dispose();
  };
  state.settle = () => state.ran && x.model.dispose(victim);
  return state;
}

// Methods taking one number, for valueOf attacks: [class, call, expected].
const NUMERIC = {
  Probe: [(w, a) => w.add(a), (r, a) => r.v.v + a],
  Buffer: [(w, a) => w.byte_at(a), (r, a) => (a < r.v.size ? 0xab : -1)],
  Cell: [(w, a) => w.add(a), (r, a) => r.v.v + a],
  Matrix: [(w, a) => w.get(a, 0), (r, a) => (a < r.v.rows ? r.v.cells[a * r.v.cols] : 0)],
  Panicky: [(w, a) => w.divide(a), (r, a) => Math.trunc(r.v.v / a) | 0],
};

export const ATTACKS = {
  // An argument whose valueOf disposes the receiver (or another object).
  valueof_dispose: {
    w: 2,
    gen: (g) => {
      const r = pickUsable(g, Object.keys(NUMERIC));
      const victim = g.rng.chance(0.7) ? r : pickOther(g);
      return r && victim && { k: "valueof_dispose", v: `${r.cls}:${victim === r ? "self" : "other"}`, id: r.id, victim: victim.id, a: g.rng.range(1, 3) };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      const victim = rec(x, op.victim);
      if (!r || !victim || victim.js !== "owned") return;
      const [call, want] = NUMERIC[r.cls];
      const d = disposer(x, victim);
      const expected = want(r, op.a);
      const arg = { valueOf: () => (d.fire(), op.a) };
      safely(() => call(r.ref, arg), (got) => eq(got, expected, `${r.cls} call whose argument's valueOf disposes ${victim === r ? "the receiver" : "another object"}`), `${r.cls} valueOf attack`);
      d.settle();
    },
  },
  // An object argument that is a Proxy whose get trap disposes the receiver
  // or the object it stands for.
  proxy_dispose: {
    w: 2,
    gen: (g) => {
      const r = pickUsable(g, ["Cell", "Filter"]);
      const other = r && pickUsable(g, [r.cls]);
      const victim = g.rng.pick(["self", "other"]);
      return other && other !== r && { k: "proxy_dispose", v: `${r.cls}:${victim}`, id: r.id, other: other.id, victim };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      const o = rec(x, op.other);
      if (!r || !o || r === o || r.js !== "owned" || o.js !== "owned") return;
      const victim = op.victim === "self" ? r : o;
      const d = disposer(x, victim);
      const proxy = new Proxy(o.ref, { get: (t, k) => (d.fire(), Reflect.get(t, k)) });
      if (r.cls === "Cell") {
        const want = r.v.v + o.v.v;
        safely(() => r.ref.plus(proxy), (got) => eq(got, want, `Cell.plus(a Proxy disposing ${op.victim})`), "Cell.plus(Proxy)");
      } else {
        const { error } = safely(() => r.ref.then(proxy), () => {}, "Filter.then(Proxy)");
        if (!error) {
          r.v.offset = o.v.gain * r.v.offset + o.v.offset;
          r.v.gain *= o.v.gain;
          r.v.label = `${r.v.label} then ${o.v.label}`;
        }
      }
      d.settle();
    },
  },
  // Forged wrappers: a Proxy answering every property with an address, and
  // an object carrying another class's symbols.
  forge: {
    w: 2,
    gen: (g) => {
      const f = pickUsable(g, ["Faulty"]);
      const c = pickUsable(g, ["Cell"]);
      const how = g.rng.pick(["proxy", "symbols", "number"]);
      return f && c && { k: "forge", v: how, faulty: f.id, cell: c.id, how };
    },
    run: (op, x) => {
      const f = rec(x, op.faulty);
      const c = rec(x, op.cell);
      if (!f || !c) return;
      const m = x.m("faults");
      const address = f.ref.address();
      let fake;
      if (op.how === "proxy") fake = new Proxy({}, { get: (t, k) => (k === "then" ? undefined : address), has: () => true });
      else if (op.how === "number") fake = address;
      else {
        fake = Object.create(m.Cell.prototype);
        for (const s of Object.getOwnPropertySymbols(f.ref)) fake[s] = f.ref[s];
      }
      throws(() => m.Cell.prototype.value.call(fake), SAFE_ERRORS, `Cell.value on a forged wrapper (${op.how})`);
      throws(() => c.ref.plus(fake), SAFE_ERRORS, `Cell.plus(a forged wrapper: ${op.how})`);
      throws(() => m.Cell.hold(fake), SAFE_ERRORS, `Cell.hold(a forged wrapper: ${op.how})`);
    },
  },
  // {...w} and Object.assign(Object.create(proto), w): a copy is no owner.
  // Using it may work (the right result) or throw; disposing it must not
  // end the object under the original.
  clone: {
    w: 2,
    gen: (g) => {
      const r = g.model.pick(g.rng, (q) => ["Cell", "Probe", "Node", "Filter", "Panicky"].includes(q.cls) && g.model.usable(q) && q.js === "owned");
      const dispose = g.rng.chance(0.5);
      return r && { k: "clone", v: `${r.cls}:${dispose ? "dispose" : "use"}`, id: r.id, how: g.rng.pick(["spread", "assign"]), dispose };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      if (!r || r.js !== "owned") return;
      const Cls = x.m(r.world)[r.cls];
      const copy = op.how === "spread" ? { ...r.ref } : Object.assign(Object.create(Cls.prototype), r.ref);
      const probe = (w) => Cls.prototype[Object.keys(PROBE_CALLS[r.cls])[0]].call(w, ...Object.values(PROBE_CALLS[r.cls])[0]);
      const want = probe(r.ref);
      safely(() => probe(copy), (got) => eq(got, want, `${r.cls}: a call through a ${op.how} copy`), `${r.cls} ${op.how} copy`);
      if (r.cls === "Cell") safely(() => r.ref.plus(copy), (got) => eq(got, 2 * r.v.v, "Cell.plus(a copy of itself)"), "Cell.plus(copy)");
      if (op.dispose) {
        safely(() => Cls.prototype.dispose.call(copy), () => {}, `${r.cls}.dispose through a ${op.how} copy`);
        safely(() => probe(r.ref), (got) => eq(got, want, `${r.cls}: the original after its ${op.how} copy was disposed`), `${r.cls} original`, []);
      }
    },
  },
  // A wrapper given another class's prototype: that class's methods refuse
  // it; its own class's methods, called directly, still work or refuse.
  reproto: {
    w: 2,
    gen: (g) => {
      const r = g.model.pick(g.rng, (q) => g.model.usable(q) && ["Cell", "Faulty", "Probe", "Filter", "Matrix"].includes(q.cls));
      return r && { k: "reproto", id: r.id, to: g.rng.pick(["Cell", "Faulty", "Probe", "Filter", "Matrix", "Panicky"]), ctor: g.rng.chance(0.3) };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      if (!r || r.cls === op.to) return;
      const toWorld = { Cell: "faults", Faulty: "faults", Probe: "faults", Filter: "mixed", Matrix: "mixed", Panicky: "rust" }[op.to];
      const To = x.m(toWorld)[op.to];
      const Own = x.m(r.world)[r.cls];
      const proto = Object.getPrototypeOf(r.ref);
      const want = PROBE[r.cls](r.ref);
      try {
        if (op.ctor) r.ref.constructor = To;
        else Object.setPrototypeOf(r.ref, To.prototype);
        throws(() => PROBE_DIRECT(To, { cls: op.to, ref: r.ref }), ["TypeError"], `${op.to} method on a ${r.cls} ${op.ctor ? "whose constructor was reassigned" : `re-prototyped to ${op.to}`}`);
        safely(() => PROBE_DIRECT(Own, r), (got) => eq(got, want, `${r.cls}'s own method on it, called directly`), `${r.cls} re-prototyped`);
      } finally {
        if (op.ctor) delete r.ref.constructor;
        Object.setPrototypeOf(r.ref, proto);
      }
    },
  },
  // A borrowed child re-prototyped (or its constructor reassigned), then its
  // parent disposed: the child must throw, not read its freed fields.
  child_reproto: {
    w: 2,
    gen: (g) => {
      const c = g.model.pick(g.rng, (q) => q.js === "borrowed" && g.model.usable(q) && q.parent.js === "owned");
      const how = g.rng.pick(["ctor", "proto", "cell"]);
      return c && { k: "child_reproto", v: how, id: c.id, how };
    },
    run: (op, x) => {
      const c = rec(x, op.id);
      if (!c || c.js !== "borrowed" || c.parent.js !== "owned") return;
      const m = x.m("faults");
      const proto = Object.getPrototypeOf(c.ref);
      if (op.how === "ctor") c.ref.constructor = m.Faulty;
      else Object.setPrototypeOf(c.ref, op.how === "cell" ? m.Cell.prototype : Object.prototype);
      c.parent.ref.dispose();
      x.model.dispose(c.parent);
      throws(() => m.Node.prototype.name.call(c.ref), ["TypeError"], `Node.name on a borrowed child (${op.how} changed) after its parent was disposed`);
      if (op.how === "ctor") delete c.ref.constructor;
      Object.setPrototypeOf(c.ref, proto);
    },
  },
  // Arguments and receivers of the wrong class, module or kind.
  wrong_class: {
    w: 3,
    gen: (g) => {
      const r = pickUsable(g, ["Cell", "Filter", "Node", "Matrix"]);
      const other = g.model.pick(g.rng, (q) => q.ref !== null);
      return r && other && { k: "wrong_class", id: r.id, other: other.id, plain: g.rng.pick([null, 0, 8, 65536, "s", {}, []]), which: g.rng.int(3) };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      const o = x.model.get(op.other);
      if (!r) return;
      const arg = op.which === 0 || !o?.ref ? op.plain : o.ref;
      const argCls = arg === o?.ref ? o.cls : null;
      const calls = {
        Cell: [(w, a) => w.plus(a), ["Cell"]],
        Filter: [(w, a) => w.apply(a), ["Matrix"]],
        Node: [(w, a) => w.contains(a), ["Node", "Group"]],
        Matrix: [(w, a) => w.map(a), ["Filter"]],
      };
      const [call, accepts] = calls[r.cls];
      const sameWorld = o && o.world === r.world;
      if (argCls && accepts.includes(argCls) && sameWorld) return; // not a wrong class
      throws(() => call(r.ref, arg), ["TypeError"], `${r.cls} given ${argCls ? `a ${argCls} of ${o.world}` : show(arg)}`);
      if (op.which === 2 && argCls) {
        const Cls = x.m(r.world)[r.cls];
        if (!(arg instanceof Cls)) throws(() => PROBE_DIRECT(Cls, { cls: r.cls, ref: arg }), ["TypeError"], `${r.cls}'s method called on a ${argCls}`);
      }
    },
  },
  // Typed arrays whose length lies, or whose length getter disposes.
  lying_array: {
    w: 2,
    gen: (g) => {
      const r = pickUsable(g, ["Cell", "Node"]);
      const n = g.rng.int(40);
      const how = g.rng.pick(["proxy", "subclass", "dispose"]);
      return r && { k: "lying_array", v: `${r.cls}:${how}`, id: r.id, n, how, lies: [n, g.rng.pick([0, n + 1, 8192, 100000, -1, 1.5])] };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      if (!r) return;
      const content = Uint8Array.from({ length: op.n }, (_, i) => (i * 7 + 3) & 255);
      let reads = 0;
      const d = op.how === "dispose" && r.js === "owned" ? disposer(x, r) : null;
      const length = () => (d?.fire(), op.lies[Math.min(reads++, op.lies.length - 1)]);
      let arr;
      if (op.how === "subclass") {
        class Lying extends Uint8Array {
          get length() {
            return length();
          }
        }
        arr = new Lying(content);
      } else arr = new Proxy(content, { get: (t, k) => (k === "length" ? length() : typeof t[k] === "function" ? t[k].bind(t) : t[k]) });
      if (r.cls === "Cell") {
        const want = digest(r.v.v, content);
        safely(() => r.ref.digest(arr), (got) => eq(got, want, `Cell.digest(a ${op.how} typed array whose length says ${op.lies})`), "Cell.digest(lying)");
      } else {
        const { error } = safely(() => (r.ref.tag = arr), () => {}, "Node.tag = lying");
        if (!error && !d?.ran) {
          const got = r.ref.tag;
          if (got.length !== op.n || got.some((b, i) => b !== content[i])) fail(`Node.tag after setting a ${op.how} typed array whose length says ${op.lies}: got ${show(got)}, expected ${show(content)}`);
        }
      }
      d?.settle();
    },
  },
  // Typed integer parameters given non-integers or values out of range.
  bad_number: {
    w: 1,
    gen: (g) => {
      const r = pickUsable(g, ["Cell", "Matrix", "Faulty"]);
      return r && { k: "bad_number", v: r.cls, id: r.id, n: g.rng.pick([1.5, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53]) };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      if (!r) return;
      const calls = { Cell: (w, v) => w.add(v), Matrix: (w, v) => w.get(v, 0), Faulty: (w, v) => w.trap_deep(v) };
      throws(() => calls[r.cls](r.ref, op.n), ["TypeError", "RangeError"], `${r.cls} given ${op.n} for an i32`);
    },
  },
  // A callback whose result's valueOf disposes the receiver.
  result_valueof: {
    w: 2,
    gen: (g) => {
      const r = pickUsable(g, ["Cell"]);
      return r && r.js === "owned" && { k: "result_valueof", id: r.id, ret: g.rng.range(1, 5) };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      if (!r || r.js !== "owned") return;
      const d = disposer(x, r);
      const want = r.v.v + op.ret;
      safely(() => r.ref.call(() => ({ valueOf: () => (d.fire(), op.ret) }), 0), (got) => eq(got, want, "Cell.call whose callback's result disposes the receiver when converted"), "Cell.call result valueOf");
      d.settle();
    },
  },
  // JS -> wasm -> JS recursion until the JS stack overflows.
  overflow: {
    w: 1,
    gen: (g) => {
      const r = pickUsable(g, ["Cell"]);
      return r && { k: "overflow", id: r.id };
    },
    run: (op, x) => {
      const r = rec(x, op.id);
      if (!r) return;
      const cb = (me) => me.call(cb, 0);
      safely(() => r.ref.call(cb, 0), (got) => typeof got === "number" || fail(`Cell.call recursing: got ${show(got)}`), "Cell.call recursing to a stack overflow", [...SAFE_ERRORS, "RangeError"]);
    },
  },
};

// A method of the class called directly (Class.prototype.method.call).
const PROBE_CALLS = {
  Cell: { value: [] },
  Probe: { add: [1] },
  Node: { name: [] },
  Filter: { value: [1] },
  Panicky: { value: [] },
  Faulty: { value: [] },
  Matrix: { sum: [] },
  Buffer: { size: [] },
  MyClass: { my_method: [] },
  Group: { name: [] },
};
function PROBE_DIRECT(Cls, r) {
  const [[name, args]] = Object.entries(PROBE_CALLS[r.cls]);
  return Cls.prototype[name].call(r.ref, ...args);
}
