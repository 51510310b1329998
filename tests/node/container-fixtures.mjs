// JS values of the container-holding value types the tests share, every
// field set, `over` replacing some: a Figure (tests/fixtures/rust-containers/src/fields.rs),
// whose fields C++'s Shape has too (tests/fixtures/nested.cpp), and a
// Book (`m` the loaded Rust module, for its Shade enum); and both
// container fixtures loaded (bothModules).
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

export const figure = (over = {}) => ({
  label: "s",
  xs: new Float64Array([1.5, 2.5]),
  weights: new Float32Array([0.5]),
  ids: new Int32Array([-1, 2, 3]),
  masks: new Uint32Array([2 ** 32 - 1]),
  tags: ["a", "bé"],
  points: [
    { x: 1, y: 2 },
    { x: 3, y: 4 },
  ],
  origin: { x: 10, y: 20 },
  ...over,
});
export const bookOf = (m, over = {}) => ({
  name: "b",
  weights: new Map([
    ["a", 1.5],
    ["b", -2],
  ]),
  labels: new Map([
    [3, "three"],
    [-1, "é"],
  ]),
  spots: new Map([[7, { x: 1, y: 2 }]]),
  counts: new Map([["n", 4]]),
  shades: new Map([[2, m.Shade.Light]]),
  figures: [figure()],
  ...over,
});

// The C++ and the Rust container fixtures, loaded: [[lang, m, bytes]], each
// given to `warm` once (the heap's first blocks, made before any test
// compares states).
export async function bothModules(warm) {
  const out = [];
  for (const [lang, file] of [
    ["C++", "bind.wasm"],
    ["Rust", "rust-containers.wasm"],
  ]) {
    const bytes = await readFile(new URL(`../../build/fixtures/${file}`, import.meta.url));
    const m = await load(bytes);
    warm(m);
    out.push([lang, m, bytes]);
  }
  return out;
}
