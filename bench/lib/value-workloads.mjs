// The workloads of `make bench-typed` (bench/README.md, "Values, arrays,
// enums and interfaces"), each one JS call repeated, on the peers that have
// it. A peer's entry makes, from its loaded module (lib/value-peers.mjs),
// { step, read }: step() makes one call and returns its result;
// read(result) turns it into the plain value `expected` states, which the
// worker checks before it times anything and again on the last timed
// result. `label` names the workload in the printed table; `per` is how
// many units one step is (virtual calls per JS call), and `unit` is per unit.
import { deepStrictEqual } from "node:assert/strict";
import { decodeUtf8, rawStrings } from "../peers/raw/strings.mjs";

const ARRAY_LENGTH = 1000;
const LABELS = 100;
const VIRTUAL_CALLS = 1000;
const TEXT = "hello, wörld";
const VEC = { x: 1.5, y: -2, z: 4 };
// A Float64Array of ARRAY_LENGTH distinct values; doubled() doubles each.
const input = Float64Array.from({ length: ARRAY_LENGTH }, (_, i) => i * 0.25 - 3);
const SHADE_NAMES = new Map([[1, "Red"], [5, "Green"], [-3, "Blue"]]);

const same = (r) => r;

// Views of a raw peer's memory, remade only when it grew.
function views(memory) {
  let buffer = null;
  const v = {};
  return () => {
    if (buffer !== memory.buffer) {
      buffer = memory.buffer;
      v.bytes = new Uint8Array(buffer);
      v.u32 = new Uint32Array(buffer);
      v.f64 = new Float64Array(buffer);
    }
    return v;
  };
}

