// Runs one node test file (?file=NAME.test.mjs from tests/node/) in this
// page and leaves the results in `window.testResults` for the driver, and
// readable on the page for a human.
import { runRegistered } from "./node-test-api.mjs";

const file = new URLSearchParams(location.search).get("file") ?? "";
let results;
if (!/^[\w.-]+\.test\.mjs$/.test(file)) {
  results = [{ name: `?file=${file}`, ok: false, error: "not a test file name" }];
} else {
  try {
    await import(`../node/${file}`);
    results = await runRegistered();
  } catch (e) {
    results = [{ name: `import ${file}`, ok: false, error: String(e?.stack ?? e) }];
  }
}
window.testResults = results;
document.getElementById("log").textContent = results
  .map((r) => `${r.skipped ? "skip" : r.ok ? "ok  " : "FAIL"} ${r.name}${r.error ? `\n${r.error}` : ""}`)
  .join("\n");
document.body.dataset.done = "true";
