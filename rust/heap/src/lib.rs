//! weakbind's allocator: one heap for C `malloc`, C++ `new` and Rust's
//! `#[global_allocator]` in a weakbind wasm module.
//!
//! Small blocks (≤ 64 KiB) come from size-class spans with no per-block
//! header; larger ones get their own page run. See `README.md` (beside
//! `Cargo.toml`) for the design, and each file for the invariants it keeps:
//!
//! - [`class`]: the size classes;
//! - `span`: span headers and the page map;
//! - [`heap`]: `Heap<M>`, the allocator over any [`Memory`] (`heap/api.rs`
//!   the operations, `heap/large.rs` large blocks, `heap/figures.rs` the
//!   figures);
//! - [`watch`]: spans whose frees are reported (views JS holds);
//! - [`new_failure`]: what a throwing `operator new` does when the heap is
//!   full;
//! - [`memory`]: wasm linear memory and a simulated memory for host tests;
//! - `heap/check.rs`: the invariant walk and checked mode;
//! - [`report`]: abort messages without allocating;
//! - [`global`]: the module's one heap; `alloc`: the Rust adapter;
//! - `c_api`, `cxx_api`: the libc and C++ exports (wasm32 only).
#![no_std]

pub mod class;
pub mod global;
pub mod heap;
pub mod memory;
pub mod new_failure;
pub mod report;
mod span;
pub mod watch;

mod alloc;

#[cfg(target_arch = "wasm32")]
mod c_api;
#[cfg(target_arch = "wasm32")]
mod cxx_api;

pub use alloc::WeakbindAlloc;
pub use heap::{Heap, HeapStats};
pub use memory::{Memory, SimMemory};
