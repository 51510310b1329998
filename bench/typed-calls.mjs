#!/usr/bin/env node
// `make bench-typed`: the per-call cost of weakbind's typed binding, beside
// raw exports doing the same work by hand and beside embind
// (bench/README.md, "Values, arrays, enums and interfaces"):
//   typed calls (examples' Node): an object in and out, a string in and out
//   values (bench/peers/values.hpp): a Vec3 struct, a Float64Array of 1,000,
//     a vector of 100 strings, an enum, a virtual C++ calls on a JS subclass
//
//   node bench/typed-calls.mjs [--runs N] [--quick] [--peers a,b] [--workloads a,b] [--out FILE]
//   node bench/typed-calls.mjs --check    every peer's results checked, nothing timed
//
// Every (workload, peer, run) is a fresh node process (lib/value-worker.mjs),
// a workload's peers one after another; each figure is the median over the
// runs of each process's median ns of CPU time per call. Prints the table
// and writes bench/results/typed.json (--quick: a tenth of the calls, one run, under
// bench/results/tmp/).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "./lib/peers.mjs";
import { peerFiles } from "./lib/value-peers.mjs";
import { VALUE_WORKLOADS } from "./lib/value-workloads.mjs";

const WORKER = join(dirname(fileURLToPath(import.meta.url)), "lib/value-worker.mjs");
const PEERS = ["raw", "weakbind", "embind", "embind_vector"];
const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const quick = argv.includes("--quick");
const runs = Number(opt("--runs") ?? (quick ? 1 : 5));
const peers = opt("--peers")?.split(",") ?? PEERS;
const workloads = opt("--workloads")?.split(",") ?? Object.keys(VALUE_WORKLOADS);
const outFile = opt("--out") ?? join(ROOT, `bench/results/${quick ? "tmp/typed-quick" : "typed"}.json`);
for (const w of workloads) if (!VALUE_WORKLOADS[w]) throw new Error(`unknown workload ${w}; workloads: ${Object.keys(VALUE_WORKLOADS).join(", ")}`);
for (const p of peers) if (!PEERS.includes(p)) throw new Error(`unknown peer ${p}; peers: ${PEERS.join(", ")}`);

// The (workload, peer) pairs there are, each built.
const pairs = [];
for (const w of workloads) {
  for (const p of peers) {
    if (!VALUE_WORKLOADS[w][p]) continue;
    const missing = peerFiles(p, VALUE_WORKLOADS[w].module).filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`${p} for ${w} is not built: ${missing.map((f) => relative(ROOT, f)).join(", ")} (make bench-typed builds it)`);
    pairs.push([w, p]);
  }
}

const spawnWorker = (w, p, flags) => {
  const r = spawnSync(process.execPath, [WORKER, p, w, ...flags], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${p} ${w} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
};

if (argv.includes("--check")) {
  for (const [w, p] of pairs) spawnWorker(w, p, ["--check"]);
  console.log(`make bench-typed: ${pairs.length} (workload, peer) pairs give the expected results`);
  process.exit(0);
}

const samples = {}, wallSamples = {};
// Each run takes the workloads in turn and a workload's peers one after
// another, starting one peer further on each run, so no peer is always
// the first (or last) to meet a change in the machine's load.
const rotated = (run) => workloads.flatMap((w) => {
  const of = pairs.filter(([pw]) => pw === w);
  return of.map((_, i) => of[(i + run) % of.length]);
});
for (let run = 0; run < runs; run++) {
  for (const [w, p] of rotated(run)) {
    const { value, wall } = spawnWorker(w, p, quick ? ["--quick"] : []);
    ((samples[w] ??= {})[p] ??= []).push(value);
    ((wallSamples[w] ??= {})[p] ??= []).push(wall);
    process.stderr.write(`run ${run + 1}/${runs} ${w} ${p}: ${value.toFixed(1)} (wall ${wall.toFixed(1)})\n`);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const figures = {};
for (const w of workloads) {
  const { label, unit, what, module } = VALUE_WORKLOADS[w];
  const peersOf = Object.fromEntries(Object.entries(samples[w] ?? {}).map(([p, xs]) => [p, median(xs)]));
  const ratio = (a, b) => (peersOf[a] && peersOf[b] ? peersOf[a] / peersOf[b] : undefined);
  figures[w] = {
    label, what, unit, module, peers: peersOf,
    ratios: { weakbind_raw: ratio("weakbind", "raw"), weakbind_embind: ratio("weakbind", "embind"), weakbind_embind_vector: ratio("weakbind", "embind_vector") },
    runs: samples[w],
    wall: Object.fromEntries(Object.entries(wallSamples[w] ?? {}).map(([p, xs]) => [p, median(xs)])),
    wall_runs: wallSamples[w],
  };
}

const result = {
  date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(),
  runs, quick,
  method: "each figure: the median over fresh node processes of each process's median over 20 timed chunks of ns of CPU time (process.cpuUsage) per call (virtual: per virtual call), after as many calls again as warm-up; `wall`: the same by the wall clock",
  peers: {
    raw: "the same C++ through plain exports, glue written by hand (bench/peers/weakbind/typed-values.cpp raw_*, lib/value-workloads.mjs)",
    weakbind: "js/weakbind.mjs over the typed macros (bench/peers/weakbind/typed-values.cpp)",
    embind: "Debian's emscripten 3.1.6, -O3 (bench/peers/embind/typed-values.cpp); Float64Array: emscripten::val in, a typed_memory_view slice out",
    embind_vector: "the same module; Float64Array: register_vector<double>, JS copies in with push_back and out with get",
  },
  workloads: figures,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");

// The tables: one row per workload, and one for embind's register_vector.
const fmt = (x) => (x === undefined ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtRatio = (x) => (x === undefined ? "—" : x.toFixed(2));
const row = (cells) => `| ${cells.join(" | ")} |`;
console.log(`\nmake bench-typed: ns of CPU time, median of ${runs} process${runs === 1 ? "" : "es"} each, node ${process.version}, ${cpus().length} cores (${relative(ROOT, outFile)})\n`);
console.log(row(["workload", "unit", "raw", "embind", "weakbind", "weakbind / embind", "weakbind / raw"]));
console.log(row(["---", "---", "---:", "---:", "---:", "---:", "---:"]));
for (const [w, f] of Object.entries(figures)) {
  console.log(row([f.label, f.unit, fmt(f.peers.raw), fmt(f.peers.embind), fmt(f.peers.weakbind), fmtRatio(f.ratios.weakbind_embind), fmtRatio(f.ratios.weakbind_raw)]));
  if (f.peers.embind_vector !== undefined) {
    console.log(row([`${f.label}, embind by register_vector`, f.unit, "", fmt(f.peers.embind_vector), fmt(f.peers.weakbind), fmtRatio(f.ratios.weakbind_embind_vector), ""]));
  }
}
