//! Objects JS views without owning them: a borrowed child, an object lent
//! to a callback. JS asks to watch each (`weakbind_watch`); the heap then
//! tells [`freed_in_watched_span`] of every block freed in a span holding
//! one (weakbind-heap's watch.rs), and every viewed address inside the
//! freed block is reported to the loader (the `freed` import), which ends
//! its wrappers' reach. So a wrapper never outlives its object's memory,
//! whoever frees it: its parent's destructor, C++ deleting it on its own,
//! or the registry.
//!
//! The set is a sorted list of addresses, each once. An address stays
//! listed until its memory is freed, even if its wrappers were collected
//! first (the loader then finds none): at most one entry per viewed
//! address in live memory.

use alloc::vec::Vec;
use core::cell::UnsafeCell;

struct Views(UnsafeCell<Vec<usize>>);
// SAFETY: one thread on wasm32; every access is a short borrow that calls
// nothing outside.
unsafe impl Sync for Views {}
static VIEWS: Views = Views(UnsafeCell::new(Vec::new()));

/// Set while the list itself grows: the old buffer's free reaches the
/// watcher, which must not touch the list then (no viewed address lies
/// in the list's own buffer, so there is nothing to report).
struct Growing(core::cell::Cell<bool>);
// SAFETY: as for VIEWS.
unsafe impl Sync for Growing {}
static GROWING: Growing = Growing(core::cell::Cell::new(false));

fn with<R>(f: impl FnOnce(&mut Vec<usize>) -> R) -> R {
    // SAFETY: see above.
    f(unsafe { &mut *VIEWS.0.get() })
}

/// Watches `ptr`: 1 when its memory is the heap's (it will be reported
/// when freed), 0 when it is not (static data: never freed), -8 when the
/// list cannot grow (then the loader knows it is not watched).
pub fn watch(ptr: usize) -> i32 {
    weakbind_heap::watch::set_watcher(freed_in_watched_span);
    // SAFETY: single-threaded; the heap calls nothing outside here.
    if !unsafe { weakbind_heap::global::watch(ptr) } {
        return 0;
    }
    let listed = with(|v| match v.binary_search(&ptr) {
        Ok(_) => Ok(()),
        Err(at) => {
            GROWING.0.set(true);
            let grown = v.try_reserve(1);
            GROWING.0.set(false);
            grown.map(|()| v.insert(at, ptr))
        }
    });
    match listed {
        Ok(()) => 1,
        Err(_) => crate::registry::RegistryError::OutOfMemory as i32,
    }
}

/// The heap's watcher: block `[block, block + size)` of span
/// `[start, end)` was freed. Reports each viewed address in the block and
/// forgets it; says whether the span still holds a viewed address.
/// Allocates nothing (it runs inside `free`).
unsafe fn freed_in_watched_span(block: usize, size: usize, start: usize, end: usize) -> bool {
    if GROWING.0.get() {
        return true;
    }
    loop {
        let next = with(|v| {
            let at = v.partition_point(|&p| p < block);
            (at < v.len() && v[at] < block + size).then(|| v.remove(at))
        });
        let Some(ptr) = next else { break };
        crate::global::with_registry(|r| r.forget_freed(ptr));
        // SAFETY: the loader's import only ends wrappers' reach.
        crate::imports::freed(ptr);
    }
    with(|v| {
        let at = v.partition_point(|&p| p < start);
        at < v.len() && v[at] < end
    })
}

/// The list's heap block, for the figures that report the runtime's own
/// tables apart from the objects' memory.
pub fn block() -> Option<(*const u8, usize)> {
    with(|v| crate::vecs::block_of(v))
}

/// Gives back the list's memory after a spike (with the registry's trim).
pub fn trim() {
    GROWING.0.set(true);
    with(|v| crate::vecs::shrink(v, 0));
    GROWING.0.set(false);
}
