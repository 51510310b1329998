// Runs record.wasm (see record.cpp) and writes its allocation trace, one
// little-endian u32 per event, for trace 5 of the allocator benchmark.
//   node bench/alloc/libcxx/record.mjs build/bench/alloc/record.wasm out.bin [batches] [per_batch]
import { readFileSync, writeFileSync } from "node:fs";

const [wasm, out, batches = "20", perBatch = "1000"] = process.argv.slice(2);
const module = new WebAssembly.Module(readFileSync(wasm));
// libc++ links a few WASI calls for stdio; the workload never prints.
const wasi = Object.fromEntries(
  ["fd_close", "fd_seek", "fd_write", "fd_fdstat_get", "proc_exit"].map((n) => [
    n,
    () => {
      throw new Error(`record.wasm called ${n}`);
    },
  ]),
);
const { exports: e } = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi });
e._initialize();
const at = e.record(Number(batches), Number(perBatch));
const n = e.recorded();
if (!n) throw new Error("record.wasm: event buffer overflow; use fewer batches");
const events = new Uint32Array(e.memory.buffer, at, n);
writeFileSync(out, Buffer.from(events.buffer, events.byteOffset, events.byteLength));
let mallocs = 0, bytes = 0;
for (const x of events) if (!(x & 0x80000000)) ++mallocs, (bytes += x);
console.log(`${out}: ${n} events, ${mallocs} allocations, mean ${(bytes / mallocs).toFixed(1)} B`);
