#!/usr/bin/env node
// `make bench`: weakbind beside raw exports, the seed article's loader,
// embind and wasm-bindgen, on the workloads of bench/lib/workloads.mjs, in one run.
//
//   node bench/run-peers.mjs [--quick] [--runs N] [--peers a,b] [--workloads a,b] [--out FILE]
//
// Every (peer, workload, run) is a fresh `node` process (lib/worker.mjs);
// runs are interleaved across peers so drift of the machine hits them all
// alike. Each figure is the median of the runs. Prints the table, writes
// bench/results/peers.json and renders docs/bench-peers.svg.
// --quick: a tenth of the objects, one run, results under bench/results/tmp/.
// --render: redraw docs/bench-peers.svg from bench/results/peers.json.
// --pressure: the memory-pressure experiments of lib/pressure.mjs instead,
// written to bench/results/pressure.json.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { renderChart } from "./lib/chart.mjs";
import { BUILD, PEERS, PEER_NAMES, ROOT } from "./lib/peers.mjs";
import { PRESSURE_PLAN } from "./lib/pressure.mjs";
import { jsBytes, wasmBytes } from "./lib/size.mjs";
import { TYPED_PEERS } from "./lib/typed-peers.mjs";
import { TYPED_WORKLOADS } from "./lib/typed-workloads.mjs";
import { WORKLOADS as CONVENTION_WORKLOADS } from "./lib/workloads.mjs";

const WORKLOADS = { ...CONVENTION_WORKLOADS, ...TYPED_WORKLOADS };

const WORKER = join(dirname(fileURLToPath(import.meta.url)), "lib/worker.mjs");
const argv = process.argv.slice(2);
// Any other argument (a typo, --help) stops before anything runs: a full
// run takes most of an hour and rewrites the committed results.
const USAGE = "usage: node bench/run-peers.mjs [--quick] [--runs N] [--peers a,b] [--workloads a,b] [--out FILE] | --render | --pressure";
const FLAGS = new Set(["--quick", "--render", "--pressure"]);
const VALUED = new Set(["--runs", "--peers", "--workloads", "--out"]);
for (let i = 0; i < argv.length; i++) {
  if (VALUED.has(argv[i]) && i + 1 < argv.length) i++;
  else if (!FLAGS.has(argv[i])) {
    console.error(`run-peers: ${VALUED.has(argv[i]) ? `${argv[i]} needs a value` : `unknown argument ${argv[i]}`}\n${USAGE}`);
    process.exit(2);
  }
}
const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const quick = argv.includes("--quick");
const runs = Number(opt("--runs") ?? (quick ? 1 : 5));
const wanted = opt("--peers")?.split(",") ?? PEER_NAMES;
const workloads = opt("--workloads")?.split(",") ?? ["call", "churn", "memory", "memory_sync", "registration", "size", ...Object.keys(TYPED_WORKLOADS)];
const pressure = argv.includes("--pressure");
const outFile = opt("--out") ?? join(ROOT, `bench/results/${quick ? "tmp/" : ""}${pressure ? "pressure" : "peers"}${quick ? "-quick" : ""}.json`);
// The committed chart is redrawn only by a full run into the committed results.
const chartFile = quick || pressure || opt("--workloads") || opt("--out") ? null : join(ROOT, "docs/bench-peers.svg");

const built = (peer) => existsSync(peer.wasm) && existsSync(peer.js);
const anyConvention = workloads.some((w) => !(w in TYPED_WORKLOADS));
const anyTyped = workloads.some((w) => w in TYPED_WORKLOADS);
const peers = wanted.filter((p) => {
  if (!PEERS[p]) throw new Error(`unknown peer ${p}; peers: ${PEER_NAMES.join(", ")}`);
  // With typed workloads only, the peers with a typed build; the typed
  // modules' builds are checked below.
  if (!anyConvention) return p in TYPED_PEERS;
  if (!built(PEERS[p])) console.error(`skipping ${p}: not built (${relative(ROOT, PEERS[p].wasm)}, ${relative(ROOT, PEERS[p].js)})`);
  return built(PEERS[p]);
});
// The typed workloads run on the peers with a typed build (not the
// article's loader, which knows only convention classes).
const typedPeers = peers.filter((p) => {
  if (!anyTyped || !TYPED_PEERS[p]) return false;
  if (!built(TYPED_PEERS[p])) console.error(`skipping ${p} for the typed workloads: not built (${relative(ROOT, TYPED_PEERS[p].wasm)}, ${relative(ROOT, TYPED_PEERS[p].js)})`);
  return built(TYPED_PEERS[p]);
});

