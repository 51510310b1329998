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
  t.dispose();
  return r + same.weight() + area + hi.length + (Half === undefined ? 0 : 1);
}
