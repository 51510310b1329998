//! Every C++ `operator new`/`operator delete` form, by its Itanium name for
//! wasm32 (`size_t` is `unsigned long`: `m`). libc++abi defines these weak,
//! so these strong definitions win when the staticlib comes first.
//!
//! Throwing forms report out of memory through the runtime's abort import
//! (`out of memory: operator new(N)`), which the JS loader throws as an
//! Error; wasm has no C++ exceptions here to throw `std::bad_alloc` with.

use crate::global;
use crate::memory::abort;
use crate::report::Msg;

#[cold]
#[inline(never)]
fn out_of_memory(what: &str, size: usize, align: usize) -> ! {
    let mut m = Msg::new("out of memory: ");
    m.push(what).push("(").dec(size);
    if align != 0 {
        m.push(", align ").dec(align);
    }
    m.push(")");
    abort(m.as_str())
}

#[inline(always)]
unsafe fn new(size: usize, what: &str) -> *mut u8 {
    let p = global::malloc(size);
    if p.is_null() {
        out_of_memory(what, size, 0);
    }
    p
}

#[inline(always)]
unsafe fn new_aligned(size: usize, align: usize, what: &str) -> *mut u8 {
    let p = global::aligned_alloc(align, size);
    if p.is_null() {
        out_of_memory(what, size, align);
    }
    p
}

// operator new(size_t), new[](size_t)
#[no_mangle]
pub unsafe extern "C" fn _Znwm(size: usize) -> *mut u8 {
    new(size, "operator new")
}
#[no_mangle]
pub unsafe extern "C" fn _Znam(size: usize) -> *mut u8 {
    new(size, "operator new[]")
}

// operator new(size_t, align_val_t), new[](size_t, align_val_t)
#[no_mangle]
pub unsafe extern "C" fn _ZnwmSt11align_val_t(size: usize, align: usize) -> *mut u8 {
    new_aligned(size, align, "operator new")
}
#[no_mangle]
pub unsafe extern "C" fn _ZnamSt11align_val_t(size: usize, align: usize) -> *mut u8 {
    new_aligned(size, align, "operator new[]")
}

// operator new(size_t, const nothrow_t&) and the aligned and array forms
#[no_mangle]
pub unsafe extern "C" fn _ZnwmRKSt9nothrow_t(size: usize, _: *const u8) -> *mut u8 {
    global::malloc(size)
}
#[no_mangle]
pub unsafe extern "C" fn _ZnamRKSt9nothrow_t(size: usize, _: *const u8) -> *mut u8 {
    global::malloc(size)
}
#[no_mangle]
pub unsafe extern "C" fn _ZnwmSt11align_val_tRKSt9nothrow_t(
    size: usize,
    align: usize,
    _: *const u8,
) -> *mut u8 {
    global::aligned_alloc(align, size)
}
#[no_mangle]
pub unsafe extern "C" fn _ZnamSt11align_val_tRKSt9nothrow_t(
    size: usize,
    align: usize,
    _: *const u8,
) -> *mut u8 {
    global::aligned_alloc(align, size)
}

// operator delete: plain, sized, aligned, sized+aligned, nothrow; the heap
// needs neither size nor alignment to free.
#[no_mangle]
pub unsafe extern "C" fn _ZdlPv(p: *mut u8) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdaPv(p: *mut u8) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdlPvm(p: *mut u8, _size: usize) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdaPvm(p: *mut u8, _size: usize) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdlPvSt11align_val_t(p: *mut u8, _align: usize) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdaPvSt11align_val_t(p: *mut u8, _align: usize) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdlPvmSt11align_val_t(p: *mut u8, _size: usize, _align: usize) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdaPvmSt11align_val_t(p: *mut u8, _size: usize, _align: usize) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdlPvRKSt9nothrow_t(p: *mut u8, _: *const u8) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdaPvRKSt9nothrow_t(p: *mut u8, _: *const u8) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdlPvSt11align_val_tRKSt9nothrow_t(
    p: *mut u8,
    _align: usize,
    _: *const u8,
) {
    global::free(p)
}
#[no_mangle]
pub unsafe extern "C" fn _ZdaPvSt11align_val_tRKSt9nothrow_t(
    p: *mut u8,
    _align: usize,
    _: *const u8,
) {
    global::free(p)
}
