// Debug mode: a leak report naming where each live object and JS-value
// handle was created.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadExamples, collectUntil } from "./helpers.mjs";

function makeTheLeak(m) {
  const source = new m.EventSource("leaky");
  m.EventSource.keep(source); // C++ keeps it: neither it nor its listener goes
  source.on(() => 1);
  new m.MyClass(7).dispose();
}

test("leaks() lists live objects and handles with the stack that created each", async () => {
  const m = await loadExamples({ debug: true });
  makeTheLeak(m);
  await collectUntil(() => false, { rounds: 5 });
  const report = m.leaks();
  assert.deepEqual(report.objects.map((o) => o.class), ["EventSource"]);
  assert.match(report.objects[0].createdAt, /makeTheLeak/);
  assert.equal(report.handles.length, 1);
  assert.match(report.handles[0].createdAt, /makeTheLeak/);
  m.EventSource.release_all();
  assert.ok(await collectUntil(() => m.leaks().objects.length === 0));
  assert.deepEqual(m.leaks(), { objects: [], handles: [] });
});

test("leaks() without debug mode says how to turn it on", async () => {
  const m = await loadExamples();
  assert.throws(() => m.leaks(), { message: /load the module with \{ debug: true \}/ });
});
