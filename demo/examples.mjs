// The examples the page shows, in order. The page iterates over this list:
// an example is one section with its explanation, its code, buttons that
// create, drop and dispose its objects, and actions of its own.
//
// Adding one: write demo/example-NAME.mjs exporting an object of this
// shape and import it here. A module other than examples.wasm must reach
// build/site/ too (mixed.wasm: mk/demo-mixed.mk).
//
//   id         section id (the section is #ex-ID)
//   title      heading
//   about      a sentence or two: what this example proves
//   wasm       the module file, relative to the page (each release strategy
//              loads its own instance of it); if it fails to load, the
//              section says so and the others still work
//   className  the class the create/drop/dispose buttons work on
//   classes    the classes the chart and the table show (default [className])
//   create     { count, code, make(m, i) → wrapper }: one of N new objects
//   destroyed  (m) → destructors run inside wasm so far, counted by the
//              C++ or Rust; or { Class: count } for a count per class
//   start      (m, ctx) → run once per loaded instance (optional)
//   status     (m, ctx) → a line under the buttons, refreshed with the chart
//              (optional)
//   actions    [{ label, code, run(m, ctx) → text }]; what run returns (or
//              resolves to) or throws is shown under the buttons
//   code       the source worth reading beside the buttons
//   pending    instead of all the above: what is coming, shown greyed out
//
// ctx, per loaded instance: { held (the wrappers the buttons hold), state
// (the example's own object), canCollect, collect(), settle(count),
// collectUntil(done) } — the collection helpers do nothing without gc().

import myclass from "./example-myclass.mjs";
import notebook from "./example-notebook.mjs";
import buffer from "./example-buffer.mjs";
import typed from "./example-typed.mjs";
import cycles from "./example-cycles.mjs";
import mixed from "./example-mixed.mjs";

export const examples = [myclass, notebook, buffer, typed, cycles, mixed];
