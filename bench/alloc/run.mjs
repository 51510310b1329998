// The allocator benchmark runner: `make bench-alloc`.
//
// Runs the five traces of harness.c against every allocator build in one
// node process, prints trace × allocator → ops/µs, peak memory / peak live,
// and code bytes, and writes bench/results/alloc.json.
//
//   node bench/alloc/run.mjs [--dir build/bench/alloc] [--runs 3] [--processes 5]
//                            [--quick] [--only a,b] [--traces 1,2]
//                            [--out bench/results/alloc.json]
//
// Method: each allocator's module is compiled once and warmed up by one run
// of every trace, so the timed runs use optimised code. Each timed run gets
// a fresh instance (fresh linear memory) in which harness.c's `prepare`
// first writes the trace as a list of operations (untimed); the timed part
// is `run`, which replays that list through the allocator's three
// functions. ops/µs is allocator calls per µs of the process's CPU time,
// median of --runs, allocators taking turns within each round (wall time
// is recorded too); before each timed run the previous instances are
// collected and the process settles, so freeing their memory is not
// counted. "warm" is a second run in the same instance, memory already
// grown; peak_bytes is how far linear memory grew during the run (its size
// after minus its size at instantiation; memory never shrinks);
// peak_live_bytes is the trace's highest sum of requested sizes. "noop" is
// the same harness with an allocator that does nothing (bench/alloc/noop.c):
// the harness's own cost, the ceiling of every figure. Code bytes: the code
// section of the harness linked with the allocator minus that of the
// harness alone (allocator calls left as imports).

import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const quick = argv.includes("--quick");
const dir = opt("--dir", join(ROOT, "build/bench/alloc"));
const runs = Number(opt("--runs", quick ? 1 : 3));
const processes = Number(opt("--processes", quick ? 1 : 5));
const out = opt("--out", join(ROOT, quick ? "bench/results/tmp/alloc-quick.json" : "bench/results/alloc.json"));

export const TRACES = [
  [1, "object_churn"],
  [2, "mixed_sizes"],
  [3, "realloc_growth"],
  [4, "fragmentation"],
  [5, "libcxx_replay"],
];
const only = opt("--only", null)?.split(",");
const ALLOCATORS = ["weakbind", "dlmalloc", "talc", "wasi_libc"].filter((n) => !only || only.includes(n));
// Reported beside the others, not part of the JSON's per-trace entries.
const EXTRA = ["weakbind_checked", "weakbind_unwatched", "noop"].filter((n) => !only || only.includes(n));

/** Size of each section of a wasm binary: { id or custom name: bytes }. */
export function sections(bytes) {
  const sizes = {};
  let i = 8;
  const leb = () => {
    let r = 0, s = 0, x;
    do {
      x = bytes[i++];
      r |= (x & 127) << s;
      s += 7;
    } while (x & 128);
    return r >>> 0;
  };
  while (i < bytes.length) {
    const id = bytes[i++];
    const n = leb();
    let key = id;
    if (id === 0) {
      const j = i;
      const len = leb();
      key = Buffer.from(bytes.subarray(i, i + len)).toString();
      i = j;
    }
    sizes[key] = n;
    i += n;
  }
  return sizes;
}

/** Imports are stubs: allocators may import abort paths that never run. */
function stubImports(module) {
  const imports = {};
  for (const { module: m, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== "function") continue;
    imports[m] ??= {};
    imports[m][name] = (...args) => {
      throw new Error(`import ${m}.${name}(${args.join(", ")}) called`);
    };
  }
  return imports;
}

const replayPath = join(dir, "libcxx-trace.bin");
const replay = existsSync(replayPath) ? new Uint32Array(readFileSync(replayPath).buffer.slice(0)) : null;

function instance(module) {
  const inst = new WebAssembly.Instance(module, stubImports(module));
  const e = inst.exports;
  if (replay) {
    const at = e.replay_buffer(replay.length);
    new Uint32Array(e.memory.buffer, at, replay.length).set(replay);
  }
  return e;
}

