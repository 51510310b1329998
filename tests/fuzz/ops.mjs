// The operations of the randomized API test: each is plain data made by
// `gen` (so a failing sequence can be replayed and shrunk) and performed by
// `run`, which decides what must happen from the model at that moment.
// Operations that refer to a record the model no longer has do nothing.
import { CLASSES, PROBE } from "./classes.mjs";
import { eq, throws, works } from "./check.mjs";
import { ATTACKS } from "./attacks.mjs";
import { gated } from "./known-unsafe.mjs";

const CLASS_NAMES = Object.keys(CLASSES);
const CLASS_WEIGHTS = CLASS_NAMES.map((c) => [c, CLASSES[c].weight]);
// C++ owners reachable from JS: name -> [hold(m, wrapper), classes, world].
const STATICS = {
  Cell: { classes: ["Cell"], hold: (m, w) => m.Cell.hold(w) },
  Keeper: { classes: ["Faulty"], hold: (m, w) => m.Keeper.hold(w) },
  KeeperNode: { classes: ["Node", "Group"], hold: (m, w) => m.Keeper.hold_node(w) },
};
const LIMIT = 8; // C++ holds per static at most (the warm-up's capacity)

const withRef = (model, rng, ok = () => true) => model.pick(rng, (r) => r.ref !== null && ok(r));

function create(x, op, cls, make) {
  const spec = CLASSES[cls];
  const m = x.m(spec.world);
  const ref = works(() => make(m), `new ${cls}(${op.args.map(String).join(", ")})`);
  eq(ref instanceof m[cls], true, `new ${cls}() is a ${cls}`);
  x.model.create(op.id, spec.world, cls, ref, spec.value(op.args));
}

