#!/usr/bin/env node
// `make soak`: objects of mixed classes created, used and dropped in
// batches with yields, 10% disposed explicitly and 10% retained by C++
// (the fixture's Keeper) and released later; at the end every object must
// be destroyed inside wasm exactly once, the JS-value table and the heap
// back at their baselines, and the runtime's self-check clean
// (docs/RELIABILITY.md).
//
//   node --expose-gc bench/soak.mjs [--objects N] [--batch N] [--seconds S]
//        [--release finalization|sweep] [--module FILE] [--json FILE]
//
// The module is build/fixtures/faults.wasm (make fixtures): the examples
// and the reliability fixtures in one module. `soak()` runs in browsers too
// (bench/soak-browser.mjs); only the command line below needs node.

const CLASSES = ["MyClass", "Notebook", "Buffer", "Node", "Faulty"];

// The wasm-side destructor counters of each class (a Node is created with
// one child, so two Nodes are destroyed per Node created).
const COUNTERS = {
  MyClass: ["myclass_destructor_calls", 1],
  Notebook: ["notebook_destructor_calls", 1],
  Buffer: ["buffer_destructor_calls", 1],
  Node: ["scene_nodes_destroyed", 2],
  Faulty: ["faulty_destroyed_count", 1],
};

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs the soak on a loaded fixture module `m`. Stops after `objects`
 * objects or `seconds` seconds, whichever comes first. Returns the figures
 * and the leaks (every leak figure must be 0).
 *
 * The registry's tables grow with the most objects alive at once and
 * shrink back on their own schedule (at full collections, to a floor), so
 * heap figures are compared beyond them: `stats().heap.registryBytes` and
 * `registryBlocks` say exactly what they hold. The heap leak is what is
 * left beyond the baseline outside those tables.
 */
export async function soak(m, { objects = 10_000_000, batch = 10_000, seconds = Infinity, onProgress = null } = {}) {
  const gc = globalThis.gc;
  if (typeof gc !== "function") throw new Error("soak: run with --expose-gc (node) or --js-flags=--expose-gc (chromium)");
  const destroyed = () => Object.fromEntries(CLASSES.map((c) => [c, m.exports[COUNTERS[c][0]]()]));
  const created = Object.fromEntries(CLASSES.map((c) => [c, 0]));
  const wrong = []; // results that were not what the method should return

  // Warm-up: one object of each kind, so lazily allocated library state
  // (libc++, the registry's first tables) is part of the baseline.
  runBatch(m, 0, 20, created, wrong);
  m.Keeper.release(1 << 30);
  await collect(m, () => m.stats().liveTotal === 0);
  const before = destroyed();
  for (const c of CLASSES) created[c] = 0;
  const baseline = m.stats();

  const start = performance.now();
  const deadline = start + seconds * 1000;
  let done = 0;
  let peakLive = 0;
  let batches = 0;
  while (done < objects && performance.now() < deadline) {
    const n = Math.min(batch, objects - done);
    runBatch(m, done, n, created, wrong);
    done += n;
    // Objects C++ retained are released a batch later: by then some of
    // their wrappers were collected (C++ is the last owner), some not.
    // Within a batch nothing is collected, so the most objects alive at once
    // is at a batch's end.
    peakLive = Math.max(peakLive, m.stats().liveTotal);
    if (++batches % 2 === 0) m.Keeper.release(1 << 30);
    if (batches % 100 === 0) {
      const verdict = m.check();
      if (verdict) throw new Error(`soak: self-check failed after ${done} objects: ${verdict}`);
      onProgress?.({ objects: done, seconds: (performance.now() - start) / 1000, stats: m.stats() });
    }
    await nextTask(); // finalizers (and sweep ticks) run between batches
  }
  m.Keeper.release(1 << 30);
  const churnSeconds = (performance.now() - start) / 1000;

  // Every wrapper is garbage now: collect until the registry is empty.
  const expected = () => CLASSES.every((c) => m.exports[COUNTERS[c][0]]() - before[c] === created[c] * COUNTERS[c][1]);
  await collect(m, () => m.stats().liveTotal === 0 && expected());
  const totalSeconds = (performance.now() - start) / 1000;
  const after = m.stats();
  const now = destroyed();
  const destructors = {};
  for (const c of CLASSES) {
    const missing = created[c] * COUNTERS[c][1] - (now[c] - before[c]);
    if (missing !== 0) destructors[c] = missing;
  }
  return {
    objects: done,
    created,
    seconds: round(totalSeconds),
    churnSeconds: round(churnSeconds),
    objectsPerSecond: Math.round(done / churnSeconds),
    peakLinearMemory: after.heap.memorySize,
    peakHeapInUse: after.heap.peak,
    peakLiveObjects: peakLive,
    registryTableBytes: after.heap.registryBytes,
    strategy: after.strategy,
    baseline: { heapInUse: baseline.heap.inUse, allocations: baseline.heap.allocations, jsValues: baseline.jsValues },
    leaks: {
      liveObjects: after.liveTotal,
      jsValues: after.jsValues - baseline.jsValues,
      heapBytes: outsideRegistry(after).bytes - outsideRegistry(baseline).bytes,
      allocations: outsideRegistry(after).blocks - outsideRegistry(baseline).blocks,
      destructors, // per class: destructor calls missing (negative: extra)
      wrongResults: wrong.length,
    },
    wrongResults: wrong.slice(0, 10),
    check: m.check(),
  };
}

