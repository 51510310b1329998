//! Compiling the user's C and C++ sources for wasm32 with clang. `cc` makes
//! the base command (it honours `CXXFLAGS`, `CFLAGS` and their per-target
//! forms); the flags that make a weakbind module are added here, and each
//! source is compiled by a child process of its own whose messages are kept,
//! so a compile error shows clang's own text.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::{env, fs};

use crate::toolchain::{Toolchain, CLANG_TARGET};
use crate::{Build, Error};

pub struct Object {
    pub path: PathBuf,
}

/// Compiles every source of `build` into `out_dir`; returns the objects in
/// the order of the sources.
pub fn compile(
    build: &Build,
    tools: &Toolchain,
    out_dir: &Path,
    include: &Path,
) -> Result<Vec<Object>, Error> {
    let obj_dir = out_dir.join("weakbind-build");
    fs::create_dir_all(&obj_dir).map_err(|e| Error::Io(obj_dir.clone(), e))?;

    let mut jobs: Vec<(PathBuf, PathBuf, Child)> = Vec::new();
    let mut failures = Vec::new();
    for source in &build.files {
        if !source.is_file() {
            return Err(Error::MissingSource(source.clone()));
        }
        let object = obj_dir.join(object_name(source));
        let mut cmd = command(build, tools, source, &object, include);
        let child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| Error::Io(PathBuf::from(cmd.get_program()), e))?;
        jobs.push((source.clone(), object, child));
    }

    let mut objects = Vec::new();
    for (source, object, child) in jobs {
        let out = child
            .wait_with_output()
            .map_err(|e| Error::Io(source.clone(), e))?;
        let messages = String::from_utf8_lossy(&out.stderr).into_owned();
        if !out.status.success() {
            failures.push((source, messages));
            continue;
        }
        // Warnings stay visible, as `cc` shows them.
        for line in messages.lines() {
            println!("cargo:warning={line}");
        }
        rerun_if_dependencies_change(&object);
        objects.push(Object { path: object });
    }
    if !failures.is_empty() {
        return Err(Error::Compile(failures));
    }
    Ok(objects)
}

fn command(
    build: &Build,
    tools: &Toolchain,
    source: &Path,
    object: &Path,
    include: &Path,
) -> Command {
    let is_c = source.extension().is_some_and(|e| e == "c");
    let mut cfg = cc::Build::new();
    cfg.cpp(!is_c)
        .no_default_flags(true)
        .cargo_metadata(false)
        .cargo_warnings(false)
        .compiler(if is_c { &tools.cc } else { &tools.cxx });
    let mut cmd = cfg.get_compiler().to_command();

    cmd.arg(format!("--target={CLANG_TARGET}"));
    if let Some(root) = &tools.sysroot {
        cmd.arg(format!("--sysroot={}", root.display()));
    }
    // Only what the code marks WEAKBIND_EXPORT is exported; wasm exceptions
    // only when asked for (as weakbind-config --exceptions).
    cmd.args([
        "-fvisibility=hidden",
        "-ffunction-sections",
        "-fdata-sections",
    ]);
    if is_c {
        cmd.arg(format!("-std={}", build.c_std));
    } else {
        let exceptions = if build.exceptions {
            "-fwasm-exceptions"
        } else {
            "-fno-exceptions"
        };
        cmd.args([format!("-std={}", build.cpp_std), exceptions.into()]);
    }
    cmd.arg(format!("-O{}", opt_level()));
    if env::var("DEBUG").is_ok_and(|d| d == "true") {
        cmd.arg("-g");
    }
    cmd.arg("-I").arg(include);
    for dir in &build.includes {
        cmd.arg("-I").arg(dir);
    }
    for (name, value) in &build.defines {
        match value {
            Some(v) => cmd.arg(format!("-D{name}={v}")),
            None => cmd.arg(format!("-D{name}")),
        };
    }
    cmd.args(&build.flags);
    cmd.arg("-MD").arg("-MF").arg(object.with_extension("d"));
    cmd.arg("-c").arg(source).arg("-o").arg(object);
    cmd
}

/// Cargo's optimisation level as clang's (`s`, `z` and numbers pass).
fn opt_level() -> String {
    match env::var("OPT_LEVEL").as_deref() {
        Ok("0") | Err(_) => "0".into(),
        Ok(level) => level.into(),
    }
}

/// `src/a/b.cpp` → `src_a_b.cpp.o`: unique per source, readable in errors.
fn object_name(source: &Path) -> String {
    let name: String = source
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{name}.o")
}

/// Every header a source included (clang's `-MD` file) reruns the build
/// script when it changes.
fn rerun_if_dependencies_change(object: &Path) {
    let Ok(text) = fs::read_to_string(object.with_extension("d")) else {
        return;
    };
    let joined = text.replace("\\\n", " ");
    let Some((_, deps)) = joined.split_once(": ") else {
        return;
    };
    let mut path = String::new();
    let mut chars = deps.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                path.push(' ');
                chars.next();
            }
            c if c.is_whitespace() => {
                if !path.is_empty() {
                    println!("cargo:rerun-if-changed={path}");
                    path.clear();
                }
            }
            c => path.push(c),
        }
    }
    if !path.is_empty() {
        println!("cargo:rerun-if-changed={path}");
    }
}