const UNITS = {
  call: "ns/call", churn: "objects/s", churn_destroyed: "destructor calls",
  memory: "bytes", memory_live: "objects", memory_sync: "bytes", memory_sync_live: "objects",
  registration: "ns/object", size_wasm: "bytes", size_js: "bytes",
  ...Object.fromEntries(Object.entries(TYPED_WORKLOADS).map(([k, v]) => [k, v.unit])),
  typed_churn_destroyed: "destructor calls", typed_churn_point_destroyed: "destructor calls", typed_churn_string_destroyed: "destructor calls", typed_release_destroyed: "destructor calls",
};
const results = {};
const loadBefore = loadavg();
const allRuns = {}; // every run's record, by workload and peer
const failures = [];

function runWorker(peer, workload, { bare = false, exp = null } = {}) {
  const spec = WORKLOADS[workload];
  const params = quick ? spec.quick : spec.full;
  const args = [...(spec.gc || exp ? ["--expose-gc"] : []), WORKER, peer, workload, JSON.stringify(params),
    ...(bare ? ["--bare"] : []), ...(exp ? ["--exp", exp] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20 * 60 * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(JSON.parse(out.trim().split("\n").pop()));
      failures.push(`${peer} ${workload}${bare ? " (bare)" : ""}${exp ? ` (${exp})` : ""}: exit ${code ?? signal}: ${err.trim().split("\n").slice(-3).join(" | ")}`);
      resolve(null);
    });
  });
}

// A call process settles at one of two speeds (how V8 tiers the loop, raw
// included: about 4 or about 5 ns here), so with five runs the median was
// decided by which mode two processes fell into. Calls take a second a
// process: they get three times the runs, and so do the typed calls.
const CALL_RUNS = 3;
const isCall = (workload) => workload === "call" || TYPED_WORKLOADS[workload]?.unit === "ns/call";
const runsOf = (workload) => (isCall(workload) ? CALL_RUNS * runs : runs);

// Runs `workload` runsOf(workload) times for each peer, interleaved; returns peer → records.
async function measure(workload, forPeers, opts = {}) {
  const records = Object.fromEntries(forPeers.map((p) => [p, []]));
  const runs = runsOf(workload);
  for (let r = 0; r < runs; ++r) {
    for (const p of forPeers) {
      process.stderr.write(`\r${workload}${opts.bare ? " (bare)" : ""} run ${r + 1}/${runs}: ${p}              `);
      const rec = await runWorker(p, workload, opts);
      if (rec) records[p].push(rec);
    }
  }
  process.stderr.write("\n");
  return records;
}

const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pick = (records, f, reduce = median) =>
  Object.fromEntries(Object.entries(records).map(([p, recs]) => [p, reduce(recs.map(f))]));
const worst = (better) => (xs) => (xs.length ? (better === "lower" ? Math.min(...xs) : Math.max(...xs)) : null);

if (pressure) {
  await runPressure();
  process.exit(0);
}

// --render: only redraw the chart from the results file.
if (argv.includes("--render")) {
  const saved = JSON.parse(readFileSync(outFile, "utf8"));
  const to = join(ROOT, "docs/bench-peers.svg");
  writeFileSync(to, renderChart(saved, PEER_NAMES.filter((p) => p in (saved.call ?? saved.memory ?? {}))));
  console.log(`wrote ${relative(ROOT, to)} from ${relative(ROOT, outFile)}`);
  process.exit(0);
}

