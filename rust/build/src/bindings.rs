//! `Bindings`: bindgen over the C/C++ headers of a library built into the
//! crate's module.

use super::*;

/// bindgen over C/C++ headers: the Rust declarations of a C++ library's C
/// ABI, for the crate's target.
pub struct Bindings {
    headers: Vec<PathBuf>,
    includes: Vec<PathBuf>,
    clang_args: Vec<String>,
    cpp: Option<bool>,
    configure: Vec<Box<dyn Fn(bindgen::Builder) -> bindgen::Builder>>,
}

impl Bindings {
    pub fn new(header: impl AsRef<Path>) -> Bindings {
        Bindings {
            headers: vec![header.as_ref().to_path_buf()],
            includes: Vec::new(),
            clang_args: Vec::new(),
            cpp: None,
            configure: Vec::new(),
        }
    }

    /// Another header; declarations come from the listed headers only, not
    /// from what they include.
    pub fn header(&mut self, header: impl AsRef<Path>) -> &mut Bindings {
        self.headers.push(header.as_ref().to_path_buf());
        self
    }

    pub fn include(&mut self, dir: impl AsRef<Path>) -> &mut Bindings {
        self.includes.push(dir.as_ref().to_path_buf());
        self
    }

    pub fn clang_arg(&mut self, arg: &str) -> &mut Bindings {
        self.clang_args.push(arg.into());
        self
    }

    /// Parse as C++ (default: when a header's name ends in .hpp, .hh or .hxx).
    pub fn cpp(&mut self, on: bool) -> &mut Bindings {
        self.cpp = Some(on);
        self
    }

    /// Any other bindgen setting.
    /// Any other bindgen setting.
    pub fn configure(
        &mut self,
        f: impl Fn(bindgen::Builder) -> bindgen::Builder + 'static,
    ) -> &mut Bindings {
        self.configure.push(Box::new(f));
        self
    }

    /// Writes the declarations to `OUT_DIR/<file>` (include them with
    /// `include!(concat!(env!("OUT_DIR"), "/<file>"))`), or stops the build.
    pub fn generate(&mut self, file: &str) {
        if let Err(e) = self.try_generate(file) {
            fail(e)
        }
    }

    pub fn try_generate(&mut self, file: &str) -> Result<PathBuf, Error> {
        for h in &self.headers {
            println!("cargo:rerun-if-changed={}", h.display());
            if !h.is_file() {
                return Err(Error::MissingHeader(h.clone()));
            }
        }
        toolchain::load_libclang()?;
        let cpp = self.cpp.unwrap_or_else(|| {
            self.headers.iter().any(|h| {
                h.extension()
                    .is_some_and(|e| e == "hpp" || e == "hh" || e == "hxx")
            })
        });
        let mut args = Vec::new();
        if is_wasm_target() {
            // clang hides every declaration by default for wasm, and bindgen
            // skips hidden functions: declarations are what we want here.
            args.push(format!("--target={}", toolchain::CLANG_TARGET));
            args.push("-fvisibility=default".into());
        }
        if cpp {
            args.extend(["-xc++".into(), "-std=c++17".into()]);
        }
        args.push(format!("-I{}", include_dir()?.display()));
        args.extend(self.includes.iter().map(|d| format!("-I{}", d.display())));
        args.extend(self.clang_args.iter().cloned());

        let out = out_dir()?.join(file);
        let mut headers = Vec::new();
        for h in &self.headers {
            headers.push(h.canonicalize().map_err(|e| Error::Io(h.clone(), e))?);
        }
        // All headers in one run (a type two of them use is declared once).
        let text = match self.run(&headers, &args) {
            Ok(text) => text,
            // Which header? Each alone; if all parse alone, all of them.
            Err(message) => {
                let culprit = headers.iter().zip(&self.headers).find_map(|(abs, h)| {
                    self.run(std::slice::from_ref(abs), &args)
                        .err()
                        .map(|m| (h.clone(), m))
                });
                let (header, message) = culprit.unwrap_or_else(|| {
                    let names: Vec<String> = self
                        .headers
                        .iter()
                        .map(|h| h.display().to_string())
                        .collect();
                    (PathBuf::from(names.join(" + ")), message)
                });
                return Err(Error::Bindgen { header, message });
            }
        };
        fs::write(&out, text).map_err(|e| Error::Io(out.clone(), e))?;
        Ok(out)
    }

    /// bindgen over `headers` (absolute), declarations from them alone.
    fn run(&self, headers: &[PathBuf], args: &[String]) -> Result<String, String> {
        let mut builder = bindgen::Builder::default()
            .clang_args(args)
            .use_core()
            .parse_callbacks(Box::new(bindgen::CargoCallbacks::new()));
        for h in headers {
            let path = h.to_string_lossy();
            builder = builder
                .header(path.clone())
                .allowlist_file(regex_escape(&path));
        }
        for f in &self.configure {
            builder = f(builder);
        }
        builder
            .generate()
            .map(|b| b.to_string())
            .map_err(|e| e.to_string())
    }
}
