// The TypeScript check of `weakbind dts` (run by `make test-dts`, after it
// has written build/dts/examples.d.ts from the example module):
//   good.ts  tsc --noEmit accepts it (its @ts-expect-error lines must fail)
//   bad.ts   tsc refuses it, for calling a method Node does not have

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = `${root}/node_modules/typescript/bin/tsc`;

function run(project) {
  try {
    return { ok: true, output: execFileSync(process.execPath, [tsc, "-p", project], { cwd: root, encoding: "utf8" }) };
  } catch (e) {
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const checks = [
  ["tsc accepts good.ts", () => run("tests/dts/tsconfig.json"), (r) => r.ok],
  [
    "tsc refuses bad.ts (a missing method)",
    () => run("tests/dts/tsconfig.bad.json"),
    (r) => !r.ok && /bad\.ts\(9,\d+\): error TS2339: Property 'no_such_method' does not exist on type 'Node'/.test(r.output),
  ],
];

let passed = 0;
let failed = 0;
for (const [name, check, expect] of checks) {
  const result = check();
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
