// C++ exceptions that leave wasm, for modules built with them (weakbind-
// config --exceptions: they export the `__cpp_exception` tag). Imported only
// by such modules.
//
// A C++ exception no C++ handler took reaches JS as a WebAssembly.Exception
// carrying the runtime's exception header. It becomes a CppException: what()
// as the message, the demangled type, the class and member that threw. The
// runtime then ends the exception (its destructor runs, its memory is
// freed), so an escaping throw leaks nothing. After the outermost call has
// unwound, the runtime forgets any exception the dead frames had caught.
//
// The seed's convention methods are not called inside `try` blocks in other
// modules (calls.mjs says why); here they must be, to end each escaping
// exception at once, so exception modules get the variants below.
//
// What it shares with the core it gets as arguments (weakbind.mjs says why).

// `exports`, `memory`: the instance's; `CppException`: errors.mjs's class;
// `depth()`: wasm -> JS calls in progress.
export function exceptionSide(exports, memory, CppException, depth) {
  const tag = exports.__cpp_exception;
  const escaped = exports.weakbind_exception_escaped;
  const unwound = exports.weakbind_exceptions_unwound;
  const decoder = new TextDecoder();
  const text = (ptr) => {
    if (ptr === 0) return null;
    const bytes = new Uint8Array(memory.buffer);
    let end = ptr;
    while (bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(ptr, end));
  };

  // The JS error for `error`, which left wasm during `label` ("Class.method",
  // "new Class()"), or null when it is not a C++ exception of this module.
  function explain(error, label) {
    let result = null;
    if (error instanceof WebAssembly.Exception && error.is(tag)) {
      const words = escaped(error.getArg(tag, 0));
      if (words !== 0) {
        const view = new Uint32Array(memory.buffer, words, 2);
        const type = text(view[0]) ?? "(unknown type)";
        const what = text(view[1]);
        escaped(0); // frees the words
        result = new CppException(what ?? `C++ exception of type ${type}`, type, what, label, { cause: error });
      }
    }
    if (depth() === 0) unwound();
    return result;
  }

  return { explain, conventionMethod, guardedConstructor };
}

// A convention method whose exceptions become JS errors: the same work as
// classes.mjs's invoker, inside a try block. `self` turns the receiver into
// its pointer; `primitive` (wrapper.mjs) converts each argument first, so
// user code it runs cannot free the receiver under the call.
function conventionMethod(fn, calls, self, label, primitive) {
  const failed = (e) => {
    calls.open = 0;
    return calls.unwound(e, label);
  };
  const call = (receiver, args) => {
    const xs = args.map(primitive);
    const p = self(receiver);
    calls.enter();
    let r;
    try {
      r = fn(p, ...xs);
    } catch (e) {
      throw failed(e);
    }
    calls.leave();
    return r;
  };
  return function (...args) {
    return call(this, args);
  };
}

// A convention constructor's wasm call inside a try block (classes.mjs
// makes the rest of the constructor): a constructor that throws registers
// nothing (there is no pointer to adopt, and C++ freed the memory).
function guardedConstructor(fn, calls, label) {
  return (x, y, z, w) => {
    try {
      return fn(x, y, z, w);
    } catch (e) {
      calls.open = 0;
      throw calls.unwound(e, label);
    }
  };
}
