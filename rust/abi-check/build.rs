//! Runs bindgen over `cpp/include/weakbind.h` and turns every function it
//! declares into a compile-time assertion that `weakbind::abi` exports a
//! function of exactly that type. A signature drift fails the build.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let header =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../cpp/include/weakbind.h");
    println!("cargo:rerun-if-changed={}", header.display());
    let bindings = bindgen::Builder::default()
        .header(header.to_str().unwrap())
        .allowlist_function("weakbind_.*")
        .allowlist_type("weakbind_.*")
        .allowlist_var("WEAKBIND_.*")
        .enable_function_attribute_detection()
        .formatter(bindgen::Formatter::None)
        .generate()
        .unwrap_or_else(|e| panic!("bindgen could not parse {}: {e}", header.display()))
        .to_string();
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("header.rs"), &bindings).unwrap();

    let mut checks = String::new();
    let mut names = Vec::new();
    for decl in bindings.split("pub fn ").skip(1) {
        let decl = &decl[..decl
            .find(';')
            .expect("a function declaration ends with ';'")];
        let (name, signature) = decl.split_once('(').unwrap();
        let name = name.trim();
        checks.push_str(&format!(
            "const _: unsafe extern \"C\" fn({signature} = weakbind::abi::{name};\n"
        ));
        names.push(format!("\"{name}\""));
    }
    checks.push_str(&format!(
        "pub const HEADER_FUNCTIONS: &[&str] = &[{}];\n",
        names.join(", ")
    ));
    fs::write(out.join("checks.rs"), checks).unwrap();
}