export const OPS = {
  new: {
    w: 14,
    gen: (g) => {
      const cls = g.rng.weighted(CLASS_WEIGHTS);
      return { k: "new", cls, args: CLASSES[cls].args(g), id: g.newId() };
    },
    run: (op, x) => create(x, op, op.cls, (m) => new m[op.cls](...op.args)),
  },
  // Objects made by factories rather than constructors.
  make: {
    w: 2,
    gen: (g) => (g.rng.chance(0.5) ? { k: "make", cls: "Node", args: [g.rng.pick(["m", "made"])], id: g.newId() } : { k: "make", cls: "Filter", args: [g.rng.range(-2, 2), g.rng.range(-2, 2)], id: g.newId() }),
    run: (op, x) => {
      if (op.cls === "Node") return create(x, op, "Node", (m) => m.Node.make(op.args[0]));
      const [gain, offset] = op.args;
      create(x, { ...op, args: [0] }, "Filter", (m) => m.Filter.affine(gain, offset));
      Object.assign(x.model.get(op.id).v, { gain, offset, label: `${gain}·x + ${offset}` });
    },
  },
  call: {
    w: 40,
    gen: (g) => {
      const rec = withRef(g.model, g.rng);
      if (!rec) return null;
      const methods = Object.entries(CLASSES[rec.cls].methods).filter(([, m]) => !(m.noScope && g.inScope));
      const [name, method] = g.rng.pick(methods);
      return { k: "call", id: rec.id, name, args: method.gen(g, rec) };
    },
    run: (op, x) => {
      const rec = x.model.get(op.id);
      if (!rec?.ref) return;
      const label = `${rec.cls}.${op.name}`;
      if (!x.model.usable(rec)) {
        throws(() => PROBE[rec.cls](rec.ref), ["TypeError"], `${label} through a wrapper whose object is gone`);
        return;
      }
      CLASSES[rec.cls].methods[op.name].run(x, rec, op.args);
    },
  },
  dispose: {
    w: 9,
    gen: (g) => {
      const rec = withRef(g.model, g.rng);
      return rec && { k: "dispose", id: rec.id };
    },
    run: (op, x) => {
      const rec = x.model.get(op.id);
      if (!rec?.ref) return;
      if (rec.js === "borrowed") {
        if (x.model.usable(rec)) throws(() => rec.ref.dispose(), ["TypeError"], `${rec.cls}.dispose on a borrowed child`);
        return;
      }
      works(() => rec.ref.dispose(), `${rec.cls}.dispose`);
      x.model.dispose(rec);
    },
  },
  drop: {
    w: 9,
    gen: (g) => {
      const rec = withRef(g.model, g.rng);
      return rec && { k: "drop", id: rec.id };
    },
    run: (op, x) => {
      const rec = x.model.get(op.id);
      if (rec?.ref) x.model.drop(rec);
    },
  },
  // A dead wrapper: calls throw a TypeError, dispose does nothing.
  corpse: {
    w: 3,
    gen: (g) => (g.model.corpses.length ? { k: "corpse", i: g.rng.int(16), dispose: g.rng.chance(0.3) } : null),
    run: (op, x) => {
      const c = x.model.corpses[op.i % Math.max(1, x.model.corpses.length)];
      if (!c) return;
      if (op.dispose) return works(() => c.ref.dispose(), `a second ${c.cls}.dispose`);
      throws(() => PROBE[c.cls](c.ref), ["TypeError"], `${c.cls}: a call after dispose`);
    },
  },
  hold: {
    w: 4,
    gen: (g) => {
      const via = g.rng.pick(Object.keys(STATICS));
      const rec = withRef(g.model, g.rng, (r) => STATICS[via].classes.includes(r.cls));
      return rec && { k: "hold", via, id: rec.id };
    },
    run: (op, x) => {
      const rec = x.model.get(op.id);
      const stack = x.model.stack(op.via);
      if (!rec?.ref || stack.length >= LIMIT) return;
      const m = x.m("faults");
      if (!x.model.usable(rec)) return void throws(() => STATICS[op.via].hold(m, rec.ref), ["TypeError"], `${op.via} hold of a dead wrapper`);
      const held = works(() => STATICS[op.via].hold(m, rec.ref), `${op.via} hold`);
      if (rec.js === "borrowed") return eq(held, -1, `${op.via} hold of a borrowed child (not registered)`);
      stack.push(rec);
      x.model.hold(rec, op.via);
      eq(held, op.via === "Cell" ? stack.length : x.model.stack("Keeper").length + x.model.stack("KeeperNode").length, `${op.via} holds`);
    },
  },
  release: {
    w: 3,
    gen: (g) => ({ k: "release", via: g.rng.pick(["Cell", "Keeper"]), n: g.rng.range(1, 3) }),
    run: (op, x) => {
      const m = x.m("faults");
      const stacks = op.via === "Cell" ? ["Cell"] : ["Keeper", "KeeperNode"];
      const left = works(() => (op.via === "Cell" ? m.Cell.release(op.n) : m.Keeper.release(op.n)), `${op.via}.release`);
      for (const name of stacks) {
        const stack = x.model.stack(name);
        for (let i = 0; i < op.n && stack.length; i++) x.model.unhold(stack.pop(), name);
      }
      eq(left, stacks.reduce((n, s) => n + x.model.stack(s).length, 0), `${op.via}.release: holds left`);
    },
  },
  // C++ hands its most recent hold back to JS as an owner.
  last: {
    w: 2,
    gen: (g) => (g.inScope ? null : { k: "last", via: g.rng.pick(["Cell", "Keeper"]) }),
    run: (op, x) => {
      const m = x.m("faults");
      const got = works(() => (op.via === "Cell" ? m.Cell.last() : m.Keeper.peek()), `${op.via} last`);
      const rec = x.model.stack(op.via).at(-1);
      if (!rec) return eq(got, null, `${op.via}: nothing held`);
      if (rec.ref && rec.js === "owned") return eq(got, rec.ref, `${op.via}: the held object's own wrapper`);
      eq(got.value(), rec.v.v, `${op.via}: the held object's value`);
      x.model.reown(rec, got);
    },
  },
  // JS values held through handles.
  jsref: {
    w: 1,
    gen: (g) => ({ k: "jsref", v: g.rng.pick([0, "s", 1.5]) }),
    run: (op, x) => {
      const m = x.m("faults");
      const value = { v: op.v };
      const h = m.jsref(value);
      eq(m.jsvalue(h), value, "m.jsvalue(m.jsref(v))");
      m.exports.events_handle_drop(h);
    },
  },
  // A collection right now (inside callbacks too: nothing may be freed
  // under a running method). Mostly minor ones: a full one costs ~10 ms.
  gc: { w: 0.5, gen: (g) => ({ k: "gc", full: g.rng.chance(0.2) }), run: (op) => globalThis.gc(op.full ? undefined : { type: "minor" }) },
  scope: {
    w: 2,
    gen: (g) => (g.depth > 1 ? null : { k: "scope", sub: g.sub(g.rng.range(1, 8), { inScope: true }), fails: g.rng.chance(0.1) }),
    run: (op, x) => {
      const m = x.m("faults");
      const sentinel = new Error("thrown in the scope");
      x.model.openScope("faults");
      try {
        m.scope(() => {
          x.runSub(op.sub);
          if (op.fails) throw sentinel;
        });
      } catch (e) {
        if (e !== sentinel) throw e;
      } finally {
        x.model.closeScope();
      }
    },
  },
  keep: {
    w: 0, // drawn only inside scopes
    gen: (g) => {
      const rec = withRef(g.model, g.rng, (r) => r.world === "faults" && r.js === "owned");
      return rec && { k: "keep", id: rec.id };
    },
    run: (op, x) => {
      const rec = x.model.get(op.id);
      if (!rec?.ref || rec.world !== "faults") return;
      eq(x.m("faults").keep(rec.ref), rec.ref, "m.keep returns its argument");
      rec.kept = true;
    },
  },
  ...ATTACKS,
};

// Operations that need the event loop (collection): top level only.
export const ASYNC_OPS = {
  collect: { w: 0.25, gen: () => ({ k: "collect" }) },
};

// Weights of what may be drawn at the top level and inside scopes and
// callbacks; attacks of KNOWN_UNSAFE only when asked for.
const tables = new Map();
function table(top, unsafe) {
  const key = `${top}/${unsafe}`;
  if (!tables.has(key)) {
    const all = top ? { ...OPS, ...ASYNC_OPS } : OPS;
    const rows = Object.entries(all).filter(([k, o]) => o.w > 0 && !gated(k, unsafe) && (top || k !== "scope"));
    tables.set(key, rows.map(([k, o]) => [k, o.w * 10]));
  }
  return tables.get(key);
}

// Draws one operation (null: try again). Inside scopes and callbacks only
// synchronous ones; a crowded model drops and disposes more.
export function generate(g, top = true) {
  let kind = g.rng.weighted(!top && g.depth < 2 && g.rng.chance(0.1) ? [["scope", 1]] : table(top, g.unsafe));
  if (g.model.list.length > 160 && g.rng.chance(0.3)) kind = g.rng.pick(["dispose", "drop"]);
  if (g.inScope && g.rng.chance(0.15)) kind = "keep";
  const o = OPS[kind] ?? ASYNC_OPS[kind];
  const op = o.gen(g);
  // An attack's variant (its class, its victim) may be gated alone.
  return op && op.v !== undefined && gated(`${kind}:${op.v}`, g.unsafe) ? null : op;
}
