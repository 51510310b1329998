//! Where the wasm32 C/C++ toolchain lives, and which Debian package to
//! install when a piece is missing (the packages `scripts/install-deps.sh`
//! installs).
//!
//! Overrides: `WEAKBIND_CXX` / `WEAKBIND_CC` (a clang++ / clang able to
//! target wasm32), `WASI_SYSROOT` (a wasi-sdk style sysroot with
//! `include/wasm32-wasi` and `lib/wasm32-wasi`), `WEAKBIND_CLANG_RT` (the
//! compiler-rt builtins archive for wasm32).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Error;

pub const CLANG_TARGET: &str = "wasm32-wasi";

pub struct Toolchain {
    pub cxx: PathBuf,
    pub cc: PathBuf,
    /// Given to clang as `--sysroot` when set (Debian's clang finds
    /// /usr/include/wasm32-wasi by itself).
    pub sysroot: Option<PathBuf>,
    pub lib_dir: PathBuf,
}

impl Toolchain {
    pub fn find() -> Result<Toolchain, Error> {
        for var in [
            "WEAKBIND_CXX",
            "WEAKBIND_CC",
            "WASI_SYSROOT",
            "WEAKBIND_CLANG_RT",
        ] {
            println!("cargo:rerun-if-env-changed={var}");
        }
        let cxx =
            env::var_os("WEAKBIND_CXX").map_or_else(|| PathBuf::from("clang++-19"), PathBuf::from);
        let cc =
            env::var_os("WEAKBIND_CC").map_or_else(|| PathBuf::from("clang-19"), PathBuf::from);
        for compiler in [&cxx, &cc] {
            match Command::new(compiler).arg("--version").output() {
                Ok(out) if out.status.success() => {}
                _ => {
                    return Err(Error::Missing {
                        what: format!("the C/C++ compiler `{}`", compiler.display()),
                        package: "clang-19 lld-19",
                        hint: "or point WEAKBIND_CXX and WEAKBIND_CC at a clang++ and clang of version 19 or later",
                    })
                }
            }
        }
        let sysroot = env::var_os("WASI_SYSROOT").map(PathBuf::from);
        let lib_dir = match &sysroot {
            Some(root) => root.join("lib").join(CLANG_TARGET),
            None => PathBuf::from("/usr/lib").join(CLANG_TARGET),
        };
        Ok(Toolchain {
            cxx,
            cc,
            sysroot,
            lib_dir,
        })
    }

    /// A library of the sysroot, or an error naming its package.
    pub fn lib(&self, file: &str, package: &'static str) -> Result<PathBuf, Error> {
        let path = self.lib_dir.join(file);
        if path.is_file() {
            Ok(path)
        } else {
            Err(Error::Missing {
                what: format!("{} (for wasm32)", path.display()),
                package,
                hint: "or set WASI_SYSROOT to a sysroot that has it",
            })
        }
    }

    /// compiler-rt's builtins for wasm32 (128-bit and soft-float helpers
    /// that long double printf and 64-bit division need).
    pub fn builtins(&self) -> Result<PathBuf, Error> {
        let path = env::var_os("WEAKBIND_CLANG_RT").map_or_else(
            || {
                PathBuf::from(
                    "/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a",
                )
            },
            PathBuf::from,
        );
        if path.is_file() {
            Ok(path)
        } else {
            Err(Error::Missing {
                what: format!("{}", path.display()),
                package: "libclang-rt-19-dev-wasm32",
                hint: "or set WEAKBIND_CLANG_RT to the builtins archive for wasm32",
            })
        }
    }
}

/// Makes bindgen use clang 19's libclang (Debian installs several side by
/// side) unless the user chose one, and loads it now so a missing libclang
/// is reported with its package rather than as bindgen's panic.
pub fn load_libclang() -> Result<(), Error> {
    println!("cargo:rerun-if-env-changed=LIBCLANG_PATH");
    let debian = Path::new("/usr/lib/llvm-19/lib");
    if env::var_os("LIBCLANG_PATH").is_none() && debian.join("libclang.so").exists() {
        env::set_var("LIBCLANG_PATH", debian);
    }
    clang_sys::load().map_err(|e| Error::Missing {
        what: format!("libclang, which bindgen runs ({e})"),
        package: "libclang-19-dev",
        hint: "or set LIBCLANG_PATH to the directory holding libclang.so",
    })
}
