// Uses the example module through the declarations `weakbind dts` wrote
// for it. tsc must accept every line; each `@ts-expect-error` line is a
// mistake tsc must catch (it fails if one is not an error).

import { load } from "weakbind";
import type { Module, Node, Group, MyClass } from "examples";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T>(_value: T): void {}
function exact<A, B>(_proof: Equals<A, B>): void {}

export async function main(bytes: Uint8Array): Promise<void> {
  const m = (await load(bytes)) as Module;

  // Constructors: overloads by arity.
  const root: Node = new m.Node("root");
  const placed = new m.Node("placed", 1.5, -2);
  // @ts-expect-error: no constructor takes two arguments
  new m.Node("root", 1);
  // @ts-expect-error: a name is a string
  new m.Node(42);

  // Methods and their types.
  exact<ReturnType<Node["name"]>, string>(true);
  root.set_name("rooté");
  const child: Node = root.add_child("child");
  exact<ReturnType<Node["child"]>, Node | null>(true);
  exact<ReturnType<Node["find"]>, Node | null>(true);
  const found = root.find("child");
  // @ts-expect-error: find may return null
  found.name();
  if (found !== null) assertType<string>(found.name());
  assertType<boolean>(root.contains(child));
  assertType<number>(root.depth_of(null));
  exact<ReturnType<Node["checksum"]>, bigint>(true);
  assertType<bigint>(root.offset_id(-1n));
  // @ts-expect-error: an i64 is a BigInt, not a number
  root.offset_id(1);
  root.set_user_data({ any: "value" });
  exact<ReturnType<Node["user_data"]>, unknown>(true);
  exact<ReturnType<Node["self"]>, Node>(true);
  const copy: Node = root.clone();
  exact<ReturnType<typeof m.Node.make>, Node>(true);

  // Properties.
  root.x = placed.y + 1;
  root.scale = 0.5;
  root.flags = 3;
  root.visible = false;
  root.tag = new Uint8Array([1, 2, 3]);
  exact<typeof root.tag, Uint8Array>(true);
  exact<typeof root.id, bigint>(true);
  // @ts-expect-error: id is read-only
  root.id = 5n;
  // @ts-expect-error: visible is a boolean
  root.visible = 1;

  // A Group is a Node, with its own property.
  const group: Group = new m.Group("layer");
  group.layer = 2;
  assertType<boolean>(root.contains(group));
  // @ts-expect-error: a Node is not a Group
  const notGroup: Group = root;

  // A class found by the naming convention: numbers in, numbers out.
  const mine: MyClass = new m.MyClass(5);
  assertType<number>(mine.my_method());
  // @ts-expect-error: a MyClass is not a Node
  root.contains(mine);
  // @ts-expect-error: no such method
  mine.my_other_method();
  new m.Notebook(2).add_notes(3);
  new m.Buffer(16).byte_at(0);

  // Every wrapper can be disposed, now or at the end of a scope.
  copy.dispose();
  child[Symbol.dispose]();
  const disposable: Disposable = placed;
  disposable[Symbol.dispose]();

  // The loader's own members are still there.
  assertType<number>(m.stats().liveTotal);
  assertType<string | null>(m.check());
  void notGroup;
}

// The declarations are types only: a class is reached through the module.
// @ts-expect-error: Node is exported as a type
new Node("x");
