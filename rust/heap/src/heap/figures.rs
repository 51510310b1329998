//! What a heap can say about itself: figures (`stats`) and the walk over
//! every invariant (`check`, checked mode's helpers in check.rs).

use super::*;

impl<M: Memory> Heap<M> {
    /// Walks every span and counts live blocks.
    pub fn stats(&self) -> HeapStats {
        let mut st = HeapStats {
            in_use: self.in_use,
            peak_in_use: self.peak,
            memory_size: self.mem.size(),
            allocations: 0,
            large_allocations: 0,
            per_class: [0; CLASSES],
        };
        self.walk(|s| unsafe {
            match (*s).class {
                FREE => {}
                LARGE => st.large_allocations += 1,
                c => st.per_class[c as usize] += (*s).used as u32,
            }
        });
        st.allocations =
            st.large_allocations + st.per_class.iter().map(|&n| n as usize).sum::<usize>();
        st
    }

    /// Calls `f` on every span from `base` to `top`, following start bits
    /// across gaps.
    pub(crate) fn walk(&self, mut f: impl FnMut(*mut Span)) {
        let mut a = self.base;
        while a < self.top {
            if self.map.is_start(a) {
                let s = Span::at(a);
                f(s);
                a = unsafe { Span::end(s) };
            } else {
                a += PAGE;
            }
        }
    }

    /// Walks the heap and verifies its invariants (see `check.rs`).
    pub fn check(&self) -> Result<(), &'static str> {
        crate::heap::check::check(self)
    }

    pub(crate) fn parts(&self) -> Parts<'_> {
        Parts {
            base: self.base,
            top: self.top,
            end: self.end,
            partial: &self.partial,
            runs: self.runs,
            in_use: self.in_use,
            map: &self.map,
        }
    }

    #[cfg(feature = "checked")]
    pub(crate) fn abort(&self, msg: &str) -> ! {
        self.mem.abort(msg)
    }
}
