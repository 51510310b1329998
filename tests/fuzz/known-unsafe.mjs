// Failures the randomized API test finds in today's loader, gated here in
// one place so `make test` stays green while they are open: an attack
// named here is drawn only with --unsafe (FUZZ_UNSAFE=1), and the other
// entries relax one expectation of the model until the bug is fixed. Each
// entry says what goes wrong; empty the list as fixes land (and run
// `make fuzz-js FUZZ_UNSAFE=1` to see what is still open).
export const KNOWN_UNSAFE = {
  // load({ cohortSize: 1 }) is not kept: after 8 idle full collections at
  // size 1 the finalization strategy re-probes with size 2 whatever the
  // maximum (js/release.mjs, #collected), so a dropped object waits for a
  // cohort-mate. Relaxed: config "exact" checks collection only at
  // checkpoints (as "cohorts" does). Seed 1, config exact, step ~420.
  cohort_size_1: "dropped objects not freed: cohortSize 1 becomes 2",
  // A call made from inside a callback, whose own callback throws, returns
  // normally (the exception is kept as pending while depth > 0) and the
  // exception reaches the outermost caller instead. Relaxed: callbacks
  // below the top level never throw. Seed 3, config exact: 3 operations.
  nested_callback_throws: "a nested call's callback exception reaches the outermost caller",

  // Attacks (tests/fuzz/attacks.mjs), by name or name:variant. Seeds are
  // for `node --expose-gc tests/fuzz/run.mjs --unsafe --config exact`.
  // Issue 15 class 1, re-entrancy during argument conversion: the receiver's
  // pointer is read first, so the method runs on the freed object (Probe.add
  // answers kBroken; Buffer.byte_at reads garbage).
  "valueof_dispose:Probe:self": "a convention argument's valueOf disposes the receiver: method runs on freed memory",
  "valueof_dispose:Buffer:self": "the same through Buffer.byte_at: reads freed memory",
  "proxy_dispose:Cell:self": "Cell.plus(Proxy whose get disposes the receiver): runs on the freed Cell",
  "proxy_dispose:Filter:self": "Rust &mut self Filter.then(Proxy disposing the receiver): writes freed memory, m.check() finds the heap's free list corrupted, or a trap",
  "result_valueof": "a callback's result whose valueOf disposes the receiver (converted by the loader at depth 0): the method reads freed memory",
  lying_array: "a Uint8Array (Proxy or subclass) whose length lies: the copy overruns or underfills the block (wrong digest, Node.tag of the wrong length, 8 KiB written past a small block; a length of 2**32 hangs)",
  // Class 2, wrappers that can be copied or forged.
  "forge:proxy": "a Proxy answering every property with an address works as a Cell wrapper (Cell.value returns a Faulty's field)",
  "clone:Cell:dispose": "disposing a {...w} or Object.assign copy frees the object under the original",
  "clone:Probe:dispose": "the same for a convention class",
  "clone:Node:dispose": "the same for Node (destructor counts off)",
  "clone:Filter:dispose": "the same for a Rust class: the original reads freed memory",
  "clone:Panicky:dispose": "the same for the Rust fixture",
  // Class 3, wrappers outliving their object.
  "child_reproto:ctor": "a borrowed child whose constructor was reassigned keeps working after its parent was disposed (reads the freed child)",
  "child_reproto:cell": "the same for a child re-prototyped to Cell",
  // Class 5, JS stack overflow through JS <-> wasm recursion.
  overflow: "after a stack overflow inside Cell.call, destructors stop running (counts fall behind the model) and callbacks get a different wrapper for the receiver",
  // Class 6, numbers.
  bad_number: "typed i32 parameters accept 1.5, NaN, ±Infinity, 2**31, 2**32 and wrap silently (or trap in Faulty.trap_deep)",
};

// Whether `name` is gated (not with --unsafe).
export const gated = (name, unsafe) => !unsafe && name in KNOWN_UNSAFE;
