// The modules the randomized API test drives, each a "world" with its own
// heap and registry: the fault fixtures (the examples' convention and typed
// classes plus Probe and Cell, tests/fixtures/faults.cpp), the mixed
// Rust/C++ example (a Rust Filter, a C++ Matrix) and the Rust fixture
// (Panicky). Destructor counts come from the modules' own counters.
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

const url = (path) => new URL(`../../build/${path}`, import.meta.url);
const bytes = new Map();
async function moduleBytes(path) {
  if (!bytes.has(path)) bytes.set(path, new Uint8Array(await readFile(url(path))));
  return bytes.get(path);
}

// name -> [module, destructor counters: group -> export, classes by group].
const WORLDS = {
  faults: [
    "fixtures/faults.wasm",
    {
      probe: ["probe_destroyed_count", ["Probe"]],
      myclass: ["myclass_destructor_calls", ["MyClass"]],
      buffer: ["buffer_destructor_calls", ["Buffer"]],
      cell: ["cell_destroyed_count", ["Cell"]],
      node: ["scene_nodes_destroyed", ["Node", "Group"]],
      faulty: ["faulty_destroyed_count", ["Faulty"]],
    },
  ],
  mixed: [
    "mixed/mixed.wasm",
    {
      filter: ["mixed_filters_dropped", ["Filter"]],
      matrix: ["mixed_matrices_destroyed", ["Matrix"]],
    },
  ],
  rust: ["fixtures/rust-panic.wasm", { panicky: ["panicky_dropped", ["Panicky"]] }],
};

// `options`: load options for every world (release strategy, cohort size).
export async function loadWorlds(options = {}) {
  const worlds = {};
  for (const [name, [path, groups]] of Object.entries(WORLDS)) {
    const m = await load(await moduleBytes(path), { stdout: () => {}, stderr: () => {}, ...options });
    const w = { name, m, counters: {}, groupOf: {}, classes: [], base: null };
    for (const [group, [counter, classes]] of Object.entries(groups)) {
      const fn = m.exports[counter];
      if (typeof fn !== "function") throw new Error(`${path} exports no ${counter}: run \`make fixtures mixed\``);
      w.counters[group] = () => fn() >>> 0;
      for (const cls of classes) {
        if (typeof m[cls] !== "function") throw new Error(`${path} has no class ${cls}: run \`make fixtures mixed\``);
        w.groupOf[cls] = group;
        w.classes.push(cls);
      }
    }
    worlds[name] = w;
  }
  warmUp(worlds);
  for (const w of Object.values(worlds)) w.base = snapshot(w);
  return worlds;
}

// Everything the module allocates once and keeps (libc's stdio, the
// registry's first tables, the C++ holds' vectors at their largest) is
// allocated before the baseline is taken.
function warmUp({ faults, mixed, rust }) {
  const f = faults.m;
  const objects = [];
  for (let i = 0; i < 512; i++) objects.push(new f.MyClass(i), new f.Cell(i));
  for (const o of objects) o.dispose();
  const cells = Array.from({ length: 64 }, (_, i) => new f.Cell(i));
  const faulties = Array.from({ length: 64 }, (_, i) => new f.Faulty(i));
  const nodes = Array.from({ length: 64 }, (_, i) => new f.Node(`n${i}`));
  for (let i = 0; i < 64; i++) {
    f.Cell.hold(cells[i]);
    f.Keeper.hold(faulties[i]);
    f.Keeper.hold_node(nodes[i]);
  }
  f.Cell.release(64);
  f.Keeper.release(64);
  for (const o of [...cells, ...faulties, ...nodes]) o.dispose();
  const matrices = Array.from({ length: 256 }, () => new mixed.m.Matrix(2, 2));
  const filters = Array.from({ length: 256 }, () => new mixed.m.Filter(1));
  for (const o of [...matrices, ...filters]) o.dispose();
  const p = Array.from({ length: 256 }, (_, i) => new rust.m.Panicky(i));
  for (const o of p) o.dispose();
}

// What a world must come back to: destructor counts, live counts, heap
// bytes and blocks beyond the registry's own tables, JS values held.
export function snapshot(w) {
  const s = w.m.stats();
  const counts = {};
  for (const [group, count] of Object.entries(w.counters)) counts[group] = count();
  return {
    counts,
    live: { ...s.live },
    heapInUse: s.heap.inUse - s.heap.registryBytes,
    heapBlocks: s.heap.allocations - s.heap.registryBlocks,
    jsValues: s.jsValues,
  };
}
