#!/bin/sh
# `make package-check`: the published crates as `cargo package` makes them
# (verified: each builds from its own .crate, with the workspace's other
# crates served from cargo's temporary local registry), then a scratch
# project outside the workspace built from those packaged sources alone:
# the mixed Rust/C++ example (examples/mixed) with its dependencies on the
# packaged weakbind and weakbind-build, for wasm32, loaded by node.
#   tests/package/scratch.sh OUT
set -eu
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
cargo=${CARGO:-cargo}

cd "$root"
$cargo package --quiet --allow-dirty -p weakbind-heap -p weakbind -p weakbind-meta -p weakbind-build -p weakbind-cli

rm -rf "$out"
mkdir -p "$out/crates"
for crate in "$target"/package/*-0.1.0.crate; do tar xzf "$crate" -C "$out/crates"; done
cp -r examples/mixed/build.rs examples/mixed/cpp examples/mixed/src "$out/"
crates=$out/crates
cat > "$out/Cargo.toml" <<TOML
[package]
name = "scratch-mixed"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]
path = "src/lib.rs"

[dependencies]
weakbind = { version = "0.1.0", features = ["std"] }

[build-dependencies]
weakbind-build = "0.1.0"

# The packaged crates, not yet on the registry.
[patch.crates-io]
weakbind = { path = "$crates/weakbind-0.1.0" }
weakbind-heap = { path = "$crates/weakbind-heap-0.1.0" }
weakbind-build = { path = "$crates/weakbind-build-0.1.0" }
weakbind-meta = { path = "$crates/weakbind-meta-0.1.0" }

[profile.release]
panic = "abort"
lto = true

[workspace]
TOML
# The workspace's lock pins the same registry crates, so nothing new is
# fetched beyond what the workspace already uses.
cp Cargo.lock "$out/Cargo.lock"
(cd "$out" && CARGO_TARGET_DIR="$out/target" $cargo build --quiet --release --target wasm32-unknown-unknown)
cp "$out/target/wasm32-unknown-unknown/release/scratch_mixed.wasm" "$out/scratch.wasm"
${NODE:-node} --expose-gc "$root/tests/package/load.mjs" "$out/scratch.wasm"
