// The typed workloads (bench/README.md, "Typed workloads"): the classes of
// bench/peers/item.hpp, bound with weakbind's typed macros and each peer's
// own typed bindings, driven through the paths users take. Each returns
// { value, ...details } in the unit TYPED_WORKLOADS[name].unit states, like
// lib/workloads.mjs, whose harnesses (churn, chunked calls) they reuse.
// A "raw" peer is the same exports called by hand: manual new/delete and
// strings encoded and decoded with the least glue can do
// (bench/peers/raw/strings.mjs).
import { rawStrings } from "../peers/raw/strings.mjs";
import { churnWith, timeChunks } from "./workloads.mjs";

const CHURN = { full: { objects: 1_000_000, batch: 10_000 }, quick: { objects: 100_000, batch: 10_000 } };
export const TYPED_WORKLOADS = {
  typed_churn: { unit: "objects/s", gc: true, better: "higher", ...CHURN },
  typed_churn_point: { unit: "objects/s", gc: true, better: "higher", ...CHURN },
  typed_churn_string: { unit: "objects/s", gc: true, better: "higher", ...CHURN },
  // Objects and strings cost the peers that make a new wrapper or string
  // per call far more than a scalar does: fewer calls, in smaller chunks.
  typed_call_object: { unit: "ns/call", gc: false, better: "lower", full: { calls: 1_000_000, chunk: 50_000 }, quick: { calls: 100_000, chunk: 5_000 } },
  typed_call_string: { unit: "ns/call", gc: false, better: "lower", full: { calls: 1_000_000, chunk: 50_000 }, quick: { calls: 100_000, chunk: 5_000 } },
  typed_call_f64: { unit: "ns/call", gc: false, better: "lower", full: { calls: 10_000_000, chunk: 1_000_000 }, quick: { calls: 1_000_000, chunk: 100_000 } },
  typed_release: { unit: "objects/s", gc: true, better: "higher", ...CHURN },
};

// Short names (inside libc++'s short-string buffer), made once so the
// loops time the binding, not string building.
const NAMES = Array.from({ length: 1024 }, (_, i) => `name-${i}`);
const TEXT = "hello, wörld"; // not ASCII: UTF-8 both ways

// 1. typed_churn: new Item(i), value(), drop; automatic release. Item is
// a class wasm hands back (self, or_self), so weakbind keeps its identity.
export async function typed_churn(peer, params) {
  return numberChurn(peer, "Item", params);
}

// 1b. typed_churn_point: the same with Point, which no method hands back.
export async function typed_churn_point(peer, params) {
  return numberChurn(peer, "Point", params);
}

function numberChurn(peer, cls, params) {
  if (peer.kind === "raw") {
    const { [`_${cls}__new1`]: make, [`_${cls}__value`]: value, [`_${cls}__destructor`]: free } = peer.exports;
    return churnWith(peer, (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const p = make(i); sum += value(p); free(p); } return sum; }, params);
  }
  const C = peer.classes[cls];
  return churnWith(peer, (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const o = new C(i); sum += o.value(); } return sum; }, params);
}

// 2. typed_churn_string: new Named(name), length(), drop.
export async function typed_churn_string(peer, params) {
  if (peer.kind === "raw") {
    const s = rawStrings(peer.exports, peer.memory);
    const { _Named__new1: make, _Named__length: length, _Named__destructor: free } = peer.exports;
    return churnWith(peer, (from, to) => {
      let sum = 0;
      for (let i = from; i < to; ++i) { const p = make(s.at, s.put(NAMES[i & 1023])); sum += length(p); free(p); }
      return sum;
    }, params);
  }
  const { Named } = peer.classes;
  return churnWith(peer, (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const o = new Named(NAMES[i & 1023]); sum += o.length(); } return sum; }, params);
}

// 5. typed_release: new Item(i), value(), then released at once by the
// peer's deterministic release (raw: the destructor export).
export async function typed_release(peer, params) {
  if (peer.kind === "raw") return typed_churn(peer, params);
  const { Item } = peer.classes;
  const release = peer.release;
  return churnWith(peer, (from, to) => { let sum = 0; for (let i = from; i < to; ++i) { const o = new Item(i); sum += o.value(); release(o); } return sum; }, params);
}

// 3. typed_call_object: a.or_self(b) on two live objects; the result is b.
export async function typed_call_object(peer, params) {
  let last, b;
  let loop;
  if (peer.kind === "raw") {
    const { _Item__new1: make, _Item__or_self: orSelf } = peer.exports;
    const a = make(3);
    b = make(7);
    loop = (n) => { for (let i = 0; i < n; ++i) last = orSelf(a, b); };
    loop(1);
    if (last !== b) throw new Error("raw or_self did not return its argument");
  } else {
    const { Item } = peer.classes;
    const a = new Item(3);
    b = new Item(7);
    loop = (n) => { for (let i = 0; i < n; ++i) last = a.or_self(b); };
    loop(1);
    if (last.value() !== 14) throw new Error("or_self did not return its argument");
  }
  const r = timeChunks(loop, params.calls, params.chunk);
  // Whether the peer handed back the argument's own wrapper.
  return { ...r, identity: last === b };
}

// 4. typed_call_string: o.echo(text), a string in and a string out.
export async function typed_call_string(peer, params) {
  let last;
  let loop;
  if (peer.kind === "raw") {
    const s = rawStrings(peer.exports, peer.memory);
    const { _Item__new1: make, _Item__echo: echo } = peer.exports;
    const p = make(7);
    loop = (n) => { for (let i = 0; i < n; ++i) last = s.take(echo(p, s.at, s.put(TEXT))); };
  } else {
    const o = new peer.classes.Item(7);
    loop = (n) => { for (let i = 0; i < n; ++i) last = o.echo(TEXT); };
  }
  loop(1);
  if (last !== TEXT) throw new Error(`echo returned ${JSON.stringify(last)}`);
  return timeChunks(loop, params.calls, params.chunk);
}

// 6. typed_call_f64: o.scaled(x), an f64 in and out.
export async function typed_call_f64(peer, params) {
  let sum = 0;
  let loop;
  if (peer.kind === "raw") {
    const { _Item__new1: make, _Item__scaled: scaled } = peer.exports;
    const p = make(7);
    loop = (n) => { for (let i = 0; i < n; ++i) sum += scaled(p, 0.5); };
  } else {
    const o = new peer.classes.Item(7);
    loop = (n) => { for (let i = 0; i < n; ++i) sum += o.scaled(0.5); };
  }
  loop(1);
  if (sum !== 3.5) throw new Error(`scaled returned ${sum}`);
  return { ...timeChunks(loop, params.calls, params.chunk), sum };
}
