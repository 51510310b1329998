// Bundles tests/bundlers/app with each pinned bundler, the way an app
// would: entries, an output folder and minification, nothing about
// weakbind (no externals, no node: aliases or polyfills). The app and its
// two wasm files are copied to a source folder first, since Vite and
// webpack emit `new URL("./x.wasm", import.meta.url)` as an asset only when
// the file is there.
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("./app/", import.meta.url));

// The app's source with the wasm files beside it: the folder to bundle.
export function stage(dir, { examplesWasm, myclassWasm }) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(APP, dir, { recursive: true });
  copyFileSync(examplesWasm, join(dir, "examples.wasm"));
  copyFileSync(myclassWasm, join(dir, "myclass.wasm"));
}

const page = (script, module) =>
  `<!doctype html><meta charset="utf-8"><title>weakbind bundled</title><link rel="icon" href="data:,"><script ${module ? 'type="module" ' : ""}src="./${script}"></script>\n`;

// esbuild leaves `new URL("./x", import.meta.url)` alone: the worker is a
// second entry and the wasm files are copied beside the bundle.
async function esbuild(src, dir) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: { page: join(src, "page.mjs"), worker: join(src, "worker.mjs") },
    outdir: dir, outExtension: { ".js": ".mjs" },
    bundle: true, minify: true, splitting: true, format: "esm", logLevel: "silent",
  });
  copyFileSync(join(src, "examples.wasm"), join(dir, "examples.wasm"));
  copyFileSync(join(src, "myclass.wasm"), join(dir, "myclass.wasm"));
  return page("page.mjs", true);
}

// Vite bundles a module Worker with code splitting only as ES modules;
// base "./" serves the app from a subfolder, as the test does.
async function vite(src, dir) {
  const { build } = await import("vite");
  const warnings = [];
  await build({
    configFile: false, root: src, base: "./", logLevel: "silent",
    customLogger: { info() {}, warn: (m) => warnings.push(m), warnOnce: (m) => warnings.push(m), error: (m) => warnings.push(m), clearScreen() {}, hasWarned: false, hasErrorLogged: () => false },
    build: { outDir: dir, emptyOutDir: true, rollupOptions: { input: join(src, "page.mjs"), output: { entryFileNames: "page.js" } } },
    worker: { format: "es" },
  });
  if (warnings.length > 0) throw new Error(`vite: ${warnings.join("\n")}`);
  return page("page.js", true);
}

async function webpack(src, dir) {
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((done, fail) =>
    webpack({ mode: "production", context: src, entry: "./page.mjs", output: { path: dir, filename: "page.js" } }, (e, s) =>
      e ? fail(e) : done(s),
    ),
  );
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  if (stats.hasErrors() || info.warnings.length > 0) {
    throw new Error(`webpack: ${[...info.errors, ...info.warnings].map((w) => w.message).join("\n")}`);
  }
  return page("page.js", false);
}

export const BUNDLERS = { esbuild, vite, webpack };

// Bundles the staged app `src` with bundler `name` into `dir`, with its
// index.html; a warning is a failure, as zero configuration means none.
export async function bundle(name, src, dir) {
  dir = resolve(dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), await BUNDLERS[name](resolve(src), dir));
}
