#!/usr/bin/env bash
# Installs what building and testing weakbind needs, only where missing:
# Debian packages (clang, lld, libc++ and wasi-libc for wasm32, libclang for
# bindgen), the Rust wasm target, and the npm packages pinned in
# package-lock.json. Safe to run again; does nothing when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(clang-19 lld-19 libc++-19-dev-wasm32 libc++abi-19-dev-wasm32
          libclang-rt-19-dev-wasm32 wasi-libc libclang-19-dev python3
          nlohmann-json3-dev libeigen3-dev)
packages+=("$@")   # extra packages a target needs (e.g. chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund --loglevel=error
fi
