//! Shared by the host tests: a heap over a simulated memory in a zeroed,
//! 64 KiB aligned host allocation, a model of live blocks, and a driver of
//! random operations that checks the heap against the model.
#![allow(dead_code)]

use std::alloc::{alloc_zeroed, dealloc, Layout};
use weakbind_heap::memory::PAGE;
use weakbind_heap::{Heap, SimMemory};

/// A heap and the host allocation backing its simulated memory.
pub struct TestHeap {
    pub heap: Box<Heap<SimMemory>>,
    region: *mut u8,
    layout: Layout,
}

impl TestHeap {
    /// `max` bytes of address space; the first `initial` are usable at
    /// once, from `offset` on (like the data below `__heap_base`).
    pub fn new(offset: usize, initial: usize, max: usize) -> Self {
        let layout = Layout::from_size_align(max, PAGE).unwrap();
        let region = unsafe { alloc_zeroed(layout) };
        assert!(!region.is_null());
        let mut mem = unsafe { SimMemory::new(region as usize, initial, max) };
        mem.set_start_offset(offset);
        TestHeap {
            heap: Box::new(Heap::new(mem)),
            region,
            layout,
        }
    }

    pub fn region(&self) -> usize {
        self.region as usize
    }
}

impl Drop for TestHeap {
    fn drop(&mut self) {
        unsafe { dealloc(self.region, self.layout) }
    }
}

/// A deterministic generator (xorshift64*), so failures replay by seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// Log-uniform in `[lo, hi]`.
    pub fn log_size(&mut self, lo: usize, hi: usize) -> usize {
        let (a, b) = ((lo as f64).ln(), (hi as f64).ln());
        let x = a + (b - a) * (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        (x.exp() as usize).clamp(lo, hi)
    }
}

/// A live block as the model sees it: every byte holds `tag`.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub ptr: usize,
    pub size: usize,
    pub align: usize,
    pub tag: u8,
}

impl Block {
    pub fn fill(&self) {
        unsafe { (self.ptr as *mut u8).write_bytes(self.tag, self.size) }
    }

    /// Checks the first and last bytes and a stride through the middle
    /// (all bytes would make debug builds crawl).
    pub fn verify(&self, n: usize) {
        let n = n.min(self.size);
        let s = unsafe { std::slice::from_raw_parts(self.ptr as *const u8, n) };
        let head = n.min(32);
        let tail = n.saturating_sub(32);
        let mut i = 0;
        while i < n {
            if s[i] != self.tag {
                panic!(
                    "block {:#x}+{} lost byte {i}: {} != {}",
                    self.ptr, self.size, s[i], self.tag
                );
            }
            i = if i < head || i >= tail {
                i + 1
            } else {
                (i + 61).min(tail)
            };
        }
    }
}

/// How the driver picks sizes.
#[derive(Clone, Copy, Debug)]
pub enum Sizes {
    /// 0..=512 bytes: the size-class fast paths.
    Small,
    /// Log-uniform up to 300 KB: classes, spans of several pages, large blocks.
    Mixed,
    /// Around page and class boundaries.
    Edges,
}

/// Random operations on a heap, checked against the model of live blocks.
pub struct Driver {
    pub t: TestHeap,
    pub rng: Rng,
    pub live: Vec<Block>,
    pub sizes: Sizes,
    tag: u8,
    pub ops: u64,
    /// Live blocks the random walk hovers around.
    pub target: usize,
}

impl Driver {
    pub fn new(seed: u64, sizes: Sizes, t: TestHeap) -> Self {
        Driver {
            t,
            rng: Rng(seed ^ 0x9e37_79b9_7f4a_7c15),
            live: Vec::new(),
            sizes,
            tag: 0,
            ops: 0,
            target: 2000,
        }
    }

    fn size(&mut self) -> usize {
        match self.sizes {
            Sizes::Small => self.rng.below(513) as usize,
            Sizes::Mixed => self.rng.log_size(1, 300_000) - 1,
            Sizes::Edges => {
                let base =
                    [16usize, 256, 4096, 65536 - 64, 65536, 131072][self.rng.below(6) as usize];
                (base + self.rng.below(129) as usize).saturating_sub(64)
            }
        }
    }

    fn next_tag(&mut self) -> u8 {
        self.tag = self.tag.wrapping_add(1).max(1);
        self.tag
    }

