// One (peer, workload) of `make bench-typed` in a process of its own, so
// peers never share a heap, a JIT or a collector. Prints one JSON line.
//   node bench/lib/value-worker.mjs PEER WORKLOAD [--quick | --check]
// The step's result is checked against the workload's `expected` once
// before timing and once after (the last timed call), so a binding that
// computes the wrong thing fails instead of giving a figure. --check: the
// checks around a few calls, nothing timed.
import { loadPeer } from "./value-peers.mjs";
import { VALUE_WORKLOADS, checkedStep } from "./value-workloads.mjs";
import { timeChunks } from "./workloads.mjs";

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
const r = timeChunks(loop, w.calls / scale, w.chunk / scale);
check(last, "after timing");
process.stdout.write(JSON.stringify({ value: r.value / w.per, mean: r.mean / w.per, chunks: r.chunks.length }) + "\n");
process.exit(0);
