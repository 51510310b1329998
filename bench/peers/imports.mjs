// Imports for the raw and article peers, which instantiate the bench module
// without weakbind's loader: every function the module imports (the
// runtime's decref, the few WASI calls) is a stub returning 0. Nothing in
// the bench classes calls them; they only have to exist to link.
export function stubImports(module) {
  const imports = {};
  for (const { module: ns, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== "function") throw new Error(`bench module imports a ${kind}: ${ns}.${name}`);
    (imports[ns] ??= {})[name] = () => 0;
  }
  return imports;
}
