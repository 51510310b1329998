//! Embeds the runtime's C/C++ headers so a user's build.rs can compile
//! against them wherever this crate is built. `include/` is, in the
//! repository, a link to cpp/include (the single source of truth), and in
//! the packaged crate a copy of it, so the build never reads outside the
//! crate.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("include");
    let root = root
        .canonicalize()
        .expect("the crate's include/ (cpp/include)");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("/// The runtime's headers: (path under include/, text).\npub const HEADERS: &[(&str, &str)] = &[\n");
    for (rel, abs) in files {
        out.push_str(&format!("    ({rel:?}, include_str!({abs:?})),\n"));
    }
    out.push_str("];\n");
    // The C++ exception runtime, compiled into modules built with
    // `Build::exceptions(true)`.
    let eh = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../cpp/exceptions");
    let eh = eh
        .canonicalize()
        .expect("cpp/exceptions next to rust/build");
    println!("cargo:rerun-if-changed={}", eh.display());
    let mut eh_files = Vec::new();
    walk(&eh, &eh, &mut eh_files);
    eh_files.sort();
    out.push_str("/// The C++ exception runtime's sources: (file name, text).\npub const EXCEPTION_RUNTIME: &[(&str, &str)] = &[\n");
    for (rel, abs) in eh_files {
        out.push_str(&format!("    ({rel:?}, include_str!({abs:?})),\n"));
    }
    out.push_str("];\n");
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("headers.rs"),
        out,
    )
    .unwrap();
    // For the tests, which play a build script and need cargo's HOST.
    println!("cargo:rustc-env=HOST_TRIPLE={}", env::var("HOST").unwrap());
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(root, &path, files);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
