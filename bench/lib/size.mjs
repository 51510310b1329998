// 5. size: what a peer ships for the two classes. wasm: the module's bytes
// as built. JS: the peer's JS minified by esbuild (bundled first when it
// imports sibling modules; only what its page fetches for these classes)
// and gzipped at level 9.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

export function wasmBytes(path) {
  return statSync(path).size;
}

export async function jsBytes(entry) {
  const source = readFileSync(entry, "utf8");
  const importsSiblings = /(\bfrom|\bimport\s*\(?)\s*["']\.\.?\//.test(source);
  if (!importsSiblings) {
    // Emscripten's output is a script (CommonJS at most): minify it as is.
    const code = (await transform(source, { minify: true, loader: "js" })).code;
    return gzipSync(code, { level: 9 }).length;
  }
  // ES modules: bundled with code splitting, so parts the loader imports
  // only when a module needs them (import()) land in chunks of their own.
  // What this peer's page fetches is the entry and the chunks it imports
  // statically, each file gzipped as served.
  const out = await build({
    entryPoints: [entry], bundle: true, minify: true, write: false, splitting: true, outdir: "/out",
    format: "esm", platform: "neutral", external: ["node:*"], logLevel: "silent",
  });
  const files = new Map(out.outputFiles.map((f) => [f.path, f.text]));
  const fetched = new Set();
  const visit = (path) => {
    if (fetched.has(path)) return;
    fetched.add(path);
    for (const [, rel] of files.get(path).matchAll(/\bfrom\s*"(\.\/[^"]+)"/g)) visit(join(dirname(path), rel));
  };
  visit(join("/out", `${parse(entry).name}.js`));
  let bytes = 0;
  for (const path of fetched) bytes += gzipSync(files.get(path), { level: 9 }).length;
  return bytes;
}
