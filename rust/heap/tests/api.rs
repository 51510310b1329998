//! The C semantics of the heap's entry points, memory growth and out of
//! memory, on a heap over a simulated memory.

mod common;
use common::TestHeap;
use weakbind_heap::class::{class_of, class_size, SMALL_MAX};
use weakbind_heap::memory::PAGE;
use weakbind_heap::Memory;

/// Allocates `size`-byte blocks until the heap refuses one; returns them.
unsafe fn exhaust(
    h: &mut weakbind_heap::Heap<weakbind_heap::SimMemory>,
    size: usize,
) -> Vec<*mut u8> {
    let mut blocks = vec![];
    loop {
        let p = h.malloc(size);
        if p.is_null() {
            return blocks;
        }
        blocks.push(p);
    }
}

fn heap() -> TestHeap {
    TestHeap::new(1000, PAGE, 64 << 20)
}

#[test]
fn zero_size_requests_get_unique_freeable_blocks() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        let a = h.malloc(0);
        let b = h.malloc(0);
        let c = h.calloc(0, 7);
        let d = h.aligned_alloc(64, 0);
        assert!(!a.is_null() && !b.is_null() && !c.is_null() && !d.is_null());
        assert!(a != b && b != c && a != c && (d as usize).is_multiple_of(64));
        for p in [a, b, c, d] {
            h.free(p);
        }
        h.free(std::ptr::null_mut());
        h.check().unwrap();
        assert_eq!(h.stats().allocations, 0);
    }
}

#[test]
fn calloc_checks_overflow_and_zeroes() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        assert!(h.calloc(usize::MAX / 2, 3).is_null());
        assert!(h.calloc(1 << 20, 1 << 20).is_null());
        // Dirty a block, free it, and get it back from calloc: zeroed.
        let p = h.malloc(100);
        p.write_bytes(0xab, 100);
        h.free(p);
        let q = h.calloc(10, 10);
        assert_eq!(q, p, "same class, LIFO reuse");
        assert!(std::slice::from_raw_parts(q, 100).iter().all(|&b| b == 0));
        h.free(q);
        h.check().unwrap();
    }
}

#[test]
fn malloc_alignment_is_16_above_8_bytes() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        for size in [
            1,
            8,
            9,
            16,
            24,
            100,
            1000,
            5000,
            SMALL_MAX,
            SMALL_MAX + 1,
            300_000,
        ] {
            let p = h.malloc(size);
            assert_eq!(p as usize % if size > 8 { 16 } else { 8 }, 0, "size {size}");
            assert!(h.usable_size(p) >= size);
        }
        h.check().unwrap();
    }
}

#[test]
fn aligned_alloc_up_to_64k() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        let mut a = 1;
        while a <= PAGE {
            for size in [1, a / 2 + 1, a, 3 * a, 100_000] {
                let p = h.aligned_alloc(a, size);
                assert!(!p.is_null());
                assert_eq!(p as usize % a, 0, "align {a} size {size}");
                assert!(h.usable_size(p) >= size);
                p.write_bytes(1, size);
            }
            a *= 2;
        }
        assert!(h.aligned_alloc(2 * PAGE, 16).is_null(), "beyond 64 KiB");
        assert!(h.aligned_alloc(48, 16).is_null(), "not a power of two");
        h.check().unwrap();
    }
}

#[test]
fn small_blocks_have_no_header() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        // 1000 blocks of 32 bytes sit 32 bytes apart in one span.
        let ps: Vec<usize> = (0..1000).map(|_| h.malloc(32) as usize).collect();
        for w in ps.windows(2) {
            assert_eq!(w[0] - w[1], 32);
        }
        let st = h.stats();
        assert_eq!(st.per_class[class_of(32)], 1000);
        assert_eq!(st.in_use, 32_000);
        assert_eq!(class_size(class_of(32)), 32);
    }
}

#[test]
fn realloc_keeps_contents_and_grows_large_blocks_in_place() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        assert!(
            !h.realloc(std::ptr::null_mut(), 10).is_null(),
            "realloc(NULL) is malloc"
        );
        let mut p = h.malloc(10);
        p.write_bytes(7, 10);
        let mut size = 10;
        let mut moves = 0;
        while size < 4 << 20 {
            let q = h.realloc(p, size * 2);
            assert!(std::slice::from_raw_parts(q, size).iter().all(|&b| b == 7));
            q.add(size).write_bytes(7, size);
            if q != p {
                moves += 1;
            }
            p = q;
            size *= 2;
        }
        // Past 64 KiB the block is large and at the top: it never moves again.
        assert!(moves <= 15, "{moves} moves");
        let q = h.realloc(p, size / 8);
        assert_eq!(q, p, "shrinking a large block keeps it");
        assert!(h.usable_size(q) < size / 4, "and gives tail pages back");
        let r = h.realloc(q, 0);
        assert!(!r.is_null());
        h.free(r);
        h.check().unwrap();
        assert_eq!(h.stats().in_use, 16, "only realloc(NULL, 10) is left");
    }
}