const settle = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** One sample: a fresh instance replays the trace twice — cold (memory
 *  grows from nothing) and warm (the same instance again: memory already
 *  grown). The harness writes the trace a chunk at a time (`next`,
 *  untimed); only the replay of each chunk (`run`) is timed. */
function sample(module, trace) {
  // Earlier instances' memories are freed now, not during the timed run.
  globalThis.gc?.();
  settle(5);
  const e = instance(module);
  const before = e.memory.buffer.byteLength;
  // CPU time of this process (user + system: page faults count), not wall
  // time: this machine is shared, and waiting for a core is not the
  // allocator's cost. Wall time is kept beside it.
  const time = () => {
    let ops = 0, us = 0, wall = 0n;
    e.prepare(trace, 1);
    for (let calls; (calls = e.next()); ) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const made = e.run();
      wall += process.hrtime.bigint() - t0;
      const c = process.cpuUsage(c0);
      us += c.user + c.system;
      if (made !== calls) throw new Error(`run made ${made} calls, next said ${calls}`);
      ops += made;
    }
    if (ops !== e.calls_so_far()) throw new Error("chunks lost");
    return { ops, us, wall: Number(wall) / 1000 };
  };
  const cold = time();
  const peak_bytes = e.memory.buffer.byteLength - before;
  const peak_live_bytes = e.peak_live_bytes();
  const warm = time();
  return { ops: cold.ops, cold: cold.us, warm: warm.us, wall: cold.wall, peak_bytes, peak_live_bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const base = sections(readFileSync(join(dir, "baseline.wasm")))[10];
const pick = opt("--traces", null)?.split(",").map(Number);
const traces = TRACES.filter(([t]) => (t !== 5 || replay) && (!pick || pick.includes(t)));
if (!replay) console.error(`no ${replayPath}: skipping the libc++ replay`);

const names = [...ALLOCATORS, ...EXTRA].filter((name) => {
  const ok = existsSync(join(dir, `${name}.wasm`));
  if (!ok) console.error(`missing ${join(dir, `${name}.wasm`)}`);
  return ok;
});
const code = Object.fromEntries(names.map((n) => [n, sections(readFileSync(join(dir, `${n}.wasm`)))[10] - base]));

/** In a child process: --runs rounds, allocators taking turns within each
 *  round so load from other processes falls on all alike. */
function measure() {
  const modules = {};
  for (const name of names) {
    modules[name] = new WebAssembly.Module(readFileSync(join(dir, `${name}.wasm`)));
    for (const [t] of traces) sample(modules[name], t); // warm-up: tier up
  }
  const samples = {};
  for (let r = 0; r < runs; ++r)
    for (const [t, trace] of traces)
      for (const name of names) ((samples[trace] ??= {})[name] ??= []).push(sample(modules[name], t));
  return samples;
}

if (argv.includes("--child")) {
  process.stdout.write(JSON.stringify(measure()));
  process.exit(0);
}

// Several processes, one after the other: a process's memory placement
// shifts every allocator's timings together by up to 1.5× on this
// machine, so figures pool the samples of all of them.
const samples = {};
for (let p = 0; p < processes; ++p) {
  const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...argv, "--child"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) throw new Error(`measuring process failed: ${child.status}`);
  const got = JSON.parse(child.stdout);
  for (const trace in got) for (const name in got[trace]) ((samples[trace] ??= {})[name] ??= []).push(...got[trace][name]);
}

const figures = {};
for (const [, trace] of traces)
  for (const name of names) {
    const xs = samples[trace][name];
    (figures[trace] ??= {})[name] = {
      ops_per_us: +(xs[0].ops / median(xs.map((x) => x.cold))).toFixed(2),
      peak_bytes: Math.max(...xs.map((x) => x.peak_bytes)),
      peak_live_bytes: xs[0].peak_live_bytes,
      warm_ops_per_us: +(xs[0].ops / median(xs.map((x) => x.warm))).toFixed(2),
      wall_ops_per_us: +(xs[0].ops / median(xs.map((x) => x.wall))).toFixed(2),
    };
  }

