// Uses the example module through the declarations `weakbind dts` wrote
// for it. tsc must accept every line, and each `@ts-expect-error` line is a
// mistake tsc must catch (tsc fails if one is not an error). check.mjs also
// runs the compiled program against the real loader: `is` checks at run
// time that each value has the type its declaration promises.

import { load } from "weakbind";
import type { Module, Node, Group, MyClass } from "examples";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function exact<A, B>(_proof: Equals<A, B>): void {}

const failures: string[] = [];
type Runtime = "string" | "number" | "bigint" | "boolean" | "object" | "undefined" | "function";
function is<T>(value: T, type: Runtime | (abstract new (...args: never[]) => unknown), what: string): T {
  const ok = typeof type === "string" ? typeof value === type : value instanceof type;
  if (!ok) failures.push(`${what}: expected ${typeof type === "string" ? type : type.name}, got ${String(value)}`);
  return value;
}
// A mistake tsc refuses; at run time the loader may throw, which is fine.
function mistake(f: () => unknown): void {
  try {
    f();
  } catch {
    // the loader refused it too
  }
}

export async function main(bytes: Uint8Array): Promise<string[]> {
  const m = await load<Module>(bytes);

  // Constructors: overloads by arity.
  const root: Node = is(new m.Node("root"), m.Node, "new Node(name)");
  const placed = is(new m.Node("placed", 1.5, -2), m.Node, "new Node(name, x, y)");
  // @ts-expect-error: no constructor takes two arguments
  mistake(() => new m.Node("root", 1));
  // @ts-expect-error: a name is a string
  mistake(() => new m.Node(42));

  // Methods and their types.
  exact<ReturnType<Node["name"]>, string>(true);
  root.set_name("rooté");
  is(root.name(), "string", "name()");
  const child: Node = is(root.add_child("child"), m.Node, "add_child()");
  exact<ReturnType<Node["child"]>, Node | null>(true);
  exact<ReturnType<Node["find"]>, Node | null>(true);
  is(root.child(7), "object", "child(out of range) is null");
  const found = root.find("child");
  // @ts-expect-error: find may return null
  mistake(() => found.name());
  if (found !== null) is(found.name(), "string", "find().name()");
  is(root.contains(child), "boolean", "contains()");
  is(root.depth_of(null), "number", "depth_of(null)");
  exact<ReturnType<Node["checksum"]>, bigint>(true);
  is(root.checksum(), "bigint", "checksum()");
  is(root.offset_id(-1n), "bigint", "offset_id()");
  // @ts-expect-error: an i64 parameter is declared a BigInt
  mistake(() => root.offset_id(1));
  root.set_user_data({ any: "value" });
  exact<ReturnType<Node["user_data"]>, unknown>(true);
  is(root.user_data(), "object", "user_data()");
  exact<ReturnType<Node["self"]>, Node>(true);
  is(root.self(), m.Node, "self()");
  const copy: Node = is(root.clone(), m.Node, "clone()");
  exact<ReturnType<typeof m.Node.make>, Node>(true);
  is(m.Node.make("made"), m.Node, "Node.make()");

  // Properties.
  root.x = placed.y + 1;
  is(root.x, "number", "x");
  root.scale = 0.5;
  is(root.scale, "number", "scale");
  root.flags = 3;
  is(root.flags, "number", "flags");
  root.visible = false;
  is(root.visible, "boolean", "visible");
  root.tag = new Uint8Array([1, 2, 3]);
  exact<typeof root.tag, Uint8Array>(true);
  is(root.tag, Uint8Array, "tag");
  exact<typeof root.id, bigint>(true);
  is(root.id, "bigint", "id");
  // @ts-expect-error: id is read-only
  mistake(() => (root.id = 5n));
  // @ts-expect-error: visible is a boolean
  mistake(() => (root.visible = 1));

  // A Group is a Node, with its own property.
  const group: Group = is(new m.Group("layer"), m.Node, "new Group() is a Node");
  group.layer = 2;
  is(group.layer, "number", "layer");
  is(group.name(), "string", "a Group has Node's methods");
  is(root.contains(group), "boolean", "a Group where a Node is expected");
  // @ts-expect-error: a Node is not a Group
  const notGroup: Group = root;

  // A class found by the naming convention: numbers in, numbers out.
  const mine: MyClass = is(new m.MyClass(5), m.MyClass, "new MyClass()");
  is(mine.my_method(), "number", "my_method()");
  // @ts-expect-error: a MyClass is not a Node
  mistake(() => root.contains(mine));
  // @ts-expect-error: no such method
  mistake(() => mine.my_other_method());
  is(new m.Notebook(2).add_notes(3), "number", "Notebook.add_notes()");
  is(new m.Buffer(16).byte_at(0), "number", "Buffer.byte_at()");

  // Every owned wrapper can be disposed, now or at the end of a scope (a
  // borrowed one, like `child`, belongs to its parent).
  copy.dispose();
  m.Node.make("scoped")[Symbol.dispose]();
  const disposable: Disposable = placed;
  disposable[Symbol.dispose]();
  for (const o of [root, group, mine]) o.dispose();

  // The loader's own members are still there.
  is(m.stats().liveTotal, "number", "stats()");
  is(m.check(), "object", "check() is null");
  void notGroup;
  return failures;
}

// The declarations are types only: a class is reached through the module.
// @ts-expect-error: Node is exported as a type
mistake(() => new Node("x"));
