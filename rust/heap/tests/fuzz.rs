//! The long random run behind `make fuzz`: WEAKBIND_FUZZ_OPS operations
//! (default 10 M) against the model, split over the three size
//! distributions and several seeds, with the full check every 50,000
//! operations and the model's contents checks on every block touched.
//! Ignored by plain `cargo test`; a failure prints the seed to replay.

mod common;
use common::{Driver, Sizes, TestHeap};
use std::time::Instant;
use weakbind_heap::memory::PAGE;

#[test]
#[ignore]
fn ten_million_random_operations() {
    let total: u64 = std::env::var("WEAKBIND_FUZZ_OPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let seed0: u64 = std::env::var("WEAKBIND_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let start = Instant::now();
    let mut done = 0;
    let mut seed = seed0;
    while done < total {
        // Small blocks most of the time: they are the hot paths.
        let sizes = [Sizes::Small, Sizes::Small, Sizes::Edges, Sizes::Mixed][seed as usize % 4];
        let ops = (total - done).min(match sizes {
            Sizes::Mixed => 200_000,
            _ => 1_000_000,
        });
        let mut d = Driver::new(seed, sizes, TestHeap::new(PAGE / 3, PAGE, 1 << 30));
        let mut oom = 0;
        for i in 0..ops {
            if !d.step() {
                oom += 1;
                let st = d.t.heap.stats();
                assert!(
                    oom < 100,
                    "seed {seed}: out of memory at op {i}: {} live blocks, {} bytes in use, memory {}",
                    d.live.len(),
                    st.in_use,
                    st.memory_size
                );
            }
            if i % 50_000 == 49_999 {
                d.verify();
            }
        }
        d.verify();
        d.drain();
        done += ops;
        seed += 1;
    }
    println!(
        "{done} operations (seeds {seed0}..{seed}) in {:.1?}",
        start.elapsed()
    );
}
