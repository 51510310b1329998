// Per-call cost of typed methods against raw export calls doing the same
// work (issue: typed bindings). Median of RUNS runs of N calls each:
//   object in + object out: node.or_self(other)  vs  _Node__or_self(p, q)
//   string in + string out: node.echo(text)      vs  _Node__echo(p, ptr, len)
//     with the raw side encoding into a preallocated buffer and decoding
//     and freeing the result block by hand — the least glue can do.
import { readFile } from "node:fs/promises";
import { load } from "../js/weakbind.mjs";

const N = Number(process.env.N ?? 2_000_000);
const RUNS = Number(process.env.RUNS ?? 7);
const m = await load(await readFile(new URL("../build/examples/examples.wasm", import.meta.url)));
const x = m.exports;

const node = new m.Node("a");
const other = new m.Node("b");
// The raw baseline's own two nodes, made through the constructor export:
// a wrapper's pointer is private to the loader.
const rawNode = (name) => {
  const bytes = new TextEncoder().encode(name);
  const at = x.weakbind_alloc(bytes.length);
  new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
  const ptr = x._Node__new1(at, bytes.length);
  x.weakbind_free(at);
  return ptr;
};
const [p, q] = [rawNode("a"), rawNode("b")];
const text = "hello, wörld";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const scratch = x.weakbind_alloc(256);

const cases = {
  "object in/out typed": () => {
    let r;
    for (let i = 0; i < N; i++) r = node.or_self(other);
    return r;
  },
  "object in/out raw": () => {
    let r;
    for (let i = 0; i < N; i++) r = x._Node__or_self(p, q);
    return r;
  },
  "string in/out typed": () => {
    let r;
    for (let i = 0; i < N; i++) r = node.echo(text);
    return r;
  },
  "string in/out raw": () => {
    let r;
    for (let i = 0; i < N; i++) {
      const { written } = encoder.encodeInto(text, new Uint8Array(m.memory.buffer, scratch, 256));
      const block = x._Node__echo(p, scratch, written);
      const len = new DataView(m.memory.buffer).getUint32(block, true);
      r = decoder.decode(new Uint8Array(m.memory.buffer, block + 4, len));
      x.weakbind_free(block);
    }
    return r;
  },
};

const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const results = {};
for (const [name, run] of Object.entries(cases)) run(); // warm up
for (const [name, run] of Object.entries(cases)) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / N);
  }
  results[name] = median(times);
}
console.log(`typed calls, ns per call (median of ${RUNS} runs of ${N})`);
for (const [name, ns] of Object.entries(results)) console.log(`  ${name.padEnd(22)} ${ns.toFixed(1)}`);
const ratio = (a, b) => (results[a] / results[b]).toFixed(2);
console.log(`  object in/out: typed / raw = ${ratio("object in/out typed", "object in/out raw")}`);
console.log(`  string in/out: typed / raw = ${ratio("string in/out typed", "string in/out raw")}`);
