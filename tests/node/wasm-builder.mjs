// Builds small wasm modules byte by byte, for tests that need a module the
// compiler would never produce (malformed metadata, odd imports).

const encoder = new TextEncoder();

// Unsigned LEB128, wasm's integer encoding (shared by every test that
// writes modules by hand).
export function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

const vec = (items) => [...uleb(items.length), ...items.flat()];
const name = (s) => vec([...encoder.encode(s)]);
const section = (id, body) => [id, ...uleb(body.length), ...body];

// `functions`: [{ name, params, result }] — exported functions taking
// `params` i32s and returning i32 `result` (0 unless given). `imports`:
// [{ module, name }] functions of no parameters and no result (a JS
// function satisfies any import type). `custom`: [{ name, bytes }] custom
// sections.
export function buildModule({ functions = [], imports = [], custom = [] } = {}) {
  const types = [[0x60, 0, 0], ...functions.map((f) => [0x60, ...vec(Array(f.params).fill(0x7f)), 1, 0x7f])];
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (functions.length > 0 || imports.length > 0) bytes.push(...section(1, vec(types)));
  if (imports.length > 0) {
    bytes.push(...section(2, vec(imports.map((i) => [...name(i.module), ...name(i.name), 0x00, 0x00]))));
  }
  if (functions.length > 0) {
    const first = imports.length; // imported functions come first in the index space
    bytes.push(...section(3, vec(functions.map((_, i) => uleb(i + 1)))));
    bytes.push(...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(first + i)]))));
    const body = (f) => [0x00, 0x41, ...sleb(f.result ?? 0), 0x0b]; // no locals; i32.const result; end
    bytes.push(...section(10, vec(functions.map((f) => [...uleb(body(f).length), ...body(f)]))));
  }
  for (const c of custom) bytes.push(...section(0, [...name(c.name), ...c.bytes]));
  return new Uint8Array(bytes);
}

// Signed LEB128, for i32.const.
function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

// A module whose `weakbind` section holds `records` (NUL-terminated), with
// the exports they name.
export function moduleWithMetadata(records, functions, { terminate = true } = {}) {
  let text = records.join("\0");
  if (terminate) text += "\0";
  return buildModule({ functions, custom: [{ name: "weakbind", bytes: [...encoder.encode(text)] }] });
}
