//! The C++ half: compiled for wasm32 with C++ exceptions and linked into
//! this crate's module; matrix.h turned into Rust declarations.
fn main() {
    weakbind_build::Build::new()
        .file("cpp/matrix.cpp")
        .include("cpp")
        .exceptions(true)
        .compile();
    weakbind_build::Bindings::new("cpp/matrix.h").generate("matrix.rs");
}
