//! Operations decoded from the fuzzer's input, checked against a model of
//! live blocks: no overlap, alignment, contents kept by realloc, the
//! heap's invariant walk after each operation. Checked mode is on, so
//! misuse inside the heap itself would abort with a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::alloc::{alloc_zeroed, dealloc, Layout};
use weakbind_heap::memory::PAGE;
use weakbind_heap::{Heap, SimMemory};

const MAX: usize = 16 << 20;

struct Live {
    ptr: *mut u8,
    size: usize,
    tag: u8,
}

fn check_block(b: &Live) {
    let s = unsafe { std::slice::from_raw_parts(b.ptr, b.size) };
    assert!(s.iter().all(|&x| x == b.tag), "contents of {:p}", b.ptr);
}

fuzz_target!(|data: &[u8]| {
    let layout = Layout::from_size_align(MAX, PAGE).unwrap();
    let region = unsafe { alloc_zeroed(layout) };
    let mut heap = Box::new(Heap::new(unsafe {
        SimMemory::new(region as usize, PAGE, MAX)
    }));
    heap.memory_mut().set_max(8 << 20); // out of memory is part of the game
    let mut live: Vec<Live> = Vec::new();
    let mut tag = 0u8;
    for op in data.chunks_exact(4) {
        let (kind, arg) = (op[0], u32::from_le_bytes([op[1], op[2], op[3], 0]) as usize);
        // Sizes: mostly small, some up to 256 KiB.
        let size = if arg & 0x80_0000 != 0 {
            arg & 0x3_ffff
        } else {
            arg & 0x3ff
        };
        tag = tag.wrapping_add(1);
        unsafe {
            match kind % 5 {
                0 | 1 => {
                    let align = if kind & 0x80 != 0 {
                        1 << (kind as usize >> 3 & 15)
                    } else {
                        1
                    };
                    let p = if align > 1 {
                        heap.aligned_alloc(align, size)
                    } else {
                        heap.malloc(size)
                    };
                    if !p.is_null() {
                        assert_eq!(p as usize % align, 0);
                        p.write_bytes(tag, size);
                        live.push(Live { ptr: p, size, tag });
                    }
                }
                2 | 3 if !live.is_empty() => {
                    let b = live.swap_remove(arg % live.len());
                    check_block(&b);
                    heap.free(b.ptr);
                }
                4 if !live.is_empty() => {
                    let i = arg % live.len();
                    check_block(&live[i]);
                    let q = heap.realloc(live[i].ptr, size);
                    if !q.is_null() {
                        let kept = size.min(live[i].size);
                        check_block(&Live {
                            ptr: q,
                            size: kept,
                            tag: live[i].tag,
                        });
                        q.write_bytes(tag, size);
                        live[i] = Live { ptr: q, size, tag };
                    }
                }
                _ => {}
            }
        }
        heap.check().unwrap();
        let mut spans: Vec<(usize, usize)> = live
            .iter()
            .map(|b| {
                (
                    b.ptr as usize,
                    b.ptr as usize + unsafe { heap.usable_size(b.ptr) },
                )
            })
            .collect();
        spans.sort();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "overlap");
    }
    for b in live.drain(..) {
        check_block(&b);
        unsafe { heap.free(b.ptr) };
    }
    heap.check().unwrap();
    assert_eq!(heap.stats().allocations, 0);
    drop(heap);
    unsafe { dealloc(region, layout) };
});
