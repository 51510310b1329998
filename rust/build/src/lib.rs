//! `weakbind-build`: for the `build.rs` of a Rust crate that links C or C++
//! into its weakbind wasm module. One `cargo build --target
//! wasm32-unknown-unknown` then gives one module: the Rust code, the C++
//! code, libc++ and wasi-libc, and the weakbind runtime, with one heap.
//!
//! ```no_run
//! // build.rs, in main():
//! weakbind_build::Build::new()
//!     .file("cpp/matrix.cpp")
//!     .include("cpp")
//!     .compile();
//! weakbind_build::Bindings::new("cpp/matrix.h").generate("matrix.rs");
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/matrix.rs"));
//! ```
//!
//! [`Build::compile`] compiles each source with clang 19 for `wasm32-wasi`
//! (`-fvisibility=hidden -fno-exceptions`, the runtime's headers on the
//! include path), then links the objects into every wasm the crate builds
//! and exports what the code marks `WEAKBIND_EXPORT` (wasm-ld keeps only
//! what something asks for). libc++, libc++abi and wasi-libc come last on
//! the link line, after the Rust libraries, so the runtime's `malloc` and
//! `operator new` are the ones every language uses. A `cdylib` also gets
//! what the loader needs ([`link_module`]).
//!
//! [`Bindings`] runs bindgen over the crate's C/C++ headers (declarations
//! from those headers only), for the wasm32 target.
//!
//! Errors stop the build with a message that says what to do: the Debian
//! package when clang-19, libc++, wasi-libc or libclang is missing; clang's
//! own messages when a source does not compile; the header bindgen could
//! not parse, with clang's diagnostic.

mod bindings;
mod compile;
mod error;
mod toolchain;
mod wasm_object;

pub use bindings::Bindings;
pub use error::Error;

use std::fmt;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

use toolchain::Toolchain;

include!(concat!(env!("OUT_DIR"), "/headers.rs"));

/// C/C++ sources to compile into the crate's wasm module.
#[derive(Clone, Debug)]
pub struct Build {
    files: Vec<PathBuf>,
    includes: Vec<PathBuf>,
    defines: Vec<(String, Option<String>)>,
    flags: Vec<String>,
    cpp_std: String,
    c_std: String,
    libcxx: bool,
    libc: bool,
    exceptions: bool,
}

impl Default for Build {
    fn default() -> Self {
        Build::new()
    }
}

impl Build {
    pub fn new() -> Build {
        Build {
            files: Vec::new(),
            includes: Vec::new(),
            defines: Vec::new(),
            flags: Vec::new(),
            cpp_std: "c++17".into(),
            c_std: "c17".into(),
            libcxx: true,
            libc: true,
            exceptions: false,
        }
    }

    /// A source: `.c` is compiled as C, anything else as C++.
    pub fn file(&mut self, path: impl AsRef<Path>) -> &mut Build {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    pub fn files<P: AsRef<Path>>(&mut self, paths: impl IntoIterator<Item = P>) -> &mut Build {
        for p in paths {
            self.file(p);
        }
        self
    }

    pub fn include(&mut self, dir: impl AsRef<Path>) -> &mut Build {
        self.includes.push(dir.as_ref().to_path_buf());
        self
    }

    pub fn define<'a>(&mut self, name: &str, value: impl Into<Option<&'a str>>) -> &mut Build {
        self.defines
            .push((name.into(), value.into().map(Into::into)));
        self
    }

    /// An extra compiler flag (after weakbind's, so it can override them).
    pub fn flag(&mut self, flag: &str) -> &mut Build {
        self.flags.push(flag.into());
        self
    }

    /// `-std=` for C++ sources (default `c++17`).
    pub fn cpp_std(&mut self, std: &str) -> &mut Build {
        self.cpp_std = std.into();
        self
    }

    /// Link libc++ and libc++abi (default: yes). Off, C++ code may still use
    /// what needs no library (templates, `new`/`delete`: the runtime has them).
    pub fn libcxx(&mut self, on: bool) -> &mut Build {
        self.libcxx = on;
        self
    }

