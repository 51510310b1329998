#!/usr/bin/env node
// The randomized API test from the command line (`make fuzz-js`):
//   node --expose-gc tests/fuzz/run.mjs --ops N [--seed S] [--segment K]
//        [--config exact|cohorts|sweep|all] [--unsafe] [--no-shrink]
// Runs N operations in segments of K (fresh modules each, seeds S, S+1, …),
// and reports each distinct failure with its seed, step and the operations
// that lead to it (shrunk). A seed from a report reproduces it:
//   node --expose-gc tests/fuzz/run.mjs --seed S --ops STEP+1 --config C
// FUZZ_SEED and FUZZ_OPS set the defaults; FUZZ_UNSAFE=1 also draws the
// attacks in KNOWN_UNSAFE (tests/fuzz/attacks.mjs). Exit status 1 if
// anything failed.
import { runFuzz, shrink, formatOp, CONFIGS } from "./runner.mjs";
import { KNOWN_UNSAFE } from "./attacks.mjs";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const has = (name) => args.includes(`--${name}`);
const total = Number(flag("ops", process.env.FUZZ_OPS ?? 100000));
const seed0 = Number(flag("seed", process.env.FUZZ_SEED ?? Date.now() % 1e9));
const segment = Number(flag("segment", Math.min(total, 100000)));
const configArg = flag("config", "all");
const configs = configArg === "all" ? Object.keys(CONFIGS) : [configArg];
const unsafe = has("unsafe") || process.env.FUZZ_UNSAFE === "1";
const lastN = Number(flag("last", 30));

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
console.log(`fuzz-js: ${total} operations from seed ${seed0}, segments of ${segment}, configs ${configs.join(",")}${unsafe ? ", with the known-unsafe attacks" : `; gated as known unsafe: ${Object.keys(KNOWN_UNSAFE).join(", ") || "none"}`}`);

const found = new Map(); // signature -> first report
let done = 0;
let failures = 0;
const started = performance.now();
for (let s = 0; done < total; s++) {
  const seed = seed0 + s;
  const config = configs[s % configs.length];
  const n = Math.min(segment, total - done);
  const { ops, failure } = await runFuzz({ seed, ops: n, config, unsafe });
  done += failure ? ops + 1 : ops;
  const rate = Math.round(done / ((performance.now() - started) / 1000));
  if (!failure) {
    if (s % 10 === 0 || done >= total) console.log(`  ${done} operations, ${rate}/s, ${found.size} distinct failures`);
    continue;
  }
  failures++;
  const signature = failure.error.replace(/-?\d+(\.\d+)?/g, "N").replace(/"[^"]*"/g, "S");
  if (found.has(signature)) {
    found.get(signature).count++;
    continue;
  }
  const report = { ...failure, count: 1 };
  found.set(signature, report);
  console.log(`\nFAILURE (seed ${seed}, config ${config}, step ${failure.step}): ${failure.error}`);
  console.log(`  reproduce: node --expose-gc tests/fuzz/run.mjs --seed ${seed} --ops ${failure.step + 1} --segment ${failure.step + 1} --config ${config}${unsafe ? " --unsafe" : ""}`);
  console.log(`  the last ${Math.min(lastN, failure.trace.length)} operations:`);
  for (const op of failure.trace.slice(-lastN)) console.log(`    ${formatOp(op)}`);
  if (!has("no-shrink")) {
    const small = await shrink(failure.trace, config);
    if (small.error) {
      console.log(`  shrunk to ${small.ops.length} operations (${small.error}):`);
      for (const op of small.ops) console.log(`    ${formatOp(op)}`);
    } else console.log("  (it did not fail again on replay: it depends on the collector's timing)");
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`\nfuzz-js: ${done} operations in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s); ${failures} failing segments, ${found.size} distinct failures`);
for (const [, r] of found) console.log(`  ${r.count}× ${r.error} (first: seed ${r.seed}, ${r.config}, step ${r.step})`);
process.exitCode = found.size > 0 ? 1 : 0;
