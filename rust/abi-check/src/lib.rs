//! Compile-time and test-time proof that the Rust runtime implements the C
//! ABI in `weakbind.h`, signature for signature. See build.rs.
#![allow(non_camel_case_types, non_upper_case_globals, dead_code, clippy::all)]

/// What bindgen read from the header.
pub mod header {
    include!(concat!(env!("OUT_DIR"), "/header.rs"));
}

/// The header's types as the checks name them: a struct the runtime defines
/// is the runtime's own type (its layout is compared in tests/abi.rs).
mod types {
    pub use super::header::*;
    pub use weakbind::abi::WeakbindHeapInfo as weakbind_heap_info;
}

#[allow(unused_imports)]
use types::*;

include!(concat!(env!("OUT_DIR"), "/checks.rs"));
