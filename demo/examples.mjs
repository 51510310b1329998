// The examples the page shows, in order. The page iterates over this list:
// an example is one section with its explanation, its code, buttons that
// create, drop and dispose its objects, and actions of its own.
//
// Adding one (the typed-bindings and mixed Rust/C++ examples will): write
// demo/example-NAME.mjs exporting an object of this shape, import it here in
// place of its `pending` entry, and have the Makefile's `site` rule copy its
// module into build/site/ if it is not examples.wasm.
//
//   id         section id (the section is #ex-ID)
//   title      heading
//   about      a sentence or two: what this example proves
//   wasm       the module file, relative to the page (each release strategy
//              loads its own instance of it)
//   className  the class the create/drop/dispose buttons work on
//   create     { count, code, make(m, i) → wrapper }: one of N new objects
//   destroyed  (m) → destructors run inside wasm so far, counted by the C++
//   start      (m) → run once per loaded instance (optional)
//   actions    [{ label, code, run(m) → text }]; what run returns or throws
//              is shown under the buttons
//   code       the source worth reading beside the buttons
//   pending    instead of all the above: what is coming, shown greyed out

import myclass from "./example-myclass.mjs";
import notebook from "./example-notebook.mjs";
import buffer from "./example-buffer.mjs";

export const examples = [
  myclass,
  notebook,
  buffer,
  {
    id: "typed",
    title: "Typed bindings",
    pending:
      "Strings, objects in and out, object identity and borrowed children, described by metadata inside the module: no per-class JS (issue 4).",
  },
  {
    id: "mixed",
    title: "Rust and C++ in one module",
    pending: "A Rust type and a C++ class that use each other, one heap, one loader (issue 6).",
  },
];
