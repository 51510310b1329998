//! What weakbind-build does in a build script, run in-process with the
//! environment cargo would give it: objects and their exports for good code,
//! and, for bad input, messages that say what to do (a build.rs prints them
//! as `error: weakbind-build: …`). One test: they set process-wide variables.

use std::env;
use std::fs;
use std::path::PathBuf;

use weakbind_build::{exported_symbols, Bindings, Build, Error};

fn scratch() -> PathBuf {
    let dir = env::temp_dir().join(format!("weakbind-build-test-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn build_steps_and_their_errors() {
    let dir = scratch();
    env::set_var("OUT_DIR", &dir);
    env::set_var("CARGO_CFG_TARGET_ARCH", "wasm32");
    env::set_var("TARGET", "wasm32-unknown-unknown");
    env::set_var("OPT_LEVEL", "0");
    env::set_var("HOST", env!("HOST_TRIPLE"));

    // Good C++: an object per source, exporting what WEAKBIND_EXPORT marks.
    let good = dir.join("good.cpp");
    fs::write(
        &good,
        "#include \"weakbind.hpp\"\n\
         static int helper() { return 41; }\n\
         int internal() { return helper(); }\n\
         WEAKBIND_EXPORT int good_export() { return internal() + 1; }\n",
    )
    .unwrap();
    let objects = Build::new().file(&good).try_compile().unwrap();
    assert_eq!(objects.len(), 1);
    assert_eq!(exported_symbols(&objects[0]).unwrap(), ["good_export"]);

    // C++ that does not compile: clang's own message, file and line.
    let bad = dir.join("bad.cpp");
    fs::write(&bad, "int f() { return undeclared_thing; }\n").unwrap();
    let e = Build::new()
        .file(&good)
        .file(&bad)
        .try_compile()
        .unwrap_err();
    assert!(matches!(e, Error::Compile(ref f) if f.len() == 1));
    let text = e.to_string();
    assert!(
        text.starts_with(&format!("clang could not compile {}:\n", bad.display())),
        "{text}"
    );
    assert!(
        text.contains("bad.cpp:1:18: error: use of undeclared identifier 'undeclared_thing'"),
        "{text}"
    );

    // A missing source is named.
    let e = Build::new()
        .file(dir.join("nope.cpp"))
        .try_compile()
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "the source {} does not exist",
            dir.join("nope.cpp").display()
        )
    );

    // bindgen: declarations from the listed header only, for wasm32.
    let header = dir.join("api.h");
    fs::write(
        &header,
        "#include <stddef.h>\n#include \"weakbind.h\"\n\
         typedef struct Thing Thing;\nThing *thing_new(size_t n);\nvoid thing_free(Thing *t);\n",
    )
    .unwrap();
    let out = Bindings::new(&header).try_generate("api.rs").unwrap();
    let rust = fs::read_to_string(out).unwrap();
    assert!(
        rust.contains("pub fn thing_new(n: usize) -> *mut Thing;"),
        "{rust}"
    );
    assert!(
        !rust.contains("weakbind_adopt"),
        "nothing from included headers"
    );

    // Two headers sharing a type: one run, the type declared once.
    let more = dir.join("more.h");
    fs::write(
        &more,
        "#include \"api.h\"\nsize_t thing_size(const Thing *t);\n",
    )
    .unwrap();
    let out = Bindings::new(&header)
        .header(&more)
        .try_generate("both.rs")
        .unwrap();
    let rust = fs::read_to_string(out).unwrap();
    assert_eq!(rust.matches("pub struct Thing").count(), 1, "{rust}");
    assert!(
        rust.contains("pub fn thing_size(t: *const Thing) -> usize;"),
        "{rust}"
    );

    // A header bindgen cannot parse is named, with clang's diagnostic.
    let broken = dir.join("broken.h");
    fs::write(&broken, "int broken(;\n").unwrap();
    let e = Bindings::new(&header)
        .header(&broken)
        .try_generate("broken.rs")
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with(&format!(
            "bindgen could not parse the header {}:\n",
            broken.display()
        )),
        "{text}"
    );
    assert!(text.contains("error: expected"), "{text}");

    // Missing pieces of the toolchain name their Debian package.
    env::set_var("WEAKBIND_CXX", "/nonexistent/clang++-19");
    let e = Build::new().file(&good).try_compile().unwrap_err();
    env::remove_var("WEAKBIND_CXX");
    assert_eq!(
        e.to_string(),
        "the C/C++ compiler `/nonexistent/clang++-19` was not found. Install the Debian package \
         clang-19 lld-19 (apt-get install clang-19 lld-19), or point WEAKBIND_CXX and WEAKBIND_CC \
         at a clang++ and clang of version 19 or later."
    );
    env::set_var("WASI_SYSROOT", dir.join("no-sysroot"));
    let e = Build::new().file(&good).try_compile().unwrap_err();
    env::remove_var("WASI_SYSROOT");
    assert!(
        e.to_string()
            .contains("Install the Debian package libc++-19-dev-wasm32"),
        "{e}"
    );
    env::set_var("LIBCLANG_PATH", &dir);
    let e = Bindings::new(&header).try_generate("api.rs").unwrap_err();
    env::remove_var("LIBCLANG_PATH");
    assert!(
        e.to_string()
            .contains("Install the Debian package libclang-19-dev"),
        "{e}"
    );

    // Not wasm32 (e.g. clippy on the host): nothing is compiled or linked.
    env::set_var("CARGO_CFG_TARGET_ARCH", "x86_64");
    assert!(Build::new().file(&bad).try_compile().unwrap().is_empty());

    fs::remove_dir_all(&dir).ok();
}
