// The wasm signature of every function export, read from a module's bytes
// (the type, import, function and export sections), for the tools that
// read a module without instantiating it (dts.mjs). JS sees a function
// export's parameter count but not its types; the naming convention's
// types are the wasm ones. The bytes must have compiled as a module, so the
// structure is trusted and only the sections needed are walked.

const VALUE = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128" };

// Export name -> { params, results }, each a list of "i32", "i64", "f32",
// "f64", "v128" or "ref".
export function functionSignatures(bytes) {
  let at = 8;
  const byte = () => bytes[at++];
  const u32 = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = byte();
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  const skipName = () => {
    const length = u32(); // read before `at` is: u32() moves it
    at += length;
  };
  const valueType = () => {
    const t = byte();
    // (ref null? heaptype): the heap type is a signed LEB.
    if (t === 0x63 || t === 0x64) while (byte() & 0x80);
    return VALUE[t] ?? "ref";
  };
  const limits = () => {
    const flags = byte();
    u32();
    if (flags & 1) u32();
  };

  const types = [];
  const funcs = []; // function index -> type index
  const exports = [];
  while (at < bytes.length) {
    const id = byte();
    const size = u32();
    const end = at + size;
    if (id === 1) {
      for (let n = u32(); n > 0; n--) {
        byte(); // 0x60: only function types compile in a module JS can load
        const params = Array.from({ length: u32() }, valueType);
        const results = Array.from({ length: u32() }, valueType);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = u32(); n > 0; n--) {
        skipName();
        skipName();
        const kind = byte();
        if (kind === 0) funcs.push(u32());
        else if (kind === 1) (valueType(), limits());
        else if (kind === 2) limits();
        else if (kind === 3) (valueType(), byte());
        else (byte(), u32()); // a tag
      }
    } else if (id === 3) {
      for (let n = u32(); n > 0; n--) funcs.push(u32());
    } else if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const length = u32();
        const name = new TextDecoder().decode(bytes.subarray(at, at + length));
        at += length;
        const kind = byte();
        const index = u32();
        if (kind === 0) exports.push([name, types[funcs[index]]]);
      }
    }
    at = end;
  }
  return new Map(exports);
}
