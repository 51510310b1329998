// TypeScript declarations for a module's classes, the same text as the
// Rust CLI's `weakbind dts` (rust/cli/src/dts.rs; tests/dts/agree.test.mjs
// holds the two to one output): the classes come from the module's
// `weakbind` section through the loader's own reader (metadata.mjs), then
// from the naming convention with the wasm types (signatures.mjs), as
// rust/meta reads them. Nothing is instantiated.

import { parseMetadata, readMetadata } from "./metadata.mjs";
import { functionSignatures } from "./signatures.mjs";
import { paramNames } from "./dts-names.mjs";

export class DtsError extends Error {}

// Words TypeScript does not accept as a class name, and globals the
// declarations use: such a class is declared as NAME__Class.
const KEYWORDS = new Set(
  ("any await bigint boolean break case catch class const continue debugger default delete do else enum export " +
    "extends false finally for function if implements import in instanceof interface let never new null number object " +
    "package private protected public return static string super switch symbol this throw true try typeof undefined " +
    "unknown var void while with yield").split(" "),
);
const GLOBALS = new Set(["Disposable", "Map", "Symbol", "Uint8Array"]);
// `_Class__member`, split at the first `__` (classes.mjs splits so too).
const CONVENTION = /^_([A-Za-z](?:[A-Za-z0-9]|_(?!_))*)__([A-Za-z_]\w*)$/;
const WASM_TS = { i32: "number", f32: "number", f64: "number", i64: "bigint" };
const TS = { void: "void", i32: "number", u32: "number", f32: "number", f64: "number", bool: "boolean", i64: "bigint", u64: "bigint", string: "string", bytes: "Uint8Array", js: "unknown", "f64[]": "Float64Array", "f32[]": "Float32Array", "i32[]": "Int32Array", "u32[]": "Uint32Array" };

// A borrowed view of numbers (`view:T`), as the declarations name it.
const VIEW_TYPE = "Weakbind__ArrayView<number>";
const local = (name) => (KEYWORDS.has(name) || GLOBALS.has(name) ? `${name}__Class` : name);
const ts = (t) => {
  if (t.kind === "object") return `${local(t.class)}${t.nullable ? " | null" : ""}`;
  if (t.kind === "enum") return local(t.enum);
  if (t.kind === "value") return local(t.value);
  if (t.kind === "optional") return `${ts(t.inner)} | undefined`;
  if (t.kind === "list") return t.inner.nullable ? `(${ts(t.inner)})[]` : `${ts(t.inner)}[]`;
  if (t.kind === "map") return `Map<${ts(t.key)}, ${ts(t.value)}>`;
  if (t.kind === "view") return VIEW_TYPE;
  if (t.fn) return `(${params(t.fn.params)}) => ${ts(t.fn.result)}`;
  return TS[t.kind];
};
// Trailing optionals may be left out (the loader passes them absent).
// `names`: a `params` record's, if any (dts-names.mjs).
const params = (list, names) => {
  let from = list.length;
  while (from > 0 && list[from - 1].kind === "optional") from--;
  const printed = paramNames(list.length, names);
  return list.map((t, i) => `${printed[i]}${i >= from ? "?" : ""}: ${ts(t)}`).join(", ");
};

// The module's classes: { name, base, convention, ctors, properties,
// methods, statics }, metadata classes first, in record order; and its
// free functions and enums, in record order.
export function readModule(bytes) {
  const module = new WebAssembly.Module(bytes);
  const signatures = functionSignatures(bytes);
  // What parseMetadata checks an export against: a function of its arity.
  const exports = {};
  for (const [name, { params: p }] of signatures) exports[name] = Object.defineProperty(() => {}, "length", { value: p.length });
  const records = readMetadata(module, DtsError);
  const described = records ? parseMetadata(records, exports, DtsError) : new Map();
  const classes = [];
  for (const spec of described.values()) {
    // A getter and a setter of one name are one property, where either
    // first appears.
    const names = [];
    for (const text of new Set(records)) {
      const [kind, cls, name] = text.split(" ");
      if ((kind === "getter" || kind === "setter") && cls === spec.name && !names.includes(name)) names.push(name);
    }
    classes.push({
      name: spec.name,
      base: spec.base,
      convention: false,
      ctors: spec.ctors.map((c) => c.params),
      properties: names.map((name) => ({ name, getter: spec.getters.get(name)?.type, setter: spec.setters.get(name)?.type })),
      methods: spec.methods,
      statics: spec.statics,
      extends: spec.extends.map((c) => c.params),
      virtuals: spec.virtuals,
    });
  }
  return {
    classes: [...classes, ...conventionClasses(signatures, described)],
    functions: described.functions ?? [],
    enums: [...(described.enums?.values() ?? [])],
    values: [...(described.valueTypes?.values() ?? [])],
    paramNames: described.paramNames ?? new Map(),
  };
}

