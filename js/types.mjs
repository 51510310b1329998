// How each metadata type crosses the boundary (the table in
// docs/ARCHITECTURE.md, "Metadata"). A parameter converter turns one JS
// argument into wasm arguments; a result converter turns the wasm result
// into a JS value. `raw` is the naming convention's type: numbers pass
// through untouched. Errors are the loader's WeakbindError, which `ctx`
// carries (weakbind.mjs, load(), says why it is not imported).

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

// `at(i)` names a parameter in messages: "Node.contains: argument 1".

// Converters for parameters that take one wasm value: (arg, index) -> wire.
export function simpleParam(type, ctx, at) {
  switch (type.kind) {
    case "raw":
      return (a) => a;
    case "i32":
    case "u32":
    case "f32":
    case "f64":
      return (a, i) => {
        if (typeof a === "number") return a;
        throw new TypeError(`${at(i)} must be a number, got ${describe(a)}`);
      };
    case "bool":
      return (a, i) => {
        if (typeof a === "boolean") return a ? 1 : 0;
        throw new TypeError(`${at(i)} must be a boolean, got ${describe(a)}`);
      };
    case "i64":
    case "u64": {
      const [min, max] = type.kind === "i64" ? [I64_MIN, I64_MAX] : [0n, U64_MAX];
      return (a, i) => {
        const v = typeof a === "bigint" ? a : Number.isSafeInteger(a) ? BigInt(a) : null;
        if (v === null) throw new TypeError(`${at(i)} must be a BigInt or a safe integer, got ${describe(a)}`);
        if (v < min || v > max) throw new RangeError(`${at(i)} is out of range for ${type.kind}: ${v}`);
        return BigInt.asIntN(64, v);
      };
    }
    case "js":
      return (a) => ctx.values.add(a);
    case "object": {
      const key = ctx.pointerKey(type.class);
      return (a, i) => {
        const p = a?.[key];
        if (p > 0) return p;
        if (a == null && type.nullable) return 0;
        throw new TypeError(`${at(i)} must be a ${type.class}${type.nullable ? " or null" : ""}, got ${describeObject(a, key)}`);
      };
    }
    default:
      return null; // not a one-value type
  }
}

// Converters for strings and bytes: push (ptr, len), remember the block.
// Short ASCII strings are copied by hand: TextEncoder's per-call overhead
// dwarfs the copy for them.
export function blockParam(type, ctx, at) {
  const { alloc, free, memory, WeakbindError } = ctx;
  const copyIn = (bytes, i, wire, blocks) => {
    const ptr = alloc(bytes.length);
    if (!ptr) throw new WeakbindError(`out of memory: ${at(i)} needs ${bytes.length} bytes`);
    blocks.push(ptr);
    new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
    wire.push(ptr, bytes.length);
  };
  if (type.kind === "bytes") {
    return (a, i, wire, blocks) => {
      if (!(a instanceof Uint8Array)) throw new TypeError(`${at(i)} must be a Uint8Array, got ${describe(a)}`);
      copyIn(a, i, wire, blocks);
    };
  }
  return (a, i, wire, blocks) => {
    if (typeof a !== "string") throw new TypeError(`${at(i)} must be a string, got ${describe(a)}`);
    const n = a.length;
    if (n <= SHORT) {
      const ptr = alloc(n);
      if (!ptr) throw new WeakbindError(`out of memory: ${at(i)} needs ${n} bytes`);
      const view = new Uint8Array(memory.buffer, ptr, n);
      let j = 0;
      for (; j < n; j++) {
        const c = a.charCodeAt(j);
        if (c > 0x7f) break;
        view[j] = c;
      }
      if (j === n) {
        blocks.push(ptr);
        wire.push(ptr, n);
        return;
      }
      free(ptr);
    }
    copyIn(encoder.encode(a), i, wire, blocks);
  };
}

const SHORT = 64;

// UTF-8 bytes to a string, by hand when short and ASCII.
function decodeUtf8(bytes) {
  if (bytes.length <= SHORT) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, bytes);
  }
  return decoder.decode(bytes);
}

// (wasm result, the wrapper the call was made on or null) -> JS value.
export function resultConverter(type, ctx, where) {
  const { WeakbindError } = ctx;
  switch (type.kind) {
    case "raw":
    case "i32":
    case "f32":
    case "f64":
      return null; // as is
    case "void":
      return () => undefined;
    case "u32":
      return (r) => r >>> 0;
    case "bool":
      return (r) => r !== 0;
    case "i64":
      return null;
    case "u64":
      return (r) => BigInt.asUintN(64, r);
    case "string":
      return (ptr) => takeBlock(ctx, ptr, decodeUtf8);
    case "bytes":
      return (ptr) => takeBlock(ctx, ptr, (bytes) => bytes.slice());
    case "js":
      return (handle) => {
        const value = ctx.values.get(handle);
        ctx.values.decref(handle);
        return value;
      };
    case "object": {
      // Classes may still be under construction when converters are made.
      let inf = null;
      const { owned, borrowed } = ctx;
      return (ptr, parent) => {
        if (ptr === 0) {
          if (type.nullable) return null;
          throw new WeakbindError(`${where()} returned NULL, but its result is not nullable`);
        }
        inf ??= ctx.classInfo(type.class);
        return type.ownership === "own" ? owned(ptr, inf) : borrowed(ptr, inf, parent);
      };
    }
    default:
      throw new WeakbindError(`unsupported result type ${type.kind}`);
  }
}

// Reads a block `u32 len, bytes` from wasm with `read` (which must copy what
// it keeps), then frees the block.
function takeBlock(ctx, ptr, read) {
  const buffer = ctx.memory.buffer;
  // (ctx.memory and ctx.free are plain data properties: see typed.mjs.)
  const len = new DataView(buffer).getUint32(ptr, true);
  const value = read(new Uint8Array(buffer, ptr + 4, len));
  ctx.free(ptr);
  return value;
}

function describe(a) {
  if (a === null || a === undefined) return String(a);
  if (typeof a === "object") return `a ${a.constructor?.name ?? "object"}`;
  if (typeof a === "string") return `string ${JSON.stringify(a.length > 20 ? `${a.slice(0, 20)}…` : a)}`;
  return `${typeof a} ${String(a)}`;
}

function describeObject(a, key) {
  if (a !== null && typeof a === "object" && a[key] === 0) return `a disposed ${a.constructor?.name}`;
  return describe(a);
}
