//! Random operation sequences against the model of live blocks, with the
//! heap's invariant walk after every step.

mod common;
use common::{Block, Model, Rng, TestHeap};
use weakbind_heap::memory::PAGE;

fn run(seed: u64, steps: usize, max_size: usize, check_every: usize) {
    let mut t = TestHeap::new(3 * PAGE / 2 + 24, 2 * PAGE, 256 << 20);
    let mut rng = Rng(seed);
    let mut m = Model::default();
    let mut tag = 0u8;
    for step in 0..steps {
        let h = &mut t.heap;
        let op = rng.below(100);
        tag = tag.wrapping_add(1);
        unsafe {
            if op < 45 || m.live.is_empty() {
                let size = rng.log_size(1, max_size) - 1;
                let (ptr, align) = if op.is_multiple_of(7) {
                    let align = 1 << rng.below(17);
                    (h.aligned_alloc(align, size), align)
                } else if op.is_multiple_of(11) {
                    let p = h.calloc(1, size);
                    if !p.is_null() {
                        assert!(std::slice::from_raw_parts(p, size).iter().all(|&b| b == 0));
                    }
                    (p, 16.min(if size > 8 { 16 } else { 8 }))
                } else {
                    (h.malloc(size), if size > 8 { 16 } else { 8 })
                };
                assert!(!ptr.is_null(), "step {step}: out of memory for {size}");
                let b = Block {
                    ptr: ptr as usize,
                    size,
                    align,
                    tag,
                };
                Model::fill(&b);
                m.live.push(b);
            } else if op < 80 {
                let i = rng.below(m.live.len() as u64) as usize;
                let b = m.live.swap_remove(i);
                Model::verify_contents(&b);
                h.free(b.ptr as *mut u8);
            } else {
                let i = rng.below(m.live.len() as u64) as usize;
                let b = m.live[i];
                Model::verify_contents(&b);
                let size = if rng.below(2) == 0 {
                    b.size * 2 + 1
                } else {
                    rng.log_size(1, max_size)
                };
                let q = h.realloc(b.ptr as *mut u8, size);
                assert!(!q.is_null());
                let kept = Block {
                    ptr: q as usize,
                    size: size.min(b.size),
                    align: 8,
                    tag: b.tag,
                };
                Model::verify_contents(&kept);
                let nb = Block {
                    ptr: q as usize,
                    size,
                    align: 8,
                    tag,
                };
                Model::fill(&nb);
                m.live[i] = nb;
            }
        }
        if step % check_every == 0 {
            t.heap
                .check()
                .unwrap_or_else(|e| panic!("step {step}: {e}"));
            m.verify(&t.heap);
        }
    }
    for b in m.live.drain(..) {
        Model::verify_contents(&b);
        unsafe { t.heap.free(b.ptr as *mut u8) };
    }
    t.heap.check().unwrap();
    let st = t.heap.stats();
    assert_eq!((st.in_use, st.allocations), (0, 0));
}

#[test]
fn small_blocks() {
    run(1, 20_000, 512, 1);
}

#[test]
fn mixed_sizes() {
    run(2, 20_000, 300_000, 7);
}