for (const w of workloads) {
  if (w === "call" || w === "churn" || w === "memory" || w === "memory_sync") {
    const recs = (allRuns[w] = await measure(w, peers));
    results[w] = pick(recs, (r) => r.value);
    if (w === "churn") results.churn_destroyed = pick(recs, (r) => r.destroyed, worst("lower"));
    if (w === "memory") results.memory_live = pick(recs, (r) => r.live, worst("higher"));
    if (w === "memory_sync") results.memory_sync_live = pick(recs, (r) => r.live, worst("higher"));
  } else if (w === "registration") {
    // create + call with the peer's release machinery, minus the same with
    // registration switched off; raw has none, so 0 by definition.
    const wrapped = peers.filter((p) => p !== "raw");
    const withReg = (allRuns.create = await measure("create", wrapped));
    const bare = (allRuns.create_bare = await measure("create", wrapped, { bare: true }));
    results.registration = {};
    if (peers.includes("raw")) results.registration.raw = 0;
    for (const p of wrapped) {
      const a = median(withReg[p].map((r) => r.value)), b = median(bare[p].map((r) => r.value));
      results.registration[p] = a == null || b == null ? null : a - b;
    }
  } else if (w === "size") {
    results.size_wasm = {};
    results.size_js = {};
    for (const p of peers) {
      results.size_wasm[p] = wasmBytes(PEERS[p].wasm);
      results.size_js[p] = await jsBytes(PEERS[p].js);
    }
    results.runtime_added = runtimeAdded();
  } else if (w in TYPED_WORKLOADS) {
    const recs = (allRuns[w] = await measure(w, typedPeers));
    results[w] = pick(recs, (r) => r.value);
    if (TYPED_WORKLOADS[w].gc) results[`${w}_destroyed`] = pick(recs, (r) => r.destroyed, worst("lower"));
  } else throw new Error(`unknown workload ${w}`);
}

results.meta = {
  runs, call_runs: runsOf("call"), quick, units: UNITS,
  params: Object.fromEntries(Object.entries(WORKLOADS).map(([k, v]) => [k, quick ? v.quick : v.full])),
  node: process.versions.node, v8: process.versions.v8, cpu: cpus()[0]?.model, cpus: cpus().length,
  date: new Date().toISOString(),
  // Other work on the machine moves every figure: the 1-minute load average
  // before and after the run says how quiet it was.
  load_average: { before: loadBefore[0], after: loadavg()[0] },
  runs_by_workload: Object.fromEntries(Object.entries(allRuns).map(([w, byPeer]) =>
    [w, Object.fromEntries(Object.entries(byPeer).map(([p, recs]) => [p, recs.map((r) => r.value)]))])),
  failures,
};

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2) + "\n");
if (chartFile) writeFileSync(chartFile, renderChart(results, peers));

printTable();
printTargets();
if (failures.length) console.log(`\nfailed runs:\n  ${failures.join("\n  ")}`);
console.log(`\nwrote ${relative(ROOT, outFile)}${chartFile ? ` and ${relative(ROOT, chartFile)}` : ""} (median of ${runs} run${runs > 1 ? "s" : ""}, ${runsOf("call")} for calls)`);

