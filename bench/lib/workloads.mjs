// The workloads of `make bench` (bench/README.md). Each runs in a fresh node process (worker.mjs)
// against one loaded peer and returns { value, ...details }; `value` is in
// the unit WORKLOADS[name].unit states. A "raw" peer is driven through its
// exports with manual constructor/destructor calls; every other peer through
// `new C(h)` and `o.my_method()`, dropping the object and letting the peer's
// automatic release free it.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";

export const WORKLOADS = {
  call: { unit: "ns/call", gc: false, better: "lower", full: { calls: 10_000_000 }, quick: { calls: 1_000_000 } },
  churn: { unit: "objects/s", gc: true, better: "higher", full: { objects: 1_000_000, batch: 10_000 }, quick: { objects: 100_000, batch: 10_000 } },
  memory: { unit: "bytes", gc: true, better: "lower", full: { objects: 1_000_000, batch: 10_000 }, quick: { objects: 100_000, batch: 10_000 } },
  memory_sync: { unit: "bytes", gc: true, better: "lower", full: { objects: 200_000 }, quick: { objects: 50_000 } },
  // Runs twice per peer (bare and not); run-peers.mjs reports the difference.
  create: { unit: "ns/object", gc: false, better: "lower", full: { objects: 1_000_000, batch: 10_000 }, quick: { objects: 100_000, batch: 10_000 } },
};

const now = () => performance.now();

// 1. call: my_method on one live object. V8 tiers both sides up in steps
// (Liftoff to TurboFan for wasm, a generic then a compiled JS-to-wasm
// wrapper, then inlining into the optimised JS loop), which takes several
// million calls here: so as many calls again run first as a warm-up, in
// chunks. The figure is the median over the timed chunks of 1 M calls, so
// a chunk slowed by other work on the machine does not move it; `mean` is
// the plain total / count.
const CHUNK = 1_000_000;
export async function call(peer, { calls }) {
  let sum = 0;
  let loop;
  if (peer.kind === "raw") {
    const { _MyClass__constructor: ctor, _MyClass__my_method: method } = peer.exports;
    const p = ctor(7);
    loop = (n) => { for (let i = 0; i < n; ++i) sum += method(p); };
  } else {
    const o = new peer.classes.MyClass(7);
    loop = (n) => { for (let i = 0; i < n; ++i) sum += o.my_method(); };
  }
  return { ...timeChunks(loop, calls), sum };
}

// `calls` calls of loop(n) as warm-up, then as many timed in chunks of
// `chunk`: the median ns per call over the chunks, and the plain mean.
export function timeChunks(loop, calls, chunk = CHUNK) {
  for (let done = 0; done < calls; done += chunk) loop(chunk);
  const chunks = [];
  for (let done = 0; done < calls; done += chunk) {
    const t0 = now();
    loop(chunk);
    chunks.push(((now() - t0) * 1e6) / chunk);
  }
  const sorted = [...chunks].sort((a, b) => a - b), m = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  return { value: median, mean: chunks.reduce((a, b) => a + b, 0) / chunks.length, chunks };
}

// 2. churn (MyClass) and 3. memory (Buffer1K): create, call once, drop, in
// batches with a yield to the event loop between batches; linear memory is
// sampled after every batch. Then drain and count destructor calls.
export async function churn(peer, params) {
  return churnOf(peer, "MyClass", params);
}
export async function memory(peer, params) {
  const r = await churnOf(peer, "Buffer1K", params);
  return { ...r, value: r.peak, rate: r.value };
}

// The create loops are plain functions, never inline in the async ones: a
// suspended async function keeps its dead locals (the last `o`) reachable,
// which would hold one object alive through the drain.
function batchOf(peer, cls) {
  if (peer.kind === "raw") {
    const ctor = peer.exports[`_${cls}__constructor`], method = peer.exports[`_${cls}__my_method`], dtor = peer.exports[`_${cls}__destructor`];
    return (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const p = ctor(i); sum += method(p); dtor(p); } return sum; };
  }
  const C = peer.classes[cls];
  return (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const o = new C(i); sum += o.my_method(); } return sum; };
}

function churnOf(peer, cls, params) {
  return churnWith(peer, peer.makeBatch?.(cls) ?? batchOf(peer, cls), params);
}

// The churn harness over any batch function run(from, to) -> sum.
export async function churnWith(peer, run, { objects, batch }) {
  const start = peer.memoryBytes();
  const samples = [];
  let sum = 0, pendingPeak = 0; // most objects created but not yet destroyed
  const t0 = now();
  for (let b = 0; b < objects; b += batch) {
    sum += run(b, b + batch);
    samples.push(peer.memoryBytes());
    pendingPeak = Math.max(pendingPeak, b + batch - peer.destroyed());
    peer.afterBatch?.();
    await yieldToEventLoop();
  }
  const ms = now() - t0;
  peer.onLoopEnd?.();
  let peak = start;
  for (const s of samples) peak = Math.max(peak, s);
  const destroyed = await drain(peer, objects);
  peak = Math.max(peak, peer.memoryBytes());
  return { value: objects / (ms / 1000), peak, start, created: objects, destroyed, live: objects - destroyed, pendingPeak, samples, sum };
}

// 3b. memory_sync: 200,000 Buffer1K in one synchronous loop, no yields.
export async function memory_sync(peer, { objects }) {
  const start = peer.memoryBytes();
  const run = peer.makeBatch?.("Buffer1K") ?? batchOf(peer, "Buffer1K");
  const t0 = now();
  const sum = run(0, objects);
  const ms = now() - t0;
  const peak = peer.memoryBytes();
  const pendingPeak = objects - peer.destroyed();
  const destroyed = await drain(peer, objects);
  return { value: peak, start, rate: objects / (ms / 1000), created: objects, destroyed, live: objects - destroyed, pendingPeak, sum };
}

// 4. create: the churn of MyClass again (batches, yields) timed in ns per
// object, with no drain. The registration workload runs it twice per peer,
// with the peer's release machinery and `bare` (registration switched off,
// nothing freed): the difference is what the machinery costs per object,
// registration and the finalization work it brings during the run. (A
// purely synchronous loop would measure something else: V8 revisits every
// pending cell in each collection, so the cost per object there grows with
// the loop's length.)
export async function create(peer, { objects, batch }) {
  const run = batchOf(peer, "MyClass");
  let sum = 0;
  const t0 = now();
  for (let b = 0; b < objects; b += batch) {
    sum += run(b, b + batch);
    await yieldToEventLoop();
  }
  const ms = now() - t0;
  return { value: (ms * 1e6) / objects, sum };
}

// Collect until every destructor ran, or the count stopped moving for ten
// rounds, or 60 rounds passed. A round waits 120 ms: longer than the
// article's 100 ms sweep period, so its loop gets a turn every round; ten
// still rounds let an incremental sweep come round its whole old list.
export async function drain(peer, created, { rounds = 60, pauseMs = 120, stillRounds = 10 } = {}) {
  let last = -1, still = 0;
  for (let r = 0; r < rounds; ++r) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const d = peer.destroyed();
    if (d >= created) break;
    if (d === last) { if (++still >= stillRounds) break; } else still = 0;
    last = d;
  }
  return peer.destroyed();
}
