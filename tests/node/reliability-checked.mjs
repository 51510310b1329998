// The checked allocator under the node suite (`make test-checked`).
// The heap's checked mode (rust/heap, feature `checked`) reports a double
// free, a free of a pointer it never returned, or an overwrite of its
// metadata by aborting through the runtime's `abort` import with
// "heap corruption: <kind> 0x<address>"; the loader throws that as a
// WeakbindError. A test may catch such an error, and a report inside a
// finalizer goes to onReleaseError, so a failed assertion is not enough.
//
// Preloaded (node --import) into every test process, this module wraps the
// `abort` import of every instance the loader makes, records each report,
// and fails the process at exit if there was one.
//
// Run as a script, `node reliability-checked.mjs sanity FAULTS_WASM` proves
// the module under test is checked at all: the fixture's deliberate double
// free and foreign free must each be reported.
import { pathToFileURL } from "node:url";

export const REPORT = /^heap corruption: /;

const reports = [];

function watch(imports) {
  const abort = imports?.weakbind?.abort;
  if (typeof abort !== "function") return imports;
  const watched = (...args) => {
    try {
      return abort(...args);
    } catch (e) {
      if (REPORT.test(e?.message)) reports.push(`${e.message}\n${e.stack}`);
      throw e;
    }
  };
  return { ...imports, weakbind: { ...imports.weakbind, abort: watched } };
}

const isScript = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;

if (!isScript) {
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (source, imports, ...rest) => instantiate.call(WebAssembly, source, watch(imports), ...rest);
  process.on("exit", () => {
    if (reports.length === 0) return;
    console.error(`checked heap: ${reports.length} report(s) in ${process.argv[1]}:\n${reports.join("\n")}`);
    process.exitCode = 1;
  });
} else {
  const [mode, file] = process.argv.slice(2);
  if (mode !== "sanity" || !file) {
    console.error("usage: node reliability-checked.mjs sanity FAULTS_WASM");
    process.exit(2);
  }
  const { readFile } = await import("node:fs/promises");
  const { load } = await import("../../js/weakbind.mjs");
  const bytes = await readFile(file);
  const expected = [
    ["corrupt_double_free", /^heap corruption: double free of 0x[0-9a-f]{8}$/],
    ["corrupt_foreign_free", /^heap corruption: free of foreign pointer 0x[0-9a-f]{8}$/],
  ];
  let failed = false;
  for (const [method, message] of expected) {
    const m = await load(bytes, { stdout: () => {} });
    let error = null;
    try {
      new m.Faulty(1)[method]();
    } catch (e) {
      error = e;
    }
    const ok = error?.name === "WeakbindError" && message.test(error.message);
    console.log(`checked heap sanity: Faulty.${method}() -> ${error ? `${error.name}: ${error.message}` : "no report"} ${ok ? "(reported)" : "(NOT REPORTED)"}`);
    failed ||= !ok;
  }
  if (failed) {
    console.error(`${file} is not built with the checked heap, or its checks missed a deliberate corruption`);
    process.exit(1);
  }
}
