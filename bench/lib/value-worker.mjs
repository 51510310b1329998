// One (peer, workload) of `make bench-typed` in a process of its own, so
// peers never share a heap, a JIT or a collector. Prints one JSON line.
//   node bench/lib/value-worker.mjs PEER WORKLOAD [--quick | --check]
// The step's result is checked against the workload's `expected` once
// before timing and once after (the last timed call), so a binding that
// computes the wrong thing fails instead of giving a figure. --check: the
// checks around a few calls, nothing timed. Otherwise as many calls as the
// timed ones run first as a warm-up (V8 tiers both sides up in steps, as
// lib/workloads.mjs's call harness says); the figure is the median over the
// timed chunks, in ns of CPU time per unit (`per`), with the wall clock's
// median beside it.
import { loadPeer } from "./value-peers.mjs";
import { VALUE_WORKLOADS, checkedStep } from "./value-workloads.mjs";

const [peer, name, ...flags] = process.argv.slice(2);
const w = VALUE_WORKLOADS[name];
if (!w?.[peer]) throw new Error(`no workload ${name} for peer ${peer}`);
const { step, check } = checkedStep(peer, name, await loadPeer(peer, w?.module));
check(step(), "before timing");

let last;
const loop = (n) => { for (let i = 0; i < n; ++i) last = step(); };
if (flags.includes("--check")) {
  loop(10);
  check(last, "after 10 calls");
  process.stdout.write(JSON.stringify({ checked: true }) + "\n");
  process.exit(0);
}
const scale = flags.includes("--quick") ? 10 : 1;
const calls = w.calls / scale, chunk = w.chunk / scale;
for (let done = 0; done < calls; done += chunk) loop(chunk); // warm-up: as many calls again
// Each timed chunk by the process's CPU time and by the wall clock. The
// machine is shared: the wall clock also counts the time other processes
// held the core, which moved figures threefold between processes, so the
// figure is CPU time (which counts V8's own helper threads, a collector's
// parallel work included).
const cpu = [], wall = [];
for (let done = 0; done < calls; done += chunk) {
  const c0 = process.cpuUsage(), t0 = performance.now();
  loop(chunk);
  const t1 = performance.now(), c = process.cpuUsage(c0);
  cpu.push(((c.user + c.system) * 1e3) / chunk / w.per);
  wall.push(((t1 - t0) * 1e6) / chunk / w.per);
}
check(last, "after timing");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
process.stdout.write(JSON.stringify({ value: median(cpu), wall: median(wall), chunks: cpu.length }) + "\n");
process.exit(0);
