// Failures the randomized API test finds in today's loader, gated here in
// one place so `make test` stays green while they are open: an attack
// named here is drawn only with --unsafe (FUZZ_UNSAFE=1), and the other
// entries relax one expectation of the model until the bug is fixed. Each
// entry says what goes wrong; empty the list as fixes land (and run
// `make fuzz-js FUZZ_UNSAFE=1` to see what is still open).
export const KNOWN_UNSAFE = {
  // A limit, not a bug left open (docs/RELIABILITY.md, threat model): a JS
  // stack overflow that strikes inside the loader's own import functions
  // unwinds wasm frames without running their C++ destructors, so the JS
  // values those frames held stay held (and the JS-value table's
  // bookkeeping can be cut short). Nothing is freed early or twice.
  overflow: "a JS stack overflow inside the loader's imports leaves the unwound C++ frames' JS values held",
};

// Whether `name` is gated (not with --unsafe).
export const gated = (name, unsafe) => !unsafe && name in KNOWN_UNSAFE;
