// tsc --noEmit -p tests/dts/tsconfig.views.json: the declarations `weakbind
// dts` writes for build/fixtures/views.wasm type view results and view
// parameters of callbacks and virtuals as ArrayView<number>; the lines
// marked to expect an error must be errors.
import { load, type ArrayView } from "weakbind";
import type { Module } from "views";

export async function main(bytes: Uint8Array): Promise<number> {
  const m = await load<Module>(bytes);
  const s = new m.Series(4);
  const v: ArrayView<number> = s.samples();
  const first: number | undefined = v.at(0);
  let sum = 0;
  for (const x of v) sum += x;
  const copied: Float64Array | Float32Array | Int32Array | Uint32Array = v.copy();
  // @ts-expect-error a view is no typed array: it has no index signature
  const byIndex: number = v[0];
  // @ts-expect-error nor a writable length
  v.length = 2;
  const fromStatic: ArrayView<number> = m.Series.samples_of(s);
  const fromFunction: ArrayView<number> = m.first_samples(s);
  const each: number = s.each((xs) => xs.length + (xs.at(-1) ?? 0));
  class Summer extends m.Sink {
    take(xs: ArrayView<number>): number {
      return [...xs].length;
    }
  }
  const fed: number = new Summer().feed(3);
  return (first ?? 0) + sum + copied.length + byIndex + fromStatic.length + fromFunction.length + each + fed;
}
