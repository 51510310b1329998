// Overloads by arity: one JS name for several records of a method, static
// or free function, chosen by the number of arguments (C++ overloads and
// default arguments: a trailing argument left out is the overload without
// it). A name with one record is that record's invoker as it is.

// `members`: [{ name, params, ... }] of one kind; `make(member)` gives its
// invoker; `label(name)` names it in errors. Returns Map<name, function>.
export function byName(members, make, label) {
  const groups = new Map();
  for (const m of members) {
    const group = groups.get(m.name);
    if (group === undefined) groups.set(m.name, [m]);
    else group.push(m);
  }
  const out = new Map();
  for (const [name, group] of groups) out.set(name, group.length === 1 ? make(group[0]) : dispatch(group, make, label(name)));
  return out;
}

// Reads only `arguments.length`: the arguments themselves are converted by
// the invoker chosen, as for any call.
function dispatch(group, make, label) {
  const byArity = new Map(group.map((m) => [m.params.length, make(m)]));
  const arities = [...byArity.keys()].sort((x, y) => x - y);
  const takes = `${arities.slice(0, -1).join(", ")} or ${arities[arities.length - 1]}`;
  return function (...args) {
    const call = byArity.get(args.length);
    if (call === undefined) throw new TypeError(`${label}: no overload takes ${args.length} argument${args.length === 1 ? "" : "s"} (it takes ${takes})`);
    return call.apply(this, args);
  };
}
