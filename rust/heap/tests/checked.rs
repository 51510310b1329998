//! Checked mode (`--features checked`): each kind of misuse is reported
//! with its kind and address. On the host the report is a panic; inside
//! wasm it goes to the runtime's abort import, which the loader throws.
#![cfg(feature = "checked")]

mod common;
use common::TestHeap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use weakbind_heap::memory::PAGE;

fn heap() -> TestHeap {
    TestHeap::new(0, PAGE, 16 << 20)
}

/// Runs `f`, expecting a report that starts with `kind` and names `addr`.
fn expect_report(kind: &str, addr: usize, f: impl FnOnce()) {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("no report");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        msg.starts_with(&format!("heap corruption: {kind} 0x")),
        "{msg}"
    );
    assert!(
        msg.ends_with(&format!("{addr:x}")),
        "{msg} should name {addr:#x}"
    );
}

#[test]
fn double_free() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        let p = h.malloc(24);
        let _q = h.malloc(24);
        h.free(p);
        expect_report("double free of", p as usize, || h.free(p));
        let big = h.malloc(200_000);
        h.free(big);
        expect_report("double free of", big as usize, || h.free(big));
    }
}

#[test]
fn foreign_pointers() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        let p = h.malloc(64);
        expect_report("free of foreign pointer", p as usize + 8, || {
            h.free(p.add(8))
        });
        let big = h.malloc(100_000);
        expect_report("free of foreign pointer", big as usize + 16, || {
            h.free(big.add(16))
        });
        let local = 0u64;
        let addr = &local as *const u64 as usize;
        expect_report("free of foreign pointer", addr, || h.free(addr as *mut u8));
        // A block of a span that was never handed out.
        let never = p as usize - 64 * 10;
        expect_report("free of foreign pointer", never, || {
            h.free(never as *mut u8)
        });
        expect_report("use after free of", big as usize, || {
            h.free(big);
            h.realloc(big, 10);
        });
    }
}

#[test]
fn overrun_into_the_next_span_header() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        // The first block of a span is its highest: it ends where the next
        // span (here, of another class) starts with its header.
        let a = h.malloc(100);
        let b = h.malloc(1000);
        let next_span = (a as usize + 112) as *mut u8;
        assert_eq!(next_span as usize % PAGE, 0);
        next_span.write_bytes(0x41, 8); // 8 bytes too many
        expect_report("metadata overwritten at", next_span as usize, || h.free(b));
    }
}

#[test]
fn use_after_free_write_into_the_free_list() {
    let mut t = heap();
    let h = &mut t.heap;
    unsafe {
        let p = h.malloc(48);
        let _q = h.malloc(48);
        h.free(p);
        (p as *mut usize).write(0xdead_beef);
        expect_report("free list overwritten at", p as usize, || {
            h.malloc(48);
        });
    }
}

#[test]
fn correct_programs_run_clean() {
    let mut d = common::Driver::new(3, common::Sizes::Mixed, heap());
    for _ in 0..2000 {
        if !d.step() {
            break;
        }
    }
    d.verify();
    d.drain();
}
