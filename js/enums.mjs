// Enums of the typed half: a C++ or Rust enum becomes a frozen object of
// its named values on the module (m.Color.Red). The metadata record names
// the enumerators; their values come from the module, whose export gives
// the i-th one's (a record is text the preprocessor writes, and it cannot
// spell a C++ constant's value).

// `spec`: { name, fn, names } from parseMetadata. The object has no
// prototype, so a name such as `constructor` or `toString` is just a name.
// The export only reads a constant table, so it is called as is.
export function enumObject(spec) {
  const object = Object.create(null);
  spec.names.forEach((name, i) => {
    object[name] = spec.fn(i);
  });
  return Object.freeze(object);
}
