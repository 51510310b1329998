// Runs the randomized API test: draws operations from a seeded PRNG, runs
// each, and compares every world with the model after each one; every
// `checkpointEvery` operations and at the end it lets go of everything and
// requires the heap, the live counts and the JS-value table back at their
// baselines. A failure comes back with its seed, step and the operations
// before it, shrunk by replaying fewer of them.
import { Rng } from "./prng.mjs";
import { Model, Mismatch, fail } from "./model.mjs";
import { loadWorlds, snapshot } from "./worlds.mjs";
import { OPS, generate } from "./ops.mjs";
import { gated } from "./known-unsafe.mjs";

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Load options by configuration name.
export const CONFIGS = {
  exact: { cohortSize: 1 }, // every wrapper its own registration: collection is exact
  cohorts: {}, // the defaults: a dropped object may wait for its cohort
  sweep: { release: "sweep", sweep: { interval: 1 } },
};
const exactCollection = (config, unsafe) => config === "sweep" || (config === "exact" && !gated("cohort_size_1", unsafe));

function context(model, worlds, g) {
  const x = {
    model,
    g,
    m: (world) => worlds[world].m,
    runSub: (ops) => {
      for (const op of ops) OPS[op.k].run(op, x);
    },
    // Whether `a` owns `b` through C++ (a matrix's filter, a filter's mask).
    holds: (a, b) => {
      for (let c = a, n = 0; c && n < 64; c = c.v.mask ?? c.v.filter, n++) if (c === b) return true;
      return false;
    },
  };
  return x;
}

function generator(rng, model, unsafe) {
  let id = 1;
  const g = { rng, model, unsafe, depth: 0, inScope: false, newId: () => id++ };
  g.sub = (n, { inScope = g.inScope } = {}) => {
    const saved = [g.depth, g.inScope];
    g.depth++;
    g.inScope = inScope;
    const ops = [];
    for (let i = 0; i < n; i++) {
      const op = generate(g, false);
      if (op) ops.push(op);
    }
    [g.depth, g.inScope] = saved;
    return ops;
  };
  return g;
}

function verifyAll(model, worlds) {
  const maybes = [];
  for (const w of Object.values(worlds)) maybes.push(...model.verify(w));
  return maybes;
}

// Collects until the model holds no "maybe" (bounded); in exact mode one
// left over is a leak.
async function collect(model, worlds, exact, rounds) {
  let maybes = verifyAll(model, worlds);
  for (let i = 0; i < rounds && maybes.length > 0; i++) {
    await nextTask();
    globalThis.gc();
    await nextTask();
    for (const w of Object.values(worlds)) w.m.flush();
    maybes = verifyAll(model, worlds);
  }
  if (exact && maybes.length > 0) {
    const which = maybes.slice(0, 4).map((r) => `${r.world}.${r.cls} #${r.id} (JS ${r.js}${r.holders.size ? `, held by ${[...r.holders.keys()].map((h) => (typeof h === "string" ? h : `${h.cls} #${h.id}`)).join(", ")}` : ""})`);
    fail(`${maybes.length} dropped objects were not freed after ${rounds} collections: ${which.join("; ")}`);
  }
}

// Lets go of everything, collects, and compares each world with its baseline.
async function checkpoint(model, worlds, x) {
  const f = worlds.faults.m;
  for (const [via, release] of [["Cell", () => f.Cell.release(1000)], ["Keeper", () => f.Keeper.release(1000)]]) {
    release();
    for (const name of via === "Cell" ? ["Cell"] : ["Keeper", "KeeperNode"]) {
      const stack = model.stack(name);
      while (stack.length) model.unhold(stack.pop(), name);
    }
  }
  for (const rec of [...model.list]) {
    if (rec.ref && rec.js === "owned") {
      rec.ref.dispose();
      model.dispose(rec);
    } else if (rec.ref) model.drop(rec);
  }
  model.corpses.length = 0;
  await collect(model, worlds, true, 200);
  model.forgetCollected(worlds);
  verifyAll(model, worlds);
  if (model.list.length > 0) {
    const which = model.list.slice(0, 4).map((r) => `${r.world}.${r.cls} #${r.id} (JS ${r.js}, fate ${model.fate(r)}${r.holders.size ? `, held by ${[...r.holders.keys()].map((h) => (typeof h === "string" ? h : `${h.cls} #${h.id}`)).join(", ")}` : ""})`);
    fail(`${model.list.length} objects still alive after everything was let go: ${which.join("; ")}`);
  }
  for (const w of Object.values(worlds)) {
    const now = snapshot(w);
    for (const cls of w.classes) if (now.live[cls] !== w.base.live[cls]) fail(`${w.name}: ${now.live[cls] - w.base.live[cls]} ${cls} live after everything was freed`);
    const blocks = now.heapBlocks - w.base.heapBlocks;
    const bytes = now.heapInUse - w.base.heapInUse;
    const allowed = x.allowance[w.name] ?? { blocks: 0, bytes: 0 }; // what aborted frames may leave by design
    if (blocks < 0 || blocks > allowed.blocks || bytes < 0 || bytes > allowed.bytes) {
      fail(`${w.name}: the heap holds ${bytes} bytes in ${blocks} blocks more than at the start (${allowed.blocks} blocks, ${allowed.bytes} bytes allowed for aborted frames)`);
    }
    if (now.jsValues !== w.base.jsValues) fail(`${w.name}: ${now.jsValues - w.base.jsValues} JS values still held by wasm`);
  }
}

