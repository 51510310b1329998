//! What the throwing `operator new` forms do when the heap is full. By
//! default they abort with the size (`cxx_api`); a module built with C++
//! exceptions installs the exception runtime's handler, which throws
//! `std::bad_alloc`, so C++ can catch the failure. The handler is a plain
//! function pointer: a wasm module is single-threaded, and the heap must
//! not depend on the C++ runtime being linked.

use core::sync::atomic::{AtomicUsize, Ordering};

/// Called with the requested size; does not return when it throws.
pub type NewFailure = unsafe extern "C" fn(usize);

static HANDLER: AtomicUsize = AtomicUsize::new(0);

/// Installs `handler` (or, with `None`, goes back to aborting).
pub fn set(handler: Option<NewFailure>) {
    HANDLER.store(handler.map_or(0, |f| f as usize), Ordering::Relaxed);
}

/// The installed handler, if any.
pub fn get() -> Option<NewFailure> {
    match HANDLER.load(Ordering::Relaxed) {
        0 => None,
        // SAFETY: only `set` stores a nonzero value, and it stores a
        // `NewFailure` function pointer.
        f => Some(unsafe { core::mem::transmute::<usize, NewFailure>(f) }),
    }
}
