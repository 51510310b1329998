// Errors the loader throws for problems that are not the caller's type
// mistakes (those are TypeErrors): bad modules, aborts inside wasm.

export class WeakbindError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "WeakbindError";
  }
}

// A C++ exception that left wasm (modules built with exceptions,
// exceptions.mjs): `type` is its demangled type, `what` its what() (null
// for a type not derived from std::exception), `className` and `method`
// the member that threw ("constructor" for `new`).
export class CppException extends WeakbindError {
  constructor(message, type, what, label, options) {
    super(message, options);
    this.name = "CppException";
    this.type = type;
    this.what = what;
    const m = /^(?:new (.+)\(\)|(.+?)\.([^.]+))$/.exec(label ?? "");
    this.className = m ? (m[1] ?? m[2]) : null;
    this.method = m ? (m[1] ? "constructor" : m[3]) : null;
  }
}

// The TypeError a call through a dead or foreign wrapper gets. `state`
// (wrapper.mjs) says why a wrapper of the module no longer reaches its
// object and what class it is. No property of the receiver is read: a
// Proxy's traps or a getter could run code (dispose, say) there.
export function misuse(self, className, method, state) {
  let what;
  if (self === undefined || self === null || typeof self !== "object") what = `called on ${self === null ? "null" : typeof self}, not a ${className}`;
  else what = state.gone(self) ?? `called on ${state.inf(self) ? `a ${state.inf(self).name}` : "an object that is no wrapper of this module"}, not a ${className}`;
  return new TypeError(`${className}.${method}: ${what}`);
}

// The error of a failed load: `why` names the message in load-failures.mjs,
// which only a failing load imports (and `details` fill in). Should that
// import fail too (the server went away), the error still says which check
// refused the load.
export async function loadFailure(why, details, cause) {
  let message;
  try {
    message = (await import("./load-failures.mjs"))[why](details);
  } catch (e) {
    message = `load: refused (${why}); the loader's messages did not load: ${e.message}`;
  }
  return new WeakbindError(message, cause === undefined ? undefined : { cause });
}
