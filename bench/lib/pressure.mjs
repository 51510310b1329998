// Memory-pressure experiments (bench/README.md): each one changes
// how a peer is driven or released, without editing the loader, so peak
// linear memory and throughput can be measured with and without it. The
// worker applies one by name (`--exp NAME`) to a loaded peer; run-peers.mjs
// --pressure runs them all and writes bench/results/pressure.json.
//
// An experiment may set on the peer:
//   makeBatch(cls) -> (from, to) => sum   the create/call/drop loop
//   afterBatch()                          called after every batch
//   report()                              extra figures for the record
import { releaseStrategies } from "./strategies.mjs";

export const EXPERIMENTS = {
  // The peer as it ships (the baseline each row is compared with).
  none: {},
  // Upper bound, not shippable: a full collection after every batch.
  "gc-per-batch": {
    apply(peer) { peer.afterBatch = () => globalThis.gc(); },
  },
  // Tell V8 about the wasm memory it cannot see: after linear memory grew,
  // allocate (and drop) an untouched ArrayBuffer of the grown size, which
  // V8 counts as external memory when it decides to collect.
  "arraybuffer-nudge": {
    apply(peer) {
      let last = peer.memoryBytes();
      peer.afterBatch = () => {
        const now = peer.memoryBytes();
        if (now > last) { new ArrayBuffer(now - last); last = now; }
      };
    },
  },
  // memory.grow(0) after every batch: the JS API detaches the old buffer
  // and makes a new ArrayBuffer over the whole memory even for 0 pages,
  // and V8 counts each new buffer's length as external memory.
  "grow0-per-batch": {
    apply(peer) { peer.afterBatch = () => peer.memory.grow(0); },
  },
  // The same nudge as the loader could ship it, with no idea of batches:
  // track() calls memory.grow(0) once every N new wrappers.
  "grow0-every-4096": { apply: (peer) => growEvery(peer, 4096) },
  "grow0-every-16384": { apply: (peer) => growEvery(peer, 16384) },
  // The same, deferred to a microtask: no view of memory.buffer that the
  // caller holds across a constructor can be detached under it.
  "grow0-microtask-16384": { apply: (peer) => growEvery(peer, 16384, true) },
  // The seed's sweep, but every 10 ms instead of every 100 ms.
  "sweep-10ms": { options: { sweep: { interval: 10 } } },
  // `using o = new C(h)` in node 20 terms: dispose() right after use. The
  // wrapper is still registered; its finalizer later finds nothing to do.
  "dispose-each": {
    apply(peer) {
      peer.makeBatch = (cls) => {
        const C = peer.classes[cls];
        return (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const o = new C(i); sum += o.my_method(); o.dispose(); } return sum; };
      };
    },
  },
  // A scope around each object: what is created inside is disposed when the
  // scope ends, and (the point) never registered for finalization at all.
  "scope-each": { scopes: true, apply(peer) { peer.makeBatch = (cls) => scopedBatch(peer, cls, 1, false); } },
  // The same with registration kept, to tell the two gains apart.
  "scope-each-registered": { scopes: true, apply(peer) { peer.makeBatch = (cls) => scopedBatch(peer, cls, 1, true); } },
  // One scope per 1,000 objects: a hot loop split into chunks.
  "scope-1000": { scopes: true, apply(peer) { peer.makeBatch = (cls) => scopedBatch(peer, cls, 1000, false); } },
};

async function growEvery(peer, n, deferred = false) {
  const nudge = () => peer.memory.grow(0);
  let count = 0;
  for (const S of await releaseStrategies()) {
    const track = S.prototype.track;
    S.prototype.track = function (wrapper, token) {
      if (++count === n) { count = 0; if (deferred) queueMicrotask(nudge); else nudge(); }
      return track.call(this, wrapper, token);
    };
  }
}

// The scope API prototype, outside the loader: weakbind's release
// strategies hand every new wrapper to track(); inside a scope, track()
// records the wrapper in the scope instead (or as well, with `registered`).
// The scope disposes what it recorded when its callback returns or throws.
// (keep(o), moving an object out of the scope into normal tracking, needs
// the wrapper's token and so belongs in the loader; the hot loops measured
// here keep nothing.)
let current = null;
export async function installScopes() {
  for (const S of await releaseStrategies()) {
    const track = S.prototype.track;
    S.prototype.track = function (wrapper, token) {
      if (current === null) return track.call(this, wrapper, token);
      current.push(wrapper);
      if (current.registered) track.call(this, wrapper, token);
    };
  }
}

export function scope(fn, { registered = false } = {}) {
  const outer = current;
  const made = (current = []);
  made.registered = registered;
  try {
    return fn();
  } finally {
    current = outer;
    for (let i = 0; i < made.length; i++) made[i].dispose();
  }
}

function scopedBatch(peer, cls, per, registered) {
  const C = peer.classes[cls];
  const opts = { registered };
  return (from, to) => {
    let sum = 0;
    for (let i = from; i < to; i += per) {
      const end = Math.min(to, i + per);
      sum += scope(() => { let s = 0; for (let j = i; j < end; ++j) { const o = new C(j); s += o.my_method(); } return s; }, opts);
    }
    return sum;
  };
}

// Which experiments run, on which peer and workload.
export const PRESSURE_PLAN = [
  ["weakbind", "memory", ["none", "gc-per-batch", "arraybuffer-nudge", "grow0-per-batch", "grow0-every-16384", "grow0-microtask-16384", "grow0-every-4096", "dispose-each", "scope-1000"]],
  ["weakbind_sweep", "memory", ["none", "sweep-10ms", "grow0-every-16384"]],
  ["wasm_bindgen", "memory", ["none", "gc-per-batch"]],
  ["raw", "memory_sync", ["none"]],
  ["weakbind", "memory_sync", ["none", "dispose-each", "scope-each", "scope-each-registered", "scope-1000"]],
  ["raw", "churn", ["none"]],
  ["weakbind", "churn", ["none", "grow0-every-16384", "dispose-each", "scope-each", "scope-each-registered", "scope-1000"]],
];
