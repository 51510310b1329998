// Overloads by arity: one JS name for several records of a method, static,
// free function or constructor, chosen by the number of arguments (C++
// overloads and default arguments: a trailing argument left out is the
// overload without it, or absent where the parameter is optional). A name
// with one record is that record's invoker as it is.

import { apply, list } from "./intrinsics.mjs";

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

// The records of one name by the argument counts they take: `calls[n]` is
// the invoker for n arguments (undefined if none takes n), `takes` says
// which counts are taken, for errors. A record takes its own arity, and
// each count its trailing optional parameters may leave out; where two
// records take a count, the one of that arity wins, then the shortest. So
// the counts taken are the ones dts's signatures (`x?: T`) declare.
// `calls` is a list (intrinsics.mjs): a count no record takes reads as
// undefined, never as an index JS put on Array.prototype (whose function
// a constructor would take for one, and wrap the number it returns as an
// object).
export function byCount(records, make) {
  const calls = list();
  const sorted = [...records].sort((x, y) => x.params.length - y.params.length);
  const made = sorted.map((r) => make(r));
  sorted.forEach((r, k) => (calls[r.params.length] = made[k]));
  sorted.forEach((r, k) => {
    for (let n = r.params.length - 1; n >= 0 && r.params[n].kind === "optional"; n--) calls[n] ??= made[k];
  });
  const counts = [];
  for (let n = 0; n < calls.length; n++) if (calls[n] !== undefined) counts.push(n);
  const takes = counts.length === 0 ? "" : counts.length === 1 ? `${counts[0]}` : `${counts.slice(0, -1).join(", ")} or ${counts[counts.length - 1]}`;
  return { calls, takes };
}

// Reads only `arguments.length`: the arguments themselves are converted by
// the invoker chosen, as for any call.
function dispatch(group, make, label) {
  const { calls, takes } = byCount(group, make);
  return function (...args) {
    const call = calls[args.length];
    if (call === undefined) throw new TypeError(`${label}: no overload takes ${args.length} argument${args.length === 1 ? "" : "s"} (it takes ${takes})`);
    return apply(call, this, args);
  };
}
