//! One allocator behind the three C functions the benchmark harness calls:
//! `bench_malloc(size)`, `bench_free(ptr, size)`, `bench_realloc(ptr, old, new)`.
//! The harness passes sizes because dlmalloc's and talc's Rust APIs take a
//! layout on free; weakbind ignores them. Rust allocators are asked for
//! alignment 8 (their fast path, what a Rust `Box<u64>` asks for); weakbind
//! gives 16 regardless.
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// The fast paths inlined here, as they are in the C `malloc` and `free`
// that C code calls directly (calling those from here would add a call
// the other allocators' shims do not pay either).
#[cfg(feature = "weakbind")]
mod imp {
    use weakbind_heap::global;
    pub unsafe fn malloc(size: usize) -> *mut u8 {
        global::heap().malloc(size)
    }
    pub unsafe fn free(p: *mut u8, _size: usize) {
        global::heap().free(p)
    }
    // As the C `realloc` does (c_api.rs), with this shim's malloc and free.
    pub unsafe fn realloc(p: *mut u8, _old: usize, new: usize) -> *mut u8 {
        weakbind_heap::heap::realloc_via(
            global::heap(),
            p,
            new,
            |_, n| super::bench_malloc(n),
            |_, q| super::bench_free(q, 0),
        )
    }
}

#[cfg(feature = "dlmalloc")]
mod imp {
    use dlmalloc::Dlmalloc;
    static mut DL: Dlmalloc = Dlmalloc::new();
    fn dl() -> &'static mut Dlmalloc {
        unsafe { &mut *core::ptr::addr_of_mut!(DL) }
    }
    pub unsafe fn malloc(size: usize) -> *mut u8 {
        dl().malloc(size, 8)
    }
    pub unsafe fn free(p: *mut u8, size: usize) {
        dl().free(p, size, 8)
    }
    pub unsafe fn realloc(p: *mut u8, old: usize, new: usize) -> *mut u8 {
        dl().realloc(p, old, 8, new)
    }
}

#[cfg(feature = "talc")]
mod imp {
    use core::alloc::{GlobalAlloc, Layout};
    use talc::wasm::{new_wasm_dynamic_allocator, WasmDynamicTalc};
    // talc links the `alloc` crate, which wants a global allocator.
    #[global_allocator]
    static TALC: WasmDynamicTalc = new_wasm_dynamic_allocator();
    fn layout(size: usize) -> Layout {
        unsafe { Layout::from_size_align_unchecked(size, 8) }
    }
    pub unsafe fn malloc(size: usize) -> *mut u8 {
        TALC.alloc(layout(size))
    }
    pub unsafe fn free(p: *mut u8, size: usize) {
        TALC.dealloc(p, layout(size))
    }
    pub unsafe fn realloc(p: *mut u8, old: usize, new: usize) -> *mut u8 {
        TALC.realloc(p, layout(old), new)
    }
}

/// # Safety
/// C `malloc`.
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn bench_malloc(size: usize) -> *mut u8 {
    imp::malloc(size)
}

/// # Safety
/// C `free`; `size` is what `p` was allocated with.
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn bench_free(p: *mut u8, size: usize) {
    imp::free(p, size)
}

/// # Safety
/// C `realloc`; `old` is what `p` was allocated with.
#[no_mangle]
pub unsafe extern "C" fn bench_realloc(p: *mut u8, old: usize, new: usize) -> *mut u8 {
    imp::realloc(p, old, new)
}
