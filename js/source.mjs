// Turns what a user hands to `load` into a compiled WebAssembly.Module:
// bytes, a Response, a Promise of either, a URL (or URL string), or a Module.

import { loadFailure } from "./errors.mjs";

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export async function compile(source) {
  source = await source;
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "string" || source instanceof URL) return compile(await fetchUrl(source));
  // Response is a global wherever the loader runs (Node >= 20 included).
  if (source instanceof Response) return compileResponse(source);
  const bytes = asBytes(source);
  if (!bytes) throw await loadFailure("notASource", source);
  if (bytes.length < 8 || WASM_MAGIC.some((b, i) => bytes[i] !== b)) throw await loadFailure("notWasm", bytes);
  try {
    return await WebAssembly.compile(bytes);
  } catch (e) {
    throw await loadFailure("malformed", e, e);
  }
}

async function compileResponse(response) {
  if (!response.ok) throw await loadFailure("httpFailed", response);
  const streamable =
    typeof WebAssembly.compileStreaming === "function" &&
    /^application\/wasm\b/.test(response.headers.get("Content-Type") || "");
  if (streamable) {
    try {
      return await WebAssembly.compileStreaming(response.clone());
    } catch {
      // Fall through: the byte path below gives the precise error.
    }
  }
  return compile(new Uint8Array(await response.arrayBuffer()));
}

// Node, Deno and Bun (each has process.versions.node) read a path or a
// file: URL from disk; everywhere else (pages, workers) a URL is fetched,
// resolved against the document or the worker. The fs module is imported
// through a variable, marked for webpack and Vite, so no bundler follows it
// and no browser bundle names a node: module.
const FS = "node:fs/promises";

async function fetchUrl(url) {
  const href = String(url);
  if (globalThis.process?.versions?.node && (href.startsWith("file:") || !/^[a-z]+:/i.test(href))) {
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ FS);
    return new Uint8Array(await readFile(href.startsWith("file:") ? new URL(href) : href));
  }
  return fetch(href);
}

function asBytes(value) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}
