//! The heap: size-class spans for small blocks, page runs for large ones,
//! over any [`Memory`].
//!
//! `malloc` of a small size is: compute the class, take the first span on
//! the class list, pop its free list or bump. `free` is: find the span
//! through the page map, push the block. Neither needs a per-block header,
//! and `free` needs no size.

use crate::class::{class_of, class_size, CLASSES, SMALL_MAX};
use crate::memory::{Memory, PAGE, PAGE_SHIFT};
use crate::span::{pages_for, PageMap, Span, FREE, HEADER, LARGE, MAGIC, MAX_PAGES};
use core::ptr::null_mut;

mod api;
// The invariant walk behind `check()` and the checks of checked mode: they
// read the heap's parts, so they live under it.
pub(crate) mod check;
mod figures;
mod large;

pub use api::realloc_via;

/// Largest supported alignment: one wasm page.
pub const MAX_ALIGN: usize = PAGE;
/// Large blocks are cache-line aligned: `memory.copy` (realloc) runs at
/// half speed when the destination is not.
const LARGE_ALIGN: usize = 64;

/// How `aligned_alloc` serves a request; see [`Heap::aligned`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aligned {
    /// `malloc` of this many bytes returns a block aligned as asked.
    Malloc(usize),
    /// A large block placed at the alignment.
    Large,
    /// Not a power of two, or beyond [`MAX_ALIGN`].
    Invalid,
}

/// [`Heap::resize`]: the block was resized where it is.
pub const IN_PLACE: usize = usize::MAX;

/// Growth policy: at least this many pages per `memory.grow` …
const MIN_GROW_PAGES: usize = 4;
/// … and at least 1/GROW_DIVISOR of the heap's current size: a geometric
/// step that keeps the number of grows logarithmic while bounding unused
/// tail memory to 1/8 of the heap.
const GROW_DIVISOR: usize = 8;

/// Counters and figures about a heap; see [`Heap::stats`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapStats {
    /// Bytes in live blocks: the class size of small blocks, the requested
    /// size of large ones (what `usable_size` reports).
    pub in_use: usize,
    /// Highest `in_use` so far.
    pub peak_in_use: usize,
    /// Linear memory size in bytes (simulated on the host).
    pub memory_size: usize,
    /// Live blocks.
    pub allocations: usize,
    /// Live large blocks (each in its own span).
    pub large_allocations: usize,
    /// Live blocks per size class; see [`class_size`].
    pub per_class: [u32; CLASSES],
}

pub struct Heap<M: Memory> {
    mem: M,
    /// First page of the heap; 0 until the first slow-path allocation.
    pub(crate) base: usize,
    /// Spans tile `[base, top)`; `[top, end)` is grown but never used.
    pub(crate) top: usize,
    end: usize,
    /// Per class: spans with a free block (the head is where malloc looks).
    partial: [*mut Span; CLASSES],
    /// Free page runs (unordered; first fit).
    runs: *mut Span,
    in_use: usize,
    peak: usize,
    map: PageMap,
}

#[inline(always)]
const fn align_up(x: usize, a: usize) -> usize {
    (x + a - 1) & !(a - 1)
}

/// Pages of a span of blocks of `size` bytes: enough for at least 8 blocks.
const fn class_pages(size: usize) -> usize {
    let pages = pages_for(8 * size + HEADER);
    if pages == 0 {
        1
    } else {
        pages
    }
}

impl<M: Memory> Heap<M> {
    pub const fn new(mem: M) -> Self {
        Heap {
            mem,
            base: 0,
            top: 0,
            end: 0,
            partial: [null_mut(); CLASSES],
            runs: null_mut(),
            in_use: 0,
            peak: 0,
            map: PageMap::new(),
        }
    }

    /// Where the count of bytes in live blocks lives: a reader outside
    /// (the loader) can watch it without a call.
    pub fn in_use_counter(&self) -> *const usize {
        &self.in_use
    }

    pub fn memory(&self) -> &M {
        &self.mem
    }

    pub fn memory_mut(&mut self) -> &mut M {
        &mut self.mem
    }

    #[cold]
    fn init(&mut self) {
        let (start, end) = self.mem.initial();
        self.base = align_up(start.max(1), PAGE);
        self.top = self.base;
        self.end = end.max(self.base);
        self.map.set_base(self.base);
    }

