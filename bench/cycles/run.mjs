// `make bench-cycles`: the JS-callback cycle across the boundary, counted
// per peer. Each peer binds an event source
// that holds a JS listener; the listener closes over the source's own JS
// wrapper (wrapper -> wasm object -> listener -> wrapper). JS creates N
// sources, calls each listener once through wasm, drops them all, then
// collects (global.gc() in bounded rounds, a task boundary between each, so
// finalizers run) and reads the destructor count kept inside wasm.
//
// A control run per peer does the same with a listener that does not close
// over its source: it shows each peer does free its objects on collection in
// this very harness, so what stays behind in the cycle run is the cycle.
//
// Every peer runs in a node child process of its own, with --expose-gc.
//   node bench/cycles/run.mjs [--count N] [--no-control] [--out FILE]
// prints a table and writes bench/results/cycles.json:
//   { weakbind: { created, destroyed }, embind: {...}, wasm_bindgen: {...} }
// (each entry also carries `control: { created, destroyed }` and the
// collection rounds it took).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BUILD = process.env.BENCH_BUILD ? resolve(process.env.BENCH_BUILD) : join(ROOT, "build/bench");
const PEER_NAMES = ["weakbind", "embind", "wasm_bindgen"];

// name → load(): { EventSource, destroyed() }, each a constructor taking a
// name, with on(listener) and emit(value) (which calls the listener).
const PEERS = {
  weakbind: {
    label: "weakbind (FinalizationRegistry)",
    async load() {
      const { load } = await import(pathToFileURL(join(ROOT, "js/weakbind.mjs")).href);
      const m = await load(readFileSync(join(ROOT, "build/examples/examples.wasm")), { stdout: () => {} });
      return { EventSource: m.EventSource, destroyed: () => m.exports.event_sources_destroyed() };
    },
  },
  embind: {
    label: "embind 3.1.6 (shared_ptr, val)",
    async load() {
      const dir = join(BUILD, "cycles/embind");
      const createModule = createRequire(import.meta.url)(join(dir, "cycles.js"));
      // Debian's emscripten 3.1.6 fetches a file path on node 20 and fails:
      // hand it the bytes.
      const m = await createModule({ wasmBinary: readFileSync(join(dir, "cycles.wasm")) });
      return { EventSource: m.EventSource, destroyed: () => m.destroyed_count() };
    },
  },
  wasm_bindgen: {
    label: "wasm-bindgen 0.2.130 (--weak-refs, js_sys::Function)",
    async load() {
      const dir = join(BUILD, "cycles/wasm-bindgen");
      const wb = await import(pathToFileURL(join(dir, "cycles.js")).href);
      wb.initSync({ module: readFileSync(join(dir, "cycles_bg.wasm")) });
      return { EventSource: wb.EventSource, destroyed: () => wb.destroyed_count() };
    },
  },
};

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

// ---- one peer, one mode, in a process of its own -----------------------------

async function child(peer, mode, count) {
  if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
  const { EventSource, destroyed } = await PEERS[peer].load();
  const before = await collect(destroyed, () => false, { maxRounds: 10, quietRounds: 3 });
  const heapBaseline = process.memoryUsage().heapUsed;
  createAndDrop(EventSource, count, mode === "cycle");
  const target = before.count + count;
  const after = await collect(destroyed, (n) => n >= target);
  // What the finalizers let go of is garbage only from now on: a few more
  // rounds before the heap is read, the same for every peer.
  await collect(destroyed, () => false, { minRounds: 5, quietRounds: 0, maxRounds: 5 });
  const result = {
    created: count,
    destroyed: after.count - before.count,
    rounds: after.rounds,
    // JS heap still in use after collection, above the heap after loading.
    heapRetainedMiB: +((process.memoryUsage().heapUsed - heapBaseline) / 2 ** 20).toFixed(2),
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

// In a frame of its own, so nothing on the caller's stack keeps a source
// alive. Each listener is called once through wasm, to show it works.
function createAndDrop(EventSource, count, cycle) {
  const make = cycle ? makeCycle : makeControl;
  for (let i = 0; i < count; i++) {
    const source = make(EventSource, i);
    const got = source.emit(21);
    if (got !== 42) throw new Error(`listener ${i} returned ${got}`);
  }
}

// The cycle: the listener closes over its source's own wrapper.
function makeCycle(EventSource, i) {
  const source = new EventSource(`s${i}`);
  source.on((value) => (source ? value * 2 : -1));
  return source;
}

// The control: a listener created where no source is in scope (V8 closures
// keep their whole scope's context, so it must not share the cycle's).
const double = (value) => value * 2;
function makeControl(EventSource, i) {
  const source = new EventSource(`s${i}`);
  source.on(double);
  return source;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// Collects until done(count) holds, or the count has not moved for
// `quietRounds` rounds after at least `minRounds`, or `maxRounds` ran out.
// Every collection starts in a task of its own, and the finalizers it
// schedules get a task to run in, before the count is read: a bounded wait
// on the count, never a bare sleep.
async function collect(count, done, { minRounds = 20, quietRounds = 20, maxRounds = 200 } = {}) {
  let last = count();
  let quiet = 0;
  let rounds = 0;
  while (rounds < maxRounds && !done(last)) {
    await nextTask();
    globalThis.gc();
    await nextTask();
    await nextTask();
    rounds++;
    const now = count();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    if (rounds >= Math.min(minRounds, maxRounds) && quiet >= quietRounds) break;
  }
  return { count: last, rounds };
}

// ---- the comparison ------------------------------------------------------------

function parent() {
  const count = Number(flag("--count", 10_000));
  const control = !args.includes("--no-control");
  const out = resolve(flag("--out", join(ROOT, "bench/results/cycles.json")));
  const run = (peer, mode) =>
    JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), "--child", peer, mode, "--count", String(count)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );

  const results = {};
  for (const peer of PEER_NAMES) {
    const cycle = run(peer, "cycle");
    const entry = { created: cycle.created, destroyed: cycle.destroyed, rounds: cycle.rounds };
    entry.heapRetainedMiB = cycle.heapRetainedMiB;
    if (control) {
      const c = run(peer, "control");
      entry.control = { created: c.created, destroyed: c.destroyed, rounds: c.rounds, heapRetainedMiB: c.heapRetainedMiB };
    }
    results[peer] = entry;
  }

  const rows = [["peer", "created", "destroyed after collection", "leaked", "gc rounds", "JS heap kept", ...(control ? ["control: destroyed / created"] : [])]];
  for (const peer of PEER_NAMES) {
    const r = results[peer];
    rows.push([
      PEERS[peer].label,
      String(r.created),
      String(r.destroyed),
      String(r.created - r.destroyed),
      String(r.rounds),
      `${r.heapRetainedMiB.toFixed(2)} MiB`,
      ...(control ? [`${r.control.destroyed} / ${r.control.created}`] : []),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(`JS-callback cycles (listener closes over its own wrapper), node ${process.version}, ${count} objects per peer`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows.slice(1)) console.log(line(row));

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  console.log(`wrote ${out}`);
}

if (args[0] === "--child") await child(args[1], args[2], Number(flag("--count", 10_000)));
else parent();
