// tsc --noEmit -p tests/dts/tsconfig.bind.json: the declarations `weakbind
// dts` writes for build/fixtures/bind.wasm type free functions, enums, enum
// parameters, overloads by arity, value types, optionals, arrays of
// strings, values and objects, maps, and containers inside values; each @ts-expect-error line must
// be an error.
import { load } from "weakbind";
import type { Module, Color, Vec3, Price, Item, Options, Shape, Ledger } from "bind";

export async function main(bytes: Uint8Array): Promise<number> {
  const m = await load<Module>(bytes);
  const p = new m.Point(1, 2);
  const c: Color = m.Color.Green;
  p.set_color(c);
  const back: Color = p.color();
  const d: number = m.distance2(p, m.midpoint(p, p));
  const g: number = m.gcd(4, 6);
  const s: string = m.greet("you");
  m.nothing();
  const doubled: Float64Array = m.scaled(new Float64Array([1, 2]), 2);
  // bytes wherever numeric arrays go: fields, optionals, Arrays, maps, callbacks.
  const packet = m.bytes_grown({ data: new Uint8Array(1), parts: [new Uint8Array(2)], named: new Map([["k", new Uint8Array(0)]]) });
  const extra: Uint8Array | undefined = packet.extra;
  const framed: Uint8Array = m.bytes_through((a: Uint8Array, b: Uint8Array) => a.subarray(0, b.length), new Uint8Array(3));
  // @ts-expect-error a bytes field takes no Int8Array
  m.bytes_grown({ data: new Int8Array(1), parts: [], named: new Map() });
  // @ts-expect-error a callback's bytes result is no number[]
  m.bytes_through(() => [1], new Uint8Array(1));
  // @ts-expect-error a Float64Array parameter takes no Float32Array
  m.sum_f64(new Float32Array(2));
  // @ts-expect-error nor an Array
  m.sum_f64([1, 2]);
  p.set_mode(m.Mode.Exact);
  p.set_mode("Fast");
  const mode: "Fast" | "Exact" = p.mode();
  // @ts-expect-error a string enum takes its names only
  p.set_mode("fast");
  const k = new m.Counter();
  const n: number = k.add() + k.add(1) + k.add(1, 2) + m.sum(1) + m.sum(1, 2, 3) + m.Counter.twice(2);
  // @ts-expect-error no overload of add takes three arguments
  k.add(1, 2, 3);
  // @ts-expect-error sum takes one to three
  m.sum();
  // @ts-expect-error an enum parameter takes the enum's values, not any number
  p.set_color(5);
  // @ts-expect-error another enum's value
  p.set_color(m.Plain.First);
  // @ts-expect-error gcd takes numbers
  m.gcd("4", 6);
  // @ts-expect-error the enum object is frozen
  m.Color.Red = c;
  // @ts-expect-error no such enumerator
  m.Color.Purple;
  const v: Vec3 = m.add3({ x: 1, y: 2, z: 3 }, { x: 0, y: 0, z: 0 });
  const label = m.relabel(new m.Body().tagged(1), "!");
  const id: number = label.id + label.at.z;
  const big: bigint = label.big;
  // @ts-expect-error a value needs every field
  m.add3({ x: 1, y: 2 }, v);
  // @ts-expect-error a field of another type
  m.dot3({ x: "1", y: 2, z: 3 }, v);
  const h: number | undefined = m.half(2) ?? m.half();
  // @ts-expect-error an optional before a required parameter cannot be left out
  m.shout();
  const flipped: Vec3 | undefined = m.flip3(undefined);
  // @ts-expect-error an optional result may be undefined
  const sure: number = m.half(2);
  // @ts-expect-error null is no undefined
  m.half(null);
  const parts: string[] = m.split("a,b");
  const moved: Vec3[] = m.scale_all3([v], 2);
  // @ts-expect-error an array of strings takes strings
  m.join([1, 2], ",");
  const totals: number = m.total(new Map([["a", 1]]), 0);
  const prices: Map<string, Price> = m.echo_price(new Map([["tea", { amount: 1, currency: "€", tier: m.Tier.Low }]]));
  const byId: Map<number, string> = m.numbered(["x"]);
  // @ts-expect-error a map's values have its value type
  m.total(new Map([["a", "1"]]), 0);
  // @ts-expect-error a map is no plain object
  m.total({ a: 1 }, 0);
  const items: Item[] = m.Item.make_many(2);
  const shelved: Item[] = new m.Shelf().items();
  const sum: number = m.sum_ids([...items, new m.Tagged(1)]);
  // @ts-expect-error an array of objects takes objects of its class
  m.sum_ids([new m.Shelf()]);
  const maybeItems: (Item | null)[] = m.some_items(2);
  const ids: Int32Array = m.ids_or_none([...maybeItems, null]);
  // @ts-expect-error an array of objects without null takes no null
  m.sum_ids([null]);
  // @ts-expect-error its elements may be null
  const sure: Item[] = new m.Shelf().every_other();
  // Optional fields may be left out; arrays and values nest.
  const opts: Options = m.bump_options({ count: 1, at: { x: 1, y: 2 } });
  const none: Options = m.bump_options({});
  const maybe: number | undefined = opts.count;
  // @ts-expect-error an optional field still has its type
  m.bump_options({ count: "1" });
  const sh: Shape = m.make_shape(2);
  const xs: Float64Array = sh.xs;
  const notes: string[] | undefined = sh.notes;
  // @ts-expect-error a non-optional field may not be left out
  const partial: Shape = { label: "s" };
  const halves: Float64Array | undefined = m.halves();
  const scene: number = m.count_points({ shapes: [sh], options: none });
  // Maps as fields and optional maps.
  const ledger: Ledger = m.make_ledger(2);
  const weights: Map<string, number> = ledger.weights;
  const counts: Map<string, number> | undefined = ledger.counts;
  // @ts-expect-error a map field's keys are its key word's type
  const byNumber: Map<number, number> = ledger.weights;
  // @ts-expect-error an optional map field may be undefined
  const sureCounts: Map<string, number> = ledger.counts;
  const maybeMap: Map<string, number> | undefined = m.scaled_map(undefined, 2);
  // @ts-expect-error an optional map result may be undefined
  const sureMap: Map<string, number> = m.scaled_map(new Map([["a", 1]]), 2);
  void byNumber;
  void sureCounts;
  void sureMap;
  void partial;
  return weights.size + (counts?.size ?? 0) + (maybeMap?.size ?? 0) + (maybe ?? 0) + xs.length + (notes?.length ?? 0) + (halves?.length ?? 0) + scene + totals + prices.size + byId.size + items.length + shelved.length + sum + back + d + g + s.length + n + mode.length + doubled.length + v.x + id + Number(big) + (h ?? 0) + (flipped?.x ?? 0) + sure + parts.length + moved.length + (extra?.length ?? 0) + framed.length;
}
