// The classes the randomized API test drives, and what each call must
// return given the model's state: constructors (args -> the model's value
// of the new object) and methods (gen: the arguments drawn for a call;
// run: the call and its check). Object arguments are record ids, resolved
// when the call runs: a record disposed meanwhile must make the call throw.
import { eq, bytesEq, throws, works, digest } from "./check.mjs";
import { gated } from "./known-unsafe.mjs";

const ALIVE = 0xa11ce;
const int = (g, lo = -1000, hi = 1000) => g.rng.range(lo, hi);
const word = (g) => g.rng.pick(["a", "bc", "node", "ä", "🦀", "", "x".repeat(70), "zz"]);
const bytes = (g) => Uint8Array.from({ length: g.rng.int(12) }, () => g.rng.int(256));
// An argument of class `cls` in world `world`: usable, disposed or foreign.
const objArg = (g, cls, world) => g.model.pick(g.rng, (r) => r.world === world && (cls.includes(r.cls)) && r.ref)?.id ?? 0;

// Calls `fn` with the other record's wrapper; a record that cannot be used
// must make the call throw a TypeError.
function withOther(x, id, what, fn) {
  const other = x.model.get(id);
  if (!other?.ref) return;
  if (!x.model.usable(other)) {
    throws(() => fn(other), ["TypeError"], `${what} with a dead argument`);
    return;
  }
  return fn(other);
}

const nodeMethods = {
  name: { gen: () => [], run: (x, r) => eq(r.ref.name(), r.v.name, "Node.name") },
  set_name: { gen: (g) => [word(g)], run: (x, r, [s]) => (r.ref.set_name(s), (r.v.name = s)) },
  self: { gen: () => [], run: (x, r) => eq(r.ref.self(), r.ref, "Node.self() is the same wrapper") },
  add_child: {
    gen: (g) => [word(g), g.newId()],
    run: (x, r, [s, id]) => {
      const child = r.ref.add_child(s);
      eq(child.name(), s, "the child's name");
      if (r.js === "borrowed") {
        // A grandchild: its wrapper is not kept (only roots' children are).
        r.parent.weight++;
        r.v.children.push({ v: { name: s, children: [] }, rec: null });
        return;
      }
      r.weight++;
      const v = { name: s, children: [], x: 0 };
      r.v.children.push({ v, rec: x.model.create(id, r.world, "Node", child, v, { parent: r, weight: 0 }) });
    },
  },
  child: {
    gen: (g) => [g.rng.int(4)],
    run: (x, r, [i]) => {
      const got = r.ref.child(i);
      const kid = r.v.children?.[i];
      if (!kid) return eq(got, null, `Node.child(${i})`);
      if (kid.rec?.ref && x.model.byId.has(kid.rec.id)) eq(got, kid.rec.ref, "a child's wrapper is the one handed out before");
      eq(got.name(), kid.v.name, "the child's name");
    },
  },
  child_count: { gen: () => [], run: (x, r) => eq(r.ref.child_count(), r.v.children?.length ?? 0, "Node.child_count") },
  clone: {
    gen: (g) => [g.newId()],
    run: (x, r, [id]) => {
      const copy = r.ref.clone();
      eq(copy.name(), r.v.name, "the clone's name");
      const deep = (c) => ({ v: { name: c.v.name, children: c.v.children.map(deep) }, rec: null });
      const children = r.v.children.map(deep);
      x.model.create(id, r.world, "Node", copy, { name: r.v.name, children, x: r.v.x }, { weight: r.js === "borrowed" ? 1 + r.v.children.length : r.weight });
    },
  },
  contains: {
    gen: (g) => [objArg(g, ["Node", "Group"], "faults")],
    run: (x, r, [id]) =>
      withOther(x, id, "Node.contains", (o) => eq(r.ref.contains(o.ref), o.js === "borrowed" && o.parent === r, "Node.contains")),
  },
  depth_of: {
    gen: (g) => [g.rng.chance(0.2) ? -1 : objArg(g, ["Node", "Group"], "faults")],
    run: (x, r, [id]) => {
      if (id === -1) return eq(r.ref.depth_of(null), -1, "Node.depth_of(null)");
      withOther(x, id, "Node.depth_of", (o) => eq(r.ref.depth_of(o.ref), o === r ? 0 : o.js === "borrowed" && o.parent === r ? 1 : -1, "Node.depth_of"));
    },
  },
  x: { gen: (g) => [int(g) / 4], run: (x, r, [v]) => ((r.ref.x = v), (r.v.x = v), eq(r.ref.x, v, "Node.x")) },
  tag: { gen: (g) => [bytes(g)], run: (x, r, [b]) => ((r.ref.tag = b), bytesEq(r.ref.tag, b, "Node.tag")) },
  user_data: {
    gen: (g) => [g.rng.pick([1, "s", null, {}, [2]])],
    run: (x, r, [v]) => {
      const value = typeof v === "object" && v !== null ? { v } : v;
      r.ref.set_user_data(value);
      eq(r.ref.user_data(), value, "Node.user_data");
    },
  },
};

