//! weakbind runtime: the parts of a weakbind module that live inside wasm.
//!
//! - [`registry`]: which objects JS can see, their owners, their destructors;
//! - [`jsref`]: handles to JS values held by wasm, released through `decref`;
//! - [`abi`]: the C ABI declared in `cpp/include/weakbind.h`;
//! - the allocator comes from `weakbind-heap` and is installed here as Rust's
//!   global allocator, so C, C++ and Rust share one heap.
#![no_std]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod abi;
#[cfg(target_arch = "wasm32")]
mod c_abort;
mod deferred;
pub mod export;
mod global;
pub mod imports;
pub mod jsref;
#[cfg(target_arch = "wasm32")]
mod libc_internal;
mod marks;
#[cfg(all(feature = "std", target_arch = "wasm32"))]
mod panic_hook;
mod ptr_index;
pub mod registry;
mod slots;
mod vecs;
mod views;

pub use jsref::JsRef;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: weakbind_heap::WeakbindAlloc = weakbind_heap::WeakbindAlloc;

/// The ABI version the loader checks before using a module.
pub const ABI_VERSION: u32 = 4;
