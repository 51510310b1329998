//! The C allocation API, exported on wasm32 under the libc names so C code
//! (wasi-libc, libc++) linked into the module uses this heap. Place the
//! staticlib before `libc.a` on the link line.
//!
//! `malloc` and `free` hold the only copies of the heap's fast paths; the
//! rest call them (`global` re-exports these functions for Rust callers).

use crate::global::heap;
use crate::heap::{realloc_via, Aligned, Heap};
use crate::memory::WasmMemory;
use core::ptr::null_mut;

/// C `malloc`: NULL on failure; `malloc(0)` returns a unique block.
///
/// # Safety
/// The heap must not be re-entered (it is not: it calls nothing outside).
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn malloc(size: usize) -> *mut u8 {
    heap().malloc(size)
}

/// C `free`; `free(NULL)` does nothing.
///
/// # Safety
/// `ptr` is NULL or a live block from this heap.
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn free(ptr: *mut u8) {
    heap().free(ptr)
}

/// C `calloc`: NULL when `n * size` overflows.
///
/// # Safety
/// See [`malloc`].
#[no_mangle]
pub unsafe extern "C" fn calloc(n: usize, size: usize) -> *mut u8 {
    let Some(bytes) = n.checked_mul(size) else {
        return null_mut();
    };
    let p = malloc(bytes);
    if !p.is_null() {
        p.write_bytes(0, bytes);
    }
    p
}

/// C `realloc`; grows large blocks in place when it can, and gives a
/// block that moves to grow room to grow again (see [`realloc_via`]); NULL
/// on failure, `ptr` untouched.
///
/// # Safety
/// `ptr` is NULL or a live block from this heap.
#[no_mangle]
pub unsafe extern "C" fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
    realloc_via(heap(), ptr, size, |_, n| malloc(n), |_, q| free(q))
}

/// C `aligned_alloc`: `align` a power of two up to 64 KiB, else NULL.
///
/// # Safety
/// See [`malloc`].
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut u8 {
    match Heap::<WasmMemory>::aligned(align, size) {
        Aligned::Malloc(n) => malloc(n),
        Aligned::Large => heap().alloc_large(size, align),
        Aligned::Invalid => null_mut(),
    }
}

/// wasi-libc's errno values.
const EINVAL: i32 = 28;
const ENOMEM: i32 = 48;

/// POSIX `posix_memalign`: EINVAL unless `align` is a power-of-two
/// multiple of `sizeof(void*)`, ENOMEM when out of memory.
///
/// # Safety
/// `out` is writable.
#[no_mangle]
pub unsafe extern "C" fn posix_memalign(out: *mut *mut u8, align: usize, size: usize) -> i32 {
    if !align.is_power_of_two() || !align.is_multiple_of(core::mem::size_of::<usize>()) {
        return EINVAL;
    }
    let p = aligned_alloc(align, size);
    if p.is_null() {
        return ENOMEM;
    }
    *out = p;
    0
}

/// Bytes usable in block `ptr`; 0 for NULL.
///
/// # Safety
/// `ptr` is NULL or a live block from this heap.
#[no_mangle]
pub unsafe extern "C" fn malloc_usable_size(ptr: *mut u8) -> usize {
    heap().usable_size(ptr)
}
