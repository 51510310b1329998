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
};

// Whether `name` is gated (not with --unsafe).
export const gated = (name, unsafe) => !unsafe && name in KNOWN_UNSAFE;
