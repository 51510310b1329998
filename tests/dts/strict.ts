// The declarations under the tsconfig a Vite or plain TypeScript project
// starts with (tsconfig.strict.json: strict, lib ES2022 + DOM, no
// @types/node, no esnext.disposable): the loader's and the generated ones
// compile, and load<Module>() types the classes without a cast.
import { load, type WasmObject } from "weakbind";
import type { Module, Node } from "examples";

export async function main(url: URL): Promise<number> {
  const m = await load<Module>(fetch(url));
  const root: Node = new m.Node("root");
  const child: Node = root.add_child("leaf");
  const name: string = child.name();
  root[Symbol.dispose]();
  const plain: WasmObject = new m.MyClass(1);
  plain.dispose();
  const untyped = await load(new Uint8Array());
  untyped.stats();
  return name.length + m.stats().liveTotal;
}
