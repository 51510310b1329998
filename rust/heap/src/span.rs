//! Spans: runs of 64 KiB pages, each starting with a header, and the page
//! map that finds the header of any address.
//!
//! A span is one of
//! - a *small* span: blocks of one size class, laid out backwards from the
//!   span's end (so a block whose size is a multiple of `a` is `a`-aligned),
//!   carved lazily by a bump pointer and recycled through a free list
//!   threaded through the free blocks' first word;
//! - a *large* span: one block bigger than [`SMALL_MAX`](crate::class::SMALL_MAX)
//!   or aligned beyond what a class gives;
//! - a *free run*: pages waiting for reuse, on the heap's run list.
//!
//! Invariants:
//! - spans tile `[base, top)` except where another user of the memory grew
//!   it between two of our grows (gaps have no start bit);
//! - the page map has a bit set exactly at the first page of every span;
//! - no block starts at its span's first byte (the header is there), so the
//!   span of address `p` is the closest start bit at or below `p`'s page;
//! - two free runs are never adjacent (freeing coalesces).

use crate::memory::{PAGE, PAGE_SHIFT};

/// `Span::class` of a large span.
pub const LARGE: u32 = 0xffff;
/// `Span::class` of a free run.
pub const FREE: u32 = 0xfffe;

/// The header at the start of every span.
#[repr(C)]
pub struct Span {
    /// `MAGIC ^ address`: an overrun from the block below the span (or a
    /// stray pointer) changes it; checked mode verifies it on every free.
    pub magic: usize,
    /// Length of the span in pages.
    pub pages: usize,
    /// Size class, [`LARGE`] or [`FREE`].
    pub class: u32,
    /// Whether the span is on its class's list of spans with free blocks.
    pub listed: u32,
    /// Nonzero while a block of the span may be viewed from JS
    /// (watch.rs): its frees tell the watcher.
    pub watched: u32,
    /// Block size (small); block address (large: read it through
    /// [`Span::large_block`]).
    pub size: usize,
    /// Free blocks, linked through their first word.
    pub free: *mut usize,
    /// Small: blocks in `[bump, end)` have been carved; `bump > limit`
    /// means a fresh block is available below `bump`. Large: the size
    /// asked for (what `usable_size` reports and `realloc` copies; the
    /// span may hold up to a page more; read it through
    /// [`Span::large_len`]).
    pub bump: usize,
    /// Address of the lowest block.
    pub limit: usize,
    /// Live blocks.
    pub used: usize,
    /// Neighbours on the class list (small) or the run list (free).
    pub next: *mut Span,
    pub prev: *mut Span,
}

pub const MAGIC: usize = 0x5eed_b10c;

/// Header bytes reserved at the start of a span (a multiple of 16, so large
/// blocks are 16-byte aligned).
pub const HEADER: usize = (core::mem::size_of::<Span>() + 15) & !15;

impl Span {
    /// The header of the span starting at `start`.
    #[inline(always)]
    pub fn at(start: usize) -> *mut Span {
        start as *mut Span
    }
    /// The first byte of span `s`.
    #[inline(always)]
    pub fn start(s: *const Span) -> usize {
        s as usize
    }
    /// One past the span's last byte.
    #[inline(always)]
    pub unsafe fn end(s: *const Span) -> usize {
        Span::start(s) + ((*s).pages << PAGE_SHIFT)
    }

    // A large span reuses two of a small span's fields: its block's address
    // in `size`, the bytes asked for in `bump`. These say which is meant.

    /// A large span's one block.
    #[inline(always)]
    pub unsafe fn large_block(s: *const Span) -> usize {
        (*s).size
    }
    /// The bytes asked for of a large span's block.
    #[inline(always)]
    pub unsafe fn large_len(s: *const Span) -> usize {
        (*s).bump
    }
    /// Makes `s` a large span holding `len` bytes at `block`.
    #[inline(always)]
    pub unsafe fn set_large(s: *mut Span, block: usize, len: usize) {
        (*s).class = LARGE;
        (*s).size = block;
        (*s).bump = len;
    }
    #[inline(always)]
    pub unsafe fn set_large_len(s: *mut Span, len: usize) {
        (*s).bump = len;
    }
}

/// Most pages a 32-bit address space holds.
pub const MAX_PAGES: usize = 1 << (32 - PAGE_SHIFT);

/// One bit per page: set at the first page of every span. 8 KiB covers
/// 4 GiB. On wasm32 it maps absolute addresses (linear memory starts at 0);
/// on a 64-bit host, addresses relative to the simulated memory's base.
pub struct PageMap {
    #[cfg(not(target_arch = "wasm32"))]
    base: usize,
    bits: [u32; MAX_PAGES / 32],
}

impl PageMap {
    pub const fn new() -> Self {
        PageMap {
            #[cfg(not(target_arch = "wasm32"))]
            base: 0,
            bits: [0; MAX_PAGES / 32],
        }
    }

    pub fn set_base(&mut self, _base: usize) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.base = _base;
        }
    }

    #[inline(always)]
    fn base(&self) -> usize {
        #[cfg(not(target_arch = "wasm32"))]
        return self.base;
        #[cfg(target_arch = "wasm32")]
        0
    }

    /// The page index of `addr`, masked into the map's range: callers pass
    /// addresses in `[base, base + 4 GiB)`, and the mask spares a bounds check.
    #[inline(always)]
    fn page(&self, addr: usize) -> usize {
        ((addr - self.base()) >> PAGE_SHIFT) & (MAX_PAGES - 1)
    }

    #[inline(always)]
    pub fn set(&mut self, addr: usize) {
        let p = self.page(addr);
        self.bits[p >> 5] |= 1 << (p & 31);
    }

    #[inline(always)]
    pub fn clear(&mut self, addr: usize) {
        let p = self.page(addr);
        self.bits[p >> 5] &= !(1 << (p & 31));
    }

    #[inline(always)]
    pub fn is_start(&self, addr: usize) -> bool {
        let p = self.page(addr);
        self.bits[p >> 5] & (1 << (p & 31)) != 0
    }

    /// The span holding `addr`. `addr` must lie in `[base, top)` with a span
    /// start at or below it (the base page always starts a span).
    #[inline(always)]
    pub fn span_of(&self, addr: usize) -> *mut Span {
        let p = self.page(addr);
        let mut w = p >> 5;
        let mut bits = self.bits[w] & (u32::MAX >> (31 - (p & 31)));
        while bits == 0 {
            w = (w - 1) & (MAX_PAGES / 32 - 1);
            bits = self.bits[w];
        }
        let start = (w << 5) + 31 - bits.leading_zeros() as usize;
        Span::at(self.base() + (start << PAGE_SHIFT))
    }

    /// Whether any span starts at or below `addr` (for validating foreign
    /// pointers in checked mode and in `check`).
    #[cfg(feature = "checked")]
    pub fn any_at_or_below(&self, addr: usize) -> bool {
        let p = self.page(addr);
        let w = p >> 5;
        self.bits[w] & (u32::MAX >> (31 - (p & 31))) != 0 || self.bits[..w].iter().any(|&b| b != 0)
    }
}

/// Pages needed to hold `bytes`.
#[inline(always)]
pub const fn pages_for(bytes: usize) -> usize {
    (bytes + PAGE - 1) >> PAGE_SHIFT
}
