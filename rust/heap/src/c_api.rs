//! The C allocation API, exported on wasm32 under the libc names so C code
//! (wasi-libc, libc++) linked into the module uses this heap. Place the
//! staticlib before `libc.a` on the link line.

use crate::global;

#[no_mangle]
pub unsafe extern "C" fn malloc(size: usize) -> *mut u8 {
    global::malloc(size)
}

#[no_mangle]
pub unsafe extern "C" fn free(ptr: *mut u8) {
    global::free(ptr)
}

#[no_mangle]
pub unsafe extern "C" fn calloc(n: usize, size: usize) -> *mut u8 {
    global::calloc(n, size)
}

#[no_mangle]
pub unsafe extern "C" fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
    global::realloc(ptr, size)
}

#[no_mangle]
pub unsafe extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut u8 {
    global::aligned_alloc(align, size)
}

/// wasi-libc's errno values.
const EINVAL: i32 = 28;
const ENOMEM: i32 = 48;

#[no_mangle]
pub unsafe extern "C" fn posix_memalign(out: *mut *mut u8, align: usize, size: usize) -> i32 {
    if !align.is_power_of_two() || !align.is_multiple_of(core::mem::size_of::<usize>()) {
        return EINVAL;
    }
    let p = global::aligned_alloc(align, size);
    if p.is_null() {
        return ENOMEM;
    }
    *out = p;
    0
}

#[no_mangle]
pub unsafe extern "C" fn malloc_usable_size(ptr: *mut u8) -> usize {
    global::usable_size(ptr)
}