export const readClasses = (bytes) => readModule(bytes).classes;

// A class per name with a `_Class__constructor` export, in the order of
// those exports; the first wasm parameter of a method is the object.
function conventionClasses(signatures, described) {
  const members = [];
  for (const [exportName, signature] of signatures) {
    const m = CONVENTION.exec(exportName);
    if (m && !described.has(m[1])) members.push([m[1], m[2], signature]);
  }
  const classes = new Map();
  for (const [cls, member] of members) {
    if (member === "constructor" && !classes.has(cls)) {
      classes.set(cls, { name: cls, base: null, convention: true, ctors: [], properties: [], methods: [], statics: [] });
    }
  }
  const type = (t) => ({ kind: WASM_TS[t] ? t : "js" });
  for (const [cls, member, { params: p, results }] of members) {
    const c = classes.get(cls);
    if (!c) continue;
    const result = results.length === 0 ? { kind: "void" } : results.length === 1 ? type(results[0]) : { kind: "js" };
    if (member === "constructor") c.ctors.push(p.map(type));
    else if (member !== "destructor") c.methods.push({ name: member, params: p.slice(1).map(type), result });
  }
  return [...classes.values()];
}

// The declarations' text. `fileName` names the module in the header;
// `loader` is where the loader's types are imported from.
export function declarations(bytes, { fileName, loader = "weakbind" } = {}) {
  const { classes, functions, enums, values, paramNames: named } = readModule(bytes);
  // A member's names at an arity; CLASS `-` for a free function.
  const namesOf = (cls, member, list) => named.get(`${cls} ${member} ${list.length}`);
  let moduleName = "Module";
  const taken = (n) => classes.some((c) => c.name === n) || enums.some((e) => e.name === n) || values.some((v) => v.name === n);
  while (taken(moduleName)) moduleName += "_";
  let out =
    `// TypeScript declarations for ${fileName}, written by \`weakbind dts\`:\n` +
    `// regenerate them from the module rather than editing them.\n//\n` +
    `//   import { load } from "${loader}";\n` +
    `//   import type { ${moduleName} } from "./this-file";\n` +
    `//   const m = await load<${moduleName}>(fetch("${fileName}"));\n\n` +
    `import type { WeakbindModule as Weakbind__Module } from "${loader}";\n\n` +
    `/** What every wrapper has. */\ndeclare abstract class Weakbind__Object {\n  #private;\n` +
    `  /** Frees the wasm object now; a second call does nothing. */\n  dispose(): void;\n  [Symbol.dispose](): void;\n}\n`;
  for (const c of basesFirst(classes)) out += `\n${classText(c, (member, list) => namesOf(c.name, member, list))}`;
  for (const e of enums) {
    const l = local(e.name);
    out += `\n/** \`${e.name}\`, an enum: one of \`${moduleName}.${e.name}\`'s values (${e.names.join(", ")}). */\n`;
    if (e.strings) out += `type ${l} = ${e.names.map((n) => JSON.stringify(n)).join(" | ")};\n`;
    else out += `declare const ${l}__Enum: unique symbol;\ntype ${l} = number & { readonly [${l}__Enum]: true };\n`;
  }
  for (const v of values) {
    out += `\n/** \`${v.name}\`, a value: a plain object, copied both ways. */\ninterface ${local(v.name)} {\n`;
    // An optional field may be left out (in) and is left out when absent (out).
    for (const f of v.fields) out += `  ${f.name}${f.type.kind === "optional" ? "?" : ""}: ${ts(f.type)};\n`;
    out += "}\n";
  }
  out += `\n/** The object \`load()\` returns for this module. */\nexport interface ${moduleName} extends Weakbind__Module {\n`;
  for (const c of classes) out += `  readonly ${c.name}: typeof ${local(c.name)};\n`;
  for (const f of functions) out += `  ${f.name}(${params(f.params, namesOf("-", f.name, f.params))}): ${ts(f.result)};\n`;
  for (const e of enums) out += `  readonly ${e.name}: Readonly<{ ${e.names.map((n) => `${n}: ${e.strings ? JSON.stringify(n) : local(e.name)}`).join("; ")} }>;\n`;
  out += "}\n";
  const names = [...classes.map((c) => c.name), ...enums.map((e) => e.name), ...values.map((v) => v.name)];
  const exported = names.filter((n) => !KEYWORDS.has(n)).map((n) => (local(n) === n ? n : `${local(n)} as ${n}`));
  if (exported.length > 0) out += `\nexport type { ${exported.join(", ")} };\n`;
  // The loader's view type, imported only by modules that use it.
  if (out.includes(VIEW_TYPE)) out = out.replace("import type { WeakbindModule as Weakbind__Module }", "import type { ArrayView as Weakbind__ArrayView, WeakbindModule as Weakbind__Module }");
  return out;
}

