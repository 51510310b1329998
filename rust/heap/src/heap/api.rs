//! The C API over one heap: `malloc`, `aligned_alloc`, `calloc`, `free`,
//! `usable_size`, `realloc` and the in-place `resize` under it. The pages,
//! small and large blocks these use are heap.rs's.

use super::*;

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

impl<M: Memory> Heap<M> {
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
        crate::heap::check::validate_pointer(self, p as usize, true);
        let s = self.span_of(p as usize);
        #[cfg(feature = "checked")]
        crate::heap::check::on_free(self, s, p as usize);
        if (*s).class < LARGE {
            let b = p as *mut usize;
            *b = (*s).free as usize;
            (*s).free = b;
            (*s).used -= 1;
            self.in_use -= (*s).size;
            #[cfg(feature = "checked")]
            crate::heap::check::mark(s, p as usize, false);
            // One test for the three rare cases: the span was full
            // (unlisted), is empty now, or is watched.
            let watched = if cfg!(feature = "unwatched") {
                0
            } else {
                (*s).watched
            };
            if ((*s).listed ^ 1) | watched != 0 || (*s).used == 0 {
                self.after_free(s, p as usize);
            }
        } else {
            if (*s).watched != 0 {
                crate::watch::freed(s, p as usize, Span::large_len(s));
            }
            self.free_large(s);
        }
    }

    /// `free` of block `p` that left span `s` unlisted (it was full) or
    /// empty, or of a block in a watched span.
    #[cold]
    #[inline(never)]
    pub(super) unsafe fn after_free(&mut self, s: *mut Span, p: usize) {
        if (*s).watched != 0 {
            crate::watch::freed(s, p, (*s).size);
        }
        if (*s).listed == 0 {
            self.list(s);
        } else if (*s).used == 0 && (!(*s).next.is_null() | !(*s).prev.is_null()) {
            // Empty, and not the class's only span: give the pages back.
            self.unlist(s);
            self.return_pages(s);
        }
    }

    #[cold]
    #[inline(never)]
    pub(super) unsafe fn free_large(&mut self, s: *mut Span) {
        self.in_use -= Span::large_len(s);
        (*s).used = 0;
        self.return_pages(s);
    }

    /// The span of live block `p`, checked in checked mode: for the calls
    /// off the fast paths (`usable_size`, `resize`), one copy of the lookup.
    #[inline(never)]
    pub(super) unsafe fn span_of_live(&self, p: *mut u8) -> *mut Span {
        #[cfg(feature = "checked")]
        crate::heap::check::validate_pointer(self, p as usize, false);
        let s = self.span_of(p as usize);
        #[cfg(feature = "checked")]
        crate::heap::check::on_use(self, s, p as usize);
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
            Span::large_len(s)
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
            have = Span::large_len(s);
            // A watched block (JS views its memory) never shrinks in place:
            // the pages it gave back would be reused under a view of its
            // old length, which no free reported. Moved, its free is.
            let shrinks_watched = (*s).watched != 0 && size < have;
            if size <= (1 << 31)
                && (size > SMALL_MAX || size >= have / 2)
                && !shrinks_watched
                && self.resize_large(s, p as usize, size)
            {
                return IN_PLACE;
            }
        }
        have.min(size)
    }

    /// Fits large block `p` in span `s` to `size` bytes without moving it.
    pub(super) unsafe fn resize_large(&mut self, s: *mut Span, p: usize, size: usize) -> bool {
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
        self.shorten(s, (want - Span::start(s)) >> PAGE_SHIFT);
        self.set_large_size(s, size);
        true
    }

    /// Cuts span `s` (not a free run) to `pages` pages; the pages beyond
    /// become a free run.
    #[inline(never)]
    pub(super) unsafe fn shorten(&mut self, s: *mut Span, pages: usize) {
        let have = (*s).pages;
        (*s).pages = pages;
        if have > pages {
            let rest = Span::at(Span::end(s));
            self.map.set(rest as usize);
            (*rest).pages = have - pages;
            self.return_pages(rest);
        }
    }

    pub(super) unsafe fn set_large_size(&mut self, s: *mut Span, size: usize) {
        self.in_use -= Span::large_len(s);
        Span::set_large_len(s, size);
        self.note_alloc(size);
    }
}