    // ---- pages -------------------------------------------------------

    /// Makes `[top, top + bytes)` available, growing memory geometrically.
    #[cold]
    fn grow(&mut self, bytes: usize) -> bool {
        let need = pages_for(bytes - (self.end - self.top));
        let step = need
            .max(MIN_GROW_PAGES)
            .max(((self.end - self.base) >> PAGE_SHIFT) / GROW_DIVISOR);
        let Some((at, got)) = self
            .mem
            .grow(step)
            .map(|a| (a, step))
            .or_else(|| self.mem.grow(need).map(|a| (a, need)))
        else {
            return false;
        };
        if at != self.end {
            // Someone else grew the memory since our last grow: what is left
            // of our old tail becomes a free run, and we continue up there.
            if at < self.end || ((at - self.base) >> PAGE_SHIFT) + got > MAX_PAGES {
                return false; // not a layout the page map can describe
            }
            let (old_top, old_end) = (self.top, self.end);
            self.top = at;
            if old_top < old_end {
                let s = Span::at(old_top);
                unsafe { (*s).pages = (old_end - old_top) >> PAGE_SHIFT };
                self.map.set(old_top);
                unsafe { self.return_pages(s) };
            }
        }
        self.end = at + (got << PAGE_SHIFT);
        // After a gap the new pages may not be enough on their own.
        self.end - self.top >= bytes || self.grow(bytes)
    }

    /// A span of `pages` pages with its start bit set and `pages` filled in:
    /// the head of the smallest free run that fits (best fit keeps large
    /// runs whole, and the rest of the run stays after the span, where a
    /// large block can grow in place), else fresh pages at the top.
    unsafe fn alloc_pages(&mut self, pages: usize) -> *mut Span {
        if self.base == 0 {
            self.init();
        }
        let mut best: *mut Span = null_mut();
        let mut r = self.runs;
        while !r.is_null() {
            let have = (*r).pages;
            if have >= pages && (best.is_null() || have < (*best).pages) {
                best = r;
                if have == pages {
                    break;
                }
            }
            r = (*r).next;
        }
        if !best.is_null() {
            self.unlink_run(best);
            (*best).class = LARGE; // not FREE: `return_pages` must not merge into it
            self.shorten(best, pages);
            return best;
        }
        let bytes = pages << PAGE_SHIFT;
        if (self.end - self.top < bytes) && !self.grow(bytes) {
            return null_mut();
        }
        let s = Span::at(self.top);
        self.map.set(self.top);
        self.top += bytes;
        (*s).pages = pages;
        s
    }

    #[inline(never)]
    unsafe fn unlink_run(&mut self, r: *mut Span) {
        let (prev, next) = ((*r).prev, (*r).next);
        if prev.is_null() {
            self.runs = next;
        } else {
            (*prev).next = next;
        }
        if !next.is_null() {
            (*next).prev = prev;
        }
    }

    #[inline(never)]
    /// Returns span `s` (its `pages` set, start bit set) to the page pool,
    /// coalescing with free neighbours and with the unused tail.
    unsafe fn return_pages(&mut self, s: *mut Span) {
        let mut s = s;
        let next = Span::end(s);
        if next < self.top && self.map.is_start(next) && (*Span::at(next)).class == FREE {
            let n = Span::at(next);
            self.unlink_run(n);
            self.map.clear(next);
            (*s).pages += (*n).pages;
        }
        if Span::start(s) > self.base {
            let p = self.map.span_of(Span::start(s) - PAGE);
            if (*p).class == FREE && Span::end(p) == Span::start(s) {
                self.unlink_run(p);
                self.map.clear(Span::start(s));
                (*p).pages += (*s).pages;
                s = p;
            }
        }
        if Span::end(s) == self.top {
            self.map.clear(Span::start(s));
            self.top = Span::start(s);
            return;
        }
        (*s).magic = MAGIC ^ s as usize;
        (*s).class = FREE;
        (*s).listed = 0;
        (*s).watched = 0;
        (*s).prev = null_mut();
        (*s).next = self.runs;
        if !self.runs.is_null() {
            (*self.runs).prev = s;
        }
        self.runs = s;
    }

