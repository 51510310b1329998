// The loader's metadata parser against the corpus rust/meta also passes
// (tests/metadata/cases.json): same sections, same outcome, same message.
// Each case goes through the real load(), so what is checked is what a user
// sees, including which check comes first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../js/weakbind.mjs";
import { corpus, sectionBytes, buildModule } from "../metadata/module.mjs";

// The classes an accepted section declares, in declaration order: the
// corpus's modules have no `_X__constructor` exports, so the naming
// convention adds none and these are all the classes load() reports.
function declaredClasses(section) {
  const names = [];
  for (const record of new TextDecoder().decode(section).split("\0")) {
    const [kind, name] = record.split(" ");
    if (kind === "class" && !names.includes(name)) names.push(name);
  }
  return names;
}

// An unreadable or emptied corpus must fail, not pass with no cases.
assert.ok(corpus.cases.length > 0, "tests/metadata/cases.json has no cases");

for (const testCase of corpus.cases) {
  test(`metadata corpus: ${testCase.name}`, async () => {
    const section = sectionBytes(testCase);
    const loading = load(buildModule(section));
    if (testCase.expected === "ok") {
      // Parsing passed when the next check, the runtime's, is what fails:
      // these modules are not linked with the weakbind runtime.
      const names = declaredClasses(section).join(", ");
      await assert.rejects(loading, {
        name: "WeakbindError",
        message: `load: the module exports classes (${names}) but was not linked with the weakbind runtime (no weakbind_abi_version export)`,
      });
    } else {
      await assert.rejects(loading, { name: "WeakbindError", message: testCase.expected });
    }
  });
}
