//! Reads a weakbind wasm module without running it: the classes it offers
//! JS and the type of every parameter and result, from its `weakbind`
//! custom section (format 1, docs/METADATA.md) and, for classes the
//! section does not describe, from the naming convention.
//!
//! - [`wasm`]: the few wasm sections needed (types, imports, functions,
//!   exports, custom sections);
//! - [`records`]: the `weakbind` section, parsed and validated;
//! - [`convention`]: `_Class__member` exports;
//! - [`signatures`]: wasm types against record types (warnings only);
//! - [`model`]: what both produce, [`Api`].
//!
//! ```no_run
//! let bytes = std::fs::read("app.wasm").unwrap();
//! let api = weakbind_meta::read(&bytes).unwrap();
//! for class in &api.classes {
//!     println!("{}", class.name);
//! }
//! ```

pub mod convention;
mod error;
pub mod model;
pub mod records;
pub mod signatures;
pub mod wasm;

pub use error::Error;
pub use model::{
    Accessor, Api, Class, Ctor, Element, Enum, Field, Function, Method, Object, Ownership,
    ParamNames, Property, Source, Type, Value,
};

/// The custom section's name.
pub const SECTION: &str = "weakbind";

/// Reads a module's API: the metadata classes (if it has a `weakbind`
/// section, which must then be valid), then the naming-convention classes
/// the section does not name.
pub fn read(wasm_bytes: &[u8]) -> Result<Api, Error> {
    let module = wasm::Module::parse(wasm_bytes)?;
    let (format, parsed) = match module.custom_section(SECTION) {
        Some(section) => (Some(1), records::parse_module(&section, &module)?),
        None => (None, records::Records::default()),
    };
    let records::Records {
        mut classes,
        functions,
        enums,
        values,
        param_names,
    } = parsed;
    let mut warnings = signatures::mismatches(&module, &classes);
    warnings.extend(signatures::module_mismatches(&module, &functions, &enums));
    let found = convention::classes(&module, &classes);
    classes.extend(found);
    Ok(Api {
        format,
        classes,
        functions,
        enums,
        values,
        param_names,
        warnings,
    })
}
