// Typed bindings from metadata: the scene-graph example (cpp/examples/scene.cpp)
// used with no glue — objects, strings, bytes, BigInt, JS values, identity,
// borrowed children and owned results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil, settle } from "./helpers.mjs";

const m = await loadExamples();
const destroyed = () => m.exports.scene_nodes_destroyed();

test("identity: a pointer JS already wraps comes back as the same wrapper", () => {
  const root = new m.Node("root");
  assert.equal(root.self(), root);
  const child = root.add_child("a");
  assert.equal(root.child(0), child);
  assert.equal(root.child(0), root.child(0));
  assert.equal(root.find("a"), child);
  assert.equal(root.child(1), null);
  root.dispose();
});

test("strings round-trip: non-ASCII, empty, long", () => {
  const n = new m.Node("");
  assert.equal(n.name(), "");
  for (const s of ["héllo wörld", "日本語のテキスト", "emoji 🦀🕸️", "a".repeat(100_000), "nul\u0000inside"]) {
    n.set_name(s);
    assert.equal(n.name(), s);
  }
  n.dispose();
});

test("bytes, f32, u32, bool properties and i64/u64 as BigInt", () => {
  const n = new m.Node("p", 1.5, -2.25);
  assert.deepEqual([n.x, n.y], [1.5, -2.25]);
  n.tag = new Uint8Array([0, 1, 254, 255]);
  assert.deepEqual(n.tag, new Uint8Array([0, 1, 254, 255]));
  n.scale = 0.1;
  assert.equal(n.scale, Math.fround(0.1));
  n.flags = 0xffffffff;
  assert.equal(n.flags, 0xffffffff);
  n.visible = false;
  assert.equal(n.visible, false);
  assert.equal(typeof n.id, "bigint");
  assert.equal(n.offset_id(2n ** 63n - 1n - n.id), 2n ** 63n - 1n);
  assert.equal(n.offset_id(-(2n ** 63n)), n.id - 2n ** 63n);
  assert.equal(n.offset_id(5), n.id + 5n); // a safe integer is accepted
  assert.throws(() => n.offset_id(2n ** 63n), { name: "RangeError", message: /Node.offset_id: argument 1 is out of range for i64/ });
  assert.throws(() => n.offset_id(1.5), { name: "TypeError", message: "Node.offset_id: argument 1 must be a BigInt or a safe integer, got number 1.5" });
  const sum = n.checksum();
  assert.equal(typeof sum, "bigint");
  assert.ok(sum >= 0n && sum < 2n ** 64n);
  assert.throws(() => (n.id = 3n), TypeError); // read-only
  n.dispose();
});

test("opaque JS values travel through the JS-value table and come back", () => {
  const before = m.stats().jsValues;
  const n = new m.Node("holder");
  const value = { any: ["thing"] };
  n.set_user_data(value);
  assert.equal(n.user_data(), value);
  assert.equal(m.stats().jsValues, before + 1);
  n.set_user_data(null);
  assert.equal(m.stats().jsValues, before + 1); // null is a value too
  n.dispose();
  assert.equal(m.stats().jsValues, before);
});

test("derived classes: a Group is a Node", () => {
  const g = new m.Group("layer");
  const root = new m.Node("root");
  assert.ok(g instanceof m.Node);
  assert.equal(g.name(), "layer");
  g.layer = 3;
  assert.equal(g.layer, 3);
  assert.equal(root.depth_of(g), -1);
  assert.equal(g.depth_of(g), 0);
  assert.throws(() => Object.getOwnPropertyDescriptor(m.Group.prototype, "layer").get.call(root), {
    message: "Group.layer: called on a Node, not a Group",
  });
  g.dispose();
  root.dispose();
});

test("type checks name class, method and argument", () => {
  const root = new m.Node("root");
  const disposed = new m.Node("gone");
  disposed.dispose();
  const cases = [
    [() => root.contains(5), "Node.contains: argument 1 must be a Node, got number 5"],
    [() => root.contains(undefined), "Node.contains: argument 1 must be a Node, got undefined"],
    [() => root.contains("root"), 'Node.contains: argument 1 must be a Node, got string "root"'],
    [() => root.contains(null), "Node.contains: argument 1 must be a Node, got null"],
    [() => root.contains(disposed), "Node.contains: argument 1 must be a Node, got a disposed Node"],
    [() => root.contains(new m.MyClass(1)), "Node.contains: argument 1 must be a Node, got a MyClass"],
    [() => root.depth_of("x"), 'Node.depth_of: argument 1 must be a Node or null, got string "x"'],
    [() => root.set_name(42), "Node.set_name: argument 1 must be a string, got number 42"],
    [() => (root.tag = [1, 2]), "Node.tag: argument 1 must be a Uint8Array, got an Array"],
    [() => root.child("0"), 'Node.child: argument 1 must be an integer (i32), got string "0"'],
    [() => (root.visible = 1), "Node.visible: argument 1 must be a boolean, got number 1"],
    [() => new m.Node(), "new Node(): no constructor takes 0 arguments (it takes 1 or 3)"],
    [() => new m.Node(7), "new Node(): argument 1 must be a string, got number 7"],
    [() => disposed.name(), "Node.name: the object was disposed"],
  ];
  for (const [call, message] of cases) assert.throws(call, { name: "TypeError", message });
  assert.equal(root.depth_of(null), -1);
  assert.equal(m.check(), null);
  root.dispose();
});

test("a borrowed child keeps its parent alive across a collection, then both are freed", async () => {
  const start = await settle(destroyed);
  let child = (() => {
    const parent = new m.Node("parent");
    parent.add_child("x");
    return parent.child(0); // the parent's wrapper is unreachable but for the child
  })();
  await collectUntil(() => false, { rounds: 10 });
  assert.equal(destroyed(), start, "the parent was freed under its borrowed child");
  assert.equal(child.name(), "x");
  assert.throws(() => child.dispose(), { message: "Node.dispose: the object is borrowed from its owner; dispose the owner instead" });
  child = null;
  assert.ok(await collectUntil(() => destroyed() === start + 2), `${destroyed() - start} of 2 destroyed`);
});

test("disposing a parent makes its borrowed children throw, never touch freed memory", () => {
  const parent = new m.Node("p");
  const child = parent.add_child("c");
  const grandchild = child.add_child("g");
  parent.dispose();
  assert.throws(() => child.name(), { name: "TypeError", message: "Node.name: its owner Node was disposed" });
  assert.throws(() => grandchild.child_count(), { message: "Node.child_count: its owner Node was disposed" });
  assert.equal(m.check(), null);
});

test("owned results are freed by the collector; the factory too", async () => {
  const start = await settle(destroyed);
  (() => {
    const original = new m.Node("orig");
    original.add_child("kid");
    const copy = original.clone();
    assert.notEqual(copy, original);
    assert.equal(copy.child(0).name(), "kid");
    assert.equal(m.Node.make("made").name(), "made");
    original.dispose();
  })();
  assert.ok(await collectUntil(() => destroyed() === start + 5), `${destroyed() - start} of 5 destroyed`);
  assert.equal(m.stats().live.Node, 0);
});

test("heap bytes return to the baseline after a million string calls", () => {
  const n = new m.Node("start");
  // The node's std::string keeps the capacity of the longest name it held.
  n.set_name("ünïcödé");
  n.name();
  const baseline = m.stats().heap.inUse;
  for (let i = 0; i < 1_000_000; i++) {
    n.set_name(i % 2 ? "abc" : "ünïcödé");
    if (n.name().length === 0) throw new Error("unreachable");
  }
  assert.equal(m.stats().heap.inUse, baseline);
  n.dispose();
});