    /// C++ exceptions (default: off, as `weakbind-config` without
    /// `--exceptions`): C++ is compiled with `-fwasm-exceptions` and the
    /// weakbind exception runtime is linked in, so C++ can throw and catch,
    /// and an exception that escapes to JS becomes a `CppException`. Rust
    /// frames between a throw and JS are passed through without running
    /// their `Drop`s (Rust is built without unwinding for wasm): let C++
    /// exceptions end in C++ or in JS, not inside a Rust function that owns
    /// something.
    pub fn exceptions(&mut self, on: bool) -> &mut Build {
        self.exceptions = on;
        self
    }

    /// Link wasi-libc (default: yes; libc++ needs it).
    pub fn libc(&mut self, on: bool) -> &mut Build {
        self.libc = on;
        self
    }

    /// Compiles and links, or stops the build with the error.
    pub fn compile(&mut self) {
        if let Err(e) = self.try_compile() {
            fail(e)
        }
    }

    /// Compiles the sources and tells cargo how to link them. For a target
    /// other than wasm32 nothing is compiled (the C++ is built for the
    /// module only) and `Ok(vec![])` is returned.
    pub fn try_compile(&mut self) -> Result<Vec<PathBuf>, Error> {
        for source in &self.files {
            println!("cargo:rerun-if-changed={}", source.display());
        }
        if !is_wasm_target() {
            skip_note("C/C++ sources are compiled");
            return Ok(Vec::new());
        }
        let tools = Toolchain::find()?;
        let mut libs = Vec::new();
        if self.libcxx {
            libs.push(tools.lib("libc++.a", "libc++-19-dev-wasm32")?);
            libs.push(tools.lib("libc++abi.a", "libc++abi-19-dev-wasm32")?);
        }
        let reactor = if self.libc || self.libcxx {
            libs.push(tools.lib("libc.a", "wasi-libc")?);
            libs.push(tools.builtins()?);
            Some(tools.lib("crt1-reactor.o", "wasi-libc")?)
        } else {
            None
        };

        let out_dir = out_dir()?;
        let include = include_dir()?;
        let mut build = self.clone();
        if self.exceptions {
            build.files.extend(exception_runtime(&out_dir)?);
            // The tag JS tells a C++ exception by; the runtime's own
            // exports are marked in its sources.
            println!("cargo:rustc-link-arg=--export=__cpp_exception");
        }
        let objects = compile::compile(&build, &tools, &out_dir, &include)?;

        // The objects themselves, not an archive: every one is linked, its
        // static constructors too. Then what they mark WEAKBIND_EXPORT.
        for object in &objects {
            println!("cargo:rustc-link-arg={}", object.path.display());
        }
        for object in &objects {
            for name in exported_symbols(&object.path)? {
                println!("cargo:rustc-link-arg=--export={name}");
            }
        }
        // Libraries last: by then the Rust libraries (the runtime's malloc
        // and operator new among them) have defined what they define, so
        // wasi-libc's allocator is never pulled in.
        for lib in &libs {
            println!("cargo:rustc-link-arg={}", lib.display());
        }
        if let Some(reactor) = reactor {
            // `_initialize` (exported by crt1-reactor.o) runs the C++ static
            // constructors; the loader calls it once.
            println!("cargo:rustc-link-arg-cdylib={}", reactor.display());
        }
        link_module();
        Ok(objects.into_iter().map(|o| o.path).collect())
    }
}

/// The exception runtime's sources, written into `OUT_DIR`.
fn exception_runtime(out_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = out_dir.join("weakbind-exceptions");
    fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    let mut sources = Vec::new();
    for (name, text) in EXCEPTION_RUNTIME {
        let path = dir.join(name);
        if fs::read_to_string(&path).ok().as_deref() != Some(*text) {
            fs::write(&path, text).map_err(|e| Error::Io(path.clone(), e))?;
        }
        if name.ends_with(".cpp") {
            sources.push(path);
        }
    }
    Ok(sources)
}

