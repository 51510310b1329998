// The names `weakbind dts` gives a signature's parameters, as
// rust/cli/src/dts/names.rs gives them: a `params` record's names
// (param-names.mjs), a word TypeScript reserves with `_` after it, `a<i>`
// for a parameter no record names; if two would then read the same (a
// name `a1` beside an unnamed second parameter, `x` beside `x_`), every
// parameter of the signature is `a<i>`.

// Words no parameter may be named in a module's declarations (strict mode):
// ECMAScript's reserved words, strict mode's, and `arguments` and `eval`.
const RESERVED = new Set(
  ("arguments await break case catch class const continue debugger default delete do else enum eval export extends " +
    "false finally for function if implements import in instanceof interface let new null package private protected " +
    "public return static super switch this throw true try typeof var void while with yield").split(" "),
);

export function paramNames(count, names) {
  const indexed = Array.from({ length: count }, (_, i) => `a${i}`);
  if (!names || names.length !== count) return indexed;
  const out = names.map((n) => (RESERVED.has(n) ? `${n}_` : n));
  return new Set(out).size === count ? out : indexed;
}
