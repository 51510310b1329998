//! Blocks viewed from JS. A JS wrapper that reaches an object it does not
//! own (a child borrowed from its parent, an object lent to a callback)
//! must stop reaching it when the object's memory is freed, whoever frees
//! it: its parent's destructor, C++ deleting it on its own, the registry.
//! The allocator sees every one of those frees, so the runtime *watches*
//! the span holding such an object, and freeing any block of a watched
//! span tells the runtime's watcher (`set_watcher`) the block's address
//! and size. Only watched spans pay: `free`'s fast path tests the flag
//! together with the two rare cases it already tested (heap.rs).
//!
//! The watcher runs inside `free`, with the block already free: it must
//! not allocate or free, nor call back into the heap.

use crate::heap::Heap;
use crate::memory::Memory;
use crate::span::{Span, FREE, HEADER};

/// Told of every block freed in a watched span: (address, size in bytes,
/// the span's start and end); returns whether anything in the span is
/// still viewed (the span stays watched).
pub type Watcher = unsafe fn(usize, usize, usize, usize) -> bool;

struct Slot(core::cell::Cell<Option<Watcher>>);
// SAFETY: the heap is single-threaded on wasm32; on the host the watcher is
// set once by tests before any free that could call it.
unsafe impl Sync for Slot {}
static WATCHER: Slot = Slot(core::cell::Cell::new(None));

/// Sets the function told of frees in watched spans.
pub fn set_watcher(watcher: Watcher) {
    WATCHER.0.set(Some(watcher));
}

/// Block `block` of watched span `s` was freed.
#[cold]
pub(crate) unsafe fn freed(s: *mut Span, block: usize, size: usize) {
    let viewed = match WATCHER.0.get() {
        Some(watcher) => watcher(block, size, Span::start(s), Span::end(s)),
        None => false,
    };
    (*s).watched = viewed as u32;
}

impl<M: Memory> Heap<M> {
    /// The span holding address `p`, if `p` is inside a span of live
    /// blocks of this heap (not static data, the stack, or a free run).
    unsafe fn live_span(&self, p: usize) -> Option<*mut Span> {
        if p < self.base || p >= self.top {
            return None;
        }
        let s = self.span_of(p);
        if p < Span::start(s) + HEADER || p >= Span::end(s) || (*s).class == FREE {
            return None;
        }
        Some(s)
    }

    /// Watches the span holding `p`; false when `p` is no heap address
    /// (its memory is then never freed by this heap).
    ///
    /// # Safety
    /// The heap's memory is not touched by anything else.
    pub unsafe fn watch(&mut self, p: usize) -> bool {
        match self.live_span(p) {
            Some(s) => {
                (*s).watched = 1;
                true
            }
            None => false,
        }
    }
}
