//! weakbind runtime: the parts of a weakbind module that live inside wasm.
//!
//! - [`registry`]: which objects JS can see, their owners, their
//!   destructors (its storage in `registry/`);
//! - `deferred`: destructors that wait until no call into JS is in progress;
//! - `views`: objects JS reaches without owning them, watched until freed;
//! - [`jsref`]: [`JsRef`], the owner of a reference to a JS value held by
//!   wasm, released through `decref`;
//! - [`abi`]: the C ABI declared in `cpp/include/weakbind.h`, and
//!   [`imports`]: what the module imports from the loader;
//! - [`export`](mod@export): Rust classes for JS (`export!`, `extern_class!`);
//! - `global`: the single global state the C ABI works on;
//! - on wasm32, `c_abort` and `libc_internal` (libc's ways of giving up and
//!   its internal allocator names), and with `std`, `panic_hook`;
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
#[cfg(feature = "std")]
mod panic_hook;
pub mod registry;
mod vecs;
mod views;

pub use jsref::JsRef;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: weakbind_heap::WeakbindAlloc = weakbind_heap::WeakbindAlloc;

/// The ABI version the loader checks before using a module.
pub const ABI_VERSION: u32 = 5;
