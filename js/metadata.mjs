// Reads the `weakbind` custom section (format in docs/ARCHITECTURE.md,
// "Metadata") into class specs, and checks it against the module's exports.
//
// rust/meta (weakbind dts/inspect) parses the same sections, and
// tests/metadata/cases.json holds both to one outcome and one message per
// section, so the order of the checks is part of the format, as in
// rust/meta/src/records.rs: the final NUL, UTF-8, then each record in
// section order (kind, field count, class, name, types left to right,
// export, wasm parameter count, duplicates), then the version record. The
// first failure is the error, shaped `metadata: PROBLEM in record 'RECORD'`,
// a WeakbindError: the loader passes its class in (weakbind.mjs, load(),
// says why it is not imported).

import { paramNamesRecord } from "./param-names.mjs";
import { typeWords, PARAM, RESULT, GETTER, SETTER, FIELD } from "./metadata-types.mjs";

export const METADATA_VERSION = 1;

// Each record kind's fields, as the field-count error spells them; the word
// count is the field count (`[BASE]` is optional). Keyed by kind in a Map:
// a kind is untrusted text, and `constructor` must not find Object's.
const USAGE = new Map(
  [
    "weakbind VERSION",
    "class NAME [BASE]",
    "ctor CLASS EXPORT PARAMS",
    "dtor CLASS EXPORT",
    "method CLASS NAME EXPORT PARAMS RESULT",
    "static CLASS NAME EXPORT PARAMS RESULT",
    "getter CLASS NAME EXPORT TYPE",
    "setter CLASS NAME EXPORT TYPE",
    "function NAME EXPORT PARAMS RESULT",
    "enum NAME EXPORT NAMES [strings]",
    "virtual CLASS NAME PARAMS RESULT FORM",
    "extend CLASS EXPORT PARAMS",
    "value NAME FIELDS",
    "params CLASS MEMBER NAMES",
  ].map((usage) => [usage.split(" ")[0], usage]),
);

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A class name starts with a letter, as the naming convention's class part
// does (classes.mjs) and rust/meta's is_class_name says.
const CLASS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
// Wasm parameters a type takes as a parameter (1 unless listed; an
// optional's flag before its type's own).
const WIDTH = { void: 0, string: 2, bytes: 2, "f64[]": 2, "f32[]": 2, "i32[]": 2, "u32[]": 2 };
const width = (type) => (type.kind === "optional" ? 1 + width(type.inner) : type.kind === "list" || type.kind === "map" ? 2 : (WIDTH[type.kind] ?? 1));
// Names the wrapper (or, for statics, its class) already uses.
const RESERVED = { method: ["constructor", "dispose"], static: ["prototype"] };
// What the object load() returns already holds: functions and enums sit
// beside the classes there.
const MODULE_MEMBERS = ["exports", "memory", "strategy", "jsref", "jsvalue", "flush", "scope", "keep", "stats", "leaks", "check"];

// Keeps a leading U+FEFF: it is part of a record, as in Rust.
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { ignoreBOM: true });

// The section's records (non-empty, UTF-8), or null when the module has no
// `weakbind` section. wasm-ld may leave the section in several pieces; they
// are one section, joined before any check.
export function readMetadata(module, WeakbindError) {
  const pieces = WebAssembly.Module.customSections(module, "weakbind");
  if (pieces.length === 0) return null;
  const bytes = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  pieces.reduce((at, p) => (bytes.set(new Uint8Array(p), at), at + p.byteLength), 0);

  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0) {
    throw recordError(WeakbindError, "truncated (no final NUL)", lossy.decode(bytes.subarray(bytes.lastIndexOf(0) + 1)));
  }
  const records = [];
  // NUL never occurs inside a UTF-8 sequence, so splitting bytes at NUL
  // splits the text; empty records are padding.
  for (let start = 0, end; start < bytes.length; start = end + 1) {
    end = bytes.indexOf(0, start);
    if (end === start) continue;
    const piece = bytes.subarray(start, end);
    try {
      records.push(strict.decode(piece));
    } catch {
      throw recordError(WeakbindError, "invalid UTF-8", lossy.decode(piece));
    }
  }
  return records;
}

