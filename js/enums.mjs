// Enums of the typed half: a C++ or Rust enum becomes a frozen object of
// its named values on the module (m.Color.Red). The metadata record names
// the enumerators; their values come from the module, whose export gives
// the i-th one's (a record is text the preprocessor writes, and it cannot
// spell a C++ constant's value).

// `spec`: { name, fn, names, strings } from parseMetadata. The object has
// no prototype, so a name such as `constructor` or `toString` is just a
// name. The export only reads a constant table, so it is called as is.
// Returns the object JS sees and how its values cross: `wire` maps what JS
// passes (a number, or a name when `strings`) to the wasm value; `named`
// maps a wasm value back to its name (string enums' results).
export function enumOf(spec) {
  const object = Object.create(null);
  const wire = new Map();
  const named = new Map();
  spec.names.forEach((name, i) => {
    const value = spec.fn(i);
    object[name] = spec.strings ? name : value;
    wire.set(object[name], value);
    if (!named.has(value)) named.set(value, name);
  });
  return { object: Object.freeze(object), wire, named, small: smallTable(spec, wire) };
}

// A numeric enum whose values span at most 256 integers: a byte per
// integer from the least (`min`), 1 for the enum's, so a check is one
// typed array index (which no prototype can intercept, and which is
// undefined for a fraction, NaN or out of range); null for any other enum,
// which `wire` checks.
function smallTable(spec, wire) {
  if (spec.strings || wire.size === 0) return null;
  const values = [...wire.keys()];
  if (!values.every(Number.isInteger)) return null;
  const min = Math.min(...values);
  if (Math.max(...values) - min > 255) return null;
  const table = new Uint8Array(256);
  for (const value of values) table[value - min] = 1;
  return { table, min };
}
