// `params CLASS MEMBER NAMES`: the names of a member's parameters, for
// `weakbind dts` (the loader does not need them). CLASS is a declared class
// or `-` for a free function; MEMBER a method, static, virtual or free
// function, or `constructor` for a class's (and a JS subclass's)
// constructors; NAMES comma-separated distinct identifiers, as many as the
// arity they name. rust/meta/src/records/names.rs holds the same checks in
// the same order: class, member, each name, repeats, then duplicates.

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Records the names in `table` (Map `CLASS MEMBER ARITY` -> names); throws
// the problem as a string, as metadata.mjs's checks do.
export function paramNamesRecord([, cls, member, names], classes, table) {
  if (cls !== "-" && !classes.has(cls)) throw `undeclared class '${cls}'`;
  if (!IDENT.test(member)) throw `invalid name '${member}'`;
  const list = names.split(",");
  for (const n of list) if (!IDENT.test(n)) throw `invalid parameter name '${n}'`;
  const twice = list.find((n, i) => list.indexOf(n) !== i);
  if (twice !== undefined) throw `duplicate parameter name '${twice}'`;
  const key = `${cls} ${member} ${list.length}`;
  if (table.has(key)) throw `duplicate parameter names of arity ${list.length} for '${cls === "-" ? member : `${cls}.${member}`}'`;
  table.set(key, list);
}
