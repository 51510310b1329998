//! wasi-libc's internal allocator names. Parts of libc (atexit, used by
//! every C++ static with a destructor) call `__libc_calloc`/`__libc_free`
//! instead of the public names; without these, the linker pulls in
//! wasi-libc's own dlmalloc for them and its `malloc` collides with ours.

use weakbind_heap::global;

/// # Safety
/// As `malloc`.
#[no_mangle]
pub unsafe extern "C" fn __libc_malloc(size: usize) -> *mut u8 {
    global::malloc(size)
}

/// # Safety
/// As `calloc`.
#[no_mangle]
pub unsafe extern "C" fn __libc_calloc(n: usize, size: usize) -> *mut u8 {
    global::calloc(n, size)
}

/// # Safety
/// As `free`: `ptr` is NULL or a live block of this heap.
#[no_mangle]
pub unsafe extern "C" fn __libc_free(ptr: *mut u8) {
    global::free(ptr)
}
