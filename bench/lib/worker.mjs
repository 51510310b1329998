// One (peer, workload) measurement in a process of its own, so peers never
// share a heap, a JIT or a collector. Prints one JSON line.
//   node [--expose-gc] bench/lib/worker.mjs PEER WORKLOAD PARAMS_JSON [--bare] [--exp NAME]
// --exp applies a memory-pressure experiment (pressure.mjs) and records the
// collections V8 ran, by kind.
import { PerformanceObserver, constants as perfConstants } from "node:perf_hooks";
import { PEERS } from "./peers.mjs";
import { EXPERIMENTS, installScopes } from "./pressure.mjs";
import { TYPED_PEERS } from "./typed-peers.mjs";
import * as typedWorkloads from "./typed-workloads.mjs";
import * as workloads from "./workloads.mjs";

const argv = process.argv.slice(2);
const [peerName, workload, paramsJson] = argv;
const expName = argv.includes("--exp") ? argv[argv.indexOf("--exp") + 1] : null;
const exp = expName ? EXPERIMENTS[expName] : null;
if (expName && !exp) throw new Error(`unknown experiment ${expName}`);
if (exp?.scopes) await installScopes();

// The typed workloads load the peer's build of the typed classes.
const typed = workload in typedWorkloads.TYPED_WORKLOADS;
const peer = typed
  ? await TYPED_PEERS[peerName].load()
  : await PEERS[peerName].load({ bare: argv.includes("--bare"), options: exp?.options });
await exp?.apply?.(peer);

// node's gc entries, by V8's GC type.
const { NODE_PERFORMANCE_GC_MINOR: MINOR, NODE_PERFORMANCE_GC_MAJOR: MAJOR, NODE_PERFORMANCE_GC_INCREMENTAL: INCREMENTAL, NODE_PERFORMANCE_GC_WEAKCB: WEAKCB } = perfConstants;
const gcs = { scavenge: 0, markCompact: 0, incremental: 0, weak: 0, ms: 0 };
let observer = null;
const count = (entries) => {
  for (const e of entries) {
    const k = e.detail?.kind;
    if (k === MINOR) gcs.scavenge++; else if (k === MAJOR) gcs.markCompact++; else if (k === INCREMENTAL) gcs.incremental++; else if (k === WEAKCB) gcs.weak++;
    gcs.ms += e.duration;
  }
};
if (expName !== null) {
  observer = new PerformanceObserver((list) => count(list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  // Count the collections of the timed loop, not the drain's forced ones.
  peer.onLoopEnd = () => { count(observer.takeRecords()); observer.disconnect(); observer = null; };
}

const result = await (typed ? typedWorkloads : workloads)[workload](peer, JSON.parse(paramsJson));
if (peer.module?.stats) {
  const { inUse, peak, memorySize } = peer.module.stats().heap;
  result.heap = { inUse, peak, memorySize };
}
if (expName !== null) { if (observer) { count(observer.takeRecords()); observer.disconnect(); } result.gcs = gcs; }
process.stdout.write(JSON.stringify(result) + "\n");
// The article's loop (and some loaders' timers) never end on their own.
process.exit(0);
