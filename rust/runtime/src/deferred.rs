//! Destructors that must wait for the wasm stack to unwind.
//!
//! While wasm code is calling into JS, the object whose method made that call
//! is on the wasm stack below it. If the JS callee makes wasm release that
//! object's last owner (a C++ `Retained<T>` dropped from a callback), running
//! the destructor at once would leave the method to continue on freed memory.
//! So while a call into JS is in progress, destructors are queued; the loader
//! runs them (`weakbind_run_deferred`) once its outermost call into wasm has
//! returned, when no wasm frame is left. (JS `dispose()` is deferred the same
//! way on the loader's side.)

use alloc::vec::Vec;

use crate::registry::Destroy;

pub struct Deferred {
    /// Calls into JS in progress (`weakbind_js_call` frames).
    depth: u32,
    pending: Vec<Destroy>,
}

impl Deferred {
    pub const fn new() -> Self {
        Deferred {
            depth: 0,
            pending: Vec::new(),
        }
    }

    pub fn enter_js(&mut self) {
        self.depth += 1;
    }

    pub fn leave_js(&mut self) {
        self.depth -= 1;
    }

    /// Queues `destroy` if a call into JS is in progress; returns whether it
    /// did (the caller runs it now otherwise).
    pub fn defer(&mut self, destroy: Destroy) -> bool {
        if self.depth == 0 {
            return false;
        }
        self.pending.push(destroy);
        true
    }

    /// The next queued destructor, taken off the queue before it runs, so
    /// one that traps leaves the rest queued for the loader's next call.
    /// Only the loader asks, once no wasm frame is left
    /// (`weakbind_run_deferred`), so no call into JS can be in progress: a
    /// depth still counted is one a callee left by throwing through wasm
    /// instead of returning (a JS stack overflow, a trap), and is reset
    /// here rather than deferring every destructor after it.
    pub fn next(&mut self) -> Option<Destroy> {
        self.depth = 0;
        let next = self.pending.pop();
        if self.pending.is_empty() && self.pending.capacity() > 0 {
            self.pending = Vec::new(); // back to the baseline heap
        }
        next
    }
}
