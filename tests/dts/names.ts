// tsc --noEmit -p tests/dts/tsconfig.names.json: declarations whose
// parameters have names (C++'s WEAKBIND_PARAMS, names TypeScript reserves
// among them, and Rust's signatures) are valid TypeScript and type the
// calls as unnamed ones do, Rust's arrays of objects and views included;
// each @ts-expect-error line must be an error.
import { load, type ArrayView } from "weakbind";
import type { Module as Bind } from "bind";
import type { Module as Rust, Tag, Item } from "rust-containers";

export async function main(bind: Uint8Array, rust: Uint8Array): Promise<number> {
  const m = await load<Bind>(bind);
  const r = new m.Ruler(0, 1);
  const x: number = r.at(1) + r.at(1, 0.5) + r.span(0, 1) + m.Ruler.metric(2).at(0);
  const p: number = m.pick(1, 2, true);
  // @ts-expect-error `arguments_` is a boolean
  m.pick(1, 2, 3);
  const s = await load<Rust>(rust);
  const tags: Tag[] = s.darker([{ id: 1n, name: "a", shade: s.Shade.Light }]);
  const joined: string = s.join(["a"]) + s.join(["a"], "-");
  // @ts-expect-error `parts` is an Array of strings
  s.join("a");
  const made: Item[] = s.Item.make_many(2);
  const some: (Item | null)[] = s.Item.some(2);
  // @ts-expect-error an element may be null
  const none: Item[] = s.Item.some(2);
  const bin = new s.Bin(3);
  const ids: Int32Array = s.ids_or_none([made[0], null]);
  // @ts-expect-error `items` holds Items, not Bins
  s.Item.sum_ids([bin]);
  const view: ArrayView<number> = bin.samples();
  const borrowed: Item[] = bin.items();
  return x + p + tags.length + joined.length + made.length + some.length + none.length + ids.length + view.length + borrowed.length;
}
