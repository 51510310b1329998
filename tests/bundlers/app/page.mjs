// The page entry: `#convention` loads a module of the seed's naming
// convention only, anything else the typed example module; `worker` in the
// hash runs the same in a module Worker. Both wasm files are assets the
// bundler emits (new URL(…, import.meta.url)).
import { run } from "./run.mjs";

const hash = location.hash;
const wasm = hash.includes("convention")
  ? new URL("./myclass.wasm", import.meta.url)
  : new URL("./examples.wasm", import.meta.url);

function inWorker() {
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data));
    worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
    // A URL with no scheme, resolved against the worker's location.
    worker.postMessage(wasm.pathname);
  });
}

window.result = (hash.includes("worker") ? inWorker() : run(wasm.href)).then(
  (value) => ({ value }),
  (error) => ({ error: String(error?.stack ?? error) }),
);
