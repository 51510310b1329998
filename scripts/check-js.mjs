// The project's JS checks: every module parses, the loader imports nothing
// outside js/ (no runtime dependencies) nor, outside js/bin/, any node:
// module, and never builds code from strings.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const roots = ["js", "tests", "demo", "bench", "scripts"];
const skip = new Set(["node_modules", "results", "target", "pkg"]);
const problems = [];

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.m?js$/.test(name)) yield path;
  }
}

for (const root of roots) {
  for (const file of files(root)) {
    try {
      execFileSync(process.execPath, ["--check", file], { stdio: "pipe" });
    } catch (e) {
      problems.push(`${file}: does not parse\n${e.stderr}`);
    }
    if (!file.startsWith("js/")) continue;
    const source = readFileSync(file, "utf8");
    const specifiers = [
      ...source.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/gm),
      ...source.matchAll(/\bimport\(\s*["']([^"']+)["']/g),
    ];
    for (const [, spec] of specifiers) {
      const inPackage = spec.startsWith("./") || (file.startsWith("js/bin/") && spec.startsWith("../"));
      if (!inPackage && !spec.startsWith("node:")) problems.push(`${file}: imports ${spec}; the loader has no dependencies`);
      // What a page can reach names no node: module a bundler would try to
      // resolve (js/source.mjs reaches the file system through a variable,
      // only under Node); the Node-only tools live in js/bin/.
      if (spec.startsWith("node:") && !file.startsWith("js/bin/")) problems.push(`${file}: imports ${spec}, which no bundler resolves for a browser`);
    }
    if (/\bnew Function\b|\beval\(/.test(source)) problems.push(`${file}: builds code from strings`);
  }
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("js checks: clean");
