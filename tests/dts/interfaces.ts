// tsc --noEmit -p tests/dts/tsconfig.interfaces.json: the declarations
// `weakbind dts` writes for build/fixtures/interfaces.wasm make a C++
// interface an abstract class JS extends and typed callbacks functions;
// each @ts-expect-error line must be an error.
import { load } from "weakbind";
import type { Module } from "interfaces";

export async function main(bytes: Uint8Array): Promise<number> {
  const m = await load<Module>(bytes);
  class Twice extends m.Model {
    residual(x: number): number {
      return 2 * x;
    }
    describe(tag: string, loud: boolean): string {
      return loud ? tag : "";
    }
    steps(n: number): number {
      return n; // a non-pure virtual may be overridden
    }
  }
  const t = new Twice(1.5);
  const r: number = m.fit(t, 2);
  // @ts-expect-error the interface itself is abstract
  new m.Model();
  // @ts-expect-error a subclass must implement the pure virtuals
  class Half extends m.Model {}
  const same: InstanceType<typeof m.Model> = m.same(t);
  // Typed callbacks are functions of their words' types.
  const area: number = m.integrate((x) => x * x, 0, 1);
  const hi: string = m.greet_with((who, loud) => (loud ? who.toUpperCase() : who), "ada");
  // @ts-expect-error a callback parameter takes a function
  m.count_with(3, 1);
  // @ts-expect-error whose result has its word's type
  m.count_with(() => "3", 1);
  // Calls into JS take and give enums, values, arrays, optionals, maps.
  class Moves extends m.Shaper {
    shade(s: Parameters<Module["via_shade"]>[1]) {
      return s;
    }
    move(p: { x: number; y: number; tag: string; ws: Float64Array }) {
      return { ...p, x: p.x + 1 };
    }
    scale(v: Float64Array) {
      return v;
    }
    names(v: string[]) {
      return v;
    }
    pts(v: Parameters<Module["via_pts"]>[1]) {
      return v;
    }
    maybe() {
      return undefined;
    }
    tone(t: "Warm" | "Cool"): "Warm" | "Cool" {
      return t === "Warm" ? "Cool" : super.tone(t);
    }
  }
  const moves = new Moves();
  const tag: string = m.via_move(moves, { x: 1, y: 2, tag: "t", ws: new Float64Array() }).tag;
  const table: Map<string, number> = m.cb_map((t) => t, new Map([["a", 1]]));
  const maybe: number | undefined = m.cb_opt_i32((v) => v, undefined);
  // @ts-expect-error a value callback returns the value's object
  m.cb_pt(() => "x", { x: 1, y: 2, tag: "t", ws: new Float64Array() });
  // @ts-expect-error a string enum callback returns one of its names
  m.cb_tone(() => "Hot", "Warm");
  // @ts-expect-error an array(f64) callback is given a Float64Array
  m.cb_f64s((v: string[]) => new Float64Array(v.length), new Float64Array());
  // @ts-expect-error a Shaper's move returns a Pt
  class Wrong extends m.Shaper { shade(s: never) { return s; } move() { return 1; } scale(v: Float64Array) { return v; } names(v: string[]) { return v; } pts() { return []; } maybe() { return undefined; } }
  moves.dispose();
  t.dispose();
  return r + same.weight() + area + hi.length + (Half === undefined ? 0 : 1) + tag.length + table.size + (maybe ?? 0) + (Wrong === undefined ? 0 : 1);
}
