// What the bundled page and worker both do: load a module through the
// package's own entry ("weakbind", as an app imports it), use its classes,
// drop every wrapper and collect until the wasm destructors have run.
import { load } from "weakbind";

const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Wrappers made in a frame of their own, so nothing on the caller's stack
// keeps them alive.
function createAndDrop(m, count) {
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    checksum += new m.MyClass(i).my_method();
    if (m.Node) {
      const node = new m.Node(`n${i}`);
      node.add_child("ä");
      checksum += node.child_count() + node.name().length;
    }
  }
  return checksum;
}

export async function run(url) {
  const m = await load(fetch(url), { stdout: () => {} });
  const created = createAndDrop(m, 50);
  const classes = Object.keys(m.stats().live).sort();
  const liveAfterCreate = m.stats().liveTotal;
  for (let i = 0; i < 200 && m.stats().liveTotal > 0; i++) {
    await tick(0);
    globalThis.gc();
    await tick(i < 20 ? 0 : 10);
  }
  return { created, classes, liveAfterCreate, liveAfterCollection: m.stats().liveTotal, check: m.check() };
}