// True when a soak report shows no leak at all.
export function leakFree(report) {
  const l = report.leaks;
  return (
    l.liveObjects === 0 &&
    l.jsValues === 0 &&
    l.heapBytes === 0 &&
    l.allocations === 0 &&
    Object.keys(l.destructors).length === 0 &&
    l.wrongResults === 0 &&
    report.check === null
  );
}

// Objects first..first+n-1. Object i: role i % 10 (0 disposed, 1 retained
// by C++, else just dropped); class from i / 10, so every class plays
// every role; only Faulty and Node can be retained by the Keeper.
function runBatch(m, first, n, created, wrong) {
  for (let i = first; i < first + n; i++) {
    const role = i % 10;
    let kind = CLASSES[Math.floor(i / 10) % CLASSES.length];
    if (role === 1 && kind !== "Faulty" && kind !== "Node") kind = i % 20 < 10 ? "Faulty" : "Node";
    created[kind]++;
    const o = use(m, kind, i, wrong);
    if (role === 0) o.dispose();
    else if (role === 1) kind === "Faulty" ? m.Keeper.hold(o) : m.Keeper.hold_node(o);
  }
}

// Creates one object of `kind` and calls it, checking the answer.
function use(m, kind, i, wrong) {
  const expect = (got, want) => {
    if (got !== want) wrong.push(`${kind} #${i}: got ${got}, expected ${want}`);
  };
  switch (kind) {
    case "MyClass": {
      const o = new m.MyClass(i & 0xffff);
      expect(o.my_method(), 2 * (i & 0xffff));
      return o;
    }
    case "Notebook": {
      const o = new m.Notebook(i & 0xff);
      expect(o.add_notes(2), 2);
      return o;
    }
    case "Buffer": {
      const size = 16 + (i % 64) * 16;
      const o = new m.Buffer(size);
      expect(o.byte_at(size - 1), 0xab);
      return o;
    }
    case "Node": {
      const o = new m.Node(i % 3 === 0 ? `node ${i}` : "node");
      o.add_child("child");
      if (i % 4 === 0) o.set_user_data({ i }); // a JS value held by wasm
      expect(o.child_count(), 1);
      return o;
    }
    default: {
      const o = new m.Faulty(i & 0xffff);
      expect(o.value(), i & 0xffff);
      return o;
    }
  }
}

// The heap in use beyond the registry's own tables.
function outsideRegistry(stats) {
  const { inUse, allocations, registryBytes, registryBlocks } = stats.heap;
  return { bytes: inUse - registryBytes, blocks: allocations - registryBlocks };
}

// Collects and yields until `done()` holds (bounded).
async function collect(m, done, rounds = 400) {
  for (let i = 0; i < rounds && !done(); i++) {
    await nextTask();
    globalThis.gc();
    await nextTask();
    m.flush();
  }
}

const round = (x) => Math.round(x * 100) / 100;

export function formatReport(r) {
  const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const leaks = Object.entries(r.leaks)
    .map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : v}`)
    .join(", ");
  return [
    `objects            ${r.objects.toLocaleString("en-US")} (${Object.entries(r.created).map(([c, n]) => `${c} ${n}`).join(", ")})`,
    `time               ${r.seconds} s (${r.churnSeconds} s of churn, ${r.objectsPerSecond.toLocaleString("en-US")} objects/s), release: ${r.strategy}`,
    `peak linear memory ${mib(r.peakLinearMemory)} (heap in use at peak ${mib(r.peakHeapInUse)}, ${r.peakLiveObjects.toLocaleString("en-US")} live objects at most; the registry's tables hold ${mib(r.registryTableBytes)} at the end)`,
    `leaks              ${leaks}`,
    `self-check         ${r.check ?? "clean"}`,
    leakFree(r) ? "soak: no leaks" : "soak: LEAKS FOUND",
  ].join("\n");
}

// ---- command line -----------------------------------------------------------

const isMain = typeof process !== "undefined" && process.argv[1] && import.meta.url === (await import("node:url")).pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { readFile, writeFile } = await import("node:fs/promises");
  const { load } = await import("../js/weakbind.mjs");
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const file = opt("--module", new URL("../build/fixtures/faults.wasm", import.meta.url));
  const release = opt("--release", "finalization");
  const bytes = await readFile(file);
  const instance = () => load(bytes, { release, sweep: { interval: 5 }, stdout: () => {} });
  const report = await soak(await instance(), {
    objects: Number(opt("--objects", 10_000_000)),
    batch: Number(opt("--batch", 10_000)),
    seconds: Number(opt("--seconds", Infinity)),
    onProgress: ({ objects, seconds, stats }) => {
      if (objects % 1_000_000 === 0) {
        console.error(`  ${objects.toLocaleString("en-US")} objects, ${seconds.toFixed(1)} s, ${stats.liveTotal} live, memory ${(stats.heap.memorySize / 2 ** 20).toFixed(1)} MiB`);
      }
    },
  });
  console.log(formatReport(report));
  const json = opt("--json");
  if (json) await writeFile(json, JSON.stringify(report, null, 2) + "\n");
  process.exitCode = leakFree(report) ? 0 : 1;
}