function classText(c, names) {
  const how = c.convention ? "found by the naming convention: every type is the wasm one" : "described by the module's metadata";
  // A class JS extends (weakbind/interfaces.hpp) is abstract when only a
  // JS subclass can be constructed or JS must implement a pure virtual.
  const extend = c.extends ?? [];
  const virtuals = c.virtuals ?? [];
  const abstract = (extend.length > 0 && c.ctors.length === 0) || virtuals.some((v) => v.pure);
  let out = `/** \`${c.name}\`, ${how}. */\ndeclare ${abstract ? "abstract " : ""}class ${local(c.name)} extends ${c.base ? local(c.base) : "Weakbind__Object"} {\n  #private;\n`;
  // Stable: constructors of one arity keep their order.
  const ctors = [...c.ctors, ...extend];
  for (const p of ctors.sort((a, b) => a.length - b.length)) out += `  constructor(${params(p, names("constructor", p))});\n`;
  // `new` throws at run time; protected still lets a derived class declare
  // its own constructors.
  if (ctors.length === 0) out += "  protected constructor();\n";
  for (const { name, getter, setter } of c.properties) {
    if (getter) out += `  get ${name}(): ${ts(getter)};\n`;
    if (setter) out += `  set ${name}(value: ${ts(setter)});\n`;
  }
  // A pure virtual's name is an abstract member (below), bound or not.
  const pure = new Set(virtuals.filter((v) => v.pure).map((v) => v.name));
  for (const m of c.methods) if (!pure.has(m.name)) out += `  ${m.name}(${params(m.params, names(m.name, m.params))}): ${ts(m.result)};\n`;
  for (const m of c.statics) out += `  static ${m.name}(${params(m.params, names(m.name, m.params))}): ${ts(m.result)};\n`;
  // A non-pure virtual a bound method of the same name declares already is
  // left to it.
  for (const v of virtuals) {
    if (v.pure || !c.methods.some((m) => m.name === v.name)) out += `  ${v.pure ? "abstract " : ""}${v.name}(${params(v.params, names(v.name, v.params))}): ${ts(v.result)};\n`;
  }
  return `${out}}\n`;
}

// Every base before the classes deriving from it (parseMetadata has
// refused inheritance cycles).
function basesFirst(classes) {
  const done = [];
  const visit = (c) => {
    if (done.includes(c)) return;
    const base = c.base && classes.find((x) => x.name === c.base);
    if (base) visit(base);
    done.push(c);
  };
  classes.forEach(visit);
  return done;
}
