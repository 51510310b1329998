//! Checking: the full invariant walk behind `check()`, and the per-call
//! checks of the `checked` feature.
//!
//! Checked mode adds to each small span a bitmap of live blocks, placed
//! right after the header, so a double free or a pointer the heap never
//! returned is told apart exactly; it verifies span magic on every free
//! (an overrun from the block below a span hits the next span's header
//! first, since blocks are laid out up to the span's end) and every free
//! list link before following it. Errors go to [`Memory::abort`] as
//! `heap corruption: <kind> 0x<address>`.

use super::Heap;
use crate::class::{class_size, CLASSES};
use crate::memory::{Memory, PAGE};
use crate::span::{Span, FREE, HEADER, LARGE, MAGIC};

/// Bytes at the start of a small span of `pages` pages of `size` blocks.
#[inline(always)]
pub fn header_bytes(pages: usize, size: usize) -> usize {
    if cfg!(feature = "checked") {
        let blocks = (pages * PAGE - HEADER) / size;
        HEADER + blocks.div_ceil(8).div_ceil(16) * 16
    } else {
        HEADER
    }
}

#[cfg(feature = "checked")]
#[cold]
#[inline(never)]
pub fn corrupt<M: Memory>(heap: &Heap<M>, kind: &str, addr: usize) -> ! {
    let mut m = crate::report::Msg::new("heap corruption: ");
    m.push(kind).push(" ").hex(addr);
    heap.abort(m.as_str())
}

// ---- checked mode ---------------------------------------------------------

#[cfg(feature = "checked")]
mod checked {
    use super::*;

    /// How a pointer to a block that is already free is reported: freeing it
    /// again, or using it.
    fn gone(freeing: bool) -> &'static str {
        if freeing {
            "double free of"
        } else {
            "use after free of"
        }
    }

    fn bit(s: *mut Span, p: usize) -> (*mut u8, u8) {
        unsafe {
            let i = (Span::end(s) - p) / (*s).size - 1;
            let map = (s as *mut u8).add(core::mem::size_of::<Span>());
            (map.add(i / 8), 1 << (i % 8))
        }
    }

    pub unsafe fn mark(s: *mut Span, p: usize, live: bool) {
        let (byte, b) = bit(s, p);
        if live {
            *byte |= b
        } else {
            *byte &= !b
        }
    }

    pub unsafe fn is_marked(s: *mut Span, p: usize) -> bool {
        let (byte, b) = bit(s, p);
        *byte & b != 0
    }

    pub unsafe fn clear_marks(s: *mut Span, header: usize) {
        let start = core::mem::size_of::<Span>();
        (s as *mut u8).add(start).write_bytes(0, header - start);
    }

    /// Whether `p` is the address of a block of small span `s`.
    unsafe fn on_grid(s: *mut Span, p: usize) -> bool {
        p >= (*s).limit && p < Span::end(s) && (Span::end(s) - p).is_multiple_of((*s).size)
    }

    /// `p` must lie in a span; past the top of the heap is memory a freed
    /// large block gave back.
    pub fn validate_pointer<M: Memory>(heap: &Heap<M>, p: usize, freeing: bool) {
        let h = heap.parts();
        if h.base == 0 || p <= h.base || p >= h.end || !h.map.any_at_or_below(p) {
            corrupt(heap, "free of foreign pointer", p);
        }
        if p >= h.top {
            corrupt(heap, gone(freeing), p);
        }
    }

    unsafe fn check_span<M: Memory>(heap: &Heap<M>, s: *mut Span, p: usize, freeing: bool) {
        if (*s).magic != MAGIC ^ s as usize {
            corrupt(heap, "metadata overwritten at", s as usize);
        }
        match (*s).class {
            FREE => corrupt(heap, gone(freeing), p),
            LARGE => {
                if Span::large_block(s) != p {
                    corrupt(heap, "free of foreign pointer", p);
                }
            }
            _ => {
                if !on_grid(s, p) || p < (*s).bump {
                    corrupt(heap, "free of foreign pointer", p);
                }
                if !is_marked(s, p) {
                    corrupt(heap, gone(freeing), p);
                }
            }
        }
    }

    pub unsafe fn on_free<M: Memory>(heap: &Heap<M>, s: *mut Span, p: usize) {
        check_span(heap, s, p, true)
    }

    pub unsafe fn on_use<M: Memory>(heap: &Heap<M>, s: *mut Span, p: usize) {
        check_span(heap, s, p, false)
    }

    /// Before popping free block `f`: its link must be null or another
    /// free block of the span.
    pub unsafe fn on_pop<M: Memory>(heap: &Heap<M>, s: *mut Span, f: usize) {
        if (*s).magic != MAGIC ^ s as usize {
            corrupt(heap, "metadata overwritten at", s as usize);
        }
        let next = *(f as *const usize);
        if next != 0 && (!on_grid(s, next) || next < (*s).bump || is_marked(s, next)) {
            corrupt(heap, "free list overwritten at", f);
        }
    }
}