function printTable() {
  // The typed workloads' rows come after the convention ones (bench/README.md).
  const typedRows = Object.entries(TYPED_WORKLOADS).flatMap(([k, { unit, gc }]) => [
    unit === "ns/call" ? [k, "ns/call", (v) => v.toFixed(2)] : [k, "M objects/s", (v) => (v / 1e6).toFixed(3)],
    ...(gc ? [[`${k}_destroyed`, "destructors run", (v) => String(v)]] : []),
  ]);
  const rows = [
    ["call", "ns/call", (v) => v.toFixed(2)],
    ["churn", "M objects/s", (v) => (v / 1e6).toFixed(3)],
    ["churn_destroyed", "destructors run", (v) => String(v)],
    ["memory", "peak MiB", (v) => (v / 2 ** 20).toFixed(1)],
    ["memory_live", "live after drain", (v) => String(v)],
    ["memory_sync", "peak MiB", (v) => (v / 2 ** 20).toFixed(1)],
    ["registration", "ns/object", (v) => v.toFixed(1)],
    ["size_wasm", "bytes", (v) => String(v)],
    ["size_js", "bytes min+gz", (v) => String(v)],
    ...typedRows,
  ].filter(([k]) => results[k]);
  const head = ["workload", "unit", ...peers];
  const body = rows.map(([k, unit, f]) => [k, unit, ...peers.map((p) => (results[k][p] == null ? "–" : f(results[k][p])))]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log("\n" + line(head) + "\n" + widths.map((n) => "-".repeat(n)).join("  "));
  for (const r of body) console.log(line(r));
}

// What the runtime adds to a module (the brief: ≤ 10 KB): the bench classes
// linked with and without it, stripped alike (mk/bench.mk), and the runtime
// linked with no classes at all.
function runtimeAdded() {
  const dir = join(BUILD, "size");
  const [withRuntime, without] = ["with-runtime", "without-runtime"].map((n) => wasmBytes(join(dir, `${n}.wasm`)));
  return { with_runtime: withRuntime, without_runtime: without, added: withRuntime - without };
}

// The brief's targets as ratios, where both sides were measured.
function printTargets() {
  const r = (w, a, b) => (results[w]?.[a] != null && results[w]?.[b] != null ? results[w][a] / results[w][b] : null);
  const lines = [];
  for (const wb of ["weakbind", "weakbind_sweep"]) {
    const t = [
      ["call / raw", r("call", wb, "raw"), "≤ 1.1"],
      ["churn / embind", r("churn", wb, "embind"), "≥ 2"],
      ["churn / wasm_bindgen", r("churn", wb, "wasm_bindgen"), "≥ 2"],
      ["churn / raw", r("churn", wb, "raw"), "≥ 0.5"],
    ];
    const bestPeer = ["article", "embind", "wasm_bindgen"].map((p) => results.memory?.[p]).filter((v) => v != null);
    if (bestPeer.length && results.memory?.[wb] != null) t.push(["memory / best peer", results.memory[wb] / Math.min(...bestPeer), "≤ 1, aim 0.5"]);
    for (const [name, v, target] of t) if (v != null) lines.push(`${wb.padEnd(15)} ${name.padEnd(22)} ${v.toFixed(3).padStart(8)}   target ${target}`);
    if (results.churn_destroyed?.[wb] != null) lines.push(`${wb.padEnd(15)} ${"destructors run".padEnd(22)} ${results.churn_destroyed[wb]} of ${results.meta.params.churn.objects}   target all`);
    for (const [name, v, target] of typedTargets(r, wb)) if (v != null) lines.push(`${wb.padEnd(15)} ${name.padEnd(36)} ${v.toFixed(3).padStart(8)}   target ${target}`);
    for (const w of ["typed_churn", "typed_churn_point", "typed_churn_string", "typed_release"]) {
      if (results[`${w}_destroyed`]?.[wb] != null) lines.push(`${wb.padEnd(15)} ${`${w} destructors run`.padEnd(36)} ${results[`${w}_destroyed`][wb]} of ${results.meta.params[w].objects}   target all`);
    }
  }
  const added = results.runtime_added;
  if (added) lines.push(`${"runtime".padEnd(15)} ${"bytes added".padEnd(22)} ${String(added.added).padStart(8)}   target ≤ 10240 (${added.with_runtime} with it, ${added.without_runtime} with wasi-libc's malloc and libc++abi's new)`);
  if (lines.length) console.log("\ntargets (brief):\n" + lines.join("\n"));
}

// The targets for the typed workloads, as [name, ratio, target].
function typedTargets(r, wb) {
  return [
    ["typed_churn / embind", r("typed_churn", wb, "embind"), "≥ 2"],
    ["typed_churn / wasm_bindgen", r("typed_churn", wb, "wasm_bindgen"), "≥ 2"],
    ["typed_churn_point / embind", r("typed_churn_point", wb, "embind"), "≥ 2"],
    ["typed_churn_point / wasm_bindgen", r("typed_churn_point", wb, "wasm_bindgen"), "≥ 2"],
    ["typed_churn_string / embind", r("typed_churn_string", wb, "embind"), "≥ 2"],
    ["typed_churn_string / wasm_bindgen", r("typed_churn_string", wb, "wasm_bindgen"), "≥ 2"],
    // The typed class beside weakbind's own convention class.
    ["typed_churn / churn (convention)", results.typed_churn?.[wb] != null && results.churn?.[wb] != null ? results.typed_churn[wb] / results.churn[wb] : null, "≥ 0.667 (1/1.5)"],
    ["typed_churn_point / churn (convention)", results.typed_churn_point?.[wb] != null && results.churn?.[wb] != null ? results.typed_churn_point[wb] / results.churn[wb] : null, "≥ 0.667 (1/1.5)"],
    ["typed_call_object / raw", r("typed_call_object", wb, "raw"), "≤ 1.5"],
    ["typed_call_string / raw", r("typed_call_string", wb, "raw"), "≤ 1.3"],
    ["typed_call_f64 / raw", r("typed_call_f64", wb, "raw"), "≤ 1.1"],
    ["typed_release / raw", r("typed_release", wb, "raw"), "≥ 0.4"],
  ];
}

// --pressure: every experiment of the plan, interleaved like the peers.
async function runPressure() {
  const rows = [];
  for (const [peer, workload, exps] of PRESSURE_PLAN) {
    if (!peers.includes(peer)) continue;
    const recs = Object.fromEntries(exps.map((e) => [e, []]));
    for (let r = 0; r < runs; ++r) {
      for (const exp of exps) {
        process.stderr.write(`\r${peer} ${workload} ${exp} run ${r + 1}/${runs}              `);
        const rec = await runWorker(peer, workload, { exp });
        if (rec) recs[exp].push(rec);
      }
    }
    process.stderr.write("\n");
    for (const exp of exps) {
      const rs = recs[exp];
      const rate = (r) => (workload === "churn" ? r.value : r.rate);
      rows.push({
        peer, workload, experiment: exp, runs: rs.length,
        peak: median(rs.map((r) => r.peak ?? r.value)),
        rate: median(rs.map(rate)),
        live: rs.length ? Math.max(...rs.map((r) => r.live)) : null,
        pendingPeak: median(rs.map((r) => r.pendingPeak ?? r.created)),
        markCompacts: median(rs.map((r) => r.gcs.markCompact)),
        scavenges: median(rs.map((r) => r.gcs.scavenge)),
        heapPeakInUse: median(rs.filter((r) => r.heap).map((r) => r.heap.peak)),
        all: rs.map((r) => ({ peak: r.peak ?? r.value, rate: rate(r), gcs: r.gcs, heap: r.heap })),
      });
    }
  }
  const meta = { runs, quick, node: process.versions.node, v8: process.versions.v8, date: new Date().toISOString(),
    params: Object.fromEntries(Object.entries(WORKLOADS).map(([k, v]) => [k, quick ? v.quick : v.full])),
    load_average: { before: loadBefore[0], after: loadavg()[0] }, failures };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify({ meta, rows }, null, 2) + "\n");
  const mib = (v) => (v == null ? "–" : (v / 2 ** 20).toFixed(1));
  console.log(`\n${"peer".padEnd(15)} ${"workload".padEnd(12)} ${"experiment".padEnd(22)} ${"peak MiB".padStart(9)} ${"in use MiB".padStart(10)} ${"M obj/s".padStart(8)} ${"live".padStart(6)} ${"pending".padStart(8)} ${"full GCs".padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.peer.padEnd(15)} ${r.workload.padEnd(12)} ${r.experiment.padEnd(22)} ${mib(r.peak).padStart(9)} ${mib(r.heapPeakInUse).padStart(10)} ${(r.rate == null ? "–" : (r.rate / 1e6).toFixed(3)).padStart(8)} ${String(r.live).padStart(6)} ${String(r.pendingPeak).padStart(8)} ${String(r.markCompacts).padStart(8)}`);
  }
  if (failures.length) console.log(`\nfailed runs:\n  ${failures.join("\n  ")}`);
  console.log(`\nwrote ${relative(ROOT, outFile)} (median of ${runs} run${runs > 1 ? "s" : ""})`);
}
