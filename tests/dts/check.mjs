// The TypeScript check of `weakbind dts` (run by `make test-dts`, after it
// has written build/dts/examples.d.ts from the example module):
//   good.ts  tsc --noEmit accepts it (its @ts-expect-error lines must fail);
//            compiled and run against the loader, every value it gets has
//            the type the declarations promise
//   strict.ts  tsc accepts it with lib ES2022 + DOM alone, and load<Module>()
//            types the classes with no cast
//   bind.ts  tsc accepts it against build/dts/bind.d.ts (functions, enums)
//   interfaces.ts  tsc accepts it against build/dts/interfaces.d.ts (a C++
//            interface as an abstract class JS extends)
//   views.ts  tsc accepts it against build/dts/views.d.ts (borrowed views
//            of numbers as ArrayView<number>)
//   names.ts  tsc accepts it against build/dts/bind.d.ts and
//            rust-containers.d.ts (named parameters, reserved words escaped)
//   bad.ts   tsc refuses it, for calling a method Node does not have

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = `${root}/node_modules/typescript/bin/tsc`;

function run(project) {
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, encoding: "utf8" }) };
  } catch (e) {
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

// Compiles good.ts, points its loader import at js/weakbind.mjs and runs it
// on the example module; `main` returns the values whose type was wrong.
async function runGood() {
  const compiled = run("tests/dts/tsconfig.run.json");
  if (!compiled.ok) return compiled;
  const out = `${root}/build/dts/out/good`;
  const loader = pathToFileURL(`${root}/js/weakbind.mjs`).href;
  writeFileSync(`${out}.mjs`, readFileSync(`${out}.js`, "utf8").replace(/from "weakbind";/, `from ${JSON.stringify(loader)};`));
  try {
    const { main } = await import(pathToFileURL(`${out}.mjs`).href);
    const failures = await main(readFileSync(`${root}/build/examples/examples.wasm`));
    return { ok: failures.length === 0, output: failures.join("\n") };
  } catch (e) {
    return { ok: false, output: String(e?.stack ?? e) };
  }
}

const checks = [
  ["tsc accepts good.ts", () => run("tests/dts/tsconfig.json"), (r) => r.ok],
  ["tsc accepts strict.ts (lib ES2022 + DOM, no @types/node)", () => run("tests/dts/tsconfig.strict.json"), (r) => r.ok],
  ["good.ts runs on the loader with the declared types", runGood, (r) => r.ok],
  ["tsc accepts bind.ts (free functions, enums; its @ts-expect-error lines fail)", () => run("tests/dts/tsconfig.bind.json"), (r) => r.ok],
  ["tsc accepts interfaces.ts (an abstract class JS extends; its @ts-expect-error lines fail)", () => run("tests/dts/tsconfig.interfaces.json"), (r) => r.ok],
  ["tsc accepts views.ts (view results and parameters; its @ts-expect-error lines fail)", () => run("tests/dts/tsconfig.views.json"), (r) => r.ok],
  ["tsc accepts names.ts (named parameters; its @ts-expect-error lines fail)", () => run("tests/dts/tsconfig.names.json"), (r) => r.ok],
  [
    "tsc refuses bad.ts (a missing method)",
    () => run("tests/dts/tsconfig.bad.json"),
    (r) => !r.ok && /bad\.ts\(9,\d+\): error TS2339: Property 'no_such_method' does not exist on type 'Node'/.test(r.output),
  ],
];

let passed = 0;
let failed = 0;
for (const [name, check, expect] of checks) {
  const result = await check();
  if (expect(result)) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}\n${result.output}`);
  }
}
console.log(`dts: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