/// What the loader needs from a module, for a `cdylib` (call it from the
/// build.rs of a crate that exports Rust classes and compiles no C++): the
/// function table exported and growable, so the loader can hand class
/// destructors to the runtime, and the shadow stack pointer exported, so the
/// loader can put it back after a trap or panic unwinds wasm frames.
pub fn link_module() {
    println!("cargo:rustc-link-arg-cdylib=--export-table");
    println!("cargo:rustc-link-arg-cdylib=--growable-table");
    println!("cargo:rustc-link-arg-cdylib=--export=__stack_pointer");
}

/// The directory holding the runtime's headers (`weakbind.h`,
/// `weakbind.hpp`, `weakbind/bind.hpp`), written into `OUT_DIR`. Sources
/// compiled by [`Build`] and headers read by [`Bindings`] have it on their
/// include path already.
pub fn include_dir() -> Result<PathBuf, Error> {
    let dir = out_dir()?.join("weakbind-include");
    for (name, text) in HEADERS {
        let path = dir.join(name);
        if fs::read_to_string(&path).ok().as_deref() == Some(*text) {
            continue; // unchanged: keep the mtime, so nothing rebuilds
        }
        fs::create_dir_all(path.parent().unwrap()).map_err(|e| Error::Io(path.clone(), e))?;
        fs::write(&path, text).map_err(|e| Error::Io(path.clone(), e))?;
    }
    Ok(dir)
}

/// The symbols a wasm object compiled by [`Build`] exports: the functions
/// and data its code marks `WEAKBIND_EXPORT` (default visibility, defined,
/// not weak).
pub fn exported_symbols(object: &Path) -> Result<Vec<String>, Error> {
    let bytes = fs::read(object).map_err(|e| Error::Io(object.to_path_buf(), e))?;
    let symbols = wasm_object::symbols(&bytes).map_err(|e| Error::Object {
        source: object.to_path_buf(),
        message: e.to_string(),
    })?;
    Ok(symbols
        .into_iter()
        .filter(wasm_object::Symbol::is_exported)
        .map(|s| s.name)
        .collect())
}

/// Ends the build script with the message (not a panic: no backtrace noise
/// around clang's text).
fn fail(e: Error) -> ! {
    eprintln!("error: weakbind-build: {e}");
    std::process::exit(1)
}

fn out_dir() -> Result<PathBuf, Error> {
    env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or(Error::Env("OUT_DIR"))
}

fn is_wasm_target() -> bool {
    env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32")
}

/// Building for the host (e.g. `cargo clippy` over a workspace): say once
/// why no C++ is linked, unless a check tool is running, which links
/// nothing anyway.
fn skip_note(what: &str) {
    if env::var_os("RUSTC_WORKSPACE_WRAPPER").is_none() {
        let target = env::var("TARGET").unwrap_or_default();
        println!(
            "cargo:warning=weakbind-build: {what} for wasm32 only, not for {target}; \
             build the module with --target wasm32-unknown-unknown"
        );
    }
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('^');
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('$');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_embedded() {
        let names: Vec<&str> = HEADERS.iter().map(|(n, _)| *n).collect();
        assert!(names.contains(&"weakbind.h"));
        assert!(names.contains(&"weakbind.hpp"));
        assert!(HEADERS.iter().any(|(_, t)| t.contains("weakbind_adopt")));
    }

    #[test]
    fn missing_package_message_names_it() {
        let e = Error::Missing {
            what: "the C/C++ compiler `clang++-19`".into(),
            package: "clang-19 lld-19",
            hint: "or point WEAKBIND_CXX at one",
        };
        assert_eq!(
            e.to_string(),
            "the C/C++ compiler `clang++-19` was not found. Install the Debian package \
             clang-19 lld-19 (apt-get install clang-19 lld-19), or point WEAKBIND_CXX at one."
        );
    }

    #[test]
    fn regex_escape_anchors_and_escapes() {
        assert_eq!(regex_escape("/a/b.h"), "^/a/b\\.h$");
    }
}
