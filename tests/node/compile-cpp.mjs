// Compiles a small C++ translation unit with the flags every module uses
// (scripts/weakbind-config --cflags), for the tests that hold the macros'
// compile-time checks to their messages.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The tree this file is in, or (for the checked-heap run, which runs a
// copy of tests/ under build/checked/) the one make runs from.
const here = new URL("../../", import.meta.url).pathname;
const root = existsSync(join(here, "scripts/weakbind-config")) ? here : process.cwd();
const cxx = process.env.CLANGXX ?? "clang++-19";
const cflags = execFileSync(join(root, "scripts/weakbind-config"), ["--cflags"], { encoding: "utf8" }).trim().split(/\s+/);

// Checks the syntax and types of `text` as C++17 (or `std`); returns
// { ok, stderr }.
export function compileCpp(text, std = "c++17") {
  const dir = mkdtempSync(join(tmpdir(), "weakbind-compile-"));
  try {
    const file = join(dir, "t.cpp");
    writeFileSync(file, text);
    const r = spawnSync(cxx, [...cflags, `-std=${std}`, "-fsyntax-only", file], { encoding: "utf8" });
    return { ok: r.status === 0, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