async function step(op, x, model, worlds, config) {
  if (op.k === "collect") {
    const exact = exactCollection(config, x.g.unsafe);
    await collect(model, worlds, exact, exact ? 30 : 2);
  }
  else OPS[op.k].run(op, x);
  verifyAll(model, worlds);
}

// A trap unwinds no C++ or Rust frame: a panic, or an abort whose frame
// holds a heap block (Faulty.runtime_abort's message string), leaves that
// block allocated by design. `model.panic(world, bytes)` allows one block
// of up to `bytes` more in `world`.
function allowPanics(x, model) {
  x.allowance = {};
  model.panic = (world, bytes = 128) => {
    const a = (x.allowance[world] ??= { blocks: 0, bytes: 0 });
    a.blocks++;
    a.bytes += bytes;
  };
}

// Runs `ops` operations from `seed`. Returns { ops, failure }.
export async function runFuzz({ seed, ops, config = "exact", unsafe = false, checkpointEvery = 2500, keep = 5000 }) {
  const worlds = await loadWorlds(CONFIGS[config]);
  const model = new Model(worlds);
  const rng = new Rng(seed);
  const g = generator(rng, model, unsafe);
  const x = context(model, worlds, g);
  allowPanics(x, model);
  const trace = [];
  let i = 0;
  try {
    for (; i < ops; i++) {
      let op = null;
      while (!op) op = generate(g, true);
      trace.push(op);
      if (trace.length > keep) trace.splice(0, trace.length - keep);
      await step(op, x, model, worlds, config);
      if ((i + 1) % checkpointEvery === 0) await checkpoint(model, worlds, x);
    }
    await checkpoint(model, worlds, x);
  } catch (e) {
    return { ops: i, failure: { seed, config, step: i, error: describeError(e), trace } };
  }
  return { ops: i, failure: null };
}

// Replays recorded operations in fresh worlds; the error, or null.
// `tamper(worlds)`, if given, changes the modules first (the harness's own
// tests break the loader on purpose to see the harness fail).
export async function replay(ops, config, { tamper } = {}) {
  const worlds = await loadWorlds(CONFIGS[config]);
  tamper?.(worlds);
  const model = new Model(worlds);
  const x = context(model, worlds, generator(new Rng(0), model, true));
  allowPanics(x, model);
  try {
    for (const op of ops) await step(op, x, model, worlds, config);
    await checkpoint(model, worlds, x);
  } catch (e) {
    return describeError(e);
  }
  return null;
}

// The shortest failing list of operations found within `budget` replays:
// the last 20, 100, 500 … operations, then fewer of them (delta debugging).
export async function shrink(trace, config, { budget = 80 } = {}) {
  let ops = trace;
  for (const n of [20, 100, 500, 2500]) {
    if (n >= trace.length) break;
    budget--;
    if (await replay(trace.slice(-n), config)) {
      ops = trace.slice(-n);
      break;
    }
  }
  let chunks = 2;
  while (budget > 0 && chunks <= ops.length) {
    const size = Math.ceil(ops.length / chunks);
    let removed = false;
    for (let c = 0; c < chunks && budget > 0; c++) {
      const candidate = [...ops.slice(0, c * size), ...ops.slice((c + 1) * size)];
      budget--;
      if (candidate.length && (await replay(candidate, config))) {
        ops = candidate;
        chunks = Math.max(chunks - 1, 2);
        removed = true;
        break;
      }
    }
    if (!removed) chunks *= 2;
  }
  return { ops, error: await replay(ops, config) };
}

function describeError(e) {
  if (e instanceof Mismatch) return e.message;
  return `unexpected ${e?.name ?? typeof e}: ${e?.message ?? String(e)}`;
}

// One operation on one line.
export function formatOp(op) {
  return JSON.stringify(op, (k, v) => {
    if (v instanceof Uint8Array) return `Uint8Array[${[...v].join(",")}]`;
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (v === undefined) return "undefined";
    return v;
  });
}
