// The type words of the `weakbind` section (docs/ARCHITECTURE.md,
// "Metadata"): which word may stand where, and what it parses to. The
// record checks (metadata.mjs) throw a problem as a string and add the
// record; so do these. rust/meta/src/records/types.rs reads the same words, and
// tests/metadata/cases.json holds both to one message per section.

import { VIEW_ELEMENTS } from "./views.mjs";

const SCALARS = new Set(["void", "i32", "u32", "bool", "f32", "f64", "i64", "u64", "string", "bytes", "js", "f64[]", "f32[]", "i32[]", "u32[]"]);
// The words a virtual implemented in JS or a callback may use
// (weakbind/interfaces.hpp, callbacks.hpp).
const VIRTUAL_WORDS = new Set(["void", "i32", "u32", "f32", "f64", "bool", "i64", "u64", "string", "js"]);
// The numeric arrays (and `bytes`) a call into JS may take and return
// (callWord).
const CALL_BLOCKS = new Set(["f64[]", "f32[]", "i32[]", "u32[]", "bytes"]);

// Where a type stands; the format allows different types in each place.
export const PARAM = "a parameter";
export const RESULT = "a result";
export const GETTER = "a getter's type";
export const SETTER = "a setter's type";
export const FIELD = "a value's field";
const OPTIONAL = "an optional's type";
const ELEMENT = "an array's element";
const MAP_VALUE = "a map's value";
// The scalar types an Array's element may have (besides enum:E, value:V
// and Arrays: `f64[][]`, `string[][]`), and those a value's field or an
// optional may have besides enum:E, value:V, Arrays, `map:K:V` (and, for
// a field, `opt:T`).
const ELEMENT_TYPES = new Set(["string", "bytes", "f64[]", "f32[]", "i32[]", "u32[]"]);
const FIELD_TYPES = new Set(["i32", "u32", "f32", "f64", "bool", "i64", "u64", "string", "bytes", "f64[]", "f32[]", "i32[]", "u32[]"]);
// The key words of a map.
const MAP_KEYS = new Set(["string", "i32", "u32", "f64"]);