export const VALUE_WORKLOADS = {
  // Object in and object out on the examples' Node: or_self(other) returns other.
  object_in_out: {
    label: "object in, object out (Node)",
    module: "examples", unit: "ns/call", per: 1, calls: 1_000_000, chunk: 50_000,
    what: "node.or_self(other): an object in, the same object out",
    expected: "other",
    raw({ exports: x }) {
      const make = (name) => {
        const bytes = new TextEncoder().encode(name);
        const at = x.weakbind_alloc(bytes.length);
        new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
        const p = x._Node__new1(at, bytes.length);
        x.weakbind_free(at);
        return p;
      };
      const p = make("a"), q = make("b");
      return { step: () => x._Node__or_self(p, q), read: (r) => (r === q ? "other" : r) };
    },
    weakbind(m) {
      const node = new m.Node("a"), other = new m.Node("b");
      return { step: () => node.or_self(other), read: (r) => (r === other ? "other" : r) };
    },
  },
  // String in and string out on the examples' Node: echo(text).
  string_in_out: {
    label: "string in, string out (Node)",
    module: "examples", unit: "ns/call", per: 1, calls: 1_000_000, chunk: 50_000,
    what: `node.echo(${JSON.stringify(TEXT)}): a string in, the same string out`,
    expected: TEXT,
    raw({ exports: x, memory }) {
      const s = rawStrings(x, memory);
      const p = x._Node__new1(s.at, s.put("a"));
      return { step: () => s.take(x._Node__echo(p, s.at, s.put(TEXT))), read: same };
    },
    weakbind(m) {
      const node = new m.Node("a");
      return { step: () => node.echo(TEXT), read: same };
    },
  },
  value_struct: {
    label: "Vec3 value in and out",
    module: "values", unit: "ns/call", per: 1, calls: 1_000_000, chunk: 50_000,
    what: "turn({x, y, z}): a Vec3 of three f64 in, a new one out",
    expected: { x: -2, y: 4, z: 2.5 },
    raw({ exports: x, memory }) {
      const out = x.weakbind_alloc(24), view = views(memory), o = out >> 3;
      return {
        step: () => {
          x.raw_turn(VEC.x, VEC.y, VEC.z, out);
          const { f64 } = view();
          return { x: f64[o], y: f64[o + 1], z: f64[o + 2] };
        },
        read: same,
      };
    },
    weakbind: (m) => ({ step: () => m.turn(VEC), read: same }),
    embind: (e) => ({ step: () => e.turn(VEC), read: same }),
  },
  f64_array: {
    label: "Float64Array(1000) in and out",
    module: "values", unit: "ns/call", per: 1, calls: 20_000, chunk: 1_000,
    what: `doubled(a): a Float64Array of ${ARRAY_LENGTH} in, a new one out`,
    expected: input.map((v) => v * 2),
    raw({ exports: x, memory }) {
      const bytes = ARRAY_LENGTH * 8;
      const at = x.weakbind_alloc(bytes), out = x.weakbind_alloc(bytes), view = views(memory);
      return {
        step: () => {
          const { f64 } = view();
          f64.set(input, at >> 3);
          x.raw_doubled(at, ARRAY_LENGTH, out);
          return view().f64.slice(out >> 3, (out >> 3) + ARRAY_LENGTH);
        },
        read: same,
      };
    },
    weakbind: (m) => ({ step: () => m.doubled(input), read: same }),
    // The Float64Array as an emscripten::val, the result a slice of a
    // typed_memory_view (embind/typed-values.cpp, doubled_val).
    embind: (e) => ({ step: () => e.doubled_val(input), read: same }),
    // register_vector<double>: the JS an embind user writes around it.
    embind_vector(e) {
      const toVector = (a) => {
        const v = new e.VectorDouble();
        for (let i = 0; i < a.length; i++) v.push_back(a[i]);
        return v;
      };
      const fromVector = (v) => {
        const a = new Float64Array(v.size());
        for (let i = 0; i < a.length; i++) a[i] = v.get(i);
        return a;
      };
      return {
        step: () => {
          const v = toVector(input), r = e.doubled(v);
          const a = fromVector(r);
          r.delete();
          v.delete();
          return a;
        },
        read: same,
      };
    },
  },
  string_array: {
    label: "100 strings out, as an Array",
    module: "values", unit: "ns/call", per: 1, calls: 20_000, chunk: 1_000,
    what: `labels(${LABELS}): a vector of ${LABELS} short strings out, as a JS Array`,
    expected: Array.from({ length: LABELS }, (_, i) => `label ${i}`),
    raw({ exports: x, memory }) {
      const view = views(memory), decoder = new TextDecoder();
      return {
        step: () => {
          const w = x.raw_labels(LABELS) >> 2;
          const { u32, bytes } = view();
          const out = new Array(u32[w]);
          for (let i = 0, at = w + 1; i < out.length; i++, at += 2) out[i] = decodeUtf8(bytes, u32[at], u32[at] + u32[at + 1], decoder);
          return out;
        },
        read: same,
      };
    },
    weakbind: (m) => ({ step: () => m.labels(LABELS), read: same }),
    // register_vector<std::string>, copied into a JS Array and deleted.
    embind(e) {
      return {
        step: () => {
          const v = e.labels(LABELS);
          const out = new Array(v.size());
          for (let i = 0; i < out.length; i++) out[i] = v.get(i);
          v.delete();
          return out;
        },
        read: same,
      };
    },
  },
  enum_in_out: {
    label: "enum in and out",
    module: "values", unit: "ns/call", per: 1, calls: 2_000_000, chunk: 100_000,
    what: "next_shade(Shade.Red): an enum in, an enum out",
    expected: "Green",
    raw: ({ exports: x }) => ({ step: () => x.raw_next_shade(1), read: (r) => SHADE_NAMES.get(r) }),
    weakbind(m) {
      const names = new Map(Object.entries(m.Shade).map(([k, v]) => [v, k]));
      const red = m.Shade.Red;
      return { step: () => m.next_shade(red), read: (r) => names.get(r) };
    },
    // enum_: each value is an object of its own class, e.Shade.Red …
    embind(e) {
      const names = new Map(["Red", "Green", "Blue"].map((k) => [e.Shade[k], k]));
      const red = e.Shade.Red;
      return { step: () => e.next_shade(red), read: (r) => names.get(r) };
    },
  },
  virtual_call: {
    label: "C++ calling a JS subclass's virtual",
    module: "values", unit: "ns/virtual call", per: VIRTUAL_CALLS, calls: 4_000, chunk: 200,
    what: `sum_residuals(model, ${VIRTUAL_CALLS}): C++ calls the JS subclass's residual(x) ${VIRTUAL_CALLS} times`,
    expected: VIRTUAL_CALLS * (VIRTUAL_CALLS - 1),
    weakbind(m) {
      class Twice extends m.Model {
        residual(x) { return 2 * x; }
      }
      const model = new Twice();
      return { step: () => m.sum_residuals(model, VIRTUAL_CALLS), read: same };
    },
    // allow_subclass + Model.extend: 3.1.6 has no class-syntax form
    // (`class extends Module.Model` throws "Use 'new' to construct Model").
    embind(e) {
      const Twice = e.Model.extend("Model", { residual(x) { return 2 * x; } });
      const model = new Twice();
      return { step: () => e.sum_residuals(model, VIRTUAL_CALLS), read: same };
    },
  },
};

// The step of workload `name` for `peer` over its loaded module, and
// check(result, when), which throws unless read(result) is `expected`.
export function checkedStep(peer, name, lib) {
  const w = VALUE_WORKLOADS[name];
  if (!w?.[peer]) throw new Error(`no workload ${name} for peer ${peer}`);
  const { step, read } = w[peer](lib);
  const check = (result, when) => {
    try {
      deepStrictEqual(read(result), w.expected);
    } catch (e) {
      throw new Error(`${peer} ${name}: wrong result ${when}: ${e.message}`);
    }
  };
  return { step, check };
}