#[cfg(feature = "checked")]
pub use checked::*;

// ---- the invariant walk -----------------------------------------------------

/// Verifies every invariant written down in `span.rs` and `heap.rs`.
pub fn check<M: Memory>(heap: &Heap<M>) -> Result<(), &'static str> {
    let h = heap.parts();
    if h.base == 0 {
        return if h.top == 0 && h.runs.is_null() {
            Ok(())
        } else {
            Err("uninitialised heap has spans")
        };
    }
    if !h.base.is_multiple_of(PAGE)
        || !h.top.is_multiple_of(PAGE)
        || h.base > h.top
        || h.top > h.end
    {
        return Err("base <= top <= end, page aligned");
    }
    let (mut in_use, mut runs, mut listed) = (0usize, 0usize, 0usize);
    let mut prev_free_end = 0;
    let mut a = h.base;
    unsafe {
        while a < h.top {
            if !h.map.is_start(a) {
                if a == h.base {
                    return Err("the base page starts a span");
                }
                a += PAGE; // a gap left by another user of the memory
                continue;
            }
            let s = Span::at(a);
            let end = Span::end(s);
            if (*s).pages == 0 || end > h.top || end < a {
                return Err("span length within [base, top)");
            }
            if (*s).magic != MAGIC ^ s as usize {
                return Err("span magic intact");
            }
            let mut q = a + PAGE;
            while q < end {
                if h.map.is_start(q) {
                    return Err("no start bit inside a span");
                }
                q += PAGE;
            }
            match (*s).class {
                FREE => {
                    if prev_free_end == a {
                        return Err("free runs are coalesced");
                    }
                    prev_free_end = end;
                    runs += 1;
                }
                LARGE => {
                    let p = Span::large_block(s);
                    if p < s as usize + HEADER
                        || p >= end
                        || Span::large_len(s) > end - p
                        || (*s).used != 1
                        || (*s).listed != 0
                    {
                        return Err("large span holds one block after its header");
                    }
                    in_use += Span::large_len(s);
                }
                c if (c as usize) < CLASSES => {
                    let size = class_size(c as usize);
                    let (limit, bump) = ((*s).limit, (*s).bump);
                    if (*s).size != size
                        || limit < a + header_bytes((*s).pages, size)
                        || !(end - limit).is_multiple_of(size)
                        || bump < limit
                        || bump > end
                        || !(end - bump).is_multiple_of(size)
                    {
                        return Err("small span geometry");
                    }
                    let carved = (end - bump) / size;
                    let mut free = 0;
                    let mut f = (*s).free as usize;
                    while f != 0 {
                        if f < bump || f >= end || !(end - f).is_multiple_of(size) {
                            return Err("free list entries are carved blocks of the span");
                        }
                        free += 1;
                        if free > carved {
                            return Err("free list has no cycle");
                        }
                        f = *(f as *const usize);
                    }
                    if (*s).used + free != carved {
                        return Err("used + free = carved");
                    }
                    in_use += (*s).used * size;
                    if (*s).listed != 0 {
                        listed += 1;
                    } else if free != 0 || bump > limit {
                        return Err("spans with a free block are listed");
                    }
                }
                _ => return Err("span class"),
            }
            a = end;
        }
        if in_use != h.in_use {
            return Err("in_use matches the live blocks");
        }
        // Class lists: doubly linked, right class; only the head may be full.
        let mut on_lists = 0;
        for (c, &head) in h.partial.iter().enumerate() {
            let mut prev: *mut Span = core::ptr::null_mut();
            let mut s = head;
            while !s.is_null() {
                on_lists += 1;
                if on_lists > listed {
                    return Err("class lists hold the listed spans only");
                }
                if (*s).class as usize != c || (*s).listed == 0 || (*s).prev != prev {
                    return Err("class list links");
                }
                if s != head && (*s).free.is_null() && (*s).bump == (*s).limit {
                    return Err("only the head of a class list may be full");
                }
                prev = s;
                s = (*s).next;
            }
        }
        if on_lists != listed {
            return Err("every listed span is on its class list");
        }
        let mut prev: *mut Span = core::ptr::null_mut();
        let mut r = h.runs;
        let mut n = 0;
        while !r.is_null() {
            n += 1;
            if n > runs || (*r).class != FREE || (*r).prev != prev {
                return Err("run list links");
            }
            prev = r;
            r = (*r).next;
        }
        if n != runs {
            return Err("every free run is on the run list");
        }
    }
    Ok(())
}
