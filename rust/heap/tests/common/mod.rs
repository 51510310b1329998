//! Shared by the host tests: a heap over a simulated memory in a zeroed,
//! 64 KiB aligned host allocation, and a model of live blocks.
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
    /// `max` bytes of address space, `initial` of them usable at once and
    /// starting `offset` bytes into the region (like `__heap_base`).
    pub fn new(offset: usize, initial: usize, max: usize) -> Self {
        let layout = Layout::from_size_align(max, PAGE).unwrap();
        let region = unsafe { alloc_zeroed(layout) };
        assert!(!region.is_null());
        let mut heap = Box::new(Heap::new(unsafe {
            SimMemory::new(region as usize, initial, max)
        }));
        let _ = offset;
        heap.memory_mut().set_start_offset(offset);
        TestHeap {
            heap,
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

/// A deterministic generator (xorshift64*), so failures replay.
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

/// The model: live blocks, checked against the heap after every step.
#[derive(Default)]
pub struct Model {
    pub live: Vec<Block>,
}

impl Model {
    pub fn fill(b: &Block) {
        unsafe { (b.ptr as *mut u8).write_bytes(b.tag, b.size) }
    }

    pub fn verify_contents(b: &Block) {
        let s = unsafe { std::slice::from_raw_parts(b.ptr as *const u8, b.size) };
        if let Some(i) = s.iter().position(|&x| x != b.tag) {
            panic!(
                "block {:#x}+{} lost its contents at byte {i}",
                b.ptr, b.size
            );
        }
    }

    /// No two live blocks overlap; each is aligned and fits its usable size.
    pub fn verify(&self, heap: &Heap<SimMemory>) {
        let mut v: Vec<(usize, usize)> = self
            .live
            .iter()
            .map(|b| {
                assert_eq!(b.ptr % b.align, 0, "alignment of {:#x}", b.ptr);
                let u = unsafe { heap.usable_size(b.ptr as *mut u8) };
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
    }
}
