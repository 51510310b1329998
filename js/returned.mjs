// Which classes wasm can hand back to JS, read from the metadata: the
// classes whose wrappers identity must be able to find (identity.mjs).
//
// Being findable costs every wrapper: its cohort holds it (release.mjs,
// identity.mjs), and V8 keeps a registration's target, and so the
// wrappers it holds, through every minor collection, so each is promoted
// and waits for a full one (make bench, `typed_churn_string` beside
// `typed_churn`). A class that never comes back from wasm needs no
// identity: no lookup ever asks for its wrappers.
//
// An object of class C can come back when C, or any class of its
// hierarchy (a result typed as the base may be a derived object), appears
// in a result (of a method, static, getter or free function), anywhere in
// a function type (a callback's parameters are what wasm hands to JS), in
// a virtual or in a value's fields (a value may be a result). Parameters
// alone bring nothing back. A module whose C++ or Rust holds JS values can
// pass any registered object to JS (JsRef calls) and find the wrapper
// that owns an object (its JS values live on it): there every class is
// findable, and so is every class of a module whose metadata passes JS
// values (a `js` type anywhere): C++ handed one can make any object its
// owner (weakbind_js_own), and the loader puts the value on that object's
// wrapper, which it must find, or a cycle through the value is never
// collected. (Every module imports the runtime's `own`: the import alone
// does not say.)

// Whether a JS value can reach wasm through a type the metadata declares.
export function passesJsValues(specs, functions, valueTypes) {
  let found = false;
  const look = (type) => {
    found ||= hasJs(type);
  };
  eachType(specs, functions, valueTypes, look, look);
  return found;
}

// The roots (class names) of the hierarchies that can come back.
// `specs`: the classes' specs (metadata.mjs); `functions` and
// `valueTypes`: the metadata's free functions and value types.
export function returnedRoots(specs, functions, valueTypes) {
  const named = new Set();
  eachType(
    specs,
    functions,
    valueTypes,
    (type) => collect(type, named, true),
    (type) => collect(type, named, false),
  );
  for (const spec of specs.values()) {
    // A class JS extends is found from C++'s calls into its overrides.
    if (!spec.raw && (spec.virtuals.length > 0 || spec.extends.length > 0)) named.add(spec.name);
  }
  const roots = new Set();
  for (const name of named) {
    let spec = specs.get(name);
    while (spec?.base) spec = specs.get(spec.base);
    if (spec) roots.add(spec.name);
  }
  return roots;
}

// Calls `out(type)` for every type whose objects wasm hands to JS (results,
// getters, virtuals' results and parameters, value fields) and `into(type)`
// for those it is handed (parameters, setters).
function eachType(specs, functions, valueTypes, out, into) {
  for (const spec of specs.values()) {
    if (spec.raw) continue;
    for (const m of [...spec.methods, ...spec.statics]) {
      out(m.result);
      for (const p of m.params) into(p);
    }
    for (const g of spec.getters.values()) out(g.type);
    for (const s of spec.setters.values()) into(s.type);
    for (const c of [...spec.ctors, ...spec.extends]) for (const p of c.params) into(p);
    for (const v of spec.virtuals) {
      out(v.result);
      for (const p of v.params) out(p);
    }
  }
  for (const f of functions) {
    out(f.result);
    for (const p of f.params) into(p);
  }
  for (const v of valueTypes.values()) for (const field of v.fields) out(field.type);
}

// Whether `type` is, or holds, a JS value.
function hasJs(type, seen = new Set()) {
  if (typeof type !== "object" || type === null || seen.has(type)) return false;
  seen.add(type);
  if (type.kind === "js") return true;
  for (const key of Object.keys(type)) if (hasJs(type[key], seen)) return true;
  return false;
}

// Adds to `named` the class of every object type in `type` (`everywhere`),
// or only those inside its function types.
function collect(type, named, everywhere, seen = new Set()) {
  if (typeof type !== "object" || type === null || seen.has(type)) return;
  seen.add(type);
  if (everywhere && type.kind === "object" && typeof type.class === "string") named.add(type.class);
  for (const key of Object.keys(type)) collect(type[key], named, everywhere || key === "fn", seen);
}
