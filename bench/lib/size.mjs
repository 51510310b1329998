// 5. size: what a peer ships for the two classes. wasm: the module's bytes
// as built. JS: the peer's JS minified by esbuild (bundled first when it
// imports sibling modules) and gzipped at level 9.
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

export function wasmBytes(path) {
  return statSync(path).size;
}

export async function jsBytes(entry) {
  const source = readFileSync(entry, "utf8");
  const importsSiblings = /(\bfrom|\bimport\s*\(?)\s*["']\.\.?\//.test(source);
  let code;
  if (importsSiblings) {
    const out = await build({
      entryPoints: [entry], bundle: true, minify: true, write: false,
      format: "esm", platform: "neutral", external: ["node:*"], logLevel: "silent",
    });
    code = out.outputFiles[0].contents;
  } else {
    // Emscripten's output is a script (CommonJS at most): minify it as is.
    code = (await transform(source, { minify: true, loader: "js" })).code;
  }
  return gzipSync(code, { level: 9 }).length;
}