// The parser of type words for one section: `classes`, `enumNames` and
// `valueFields` are the names its `class`, `enum` and `value` records
// declare (parseMetadata collects them before any record is checked).
export function typeWords(classes, enumNames, valueFields) {
  // A type in `place`: `{ kind }`, or an object type.
  const typeOf = (text, place) => {
    let type = { kind: text };
    if (text.startsWith("fn:")) return callbackOf(text, place);
    if (text.startsWith("map:")) return mapOf(text, place);
    if (text.startsWith("view:")) return viewOf(text, place, RESULT);
    if (text.endsWith("[]") && classes.has(text.slice(0, -2).replace(/^(own|ref):/, "").replace(/\?$/, ""))) {
      // An Array of objects: borrowed in, owned or ref out (as one object);
      // `C?[]` (and `own:C?[]`, `ref:C?[]`) allows null elements.
      if (place === FIELD || place === OPTIONAL || place === ELEMENT) throw `type '${text}' is not allowed as ${place}`;
      return { kind: "list", inner: typeOf(text.slice(0, -2), place) };
    }
    if (text.endsWith("[]") && !SCALARS.has(text) && !text.startsWith("opt:") && isElementWord(text.slice(0, -2))) {
      // An Array of strings, numeric arrays, enums, values or Arrays of
      // those, copied (a numeric array itself is one of SCALARS, and
      // `opt:T[]` an optional Array); a field or an optional may be one.
      return { kind: "list", inner: typeOf(text.slice(0, -2), ELEMENT) };
    }
    if (text.startsWith("enum:")) {
      const name = text.slice(5);
      if (!enumNames.has(name)) throw `undeclared enum '${name}'`;
      return { kind: "enum", enum: name, strings: enumNames.get(name) };
    }
    if (text.startsWith("opt:")) {
      // `opt:T`: T | undefined, for the types a field may have; a field may
      // be one, an optional may not.
      if (place === OPTIONAL) throw `type '${text}' is not allowed as ${place}`;
      return { kind: "optional", inner: typeOf(text.slice(4), OPTIONAL) };
    }
    if (text.startsWith("value:")) {
      const name = text.slice(6);
      if (!valueFields.has(name)) throw `undeclared value '${name}'`;
      return { kind: "value", value: name }; // allowed everywhere
    }

    if (!SCALARS.has(text)) {
      const ownership = /^(own|ref):/.exec(text)?.[1] ?? null;
      let name = ownership ? text.slice(4) : text;
      const nullable = name.endsWith("?");
      if (nullable) name = name.slice(0, -1);
      if (!classes.has(name)) throw ownership ? `undeclared class '${name}'` : `unknown type '${text}'`;
      type = { kind: "object", class: name, nullable, ownership };
    }
    // void is only a result; objects come in borrowed, go out owned or ref.
    const out = place === RESULT || place === GETTER;
    const allowed =
      place === ELEMENT ? ELEMENT_TYPES.has(text) : place === FIELD || place === OPTIONAL ? FIELD_TYPES.has(text) : text === "void" ? place === RESULT : type.kind !== "object" || out === (type.ownership !== null);
    if (!allowed) throw `type '${text}' is not allowed as ${place}`;
    return type;
  };
  // Whether an Array of `word` is one of its elements (else the word is
  // read as a class's: `C[]`, or no type).
  const isElementWord = (word) => ELEMENT_TYPES.has(word) || word.startsWith("enum:") || word.startsWith("value:") || word.endsWith("[]");
  // `map:K:V`: a JS Map (weakbind/maps.hpp), K a key word, V a field's;
  // anywhere but an array's element.
  const mapOf = (text, place) => {
    const colon = text.indexOf(":", 4);
    if (colon < 0) throw `unknown type '${text}'`;
    const key = text.slice(4, colon);
    if (!MAP_KEYS.has(key)) throw `type '${text}' has key '${key}': a map's key is string, i32, u32 or f64`;
    if (place === ELEMENT) throw `type '${text}' is not allowed as ${place}`;
    const value = typeOf(text.slice(colon + 1), FIELD);
    // (A map's value is a field's type, but an optional: an entry is there
    // or not.)
    if (value.kind === "optional") throw `type '${text.slice(colon + 1)}' is not allowed as ${MAP_VALUE}`;
    return { kind: "map", key: { kind: key }, value };
  };
  // A word of a call C++ makes into JS (a callback's, a virtual's): a
  // VIRTUAL_WORDS one, a declared class (borrowed; as a result, `C?`
  // allows null), or one that crosses as a block or an enum's number
  // (weakbind/call_blocks.hpp): enum:E, value:V, a numeric array, an
  // Array of the elements an export's may have, `opt:T` and `map:K:V`, as
  // for an export, and an Array of objects, `C[]` or `C?[]`.
  const callWord = (w, at, what) => {
    if (w.startsWith("view:")) {
      if (at !== PARAM) throw `type '${w}' is not allowed in ${what} as ${at}`;
      return viewOf(w, at, PARAM);
    }
    if (CALL_BLOCKS.has(w) || /^(enum|value|opt|map):/.test(w) || (w.endsWith("[]") && isElementWord(w.slice(0, -2)))) return typeOf(w, PARAM);
    // `ref:C` (`ref:C?`, and Arrays of those), a result only: an object
    // wasm becomes an owner of (Rust's Retained<C>), so one the registry
    // knows.
    const ownership = at === RESULT && w.startsWith("ref:") ? "ref" : null;
    const word = ownership ? w.slice(4) : w;
    // An Array of objects (`C[]`; `C?[]` allows null), both ways: borrowed,
    // as one object is (call-objects.mjs).
    const element = word.endsWith("[]") ? word.slice(0, -2) : "";
    const elementClass = element.endsWith("?") ? element.slice(0, -1) : element;
    if (classes.has(elementClass)) return { kind: "list", inner: { kind: "object", class: elementClass, nullable: elementClass !== element, ownership } };
    const nullable = at === RESULT && word.endsWith("?");
    const cls = nullable ? word.slice(0, -1) : word;
    if (classes.has(cls)) return { kind: "object", class: cls, nullable, ownership };
    if (ownership) throw `undeclared class '${cls}'`;
    if (!VIRTUAL_WORDS.has(w) || (w === "void" && at === PARAM)) throw `type '${w}' is not allowed in ${what} as ${at}`;
    return { kind: w };
  };
  // `view:T`: a borrowed view of numbers (views.mjs), in `allowed` only
  // (a result of an export, a parameter of a call into JS).
  const viewOf = (text, place, allowed) => {
    const element = text.slice(5);
    if (!VIEW_ELEMENTS.includes(element)) throw `unknown type '${text}'`;
    if (place !== allowed) throw `type '${text}' is not allowed as ${place}`;
    return { kind: "view", element };
  };
  // `fn:R(P;P)`: a JS function C++ calls (weakbind/callbacks.hpp), a
  // parameter only; passed as a `js` handle.
  const callbackOf = (text, place) => {
    const m = /^fn:([^();]*)\(([^()]*)\)$/.exec(text);
    if (m === null) throw `unknown type '${text}'`;
    const result = callWord(m[1], RESULT, "a callback");
    const params = m[2] === "" ? [] : m[2].split(";").map((w) => callWord(w, PARAM, "a callback"));
    if (params.length > 6) throw `a callback takes at most 6 parameters, got ${params.length}`;
    if (place !== PARAM) throw `type '${text}' is not allowed as ${place}`;
    return { kind: "js", fn: { result, params } };
  };
  const paramsOf = (field) => (field === "-" ? [] : field.split(",").map((t) => typeOf(t, PARAM)));
  return { typeOf, callWord, paramsOf };
}