    /// One random operation. Returns false when the heap ran out of memory
    /// (the model is unchanged then).
    pub fn step(&mut self) -> bool {
        self.ops += 1;
        let op = self.rng.below(100);
        unsafe {
            // Allocations outnumber frees below `target` live blocks and
            // the other way round above it, so the heap breathes around it.
            let alloc = if self.live.len() < self.target {
                45
            } else {
                35
            };
            if op < alloc || self.live.is_empty() {
                let size = self.size();
                let kind = self.rng.below(10);
                let (ptr, align) = match kind {
                    0 => {
                        let align = 1usize << self.rng.below(17);
                        (self.t.heap.aligned_alloc(align, size), align)
                    }
                    1 => {
                        let p = self.t.heap.calloc(1 + size % 3, size / 3);
                        if !p.is_null() {
                            let n = (1 + size % 3) * (size / 3);
                            let zeros = Block {
                                ptr: p as usize,
                                size: n,
                                align: 1,
                                tag: 0,
                            };
                            zeros.verify(n);
                        }
                        (p, if size / 3 * (1 + size % 3) > 8 { 16 } else { 8 })
                    }
                    _ => (self.t.heap.malloc(size), if size > 8 { 16 } else { 8 }),
                };
                if ptr.is_null() {
                    return false;
                }
                let size = if kind == 1 {
                    (1 + size % 3) * (size / 3)
                } else {
                    size
                };
                let b = Block {
                    ptr: ptr as usize,
                    size,
                    align,
                    tag: self.next_tag(),
                };
                b.fill();
                self.live.push(b);
            } else if op < 75 {
                let i = self.rng.below(self.live.len() as u64) as usize;
                let b = self.live.swap_remove(i);
                b.verify(b.size);
                self.t.heap.free(b.ptr as *mut u8);
            } else {
                let i = self.rng.below(self.live.len() as u64) as usize;
                let b = self.live[i];
                b.verify(b.size);
                let cap = match self.sizes {
                    Sizes::Small => 4096,
                    _ => 400_000,
                };
                let size = match self.rng.below(4) {
                    0 => (b.size * 2 + 1).min(cap),
                    1 => b.size / 2,
                    2 => b.size + self.rng.below(64) as usize,
                    _ => self.size(),
                };
                let q = self.t.heap.realloc(b.ptr as *mut u8, size);
                if q.is_null() {
                    b.verify(b.size); // untouched on failure
                    return false;
                }
                let moved = Block {
                    ptr: q as usize,
                    ..b
                };
                moved.verify(size);
                let nb = Block {
                    ptr: q as usize,
                    size,
                    align: if size > 8 { 16 } else { 8 },
                    tag: self.next_tag(),
                };
                nb.fill();
                self.live[i] = nb;
            }
        }
        true
    }

    /// The heap's invariant walk, the model's view (no overlap, alignment,
    /// usable sizes) and the heap's counters against the model.
    pub fn verify(&self) {
        let h = &self.t.heap;
        h.check()
            .unwrap_or_else(|e| panic!("after {} ops: {e}", self.ops));
        let mut v: Vec<(usize, usize)> = self
            .live
            .iter()
            .map(|b| {
                assert_eq!(b.ptr % b.align, 0, "alignment {} of {:#x}", b.align, b.ptr);
                let u = unsafe { h.usable_size(b.ptr as *mut u8) };
                assert!(u >= b.size, "usable {u} < size {}", b.size);
                (b.ptr, b.ptr + u.max(1))
            })
            .collect();
        v.sort();
        for w in v.windows(2) {
            assert!(
                w[0].1 <= w[1].0,
                "blocks {:x?} and {:x?} overlap",
                w[0],
                w[1]
            );
        }
        let st = h.stats();
        assert_eq!(st.allocations, self.live.len());
        let usable: usize = v.iter().map(|(a, b)| b - a).sum();
        assert_eq!(
            st.in_use, usable,
            "in_use counts the usable bytes of live blocks"
        );
        assert!(st.peak_in_use >= st.in_use);
    }

    /// Frees everything; the heap must be empty and consistent after.
    pub fn drain(&mut self) {
        for b in std::mem::take(&mut self.live) {
            b.verify(b.size);
            unsafe { self.t.heap.free(b.ptr as *mut u8) };
        }
        self.t.heap.check().unwrap();
        let st = self.t.heap.stats();
        assert_eq!((st.in_use, st.allocations), (0, 0));
    }
}

/// Fewer steps in debug builds (`cargo test` without --release).
pub fn scaled(release: usize) -> usize {
    if cfg!(debug_assertions) {
        release / 4
    } else {
        release
    }
}
