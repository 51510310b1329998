// Typed bindings from metadata: the scene graph of cpp/examples/scene.cpp.
// The export macros describe each method's types once, in C++; the
// description travels inside examples.wasm and the loader builds Node and
// Group from it: strings, objects in and out, one wrapper per object,
// borrowed children, type checks. No JS per class.

export default {
  id: "typed",
  title: "Typed bindings: a scene graph",
  about:
    "Node and Group are described by macros in C++; the loader reads the description from the module. Names are strings, children come back borrowed from their parent (the same wrapper every time), and a borrowed child keeps its parent's wrapper alive. A wrong argument is a TypeError, never foreign memory handed to wasm.",
  wasm: "examples.wasm",
  className: "Node",
  classes: ["Node", "Group"],
  code: `// C++ (cpp/examples/scene.cpp): the types, once
WEAKBIND_CLASS(Node);
WEAKBIND_CONSTRUCTOR(Node, string);
WEAKBIND_METHOD(Node, name, string);
WEAKBIND_METHOD(Node, add_child, ref(Node), string); // borrowed: parent owns
WEAKBIND_METHOD(Node, child, ref_or_null(Node), i32);
WEAKBIND_METHOD(Node, find, ref_or_null(Node), string);
WEAKBIND_METHOD(Node, contains, bool, obj(Node));
WEAKBIND_METHOD(Node, checksum, u64);                // BigInt
WEAKBIND_CLASS_DERIVED(Group, Node);                 // a Group is a Node

// JavaScript: no glue
const root = new m.Group("scene");
const child = root.add_child("ä");
root.child(0) === child;  // true: one wrapper per C++ object
root.contains(42);
// TypeError: Node.contains: argument 1 must be a Node, got number 42`,
  create: {
    count: 5000,
    code: "new m.Node(`node ${i}`)",
    make: (m, i) => new m.Node(`node ${i}`),
  },
  // Every Node destructor, Groups and children never seen by JS included.
  destroyed: (m) => m.exports.scene_nodes_destroyed(),
  actions: [
    {
      label: "Build a tree",
      code: `const root = new m.Group("scene");   // held: "Drop them" drops it too
const ä = root.add_child("ä");
ä.add_child("日本語");
root.add_child("🦀");`,
      run(m, { held }) {
        const root = new m.Group("scene");
        const a = root.add_child("ä");
        a.add_child("日本語");
        root.add_child("🦀");
        held.push(root);
        const deep = root.find("日本語");
        return [
          `root.child_count() = ${root.child_count()}`,
          `root.find("日本語").name() = "${deep.name()}"`,
          `root.depth_of(that) = ${root.depth_of(deep)}`,
          `root instanceof m.Node = ${root instanceof m.Node}`,
          `root.checksum() = ${root.checksum()}n`,
        ].join(", ");
      },
    },
    {
      label: "Identity",
      code: `const root = new m.Node("root");
const child = root.add_child("ä");
[root.child(0) === root.child(0), root.child(0) === child,
 root.self() === root]`,
      run(m) {
        const root = new m.Node("root");
        const child = root.add_child("ä");
        const same = [root.child(0) === root.child(0), root.child(0) === child, root.self() === root];
        return `[${same.join(", ")}]: one wrapper per C++ object; child.name() = "${child.name()}"`;
      },
    },
    {
      label: "Borrow a child, drop its parent",
      code: `let child = new m.Node("parent").add_child("leaf");
// the parent's wrapper is unreachable, but for its child's
await collect();      // gc(), where the browser allows
child.name();         // the parent is still alive`,
      async run(m, ctx) {
        const destroyed = () => m.exports.scene_nodes_destroyed();
        ctx.state.child = null; // a child borrowed before is garbage now
        const before = await ctx.settle(destroyed); // earlier garbage goes first
        ctx.state.child = new m.Node("parent").add_child("leaf");
        await ctx.collect();
        const ran = destroyed() - before;
        const after = ctx.canCollect ? "after gc(): " : "";
        return `${after}Node destructors run since: ${ran}; child.name() = "${ctx.state.child.name()}": its parent is alive while the page holds the child`;
      },
    },
    {
      label: "Let the child go",
      code: `child = null;         // both wrappers are garbage now
await collect();`,
      async run(m, ctx) {
        if (!ctx.state.child) return 'no child is held: click "Borrow a child, drop its parent" first';
        const destroyed = () => m.exports.scene_nodes_destroyed();
        const before = destroyed();
        ctx.state.child = null;
        if (!ctx.canCollect) return "the child and its parent are garbage: the collector frees both when it runs";
        await ctx.collectUntil(() => destroyed() >= before + 2);
        return `Node destructors run since: ${destroyed() - before} (the parent and its leaf)`;
      },
    },
    {
      label: "Pass a number for a Node",
      code: `new m.Node("root").contains(42);`,
      run: (m) => new m.Node("root").contains(42),
    },
    {
      label: "Use a child of a disposed parent",
      code: `const parent = new m.Node("p");
const child = parent.add_child("c");
parent.dispose();
child.name();`,
      run(m) {
        const parent = new m.Node("p");
        const child = parent.add_child("c");
        parent.dispose();
        return child.name();
      },
    },
  ],
};
