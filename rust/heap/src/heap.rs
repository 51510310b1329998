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

/// C `realloc` over a heap and the `malloc`/`free` to use for a move (the
/// C exports, so their fast paths exist once; or a benchmark's own entry
/// points): `realloc(NULL, n)` is `malloc(n)`; NULL on failure, `p`
/// untouched.
///
/// A small block that must move to grow gets twice the size asked for
/// when that fits (its usable size says so): a block realloc grows is
/// likely to grow again, and doubling vectors, C strings built by
/// `realloc(len + k)` and Rust's `Vec` then move every other time at most
/// while small. Large blocks get no such room (it would be address space
/// held for nothing if they stop growing); they grow in place into a free
/// run after them or at the top of the heap.
///
/// # Safety
/// `p` is NULL or a live block of `heap`; `malloc`/`free` are `heap`'s.
#[inline(always)]
pub unsafe fn realloc_via<M: Memory>(
    heap: &mut Heap<M>,
    p: *mut u8,
    size: usize,
    malloc: impl Fn(&mut Heap<M>, usize) -> *mut u8,
    free: impl Fn(&mut Heap<M>, *mut u8),
) -> *mut u8 {
    if p.is_null() {
        return malloc(heap, size);
    }
    let keep = heap.resize(p, size);
    if keep == IN_PLACE {
        return p;
    }
    let mut q = null_mut();
    if keep < size && size <= SMALL_MAX {
        q = malloc(heap, 2 * size);
    }
    if q.is_null() {
        q = malloc(heap, size);
    }
    if !q.is_null() {
        core::ptr::copy_nonoverlapping(p, q, keep);
        free(heap, p);
    }
    q
}

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
                unsafe { self.release(s) };
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
            (*best).class = LARGE; // not FREE: `release` must not merge into it
            self.trim(best, pages);
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
    unsafe fn release(&mut self, s: *mut Span) {
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
            crate::check::on_pop(self, s, f as usize);
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
        crate::check::mark(s, b, true);
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
        let header = crate::check::header_bytes(pages, size);
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
        crate::check::clear_marks(s, header);
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

    // ---- large blocks ------------------------------------------------

    /// A large block of `size` bytes aligned to `align` (a power of two up
    /// to [`MAX_ALIGN`]), in a span of its own.
    ///
    /// # Safety
    /// The heap's memory is not touched by anything else.
    #[cold]
    #[inline(never)]
    pub unsafe fn alloc_large(&mut self, size: usize, align: usize) -> *mut u8 {
        if size > (1usize << 31) {
            return null_mut();
        }
        let offset = align_up(HEADER, align.max(LARGE_ALIGN));
        let s = self.alloc_pages(pages_for(offset + size));
        if s.is_null() {
            return null_mut();
        }
        let p = Span::start(s) + offset;
        (*s).magic = MAGIC ^ s as usize;
        (*s).class = LARGE;
        (*s).listed = 0;
        (*s).watched = 0;
        (*s).size = p;
        (*s).used = 1;
        (*s).bump = size;
        self.note_alloc(size);
        p as *mut u8
    }

    // ---- the C API, over this heap -------------------------------------

    /// C `malloc`: NULL on failure; `malloc(0)` returns a unique block.
    ///
    /// # Safety
    /// The heap's memory is not touched by anything else.
    #[inline(always)]
    pub unsafe fn malloc(&mut self, size: usize) -> *mut u8 {
        if size <= SMALL_MAX {
            self.alloc_small(class_of(size))
        } else {
            self.alloc_large(size, 16)
        }
    }

    /// How to serve `aligned_alloc(align, size)` (see [`Aligned`]).
    pub fn aligned(align: usize, size: usize) -> Aligned {
        if !align.is_power_of_two() || align > MAX_ALIGN {
            return Aligned::Invalid;
        }
        if align <= 8 || (align <= 16 && size > 8) {
            return Aligned::Malloc(size);
        }
        // A class size that is a multiple of `align` gives aligned blocks
        // (class.rs); large blocks are 64-byte aligned.
        let rounded = align_up(size.max(1), align);
        if rounded <= SMALL_MAX {
            Aligned::Malloc(rounded)
        } else if align <= LARGE_ALIGN {
            Aligned::Malloc(size)
        } else {
            Aligned::Large
        }
    }

    /// C `aligned_alloc`/`posix_memalign`: `align` a power of two up to
    /// [`MAX_ALIGN`]; NULL otherwise.
    ///
    /// # Safety
    /// The heap's memory is not touched by anything else.
    pub unsafe fn aligned_alloc(&mut self, align: usize, size: usize) -> *mut u8 {
        match Self::aligned(align, size) {
            Aligned::Malloc(n) => self.malloc(n),
            Aligned::Large => self.alloc_large(size, align),
            Aligned::Invalid => null_mut(),
        }
    }

    /// C `calloc`, with the overflow check.
    ///
    /// # Safety
    /// The heap's memory is not touched by anything else.
    pub unsafe fn calloc(&mut self, n: usize, size: usize) -> *mut u8 {
        let Some(bytes) = n.checked_mul(size) else {
            return null_mut();
        };
        let p = self.malloc(bytes);
        if !p.is_null() {
            p.write_bytes(0, bytes);
        }
        p
    }

    /// The span of a block this heap returned.
    #[inline(always)]
    pub(crate) unsafe fn span_of(&self, p: usize) -> *mut Span {
        self.map.span_of(p)
    }

    /// C `free`; `free(NULL)` does nothing.
    ///
    /// # Safety
    /// `p` is NULL or a live block of this heap.
    #[inline(always)]
    pub unsafe fn free(&mut self, p: *mut u8) {
        if p.is_null() {
            return;
        }
        #[cfg(feature = "checked")]
        crate::check::validate_pointer(self, p as usize, true);
        let s = self.span_of(p as usize);
        #[cfg(feature = "checked")]
        crate::check::on_free(self, s, p as usize);
        if (*s).class < LARGE {
            let b = p as *mut usize;
            *b = (*s).free as usize;
            (*s).free = b;
            (*s).used -= 1;
            self.in_use -= (*s).size;
            #[cfg(feature = "checked")]
            crate::check::mark(s, p as usize, false);
            // One test for the three rare cases: the span was full
            // (unlisted), is empty now, or is watched.
            if ((*s).listed ^ 1) | (*s).watched != 0 || (*s).used == 0 {
                self.after_free(s, p as usize);
            }
        } else {
            if (*s).watched != 0 {
                crate::watch::freed(s, p as usize, (*s).bump);
            }
            self.free_large(s);
        }
    }

    /// `free` of block `p` that left span `s` unlisted (it was full) or
    /// empty, or of a block in a watched span.
    #[cold]
    #[inline(never)]
    unsafe fn after_free(&mut self, s: *mut Span, p: usize) {
        if (*s).watched != 0 {
            crate::watch::freed(s, p, (*s).size);
        }
        if (*s).listed == 0 {
            self.list(s);
        } else if (*s).used == 0 && (!(*s).next.is_null() | !(*s).prev.is_null()) {
            // Empty, and not the class's only span: give the pages back.
            self.unlist(s);
            self.release(s);
        }
    }

    #[cold]
    #[inline(never)]
    unsafe fn free_large(&mut self, s: *mut Span) {
        self.in_use -= (*s).bump;
        (*s).used = 0;
        self.release(s);
    }

    /// The span of live block `p`, checked in checked mode: for the calls
    /// off the fast paths (`usable_size`, `resize`), one copy of the lookup.
    #[inline(never)]
    unsafe fn span_of_live(&self, p: *mut u8) -> *mut Span {
        #[cfg(feature = "checked")]
        crate::check::validate_pointer(self, p as usize, false);
        let s = self.span_of(p as usize);
        #[cfg(feature = "checked")]
        crate::check::on_use(self, s, p as usize);
        s
    }

    /// Bytes usable in block `p` (at least what was asked for).
    ///
    /// # Safety
    /// `p` is NULL or a live block of this heap.
    pub unsafe fn usable_size(&self, p: *mut u8) -> usize {
        if p.is_null() {
            return 0;
        }
        let s = self.span_of_live(p);
        if (*s).class < LARGE {
            (*s).size
        } else {
            (*s).bump
        }
    }

    /// C `realloc`: `realloc(NULL, n)` is `malloc(n)`; a size of 0 keeps a
    /// minimal block; NULL on failure, `p` untouched. See [`realloc_via`].
    ///
    /// # Safety
    /// `p` is NULL or a live block of this heap.
    pub unsafe fn realloc(&mut self, p: *mut u8, size: usize) -> *mut u8 {
        realloc_via(self, p, size, |h, n| h.malloc(n), |h, q| h.free(q))
    }

    /// The part of `realloc` that needs no new block: [`IN_PLACE`] when
    /// block `p` (not NULL) already fits `size` or was resized in place —
    /// large blocks grow into a free run after them or into fresh memory
    /// at the top — else the number of bytes the caller must copy to a new
    /// block (see [`realloc_via`]).
    ///
    /// # Safety
    /// `p` is a live block of this heap.
    #[inline(never)]
    pub unsafe fn resize(&mut self, p: *mut u8, size: usize) -> usize {
        let s = self.span_of_live(p);
        let have;
        if (*s).class < LARGE {
            have = (*s).size;
            if size <= have && (size >= have / 2 || have <= 16) {
                return IN_PLACE;
            }
        } else {
            have = (*s).bump;
            if size <= (1 << 31)
                && (size > SMALL_MAX || size >= have / 2)
                && self.resize_large(s, p as usize, size)
            {
                return IN_PLACE;
            }
        }
        have.min(size)
    }

    /// Fits large block `p` in span `s` to `size` bytes without moving it.
    unsafe fn resize_large(&mut self, s: *mut Span, p: usize, size: usize) -> bool {
        let end = Span::end(s);
        let want = align_up(p + size, PAGE);
        if want > end {
            let extra = want - end;
            let next = Span::at(end);
            if end == self.top {
                if self.end - self.top < extra && (!self.grow(extra) || end != self.top) {
                    return false;
                }
                self.top += extra;
                (*s).pages += extra >> PAGE_SHIFT;
            } else if self.map.is_start(end)
                && (*next).class == FREE
                && (*next).pages << PAGE_SHIFT >= extra
            {
                self.unlink_run(next);
                self.map.clear(end);
                (*s).pages += (*next).pages;
            } else {
                return false;
            }
        }
        // Whole pages past the block go back (a shrink, or the rest of the
        // run grown into).
        self.trim(s, (want - Span::start(s)) >> PAGE_SHIFT);
        self.set_large_size(s, size);
        true
    }

    /// Cuts span `s` (not a free run) to `pages` pages; the pages beyond
    /// become a free run.
    #[inline(never)]
    unsafe fn trim(&mut self, s: *mut Span, pages: usize) {
        let have = (*s).pages;
        (*s).pages = pages;
        if have > pages {
            let rest = Span::at(Span::end(s));
            self.map.set(rest as usize);
            (*rest).pages = have - pages;
            self.release(rest);
        }
    }

    unsafe fn set_large_size(&mut self, s: *mut Span, size: usize) {
        self.in_use -= (*s).bump;
        (*s).bump = size;
        self.note_alloc(size);
    }

    // ---- introspection -----------------------------------------------

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
        crate::check::check(self)
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
