//! `weakbind`: tools that read a built module without running it.
//!
//!   weakbind dts [--loader SPECIFIER] app.wasm > app.d.ts
//!   weakbind inspect app.wasm

mod dts;
mod inspect;

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
usage: weakbind dts [--loader SPECIFIER] MODULE.wasm   TypeScript declarations, on stdout
       weakbind inspect MODULE.wasm                    the module's classes and members

  --loader SPECIFIER   where the loader's types are imported from (default \"weakbind\")

A module's classes come from its `weakbind` metadata section, and, for the
classes that section does not describe, from the `_Class__member` exports.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("weakbind: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Error(message)) => {
            eprintln!("weakbind: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Usage(String),
    Error(String),
}

fn run(args: &[String]) -> Result<String, Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("no command".into()));
    };
    let mut loader = "weakbind".to_string();
    let mut files = Vec::new();
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--loader" if command == "dts" => {
                loader = rest
                    .next()
                    .ok_or_else(|| Failure::Usage("--loader needs a specifier".into()))?
                    .clone();
            }
            a if a.starts_with('-') && a != "-" => {
                return Err(Failure::Usage(format!("unknown option {a}")))
            }
            a => files.push(a),
        }
    }
    match command.as_str() {
        "-h" | "--help" | "help" => return Ok(format!("{USAGE}\n")),
        "-V" | "--version" => return Ok(format!("weakbind {}\n", env!("CARGO_PKG_VERSION"))),
        "dts" | "inspect" => {}
        other => return Err(Failure::Usage(format!("unknown command '{other}'"))),
    }
    let [file] = files.as_slice() else {
        return Err(Failure::Usage(format!("{command} takes one module file")));
    };
    let bytes = std::fs::read(file).map_err(|e| Failure::Error(format!("{file}: {e}")))?;
    let api = weakbind_meta::read(&bytes).map_err(|e| Failure::Error(format!("{file}: {e}")))?;
    let file_name = Path::new(file)
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    Ok(match command.as_str() {
        "dts" => {
            for warning in &api.warnings {
                eprintln!("weakbind: {file}: warning: {warning}");
            }
            let options = dts::Options {
                file_name: &file_name,
                loader: &loader,
            };
            dts::write(&api, &options)
        }
        _ => inspect::write(&api, &file_name),
    })
}