#[test]
fn realloc_gives_a_moved_small_block_room_to_grow_again() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        // A vector doubling from 16 B to 64 KiB with a neighbour after it
        // each time it moves: without room it would move at every step.
        let mut p = h.malloc(16);
        let mut size = 16;
        let (mut moves, mut steps) = (0, 0);
        let mut neighbours = vec![];
        while size < SMALL_MAX {
            let q = h.realloc(p, size * 2);
            size *= 2;
            steps += 1;
            if q != p {
                moves += 1;
                assert!(
                    h.usable_size(q) >= 2 * size,
                    "a moved block has room for one more doubling"
                );
                neighbours.push(h.malloc(size));
            }
            p = q;
        }
        assert!(moves * 2 <= steps + 1, "{moves} moves in {steps} doublings");
        h.free(p);
        for n in neighbours {
            h.free(n);
        }
        h.check().unwrap();
        assert_eq!(h.stats().in_use, 0);
    }
    // When twice the size does not fit but the size does, realloc still
    // succeeds, with the size asked for.
    let mut t = TestHeap::new(0, PAGE, 64 << 20);
    let h = &mut t.heap;
    h.memory_mut().set_max(2 << 20);
    unsafe {
        let two_k = h.malloc(2048); // a span of 2 KiB blocks with room
        let p = h.malloc(1024);
        p.write_bytes(5, 1024);
        let fill = exhaust(h, 3000);
        assert!(h.malloc(4096).is_null(), "no page left for a 4 KiB span");
        let q = h.realloc(p, 2048);
        assert!(!q.is_null() && q != p);
        assert_eq!(h.usable_size(q), 2048);
        assert!(std::slice::from_raw_parts(q, 1024).iter().all(|&x| x == 5));
        for f in fill.into_iter().chain([q, two_k]) {
            h.free(f);
        }
        h.check().unwrap();
        assert_eq!(h.stats().in_use, 0);
    }
}

#[test]
fn memory_grows_in_geometric_steps() {
    // 200,000 × 1 KB: 200 MB in a few dozen grows, not 3,000.
    let mut t = TestHeap::new(0, PAGE, 256 << 20);
    let h = &mut t.heap;
    unsafe {
        for _ in 0..200_000 {
            assert!(!h.malloc(1000).is_null());
        }
        let grows = h.memory().grows;
        let size = h.memory().size();
        assert!(grows < 60, "{grows} grows");
        // The unused tail is at most one step: 1/8 of the heap.
        let live = 200_000 * 1024;
        assert!(
            size <= live + live / 8 + 4 * PAGE,
            "memory {size} for {live} live"
        );
        h.check().unwrap();
    }
}

#[test]
fn out_of_memory_returns_null_and_the_heap_recovers() {
    let mut t = TestHeap::new(0, PAGE, 64 << 20);
    let h = &mut t.heap;
    h.memory_mut().set_max(4 << 20);
    unsafe {
        let mut blocks = exhaust(h, 3000);
        assert!(blocks.len() > 1000);
        assert!(h.malloc(1 << 20).is_null());
        assert!(h.aligned_alloc(4096, 100_000).is_null());
        assert!(h.calloc(1000, 1000).is_null());
        let big = h.malloc(100);
        h.check().unwrap();
        // A failed realloc leaves the block alone.
        if !big.is_null() {
            big.write_bytes(9, 100);
            assert!(h.realloc(big, 8 << 20).is_null());
            assert!(std::slice::from_raw_parts(big, 100).iter().all(|&b| b == 9));
            h.free(big);
        }
        for p in blocks.drain(..).step_by(2) {
            h.free(p);
        }
        h.check().unwrap();
        // Whatever fits in the freed memory succeeds again.
        for _ in 0..300 {
            assert!(!h.malloc(3000).is_null());
        }
        h.check().unwrap();
    }
}

#[test]
fn growth_falls_back_to_the_minimum_when_a_step_is_refused() {
    let mut t = TestHeap::new(0, PAGE, 64 << 20);
    let h = &mut t.heap;
    unsafe {
        for _ in 0..1000 {
            h.malloc(16_000);
        }
        let size = h.memory().size();
        // Room for exactly one more large block, not for a geometric step.
        h.memory_mut().set_max(size + 2 * PAGE);
        let p = h.malloc(100_000);
        assert!(!p.is_null());
        h.check().unwrap();
    }
}

#[test]
fn memory_grown_by_someone_else_is_skipped() {
    let mut t = TestHeap::new(0, PAGE, 64 << 20);
    let h = &mut t.heap;
    unsafe {
        let a = h.malloc(40_000) as usize;
        let foreign = h.memory_mut().grow_foreign(3).unwrap();
        (foreign as *mut u8).write_bytes(0x55, 3 * PAGE);
        let mut ps = vec![];
        for i in 0..2000 {
            let p = h.malloc(1 + i * 97 % 20_000);
            assert!(!p.is_null());
            assert!(
                (p as usize) < foreign || p as usize >= foreign + 3 * PAGE,
                "not in the foreign pages"
            );
            ps.push(p);
        }
        h.check().unwrap();
        for p in ps {
            h.free(p);
        }
        h.free(a as *mut u8);
        h.check().unwrap();
        let f = std::slice::from_raw_parts(foreign as *const u8, 3 * PAGE);
        assert!(f.iter().all(|&b| b == 0x55), "foreign pages untouched");
    }
}

#[test]
fn empty_spans_go_back_to_the_page_pool() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        // Fill and empty 64 B spans, then use the memory for 1 KB blocks.
        let ps: Vec<_> = (0..50_000).map(|_| h.malloc(64)).collect();
        let size = h.memory().size();
        for p in ps {
            h.free(p);
        }
        let qs: Vec<_> = (0..3000).map(|_| h.malloc(1024)).collect();
        assert_eq!(h.memory().size(), size, "reused, not grown");
        assert_eq!(h.stats().allocations, qs.len());
        h.check().unwrap();
    }
}
