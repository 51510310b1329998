//! Every C++ `operator new`/`operator delete` form, by its Itanium name for
//! wasm32 (`size_t` is `unsigned long`: `m`). libc++abi defines these weak,
//! so these strong definitions win when the staticlib comes first.
//!
//! Throwing forms call the handler a module built with C++ exceptions
//! installs ([`crate::new_failure`]: it throws `std::bad_alloc`); without
//! one they report out of memory through the runtime's abort import
//! (`out of memory: operator new(N)`), which the JS loader throws as an
//! Error.

use crate::global;
use crate::memory::abort;

/// Reports `out of memory: operator new(SIZE)` (`new[]` for arrays, and
/// `, align ALIGN` when `align` is not 0) through the abort import. The
/// text is built backwards in a buffer with two small loops, no formatting
/// machinery: this is the only message a release build of the heap sends.
#[cold]
#[inline(never)]
fn out_of_memory(array: bool, size: usize, align: usize) -> ! {
    if let Some(handler) = crate::new_failure::get() {
        // SAFETY: the installed handler takes any size; it throws.
        unsafe { handler(size) }
    }
    // The longest text is 59 bytes.
    let mut buf = core::mem::MaybeUninit::<[u8; 64]>::uninit();
    // SAFETY: every write is below the end of `buf` and above its start;
    // only written bytes are read.
    unsafe {
        let end = buf.as_mut_ptr().cast::<u8>().add(64);
        let mut p = put(end, b")");
        if align != 0 {
            p = put(dec(p, align), b", align ");
        }
        p = put(dec(p, size), if array { b"[](" } else { b"(" });
        p = put(p, b"out of memory: operator new");
        let text = core::slice::from_raw_parts(p, end.offset_from(p) as usize);
        abort(core::str::from_utf8_unchecked(text))
    }
}

/// Writes `text` just below `p`; returns its start.
#[inline(never)]
unsafe fn put(mut p: *mut u8, text: &[u8]) -> *mut u8 {
    let mut i = text.len();
    while i > 0 {
        i -= 1;
        p = p.sub(1);
        *p = *text.get_unchecked(i);
    }
    p
}

/// Writes `v` in decimal just below `p`; returns its start.
#[inline(never)]
unsafe fn dec(mut p: *mut u8, mut v: usize) -> *mut u8 {
    loop {
        p = p.sub(1);
        *p = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return p;
        }
    }
}

#[inline(always)]
unsafe fn new(size: usize, array: bool) -> *mut u8 {
    let p = global::malloc(size);
    if p.is_null() {
        out_of_memory(array, size, 0);
    }
    p
}

#[inline(always)]
unsafe fn new_aligned(size: usize, align: usize, array: bool) -> *mut u8 {
    let p = global::aligned_alloc(align, size);
    if p.is_null() {
        out_of_memory(array, size, align);
    }
    p
}

// operator new(size_t), new[](size_t)
#[no_mangle]
pub unsafe extern "C" fn _Znwm(size: usize) -> *mut u8 {
    new(size, false)
}
#[no_mangle]
pub unsafe extern "C" fn _Znam(size: usize) -> *mut u8 {
    new(size, true)
}

// operator new(size_t, align_val_t), new[](size_t, align_val_t)
#[no_mangle]
pub unsafe extern "C" fn _ZnwmSt11align_val_t(size: usize, align: usize) -> *mut u8 {
    new_aligned(size, align, false)
}
#[no_mangle]
pub unsafe extern "C" fn _ZnamSt11align_val_t(size: usize, align: usize) -> *mut u8 {
    new_aligned(size, align, true)
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
