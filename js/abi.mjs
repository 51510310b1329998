// The C ABI as the loader uses it. cpp/include/weakbind.h is the one
// statement of it; JS cannot read a header, so what the loader needs is
// repeated here, once, and tests/node/abi.test.mjs holds every line of this
// file to the header (as rust/abi-check holds the Rust runtime to it).

// WEAKBIND_ABI_VERSION: a module whose weakbind_abi_version() differs is
// refused.
export const ABI_VERSION = 5;

// WEAKBIND_TOKEN_SLOT_BITS: a wrapper token's low bits, its registry slot.
export const TOKEN_SLOT_BITS = 24;

// WEAKBIND_ERR_<NAME>: the registry's negative results, -1 first, with the
// words the loader's messages use for them.
const ERRORS = [
  ["NULL_POINTER", "null pointer"],
  ["UNKNOWN_CLASS", "unknown class"],
  ["CLASS_MISMATCH", "pointer registered with another class"],
  ["NOT_REGISTERED", "not registered"],
  ["NOT_RETAINED", "not retained"],
  ["STALE_TOKEN", "stale wrapper token"],
  ["TOO_MANY_OBJECTS", "too many objects"],
  ["OUT_OF_MEMORY", "out of memory for the registry"],
  ["ALREADY_OWNED", "already owned by a wrapper"],
  ["NOT_OWNED", "not owned by a wrapper"],
];
// The words of code c at REGISTRY_ERRORS[-1 - c].
export const REGISTRY_ERRORS = ERRORS.map(([, words]) => words);
export const ERROR_CODES = Object.fromEntries(ERRORS.map(([name], i) => [name, -1 - i]));
export const CLASS_MISMATCH = ERROR_CODES.CLASS_MISMATCH; // the object is someone else's
export const ALREADY_OWNED = ERROR_CODES.ALREADY_OWNED; // another wrapper owns it

// struct weakbind_heap_info, one 32-bit word per field (wasm32's size_t and
// pointers), in the header's order.
export const HEAP_INFO = [
  "in_use",
  "peak_in_use",
  "memory_size",
  "allocations",
  "large_allocations",
  "class_count",
  "class_sizes",
  "class_live",
  "registry_bytes",
  "registry_blocks",
];

// The fields of the weakbind_heap_info at `ptr`, by the header's names.
export function readHeapInfo(buffer, ptr) {
  const words = new Uint32Array(buffer, ptr, HEAP_INFO.length);
  return Object.fromEntries(HEAP_INFO.map((field, i) => [field, words[i]]));
}

// The imports of module "weakbind": the ones every module may import, and
// the ones of the JS-value side (js-values.mjs, loaded only for modules
// that import one of them).
export const RUNTIME_IMPORTS = ["abort", "deferred", "destroy", "freed"];
export const JS_VALUE_IMPORTS = [
  "incref",
  "decref",
  "own",
  "root",
  "unroot",
  "arg_f64",
  "arg_string",
  "arg_value",
  "arg_object",
  "call",
  "result_f64",
  "result_string",
  "result_value",
];
// Of those, the ones the runtime itself imports (weakbind_js_own and the
// owner counts moving values): a module importing only these holds no JS
// value, since holding one takes incref and decref.
export const VALUE_HOME_IMPORTS = ["own", "root", "unroot"];
