// Reads the `weakbind` custom section (format in docs/ARCHITECTURE.md,
// "Metadata") into class specs, and checks it against the module's exports.
// Every refusal names the record it refused.

import { WeakbindError } from "./errors.mjs";

export const METADATA_VERSION = 1;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLASS_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const SCALARS = new Set(["i32", "u32", "f32", "f64", "bool", "i64", "u64", "string", "bytes", "js"]);
// Wasm parameters each parameter type takes.
const WIRE_WIDTH = { string: 2, bytes: 2 };

// The custom section's records, or null when the module has none.
export function readMetadata(module) {
  const sections = WebAssembly.Module.customSections(module, "weakbind");
  if (sections.length === 0) return null;
  const records = [];
  for (const section of sections) records.push(...splitRecords(new Uint8Array(section)));
  return records;
}

function splitRecords(bytes) {
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0) {
    throw metadataError("the section is truncated (its last record has no terminating NUL)");
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw metadataError("the section is not valid UTF-8");
  }
  return text.split("\0").filter((record) => record !== "");
}

// Parses records into `Map<className, spec>` and validates them against
// `exports` (export name -> function).
export function parseMetadata(records, exports) {
  const classes = new Map();
  let versions = 0;
  const classOf = (name, record) => {
    const spec = classes.get(name);
    if (!spec) throw metadataError(`class '${name}' is not declared, in record '${record}'`);
    return spec;
  };

  // Classes first, so members may precede their class in link order.
  for (const record of records) {
    const f = record.split(" ");
    if (f[0] === "weakbind") {
      if (f.length !== 2 || f[1] !== String(METADATA_VERSION)) {
        throw metadataError(`unsupported version '${f.slice(1).join(" ")}' (this loader reads ${METADATA_VERSION}), in record '${record}'`);
      }
      versions++;
    } else if (f[0] === "class") {
      expectFields(f, record, 2, 3);
      if (!CLASS_NAME.test(f[1])) throw metadataError(`bad class name '${f[1]}' in record '${record}'`);
      if (classes.has(f[1])) throw metadataError(`class '${f[1]}' is declared twice, in record '${record}'`);
      classes.set(f[1], { name: f[1], base: f[2] ?? null, ctors: [], destructor: null, methods: [], statics: [], getters: new Map(), setters: new Map() });
    }
  }
  if (versions === 0) throw metadataError("the section has no version record ('weakbind 1')");

  for (const record of records) {
    const f = record.split(" ");
    switch (f[0]) {
      case "weakbind":
      case "class":
        break;
      case "ctor": {
        expectFields(f, record, 4, 4);
        const spec = classOf(f[1], record);
        const params = parseParams(f[3], record, classes);
        spec.ctors.push({ fn: exportOf(exports, f[2], params, 0, record), params });
        break;
      }
      case "dtor": {
        expectFields(f, record, 3, 3);
        classOf(f[1], record).destructor = exportOf(exports, f[2], [], 1, record);
        break;
      }
      case "method":
      case "static": {
        expectFields(f, record, 6, 6);
        const spec = classOf(f[1], record);
        const params = parseParams(f[4], record, classes);
        const result = parseType(f[5], record, classes, "result");
        const self = f[0] === "method" ? 1 : 0;
        const member = { name: ident(f[2], record), fn: exportOf(exports, f[3], params, self, record), params, result };
        (f[0] === "method" ? spec.methods : spec.statics).push(member);
        break;
      }
      case "getter":
      case "setter": {
        expectFields(f, record, 5, 5);
        const spec = classOf(f[1], record);
        const type = parseType(f[4], record, classes, f[0] === "getter" ? "result" : "param");
        const params = f[0] === "setter" ? [type] : [];
        const accessor = { name: ident(f[2], record), fn: exportOf(exports, f[3], params, 1, record), type };
        (f[0] === "getter" ? spec.getters : spec.setters).set(accessor.name, accessor);
        break;
      }
      default:
        throw metadataError(`unknown record kind '${f[0]}' in record '${record}'`);
    }
  }

  for (const spec of classes.values()) {
    if (spec.base !== null && !classes.has(spec.base)) {
      throw metadataError(`class '${spec.name}' names base '${spec.base}', which is not declared`);
    }
  }
  return classes;
}

function expectFields(f, record, min, max) {
  if (f.length < min || f.length > max || f.some((x) => x === "")) {
    throw metadataError(`malformed record '${record}' (expected ${min === max ? min : `${min}-${max}`} fields)`);
  }
}

function ident(name, record) {
  if (!IDENT.test(name)) throw metadataError(`bad name '${name}' in record '${record}'`);
  return name;
}

function parseParams(text, record, classes) {
  if (text === "-") return [];
  return text.split(",").map((t) => parseType(t, record, classes, "param"));
}

// A type: { kind, class?, nullable?, ownership? }.
function parseType(text, record, classes, position) {
  if (text === "void" && position === "result") return { kind: "void" };
  if (SCALARS.has(text)) return { kind: text };
  const m = /^(?:(own|ref):)?([A-Za-z0-9_]+)(\?)?$/.exec(text);
  const ownership = m?.[1] ?? null;
  if (m && classes.has(m[2]) && (position === "result") === (ownership !== null)) {
    return { kind: "object", class: m[2], nullable: m[3] === "?", ownership };
  }
  throw metadataError(`unknown type '${text}' in record '${record}'`);
}

function exportOf(exports, name, params, self, record) {
  const fn = exports[name];
  if (typeof fn !== "function") {
    throw metadataError(`record '${record}' names export '${name}', which the module does not export`);
  }
  const wire = self + params.reduce((n, p) => n + (WIRE_WIDTH[p.kind] ?? 1), 0);
  if (fn.length !== wire) {
    throw metadataError(`export '${name}' takes ${fn.length} wasm parameters, but record '${record}' describes ${wire}`);
  }
  return fn;
}

function metadataError(message) {
  return new WeakbindError(`metadata: ${message}`);
}
