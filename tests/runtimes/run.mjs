// The loader under Deno and Bun (`make test-runtimes`): a path and a file:
// URL are read from disk, typed and convention classes work, and the
// collector frees every object. Prints a JSON line; exits non-zero on a
// failure. Usage: deno run --allow-read --v8-flags=--expose-gc run.mjs WASM
//                 bun run.mjs WASM
import { load } from "../../js/weakbind.mjs";

const args = globalThis.Deno ? Deno.args : process.argv.slice(2);
const path = args[0];
const gc = globalThis.Bun ? () => Bun.gc(true) : globalThis.gc;
const m = await load(path, { stdout: () => {} });
const fromUrl = await load(new URL(`file://${path}`), { stdout: () => {} });

function createAndDrop() {
  for (let i = 0; i < 50; i++) {
    new m.MyClass(i).my_method();
    new m.Node(`n${i}`).add_child("ä");
  }
}
createAndDrop();
for (let i = 0; i < 300 && m.stats().liveTotal > 0; i++) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  gc();
}
const result = { live: m.stats().liveTotal, destroyed: m.exports.myclass_destructor_calls(), fromUrl: typeof fromUrl.Node };
console.log(JSON.stringify(result));
if (result.live !== 0 || result.destroyed !== 50 || result.fromUrl !== "function") throw new Error(`not freed: ${JSON.stringify(result)}`);