const results = { traces: {}, code_bytes: {} };
for (const [, trace] of traces)
  for (const name of ALLOCATORS) if (figures[trace][name]) (results.traces[trace] ??= {})[name] = figures[trace][name];
for (const name of ALLOCATORS) if (name in code) results.code_bytes[name] = code[name];

// ---- table -------------------------------------------------------------------
const pad = (x, n) => String(x).padStart(n);
const rows = [
  `${"".padEnd(15)}${names.map((n) => pad(n, 26)).join("")}`,
  `${"trace".padEnd(15)}${names.map(() => pad("ops/µs (warm)  peak/live", 26)).join("")}`,
];
for (const [, trace] of traces)
  rows.push(
    trace.padEnd(15) +
      names
        .map((n) => {
          const f = figures[trace][n];
          const peak = n === "noop" ? "-    " : `${(f.peak_bytes / f.peak_live_bytes).toFixed(2)}×`;
          const fix = (x) => x.toFixed(x < 10 ? 2 : 1);
          return pad(`${fix(f.ops_per_us)} (${fix(f.warm_ops_per_us)})  ${peak}`, 26);
        })
        .join(""),
  );
rows.push("code bytes".padEnd(15) + names.map((n) => pad(n === "noop" ? "-" : code[n], 26)).join(""));
if (names.includes("weakbind")) {
  const peers = names.filter((n) => n !== "weakbind" && n !== "noop");
  rows.push("", `${"weakbind ×".padEnd(15)}${peers.map((n) => pad(n, 18)).join("")}`);
  for (const [, trace] of traces)
    rows.push(trace.padEnd(15) + peers.map((n) => pad(`${(figures[trace].weakbind.ops_per_us / figures[trace][n].ops_per_us).toFixed(2)}×`, 18)).join(""));
}
console.log(rows.join("\n"));

results.method = {
  runs: runs * processes,
  processes,
  node: process.version,
  harness: "each trace written as a list of operations before timing; the timed part replays it through bench_malloc/bench_free/bench_realloc",
  ops_per_us: "allocator calls (malloc, free, realloc) per µs of CPU time (user + system), median of runs, in a fresh instance: memory grows from nothing",
  warm_ops_per_us: "the same, run again in that instance: memory already grown",
  wall_ops_per_us: "as ops_per_us, over wall time (noisy on a shared machine)",
  peak_bytes: "linear memory grown during the run (fresh instance per run)",
  peak_live_bytes: "highest sum of requested sizes live at once",
  code_bytes: "code section of harness + allocator minus harness alone (malloc, free, realloc)",
  weakbind_api_code_bytes: "code section of a module exporting weakbind-heap's whole C and C++ API",
};
const api = join(dir, "weakbind_api.wasm");
if (existsSync(api)) {
  results.weakbind_api_code_bytes = sections(readFileSync(api))[10];
  console.log(`weakbind's whole C/C++ API (malloc … posix_memalign, every operator new/delete): ${results.weakbind_api_code_bytes} code bytes`);
}
if (names.includes("noop"))
  results.harness_noop = {
    about: "the same harness with an allocator that does nothing (bench/alloc/noop.c): what the harness costs on its own, the ceiling of every ops_per_us",
    traces: Object.fromEntries(traces.map(([, t]) => [t, { ops_per_us: figures[t].noop.ops_per_us, warm_ops_per_us: figures[t].noop.warm_ops_per_us }])),
  };
if (names.includes("weakbind_checked"))
  results.weakbind_checked = {
    code_bytes: code.weakbind_checked,
    traces: Object.fromEntries(traces.map(([, t]) => [t, figures[t].weakbind_checked])),
  };
if (names.includes("weakbind_unwatched"))
  results.weakbind_unwatched = {
    about: "weakbind built without the watched-span test in free's fast path (feature unwatched, never shipped): weakbind's ops_per_us over these is what the test costs",
    traces: Object.fromEntries(traces.map(([, t]) => [t, { ...figures[t].weakbind_unwatched, weakbind_over_unwatched: figures[t].weakbind.ops_per_us / figures[t].weakbind_unwatched.ops_per_us }])),
  };
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
console.log(`wrote ${out}`);
