// Compiled by the scratch project's tsc against the installed package's
// declarations and the ones its `npx weakbind-dts` wrote (examples.d.ts).
import { load } from "weakbind";
import type { Module } from "./examples";

export async function main(): Promise<string> {
  const m = await load<Module>(fetch(new URL("./examples.wasm", import.meta.url)));
  const root = new m.Node("root");
  const name: string = root.add_child("leaf").name();
  root[Symbol.dispose]();
  return name;
}
