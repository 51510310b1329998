//! `#[global_allocator]` adapter: Rust's `Box`, `Vec` and `String` in a
//! weakbind module share the heap with C's `malloc` and C++'s `new`.

use crate::global;
use core::alloc::{GlobalAlloc, Layout};

/// Declare on wasm32:
/// `#[global_allocator] static A: weakbind_heap::WeakbindAlloc = weakbind_heap::WeakbindAlloc;`
pub struct WeakbindAlloc;

/// Whether plain `malloc` already gives alignment `align` for `size` bytes
/// (blocks are 16-byte aligned, except the 8-byte class).
#[inline(always)]
fn malloc_aligns(align: usize, size: usize) -> bool {
    align <= 8 || (align <= 16 && size > 8)
}

unsafe impl GlobalAlloc for WeakbindAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if malloc_aligns(layout.align(), layout.size()) {
            global::malloc(layout.size())
        } else {
            global::aligned_alloc(layout.align(), layout.size())
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        global::free(ptr)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = self.alloc(layout);
        if !p.is_null() {
            p.write_bytes(0, layout.size());
        }
        p
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if malloc_aligns(layout.align(), new_size) {
            return global::realloc(ptr, new_size);
        }
        let q = global::aligned_alloc(layout.align(), new_size);
        if !q.is_null() {
            core::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size));
            global::free(ptr);
        }
        q
    }
}
