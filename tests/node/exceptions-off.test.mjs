// Without exceptions (the default build): abort(), a failed assert, libc++
// giving up where it would throw, and std::terminate reach JS as
// WeakbindErrors carrying their words (tests/fixtures/aborts.cpp), not as a
// bare RuntimeError: unreachable; the module works on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load } from "../../js/weakbind.mjs";

const stderr = [];
const m = await load(await readFile(new URL("../../build/fixtures/aborts.wasm", import.meta.url)), { stderr: (line) => stderr.push(line) });
const x = m.exports;

const cases = [
  ["abort()", () => x.aborts_abort(), "abort() called"],
  ["a failed assert", () => x.aborts_assert(2), /^Assertion failed: x == 1 && "x must be one" \(tests\/fixtures\/aborts\.cpp: aborts_assert: 14\)$/],
  ["std::vector::at out of range", () => x.aborts_vector_at(7), /out_of_range was thrown in -fno-exceptions mode with message "vector"/],
  ["std::terminate()", () => x.aborts_terminate(), /^(terminate|abort)/],
];

for (const [what, call, message] of cases) {
  test(`${what} throws a WeakbindError with its message`, () => {
    assert.throws(call, { name: "WeakbindError", message });
    assert.equal(x.aborts_assert(1), 1, "the module works on");
    assert.equal(m.check(), null);
  });
}
