// Rust and C++ in one module (examples/mixed, `make mixed`): a Rust Filter
// that processes a C++ Matrix, and a Matrix that maps itself through a Rust
// filter. One cargo build links both languages, libc++ and the runtime into
// mixed.wasm, with one heap; the page loads it as a module of its own, next
// to examples.wasm, and uses both classes through the same loader.

import { formatBytes } from "./chart.mjs";

export default {
  id: "mixed",
  title: "Rust and C++ in one module: Filter and Matrix",
  about:
    "mixed.wasm is a second module with a heap of its own. Filter is Rust, Matrix is C++, and each uses the other: Rust reads a matrix and makes a new one, C++ calls Rust for every cell, and C++ can keep a Rust filter alive after JS drops it. JS drops them all the same way.",
  wasm: "mixed.wasm",
  className: "Matrix",
  classes: ["Filter", "Matrix"],
  code: `// Rust (examples/mixed/src/lib.rs)
weakbind::export! {
    class Filter {
        #[constructor] fn new(radius: i32) -> Option<Self>;
        fn affine(gain: f64, offset: f64) -> Filter;
        // a new C++ matrix, owned by the caller
        fn apply(&self, m: &Matrix) -> Option<Own<Matrix>>;
    }
}
// C++ (examples/mixed/cpp/matrix.cpp)
// map calls Rust for every cell; set_filter keeps a Retained<Filter>
WEAKBIND_METHOD(Matrix, map, own(Matrix), obj(Filter));
WEAKBIND_METHOD(Matrix, set_filter, void, nullable(Filter));

// JavaScript
const m = await load(fetch("mixed.wasm"));
const blurred = new m.Filter(1).apply(ramp(8, 8));`,
  create: {
    count: 1000,
    code: "new m.Filter(1).apply(ramp(8, 8))",
    make: (m) => new m.Filter(1).apply(ramp(m, 8, 8)),
  },
  destroyed: (m) => ({ Filter: m.exports.mixed_filters_dropped(), Matrix: m.exports.mixed_matrices_destroyed() }),
  status(m) {
    const { heap } = m.stats();
    return `mixed.wasm's own heap: ${formatBytes(heap.inUse)} in use, ${formatBytes(heap.memorySize)} of linear memory`;
  },
  actions: [
    {
      label: "Rust blurs, C++ maps",
      code: `const a = ramp(3, 3);                        // C++: cell (r, c) = 3r + c
const b = new m.Filter(1).apply(a);          // Rust reads a, makes b
const c = a.map(m.Filter.affine(2, 1));      // C++ calls Rust per cell`,
      run(m) {
        const a = ramp(m, 3, 3);
        const b = new m.Filter(1).apply(a);
        const c = a.map(m.Filter.affine(2, 1));
        return `a.describe() = "${a.describe()}", b.get(1, 1) = ${b.get(1, 1)}, c.sum() = ${c.sum()}`;
      },
    },
    {
      label: "C++ keeps a Rust filter",
      code: `const a = ramp(2, 2);
a.set_filter(m.Filter.affine(10, 0));  // its wrapper: garbage at once
await collect();
a.filtered().get(1, 1);        // C++ → Rust apply → a new C++ matrix`,
      async run(m, ctx) {
        const filters = () => m.exports.mixed_filters_dropped();
        const before = await ctx.settle(filters);
        const a = ramp(m, 2, 2);
        a.set_filter(m.Filter.affine(10, 0));
        await ctx.collect();
        const after = ctx.canCollect ? "after gc(): " : "";
        return `${after}Filter destructors run since: ${filters() - before}; a.has_filter() = ${a.has_filter()}, a.filtered().get(1, 1) = ${a.filtered().get(1, 1)}`;
      },
    },
    {
      label: "Pass a Filter for a Matrix",
      code: "new m.Filter(1).apply(new m.Filter(2));",
      run: (m) => new m.Filter(1).apply(new m.Filter(2)),
    },
  ],
};

// A rows × cols matrix whose cell (r, c) holds r * cols + c.
function ramp(m, rows, cols) {
  const a = new m.Matrix(rows, cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) a.set(r, c, r * cols + c);
  return a;
}