// One simple call per class, for wrappers whose object is gone.
export const PROBE = {
  Probe: (w) => w.add(1),
  MyClass: (w) => w.my_method(),
  Buffer: (w) => w.size(),
  Cell: (w) => w.value(),
  Node: (w) => w.name(),
  Group: (w) => w.name(),
  Faulty: (w) => w.value(),
  Filter: (w) => w.value(1),
  Matrix: (w) => w.sum(),
  Panicky: (w) => w.value(),
};

export const CLASSES = {
  Probe: {
    world: "faults",
    weight: 3,
    args: (g) => [int(g)],
    value: ([v]) => ({ v }),
    methods: { add: { gen: (g) => [int(g)], run: (x, r, [a]) => eq(r.ref.add(a), r.v.v + a, "Probe.add") } },
  },
  MyClass: {
    world: "faults",
    weight: 1,
    args: (g) => [int(g)],
    value: ([h]) => ({ h }),
    methods: { my_method: { gen: () => [], run: (x, r) => eq(r.ref.my_method(), r.v.h * 2, "MyClass.my_method") } },
  },
  Buffer: {
    world: "faults",
    weight: 1,
    args: (g) => [g.rng.int(200)],
    value: ([size]) => ({ size }),
    methods: {
      size: { gen: () => [], run: (x, r) => eq(r.ref.size(), r.v.size, "Buffer.size") },
      byte_at: { gen: (g) => [g.rng.int(220)], run: (x, r, [i]) => eq(r.ref.byte_at(i), i < r.v.size ? 0xab : -1, "Buffer.byte_at") },
    },
  },
  Cell: {
    world: "faults",
    weight: 6,
    args: (g) => [int(g)],
    value: ([v]) => ({ v }),
    methods: {
      value: { gen: () => [], run: (x, r) => eq(r.ref.value(), r.v.v, "Cell.value") },
      add: { gen: (g) => [int(g)], run: (x, r, [a]) => eq(r.ref.add(a), r.v.v + a, "Cell.add") },
      plus: { gen: (g) => [objArg(g, ["Cell"], "faults")], run: (x, r, [id]) => withOther(x, id, "Cell.plus", (o) => eq(r.ref.plus(o.ref), r.v.v + o.v.v, "Cell.plus")) },
      digest: { gen: (g) => [bytes(g)], run: (x, r, [b]) => eq(r.ref.digest(b), digest(r.v.v, b), "Cell.digest") },
      label: { gen: (g) => [word(g)], run: (x, r, [s]) => eq(r.ref.label(s), `${r.v.v}:${s}`, "Cell.label") },
      self: { gen: () => [], run: (x, r) => eq(r.ref.self(), r.ref, "Cell.self() is the same wrapper") },
      twin: {
        gen: (g) => [g.newId()],
        run: (x, r, [id]) => {
          const t = r.ref.twin();
          eq(t.value(), r.v.v, "the twin's value");
          x.model.create(id, r.world, "Cell", t, { v: r.v.v });
        },
      },
      // A callback that runs operations of its own (disposing, dropping,
      // collecting, calling back in), then returns or throws.
      call: {
        gen: (g) => [g.sub(g.rng.int(4)), int(g, -50, 50), g.rng.chance(0.15) && (g.depth === 0 || !gated("nested_callback_throws", g.unsafe)), int(g)],
        run: (x, r, [sub, ret, fails, arg]) => {
          const self = r.ref;
          const sentinel = new Error("thrown by the callback");
          const cb = (me, a) => {
            eq(me, self, "the callback's first argument is the receiver's wrapper");
            eq(a, arg, "the callback's second argument");
            x.runSub(sub);
            if (fails) throw sentinel;
            return ret;
          };
          const want = r.v.v + ret;
          if (!fails) return eq(self.call(cb, arg), want, "Cell.call (the callback's result plus the value, read after it)");
          try {
            self.call(cb, arg);
          } catch (e) {
            if (e !== sentinel) throw e;
            return;
          }
          eq("returned", "threw", "Cell.call with a throwing callback");
        },
      },
    },
  },
  Node: { world: "faults", weight: 4, args: (g) => [word(g)], value: ([name]) => ({ name, children: [], x: 0 }), methods: nodeMethods },
  Group: {
    world: "faults",
    weight: 1,
    args: (g) => [word(g)],
    value: ([name]) => ({ name, children: [], x: 0, layer: 0 }),
    methods: {
      ...nodeMethods,
      layer: { gen: (g) => [int(g)], run: (x, r, [v]) => ((r.ref.layer = v), eq(r.ref.layer, v, "Group.layer")) },
    },
  },
  Faulty: {
    world: "faults",
    weight: 2,
    args: (g) => [g.rng.range(0, 1000)],
    value: ([v]) => ({ v }),
    methods: {
      value: { gen: () => [], run: (x, r) => eq(r.ref.value(), r.v.v, "Faulty.value") },
      magic: { gen: () => [], run: (x, r) => eq(r.ref.magic(), ALIVE, "Faulty.magic (its fields intact)") },
      echo: { gen: (g) => [word(g)], run: (x, r, [s]) => eq(r.ref.echo(s), s, "Faulty.echo") },
      call_trap: { gen: () => [], run: (x, r) => throws(() => r.ref.call_trap(), ["RuntimeError"], "Faulty.call_trap") },
      trap_deep: { gen: (g) => [g.rng.int(6)], run: (x, r, [d]) => throws(() => r.ref.trap_deep(d), ["RuntimeError"], "Faulty.trap_deep") },
      // The aborted frame's message ("Faulty: " + s) stays allocated, in a
      // block std::string sized for it.
      runtime_abort: {
        gen: (g) => [word(g)],
        run: (x, r, [s]) => (x.model.panic("faults", 32 + 2 * new TextEncoder().encode(`Faulty: ${s}`).length), throws(() => r.ref.runtime_abort(s), ["WeakbindError"], "Faulty.runtime_abort")),
      },
    },
  },
  Filter: {
    world: "mixed",
    weight: 3,
    args: (g) => [g.rng.int(3)],
    value: ([radius]) => ({ radius, gain: 1, offset: 0, label: `blur ${radius}`, mask: null }),
    methods: {
      value: { gen: (g) => [int(g) / 2], run: (x, r, [a]) => eq(r.ref.value(a), r.v.gain * a + r.v.offset, "Filter.value") },
      radius: { gen: () => [], run: (x, r) => eq(r.ref.radius, r.v.radius, "Filter.radius") },
      gain: { gen: (g) => [int(g, -4, 4) / 2], run: (x, r, [v]) => ((r.ref.gain = v), (r.v.gain = v), eq(r.ref.gain, v, "Filter.gain")) },
      label: { gen: (g) => [word(g)], run: (x, r, [s]) => ((r.ref.label = s), (r.v.label = s), eq(r.ref.label, s, "Filter.label")) },
      then: {
        gen: (g) => [objArg(g, ["Filter"], "mixed")],
        run: (x, r, [id]) =>
          withOther(x, id, "Filter.then", (o) => {
            if (o === r) return; // &mut self and &self at once: not drawn
            r.ref.then(o.ref);
            r.v.offset = o.v.gain * r.v.offset + o.v.offset;
            r.v.gain *= o.v.gain;
            r.v.label = `${r.v.label} then ${o.v.label}`;
            eq(r.ref.label, r.v.label, "Filter.label after then()");
            eq(r.ref.value(3), r.v.gain * 3 + r.v.offset, "Filter.value after then()");
          }),
      },
      set_mask: {
        gen: (g) => [g.rng.chance(0.3) ? -1 : objArg(g, ["Matrix"], "mixed")],
        run: (x, r, [id]) => {
          const set = (o) => {
            if (o && x.holds(o, r)) return; // would make a cycle C++ owners never break
            works(() => r.ref.set_mask(o ? o.ref : null), "Filter.set_mask");
            if (r.v.mask) x.model.unhold(r.v.mask, r);
            r.v.mask = o;
            if (o) x.model.hold(o, r);
          };
          return id === -1 ? set(null) : withOther(x, id, "Filter.set_mask", set);
        },
      },
      mask: {
        noScope: true,
        gen: () => [],
        run: (x, r) => {
          const got = r.ref.mask();
          const mask = r.v.mask;
          if (!mask) return eq(got, null, "Filter.mask()");
          if (mask.ref && mask.js === "owned") return eq(got, mask.ref, "Filter.mask() is the mask's wrapper");
          eq(got.rows(), mask.v.rows, "the mask's rows");
          x.model.reown(mask, got);
        },
      },
      apply: {
        gen: (g) => [objArg(g, ["Matrix"], "mixed"), g.newId()],
        run: (x, r, [id, newId]) =>
          withOther(x, id, "Filter.apply", (o) => {
            const out = r.ref.apply(o.ref);
            eq(out.rows(), o.v.rows, "Filter.apply: rows");
            eq(out.cols(), o.v.cols, "Filter.apply: cols");
            const cells = new Float64Array(o.v.rows * o.v.cols);
            for (let i = 0; i < cells.length; i++) cells[i] = out.get(Math.floor(i / o.v.cols), i % o.v.cols);
            x.model.create(newId, "mixed", "Matrix", out, { rows: o.v.rows, cols: o.v.cols, cells, filter: null });
          }),
      },
    },
  },
  Matrix: {
    world: "mixed",
    weight: 3,
    args: (g) => [g.rng.range(1, 3), g.rng.range(1, 3)],
    value: ([rows, cols]) => ({ rows, cols, cells: new Float64Array(rows * cols), filter: null }),
    methods: {
      get: {
        gen: (g) => [g.rng.range(-1, 3), g.rng.range(-1, 3)],
        run: (x, r, [i, j]) => eq(r.ref.get(i, j), i >= 0 && j >= 0 && i < r.v.rows && j < r.v.cols ? r.v.cells[i * r.v.cols + j] : 0, `Matrix.get(${i}, ${j})`),
      },
      set: {
        gen: (g) => [g.rng.range(0, 3), g.rng.range(0, 3), int(g) / 4],
        run: (x, r, [i, j, v]) => {
          r.ref.set(i, j, v);
          if (i < r.v.rows && j < r.v.cols) r.v.cells[i * r.v.cols + j] = v;
        },
      },
      sum: { gen: () => [], run: (x, r) => eq(r.ref.sum(), r.v.cells.reduce((s, c) => s + c, 0), "Matrix.sum") },
      map: {
        gen: (g) => [objArg(g, ["Filter"], "mixed"), g.newId()],
        run: (x, r, [id, newId]) =>
          withOther(x, id, "Matrix.map", (f) => {
            const out = r.ref.map(f.ref);
            const cells = r.v.cells.map((c) => f.v.gain * c + f.v.offset);
            for (let i = 0; i < cells.length; i++) eq(out.get(Math.floor(i / r.v.cols), i % r.v.cols), cells[i], "Matrix.map: a cell");
            x.model.create(newId, "mixed", "Matrix", out, { rows: r.v.rows, cols: r.v.cols, cells, filter: null });
          }),
      },
      set_filter: {
        gen: (g) => [g.rng.chance(0.3) ? -1 : objArg(g, ["Filter"], "mixed")],
        run: (x, r, [id]) => {
          const set = (f) => {
            if (f && x.holds(f, r)) return;
            works(() => r.ref.set_filter(f ? f.ref : null), "Matrix.set_filter");
            if (r.v.filter) x.model.unhold(r.v.filter, r);
            r.v.filter = f;
            if (f) x.model.hold(f, r);
          };
          return id === -1 ? set(null) : withOther(x, id, "Matrix.set_filter", set);
        },
      },
      has_filter: { gen: () => [], run: (x, r) => eq(r.ref.has_filter(), r.v.filter !== null, "Matrix.has_filter") },
    },
  },
  Panicky: {
    world: "rust",
    weight: 2,
    args: (g) => [int(g)],
    value: ([v]) => ({ v }),
    methods: {
      value: { gen: () => [], run: (x, r) => eq(r.ref.value(), r.v.v, "Panicky.value") },
      divide: {
        gen: (g) => [g.rng.range(-3, 3)],
        run: (x, r, [by]) => (by === 0 ? x.model.panic("rust") || throws(() => r.ref.divide(0), ["WeakbindError"], "Panicky.divide(0)") : eq(r.ref.divide(by), Math.trunc(r.v.v / by) | 0, "Panicky.divide")),
      },
      expect_some: {
        gen: (g) => [g.rng.chance(0.5)],
        run: (x, r, [b]) => (b ? eq(r.ref.expect_some(true), r.v.v, "Panicky.expect_some") : x.model.panic("rust") || throws(() => r.ref.expect_some(false), ["WeakbindError"], "Panicky.expect_some(false)")),
      },
    },
  },
};
