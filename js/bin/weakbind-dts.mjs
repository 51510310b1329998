#!/usr/bin/env node
// weakbind-dts: TypeScript declarations for a built module, from the npm
// package, without cargo (the same text as `weakbind dts`).
//   npx weakbind-dts [--loader SPECIFIER] app.wasm > app.d.ts
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { declarations } from "../dts.mjs";

const USAGE = `usage: weakbind-dts [--loader SPECIFIER] MODULE.wasm   TypeScript declarations, on stdout

  --loader SPECIFIER   where the loader's types are imported from (default "weakbind")`;

function fail(message, code) {
  process.stderr.write(`weakbind-dts: ${message}\n${code === 2 ? `\n${USAGE}\n` : ""}`);
  process.exit(code);
}

const args = process.argv.slice(2);
let loader = "weakbind";
const files = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "-h" || arg === "--help") {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (arg === "--loader") {
    loader = args[++i] ?? fail("--loader needs a specifier", 2);
  } else if (arg.startsWith("-") && arg !== "-") {
    fail(`unknown option ${arg}`, 2);
  } else {
    files.push(arg);
  }
}
if (files.length !== 1) fail("takes one module file", 2);
const [file] = files;
let bytes;
try {
  bytes = readFileSync(file);
} catch (e) {
  fail(`${file}: ${e.message}`, 1);
}
try {
  process.stdout.write(declarations(new Uint8Array(bytes), { fileName: basename(file), loader }));
} catch (e) {
  fail(`${file}: ${e.message}`, 1);
}
