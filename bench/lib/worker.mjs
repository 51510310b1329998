// One (peer, workload) measurement in a process of its own, so peers never
// share a heap, a JIT or a collector. Prints one JSON line.
//   node [--expose-gc] bench/lib/worker.mjs PEER WORKLOAD PARAMS_JSON [--bare]
import { PEERS } from "./peers.mjs";
import * as workloads from "./workloads.mjs";

const [peerName, workload, paramsJson, ...flags] = process.argv.slice(2);
const peer = await PEERS[peerName].load({ bare: flags.includes("--bare") });
const result = await workloads[workload](peer, JSON.parse(paramsJson));
process.stdout.write(JSON.stringify(result) + "\n");
// The article's loop (and some loaders' timers) never end on their own.
process.exit(0);
