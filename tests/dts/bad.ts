// tsc must refuse this program: Node has no method `no_such_method`.

import { load } from "weakbind";
import type { Module } from "examples";

export async function main(bytes: Uint8Array): Promise<void> {
  const m = await load<Module>(bytes);
  const node = new m.Node("root");
  node.no_such_method();
}
