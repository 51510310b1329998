// What to say when a load fails: the message for each way `load` can refuse
// a source or a module. Imported only when a load fails (errors.mjs,
// loadFailure), so a page whose loads succeed never fetches these words.

export function notASource(value) {
  return `load: expected wasm bytes, a Response, a URL or a WebAssembly.Module, got ${describe(value)}`;
}

export function notWasm(bytes) {
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
  return `load: the input is not a WebAssembly module (${bytes.length} bytes, starting ${head || "with nothing"}; wasm starts 00 61 73 6d)`;
}

export function malformed(error) {
  return `load: the WebAssembly module is malformed: ${error.message}`;
}

export function httpFailed(response) {
  return `load: fetching ${response.url || "the module"} failed with HTTP ${response.status}`;
}

// `missing`: the module's import descriptors the loader lacks.
export function missingImports(missing) {
  const names = missing.map(({ module: m, name, kind }) => `${m}.${name} (${kind})`).join(", ");
  return `load: the module imports ${names}, which the weakbind loader does not provide`;
}

export function noRuntime(classNames) {
  return `load: the module exports classes (${classNames.join(", ")}) but was not linked with the weakbind runtime (no weakbind_abi_version export)`;
}

export function abiVersion([version, expected]) {
  return `load: the module's runtime has ABI version ${version}; this loader speaks ${expected}`;
}

function describe(value) {
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "an object";
  return typeof value;
}
