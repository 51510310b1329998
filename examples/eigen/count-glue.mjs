// Counts the glue of the two bindings of the Eigen slice: eigen.cpp
// (weakbind) and embind/eigen.cpp (embind), both over library.hpp, which
// neither counts. `node examples/eigen/count-glue.mjs` (make eigen-glue).
//
// The rule: a line is glue if anything but whitespace is left once
// comments (// … and /* … */, outside string literals) are removed. Each
// glue line is one of
//   boilerplate   #include, `using`, a lone brace, EMSCRIPTEN_BINDINGS(…) {
//   registration  a weakbind macro line (WEAKBIND_…), or a line inside
//                 EMSCRIPTEN_BINDINGS (lambdas written inline count here)
//   wrapper       any other code: functions and types written for JS
// `chars` counts the glue's non-whitespace characters, which no line
// breaking changes.
import { readFileSync } from "node:fs";

const here = new URL("./", import.meta.url);

// The text with comments blanked out, string and character literals kept.
function stripComments(text) {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function countGlue(text) {
  const counts = { boilerplate: 0, registration: 0, wrapper: 0, lines: 0, chars: 0 };
  let inBindings = false;
  let depth = 0;
  let continues = false; // the last line is a weakbind macro the next one continues
  for (const raw of stripComments(text).split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    counts.lines++;
    counts.chars += line.replace(/\s/g, "").length;
    let kind;
    if (/^EMSCRIPTEN_BINDINGS\s*\(/.test(line)) {
      inBindings = true;
      kind = "boilerplate";
    } else if (inBindings) {
      kind = line === "}" && depth === 1 ? "boilerplate" : "registration";
    } else if (/^(#include|using\b|[{}];?$)/.test(line)) {
      kind = "boilerplate";
    } else if (/^WEAKBIND_/.test(line) || continues) {
      kind = "registration";
    } else {
      kind = "wrapper";
    }
    if (inBindings) {
      for (const ch of line) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
      if (depth <= 0) inBindings = false, depth = 0;
    }
    continues = kind === "registration" && !inBindings && !/\);\s*$/.test(line);
    counts[kind]++;
  }
  return counts;
}

export function countFiles() {
  return [
    ["weakbind", "eigen.cpp"],
    ["embind", "embind/eigen.cpp"],
  ].map(([binding, file]) => ({ binding, file, ...countGlue(readFileSync(new URL(file, here), "utf8")) }));
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  console.log("binding   file               glue lines  registration  wrapper  boilerplate  chars");
  for (const r of countFiles()) {
    console.log(
      `${r.binding.padEnd(9)} ${r.file.padEnd(18)} ${String(r.lines).padStart(10)}  ${String(r.registration).padStart(12)}  ${String(r.wrapper).padStart(7)}  ${String(r.boilerplate).padStart(11)}  ${String(r.chars).padStart(5)}`,
    );
  }
}
