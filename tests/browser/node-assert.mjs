// node:assert/strict for a browser page: the same checks with the same
// meaning (strict equality is Object.is, deep equality is node's strict
// deep equality for the values tests compare), so a node test that passes
// here asserts exactly what it asserts in node.

export class AssertionError extends Error {
  constructor({ message, actual, expected, operator }) {
    super(message);
    this.name = "AssertionError";
    this.code = "ERR_ASSERTION";
    Object.assign(this, { actual, expected, operator });
  }
}

function failWith(message, defaultMessage, details = {}) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message ?? defaultMessage, ...details });
}

export function ok(value, message) {
  if (!value) failWith(message, `The expression evaluated to a falsy value: ${inspect(value)}`, { actual: value, expected: true, operator: "==" });
}

export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    failWith(message, `Expected values to be strictly equal:\n\n${inspect(actual)} !== ${inspect(expected)}`, { actual, expected, operator: "strictEqual" });
  }
}

export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) failWith(message, `Expected "actual" to be strictly unequal to: ${inspect(expected)}`, { actual, expected, operator: "notStrictEqual" });
}

export function deepStrictEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) {
    failWith(message, `Expected values to be strictly deep-equal:\n${inspect(actual)}\n!==\n${inspect(expected)}`, { actual, expected, operator: "deepStrictEqual" });
  }
}

export function notDeepStrictEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) failWith(message, `Expected "actual" not to be strictly deep-equal to: ${inspect(expected)}`, { actual, expected, operator: "notDeepStrictEqual" });
}

export function match(string, regexp, message) {
  if (typeof string !== "string" || !regexp.test(string)) {
    failWith(message, `The input did not match the regular expression ${regexp}. Input:\n\n${inspect(string)}`, { actual: string, expected: regexp, operator: "match" });
  }
}

export function doesNotMatch(string, regexp, message) {
  if (typeof string !== "string" || regexp.test(string)) {
    failWith(message, `The input was expected to not match the regular expression ${regexp}. Input:\n\n${inspect(string)}`, { actual: string, expected: regexp, operator: "doesNotMatch" });
  }
}

export function throws(fn, expected, message) {
  if (typeof expected === "string") [expected, message] = [undefined, expected];
  try {
    fn();
  } catch (error) {
    validate(error, expected, message, "throws");
    return;
  }
  failWith(message, "Missing expected exception.", { operator: "throws" });
}

export function doesNotThrow(fn, message) {
  try {
    fn();
  } catch (error) {
    failWith(typeof message === "string" ? message : undefined, `Got unwanted exception.\nActual message: "${error?.message}"`, { actual: error, operator: "doesNotThrow" });
  }
}

export async function rejects(promiseOrFn, expected, message) {
  if (typeof expected === "string") [expected, message] = [undefined, expected];
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    validate(error, expected, message, "rejects");
    return;
  }
  failWith(message, "Missing expected rejection.", { operator: "rejects" });
}

export async function doesNotReject(promiseOrFn, message) {
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (error) {
    failWith(typeof message === "string" ? message : undefined, `Got unwanted rejection.\nActual message: "${error?.message}"`, { actual: error, operator: "doesNotReject" });
  }
}

export function fail(message = "Failed") {
  failWith(message, message, { operator: "fail" });
}

export function ifError(value) {
  if (value !== null && value !== undefined) throw value;
}

// node's validation of a thrown value: a RegExp tests String(error), a class
// is an instanceof check, another function must return true, an object's
// every own property must exist on the error and match (a RegExp matching a
// string property).
function validate(error, expected, message, operator) {
  if (expected === undefined) return;
  const mismatch = (why) => failWith(message, why, { actual: error, expected, operator });
  if (expected instanceof RegExp) {
    if (!expected.test(String(error))) mismatch(`The error did not match ${expected}: ${inspect(String(error))}`);
    return;
  }
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) {
      mismatch(`The error is expected to be an instance of "${expected.name}". Received ${inspect(error)}`);
    }
    if (expected.call({}, error) !== true) mismatch(`The validation function did not return true for ${inspect(error)}`);
    return;
  }
  if (typeof expected !== "object" || expected === null) throw new TypeError("assert: invalid error validation");
  if (typeof error !== "object" || error === null) mismatch(`The error is expected to be an object, got ${inspect(error)}`);
  const keys = expected instanceof Error ? ["name", "message", ...Object.keys(expected)] : Reflect.ownKeys(expected);
  for (const key of keys) {
    const want = expected[key];
    const got = error?.[key];
    const matches =
      want instanceof RegExp && typeof got === "string" ? want.test(got) : key in error && isDeepStrictEqual(got, want);
    if (!matches) mismatch(`Expected values to be strictly deep-equal in property ${String(key)}:\n${inspect(got)}\n!==\n${inspect(want)}`);
  }
}

export function isDeepStrictEqual(a, b, seen = new Map()) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);

  if (a instanceof Date && a.getTime() !== b.getTime() && !(isNaN(a) && isNaN(b))) return false;
  if (a instanceof RegExp && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex)) return false;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  for (const Boxed of [Number, String, Boolean, BigInt, Symbol]) {
    if (a instanceof Boxed && !Object.is(a.valueOf(), b.valueOf())) return false;
  }
  if (a instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && a instanceof SharedArrayBuffer)) {
    if (!sameBytes(new Uint8Array(a), new Uint8Array(b))) return false;
  } else if (a instanceof DataView) {
    if (!sameBytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength))) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  }
  if (Array.isArray(a) && a.length !== b.length) return false;
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !isDeepStrictEqual(v, b.get(k), seen)) return false;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) {
      if (b.has(v)) continue;
      if (typeof v !== "object" || v === null) return false;
      if (![...b].some((w) => isDeepStrictEqual(v, w, seen))) return false;
    }
  }
  const keysA = ownEnumerableKeys(a);
  const keysB = ownEnumerableKeys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (ArrayBuffer.isView(a) && typeof key === "string" && /^\d+$/.test(key)) continue;
    if (!isDeepStrictEqual(a[key], b[key], seen)) return false;
  }
  return true;
}

function ownEnumerableKeys(o) {
  return Reflect.ownKeys(o).filter((k) => Object.prototype.propertyIsEnumerable.call(o, k));
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inspect(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function: ${value.name || "anonymous"}]`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value !== "object" || value === null) return String(value);
  try {
    const text = JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// The default export is assert() itself, with every method on it; the
// non-strict names are the strict checks, as in node:assert/strict.
function assert(value, message) {
  ok(value, message);
}
Object.assign(assert, {
  AssertionError,
  ok,
  fail,
  equal: strictEqual,
  notEqual: notStrictEqual,
  strictEqual,
  notStrictEqual,
  deepEqual: deepStrictEqual,
  notDeepEqual: notDeepStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  match,
  doesNotMatch,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
  ifError,
});
assert.strict = assert;

export const equal = strictEqual;
export const notEqual = notStrictEqual;
export const deepEqual = deepStrictEqual;
export const notDeepEqual = notDeepStrictEqual;
export { assert as strict };
export default assert;
