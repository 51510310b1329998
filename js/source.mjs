// Turns what a user hands to `load` into a compiled WebAssembly.Module:
// bytes, a Response, a Promise of either, a URL (or URL string), or a Module.

import { loadFailure } from "./errors.mjs";

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

export async function compile(source) {
  source = await source;
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "string" || source instanceof URL) return compile(await fetchUrl(source));
  if (isResponse(source)) return compileResponse(source);
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

async function fetchUrl(url) {
  const href = url instanceof URL ? url.href : url;
  if (href.startsWith("file:") || (typeof window === "undefined" && !/^[a-z]+:/i.test(href))) {
    const { readFile } = await import("node:fs/promises");
    return new Uint8Array(await readFile(href.startsWith("file:") ? new URL(href) : href));
  }
  return fetch(href);
}

function isResponse(value) {
  return typeof Response !== "undefined" && value instanceof Response;
}

function asBytes(value) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}
