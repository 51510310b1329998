// The floor: the bench module's exports called directly, with manual
// constructor/destructor calls and no GC involvement at all.
import { stubImports } from "../imports.mjs";

export async function load(bytes) {
  const module = await WebAssembly.compile(bytes);
  const { exports } = await WebAssembly.instantiate(module, stubImports(module));
  exports._initialize?.(); // a reactor module: libc initialises here
  return exports;
}
