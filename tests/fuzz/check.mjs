// Assertions of the randomized API test: each throws a Mismatch (model.mjs)
// naming what differed. A Mismatch thrown inside a callback reaches the
// outer call as its exception and is passed on as it is.
import { Mismatch, fail } from "./model.mjs";

export const SAFE_ERRORS = ["TypeError", "RangeError", "WeakbindError"];

export function show(v) {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return `Uint8Array[${[...v.slice(0, 12)].join(",")}${v.length > 12 ? ",…" : ""}] (${v.length})`;
  if (v !== null && typeof v === "object") return `a ${v.constructor?.name ?? "object"}`;
  return String(v);
}

export function eq(got, want, what) {
  if (!Object.is(got, want)) fail(`${what}: got ${show(got)}, expected ${show(want)}`);
}

export function bytesEq(got, want, what) {
  if (!(got instanceof Uint8Array) || got.length !== want.length || got.some((b, i) => b !== want[i])) fail(`${what}: got ${show(got)}, expected ${show(want)}`);
}

// `fn()` must throw an error named one of `kinds`; returns it.
export function throws(fn, kinds, what) {
  let r;
  try {
    r = fn();
  } catch (e) {
    if (e instanceof Mismatch) throw e;
    if (!kinds.includes(e?.name)) fail(`${what}: threw ${e?.name}: ${e?.message}; expected ${kinds.join(" or ")}`);
    return e;
  }
  return fail(`${what}: returned ${show(r)}; expected ${kinds.join(" or ")}`);
}

// `fn()` either throws a safe error (returns { error }) or returns a value
// that `check` accepts (returns { value }).
export function safely(fn, check, what, kinds = SAFE_ERRORS) {
  let r;
  try {
    r = fn();
  } catch (e) {
    if (e instanceof Mismatch) throw e;
    if (!kinds.includes(e?.name)) fail(`${what}: threw ${e?.name}: ${e?.message}; expected a result or ${kinds.join(" or ")}`);
    return { error: e };
  }
  check(r);
  return { value: r };
}

// `fn()` must not throw (a throw is a mismatch with its message).
export function works(fn, what) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Mismatch) throw e;
    return fail(`${what}: threw ${e?.name}: ${e?.message}`);
  }
}

// FNV-1a, as Cell::digest computes it.
export function digest(value, bytes) {
  let h = (0x811c9dc5 ^ value) >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}