    // ---- small blocks ------------------------------------------------

    #[inline(always)]
    fn note_alloc(&mut self, bytes: usize) {
        self.in_use += bytes;
        if self.in_use > self.peak {
            self.peak = self.in_use;
        }
    }

    /// Takes a block from span `s`, or returns null when it is full.
    #[inline(always)]
    unsafe fn take(&mut self, s: *mut Span) -> *mut u8 {
        let f = (*s).free;
        let b = if !f.is_null() {
            #[cfg(feature = "checked")]
            crate::heap::check::on_pop(self, s, f as usize);
            (*s).free = *f as *mut usize;
            f as usize
        } else if (*s).bump > (*s).limit {
            (*s).bump -= (*s).size;
            (*s).bump
        } else {
            return null_mut();
        };
        (*s).used += 1;
        self.note_alloc((*s).size);
        #[cfg(feature = "checked")]
        crate::heap::check::mark(s, b, true);
        b as *mut u8
    }

    /// Takes a block of class `c` from the first span on its list.
    #[inline(always)]
    unsafe fn alloc_small(&mut self, c: usize) -> *mut u8 {
        debug_assert!(c < CLASSES);
        // SAFETY: class_of returns a class below CLASSES.
        let mut s = *self.partial.get_unchecked(c);
        loop {
            if !s.is_null() {
                let b = self.take(s);
                if !b.is_null() {
                    return b;
                }
            }
            s = self.refill(c);
            if s.is_null() {
                return null_mut();
            }
        }
    }

    /// Finds class `c` a span with a free block: drops the full head of its
    /// list (the fast path found nothing in it); takes the next span, or a
    /// new one. Null when out of memory.
    #[cold]
    #[inline(never)]
    unsafe fn refill(&mut self, c: usize) -> *mut Span {
        let head = *self.partial.get_unchecked(c);
        if !head.is_null() {
            self.unlist(head);
            let next = *self.partial.get_unchecked(c);
            if !next.is_null() {
                return next;
            }
        }
        let size = class_size(c);
        let pages = class_pages(size);
        let s = self.alloc_pages(pages);
        if s.is_null() {
            return s;
        }
        let header = crate::heap::check::header_bytes(pages, size);
        let blocks = ((pages << PAGE_SHIFT) - header) / size;
        (*s).magic = MAGIC ^ s as usize;
        (*s).class = c as u32;
        (*s).watched = 0;
        (*s).size = size;
        (*s).free = null_mut();
        (*s).bump = Span::end(s);
        (*s).limit = Span::end(s) - blocks * size;
        (*s).used = 0;
        #[cfg(feature = "checked")]
        crate::heap::check::clear_marks(s, header);
        self.list(s);
        s
    }

    #[inline(never)]
    /// Puts small span `s` at the head of its class list. The old head may
    /// be full (malloc drops full heads lazily); it leaves the list then.
    unsafe fn list(&mut self, s: *mut Span) {
        let c = (*s).class as usize;
        let mut head = *self.partial.get_unchecked(c);
        if !head.is_null() && (*head).free.is_null() && (*head).bump == (*head).limit {
            self.unlist(head);
            head = *self.partial.get_unchecked(c);
        }
        (*s).listed = 1;
        (*s).prev = null_mut();
        (*s).next = head;
        if !head.is_null() {
            (*head).prev = s;
        }
        *self.partial.get_unchecked_mut(c) = s;
    }

    #[inline(never)]
    unsafe fn unlist(&mut self, s: *mut Span) {
        let (prev, next) = ((*s).prev, (*s).next);
        if prev.is_null() {
            *self.partial.get_unchecked_mut((*s).class as usize) = next;
        } else {
            (*prev).next = next;
        }
        if !next.is_null() {
            (*next).prev = prev;
        }
        (*s).listed = 0;
    }
}

/// A read-only view of the heap's fields for `check`.
pub(crate) struct Parts<'a> {
    pub base: usize,
    pub top: usize,
    pub end: usize,
    pub partial: &'a [*mut Span; CLASSES],
    pub runs: *mut Span,
    pub in_use: usize,
    pub map: &'a PageMap,
}