// Parses records into `Map<className, spec>` and validates them against
// `exports` (export name -> function). The map also carries the module's
// free functions (`functions`: [{ name, fn, params, result }]) and enums
// (`enums`: Map<name, { name, fn, names }>) and value types (`valueTypes`:
// Map<name, { name, fields: [{ name, type }] }>) and parameter names
// (`paramNames`: Map<"CLASS MEMBER ARITY", names>, CLASS `-` for a function).
export function parseMetadata(records, exports, WeakbindError) {
  // Every class and enum a `class` or `enum` record names, before any
  // record is checked, so records may come in any order (link order is not
  // source order). The first record of a class gives its base.
  const classes = new Map();
  const enumNames = new Map(); // name -> whether JS sees its values as strings
  const valueFields = new Map(); // value name -> its first record's FIELDS
  for (const text of records) {
    const [kind, name, base = null] = text.split(" ");
    if (kind === "class" && name !== undefined && !classes.has(name)) {
      classes.set(name, { name, base, ctors: [], destructor: null, methods: [], statics: [], getters: new Map(), setters: new Map(), virtuals: [], extends: [] });
    }
    if (kind === "enum" && name !== undefined && !enumNames.has(name)) enumNames.set(name, text.split(" ")[4] === "strings");
    if (kind === "value" && name !== undefined && !valueFields.has(name)) valueFields.set(name, base ?? "");
  }
  classes.functions = [];
  classes.enums = new Map();
  classes.valueTypes = new Map(); // (not `values`: the Map has that method)
  classes.paramNames = new Map();

  const defined = new Set(); // classes whose `class` record was checked
  const keys = new Set(); // what member records define, for duplicates
  const unique = (key, problem) => {
    if (keys.has(key)) throw problem;
    keys.add(key);
  };
  const { typeOf, callWord, paramsOf } = typeWords(classes, enumNames, valueFields);


  // The export, a function taking `self` (the object pointer) plus what
  // `params` take. JS sees only a function's parameter count, not types.
  const exportOf = (name, self, params) => {
    const fn = Object.hasOwn(exports, name) ? exports[name] : undefined;
    if (typeof fn !== "function") throw `missing export '${name}'`;
    const expected = params.reduce((n, p) => n + width(p), self);
    if (fn.length !== expected) throw `export '${name}' has ${fn.length} wasm parameters, expected ${expected}`;
    return fn;
  };

  const record = (f) => {
    const [kind, cls, name] = f;
    const usage = USAGE.get(kind);
    if (!usage) throw `unknown record kind '${kind}'`;
    const count = usage.split(" ").length;
    // `[...]`, the last field of `class` and `enum`, may be left out.
    const optional = usage.endsWith("]") && f.length === count - 1;
    if ((f.length !== count && !optional) || f.includes("")) throw `expected '${usage}'`;

    if (kind === "weakbind") {
      if (cls !== String(METADATA_VERSION)) throw `unknown version '${cls}'`;
      return true;
    }
    if (kind === "class") return void defineClass(f);
    if (kind === "function") return void defineFunction(f);
    if (kind === "enum") return void defineEnum(f);
    if (kind === "value") return void defineValue(f);
    if (kind === "params") return void paramNamesRecord(f, classes, classes.paramNames);

    const spec = classes.get(cls);
    if (!spec) throw `undeclared class '${cls}'`;
    if (kind === "ctor") {
      const params = paramsOf(f[3]);
      const fn = exportOf(f[2], 0, params);
      unique(`ctor ${cls} ${params.length}`, `duplicate constructor of arity ${params.length} for class '${cls}'`);
      spec.ctors.push({ fn, params });
      return;
    }
    if (kind === "extend") return void defineExtend(spec, f);
    if (kind === "virtual") return void defineVirtual(spec, f);
    if (kind === "dtor") {
      const fn = exportOf(f[2], 1, []);
      unique(`dtor ${cls}`, `duplicate destructor for class '${cls}'`);
      spec.destructor = fn;
      return;
    }

    // method, static, getter, setter: CLASS NAME EXPORT ...
    if (!IDENT.test(name)) throw `invalid name '${name}'`;
    if ((RESERVED[kind] ?? RESERVED.method).includes(name)) throw `reserved name '${name}'`;
    if (kind === "method" || kind === "static") {
      const params = paramsOf(f[4]);
      const result = typeOf(f[5], RESULT);
      const fn = exportOf(f[3], kind === "method" ? 1 : 0, params);
      // Statics live on the class, methods on the prototype: one name may be
      // both. One name may have one record per arity (overloads by arity).
      const what = kind === "method" ? "member" : "static";
      const duplicate = `duplicate ${what} '${name}' of class '${cls}'`;
      unique(`${what} ${cls} ${name} ${params.length}`, duplicate);
      if (kind === "method") {
        // A property of that name, not another arity of this method.
        if (keys.has(`member ${cls} ${name}`) && !keys.has(`method ${cls} ${name}`)) throw duplicate;
        keys.add(`member ${cls} ${name}`).add(`method ${cls} ${name}`);
      }
      spec[`${kind}s`].push({ name, fn, params, result });
      return;
    }
    const getter = kind === "getter";
    const type = typeOf(f[4], getter ? GETTER : SETTER);
    const fn = exportOf(f[3], 1, getter ? [] : [type]);
    // A getter and a setter of one name make one property; a method of
    // that name, or a second getter, is a duplicate.
    const duplicate = `duplicate member '${name}' of class '${cls}'`;
    const pair = keys.has(`${getter ? "setter" : "getter"} ${cls} ${name}`);
    unique(`${kind} ${cls} ${name}`, duplicate);
    if (!pair) unique(`member ${cls} ${name}`, duplicate);
    spec[`${kind}s`].set(name, { name, fn, type });
  };

  // `class NAME [BASE]`: a valid name, a declared base, no cycle, once.
  const defineClass = ([, name, base]) => {
    if (!CLASS_NAME.test(name) || name.includes("__")) throw `invalid class name '${name}'`;
    if (base !== undefined) {
      if (!classes.has(base)) throw `undeclared class '${base}'`;
      // Follow the declared bases; coming back to `name` is a cycle. A
      // chain longer than the class count is a cycle not through `name`,
      // found at one of its own records.
      for (let at = base, n = 0; at !== null && n <= classes.size; at = classes.get(at)?.base ?? null, n++) {
        if (at === name) throw `inheritance cycle through class '${name}'`;
      }
    }
    // A second `class` record of a name, not a byte-for-byte repeat.
    if (defined.has(name)) throw `duplicate class '${name}'`;
    defined.add(name);
  };

  // `function NAME EXPORT PARAMS RESULT`: a module member of its own name.
  const defineFunction = ([, name, fn, params, result]) => {
    moduleName(name);
    const types = paramsOf(params);
    const type = typeOf(result, RESULT);
    const exported = exportOf(fn, 0, types);
    // One record per arity (overloads by arity); an enum's name is taken.
    unique(`function ${name} ${types.length}`, `duplicate function '${name}' of arity ${types.length}`);
    if (keys.has(`enum ${name}`)) throw `duplicate module member '${name}'`;
    keys.add(`module ${name}`);
    classes.functions.push({ name, fn: exported, params: types, result: type });
  };

  // `enum NAME EXPORT NAMES`: the export gives the i-th name's value.
  // With `strings`, JS sees each value as its name.
  const defineEnum = ([, name, fn, names, form]) => {
    moduleName(name);
    if (form !== undefined && form !== "strings") throw `unknown enum form '${form}'`;
    const list = names.split(",");
    for (const n of list) if (!IDENT.test(n)) throw `invalid enumerator name '${n}'`;
    if (new Set(list).size !== list.length) throw `duplicate enumerator in enum '${name}'`;
    const exported = exportOf(fn, 1, []);
    unique(`module ${name}`, `duplicate module member '${name}'`);
    keys.add(`enum ${name}`);
    classes.enums.set(name, { name, fn: exported, names: list, strings: form === "strings" });
  };

  // `extend CLASS EXPORT PARAMS`: the constructor of a JS subclass; the
  // export takes the dispatcher's handle and the implemented mask first.
  const defineExtend = (spec, [, cls, fn, params]) => {
    const types = paramsOf(params);
    const exported = exportOf(fn, 2, types);
    unique(`extend ${cls} ${types.length}`, `duplicate extend constructor of arity ${types.length} for class '${cls}'`);
    spec.extends.push({ fn: exported, params: types });
  };

  // `virtual CLASS NAME PARAMS RESULT FORM`: a virtual JS implements, in
  // the order C++ numbers them; FORM `pure`, or the export of C++'s
  // implementation (the object first), which super.NAME() calls.
  const defineVirtual = (spec, [, cls, name, params, result, form]) => {
    if (!IDENT.test(name)) throw `invalid name '${name}'`;
    if (RESERVED.method.includes(name)) throw `reserved name '${name}'`;
    const types = params === "-" ? [] : params.split(",").map((t) => callWord(t, PARAM, "a virtual"));
    const type = callWord(result, RESULT, "a virtual");
    const base = form === "pure" ? null : exportOf(form, 1, types);
    unique(`virtual ${cls} ${name}`, `duplicate virtual '${name}' of class '${cls}'`);
    if (spec.virtuals.length === 32) throw `more than 32 virtuals in class '${cls}'`;
    spec.virtuals.push({ name, params: types, result: type, pure: base === null, base });
  };

  // `value NAME FIELDS`: FIELDS is `name:type,...`, each type one a
  // field may have; no value contains itself, directly or through others.
  const defineValue = ([, name, fields]) => {
    if (!CLASS_NAME.test(name) || name.includes("__")) throw `invalid value name '${name}'`;
    const list = fields.split(",").map((field) => {
      const colon = field.indexOf(":");
      const fieldName = colon < 0 ? field : field.slice(0, colon);
      if (colon < 0 || !IDENT.test(fieldName)) throw `invalid field '${field}'`;
      return { name: fieldName, type: typeOf(field.slice(colon + 1), FIELD) };
    });
    const names = list.map((x) => x.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw `duplicate field '${twice}' in value '${name}'`;
    if (reaches(name, list)) throw `recursive value '${name}'`;
    // Values are TypeScript interfaces beside the classes and enums.
    if (classes.has(name) || enumNames.has(name)) throw `duplicate type '${name}'`;
    unique(`value ${name}`, `duplicate type '${name}'`);
    classes.valueTypes.set(name, { name, fields: list });
  };
  // Whether `list`'s nested values lead back to `name` (through each
  // value's first record, as collected before the checks).
  const reaches = (name, list) => {
    const seen = new Set();
    const todo = list.map((x) => valueIn(x.type)).filter((v) => v !== null);
    while (todo.length > 0) {
      const at = todo.pop();
      if (at === name) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      for (const field of valueFields.get(at).split(",")) {
        const type = valueIn(field.slice(field.indexOf(":") + 1));
        if (type !== null && valueFields.has(type)) todo.push(type);
      }
    }
    return false;
  };

  // The value a field's type holds (itself, in an array, an optional or
  // as a map's value), from its text or its parsed type; else null.
  const valueIn = (type) => {
    if (typeof type !== "string") return type.kind === "value" ? type.value : type.kind === "map" ? valueIn(type.value) : type.inner ? valueIn(type.inner) : null;
    let bare = type.replace(/^opt:/, "");
    if (bare.startsWith("map:")) bare = bare.slice(bare.indexOf(":", 4) + 1);
    bare = bare.replace(/\[\]$/, "");
    return bare.startsWith("value:") ? bare.slice(6) : null;
  };

  // A function's or enum's name: an identifier the module object does not
  // use already, for a class or itself.
  const moduleName = (name) => {
    if (!IDENT.test(name)) throw `invalid name '${name}'`;
    if (MODULE_MEMBERS.includes(name)) throw `reserved name '${name}'`;
    if (classes.has(name)) throw `duplicate module member '${name}'`;
  };

  // Headers may emit a record from every translation unit: a repeat byte
  // for byte is skipped.
  let version = false;
  for (const text of new Set(records)) {
    try {
      version = record(text.split(" ")) || version;
    } catch (problem) {
      // Checks throw the problem as a string; the record is added here.
      throw typeof problem === "string" ? recordError(WeakbindError, problem, text) : problem;
    }
  }
  if (!version) throw new WeakbindError(`metadata: no version record ('weakbind ${METADATA_VERSION}')`);
  return classes;
}

function recordError(WeakbindError, problem, record) {
  return new WeakbindError(`metadata: ${problem} in record '${record}'`);
}
