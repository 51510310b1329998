// The Worker entry: runs the page's scenario on the wasm URL it is sent.
import { run } from "./run.mjs";

self.onmessage = async (event) => {
  try {
    self.postMessage(await run(event.data));
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};
