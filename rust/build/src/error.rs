//! Why a build step failed, in words that say what to do about it.

use super::*;

/// Why a build step failed; `Display` says what to do about it.
#[derive(Debug)]
pub enum Error {
    /// A tool or library is missing: `package` is the Debian package.
    Missing {
        what: String,
        package: &'static str,
        hint: &'static str,
    },
    MissingSource(PathBuf),
    MissingHeader(PathBuf),
    /// clang failed: each source with clang's own messages.
    Compile(Vec<(PathBuf, String)>),
    Bindgen {
        header: PathBuf,
        message: String,
    },
    Object {
        source: PathBuf,
        message: String,
    },
    Io(PathBuf, io::Error),
    Env(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Missing {
                what,
                package,
                hint,
            } => write!(
                f,
                "{what} was not found. Install the Debian package {package} \
                 (apt-get install {package}), {hint}."
            ),
            Error::MissingSource(p) => write!(f, "the source {} does not exist", p.display()),
            Error::MissingHeader(p) => write!(f, "the header {} does not exist", p.display()),
            Error::Compile(failures) => {
                for (i, (source, messages)) in failures.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(
                        f,
                        "clang could not compile {}:\n{}",
                        source.display(),
                        messages.trim_end()
                    )?;
                }
                Ok(())
            }
            Error::Bindgen { header, message } => {
                write!(
                    f,
                    "bindgen could not parse the header {}:\n{}",
                    header.display(),
                    message.trim_end()
                )
            }
            Error::Object { source, message } => {
                write!(
                    f,
                    "cannot read the wasm object {}: {message}",
                    source.display()
                )
            }
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Env(var) => write!(
                f,
                "{var} is not set (weakbind-build runs in a build script)"
            ),
        }
    }
}

impl std::error::Error for Error {}
