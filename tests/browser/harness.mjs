// What the browser tests share: a static file server (python3 -m http.server,
// as `make serve` uses) on a free loopback port, and Debian's chromium
// driven by playwright-core. Both are children of the test process and are
// stopped when it ends, however it ends.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const OUT = fileURLToPath(new URL("../out/", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill();
});

// Serves `dir` on a port the OS picks (port 0), read back from the server's
// first line, so two test files never race for one port.
export async function serve(dir) {
  const python = process.env.PYTHON ?? "python3";
  const child = spawn(python, ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const port = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 10_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const m = /port (\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`http.server exited with ${code}: ${seen}`));
    });
  });
  child.stdout.resume();
  child.stderr.resume(); // the request log; drained so the pipe never fills
  return {
    url: `http://127.0.0.1:${port}/`,
    close() {
      child.kill();
      children.delete(child);
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--js-flags=--expose-gc",
    ],
  });
}

// Collects a page's console errors and uncaught exceptions, for the
// "no console errors" checks.
export function watchErrors(page) {
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()}`));
  return errors;
}

export function outDir() {
  mkdirSync(OUT, { recursive: true });
  return OUT;
}
