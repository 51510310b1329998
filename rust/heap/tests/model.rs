//! Property tests: random operation sequences (many seeds, three size
//! distributions, several memory layouts) checked against a model of live
//! blocks after every step — no overlap, alignment, usable size, contents
//! preserved across realloc, counters — and the heap's own invariant walk.
//! A failure names its seed; `Driver` replays it exactly.

mod common;
use common::{scaled, Driver, Sizes, TestHeap};
use weakbind_heap::memory::PAGE;

fn property(sizes: Sizes, seeds: u64, steps: usize, check_every: usize) {
    for seed in 0..seeds {
        // Vary where the heap starts and how much memory exists up front.
        let offset = (seed as usize * 4136) % (3 * PAGE);
        // Like wasm memory: whole pages, the heap's start inside them.
        let initial = PAGE * (seed as usize % 4 + offset / PAGE + 1);
        let max = if let Sizes::Small = sizes {
            32 << 20
        } else {
            256 << 20
        };
        let mut d = Driver::new(seed, sizes, TestHeap::new(offset, initial, max));
        for i in 0..steps {
            assert!(d.step(), "seed {seed}: out of memory");
            if i % check_every == 0 {
                d.verify();
            }
        }
        d.verify();
        d.drain();
    }
}

#[test]
fn small_sizes_against_the_model() {
    property(Sizes::Small, scaled(40) as u64, 3_000, 1);
}

#[test]
fn mixed_sizes_against_the_model() {
    property(Sizes::Mixed, scaled(20) as u64, 2_000, 3);
}

#[test]
fn page_and_class_edges_against_the_model() {
    property(Sizes::Edges, scaled(20) as u64, 2_000, 3);
}

#[test]
fn long_small_run() {
    property(Sizes::Small, 1, scaled(200_000), 97);
}
