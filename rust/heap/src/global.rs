//! The module's one heap. On wasm32 it owns linear memory from
//! `__heap_base` up; on the host it lives in a static simulated arena
//! behind a spin lock, so crates that depend on this one can test natively.
//! Every function has C semantics: NULL on failure, `free(NULL)` is a no-op.
//! On wasm32 `malloc`, `free`, `calloc`, `realloc` and `aligned_alloc` are
//! the C exports of `c_api.rs`.

use crate::heap::{Heap, HeapStats};
#[cfg(not(target_arch = "wasm32"))]
use crate::memory::SimMemory as Mem;
#[cfg(target_arch = "wasm32")]
use crate::memory::WasmMemory as Mem;

#[cfg(target_arch = "wasm32")]
static mut HEAP: Heap<Mem> = Heap::new(Mem);

/// The module's heap, whose `malloc`/`free` are inlined where called: for
/// an entry point of one's own that should not pay for a call into the
/// C `malloc` (the benchmark shim's `bench_malloc`). Everything else should
/// use the functions of this module.
///
/// # Safety
/// Wasm modules here are single-threaded; do not hold the reference
/// across another call into the heap.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub unsafe fn heap() -> &'static mut Heap<Mem> {
    // SAFETY: see above.
    unsafe { &mut *core::ptr::addr_of_mut!(HEAP) }
}

#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn with<R>(f: impl FnOnce(&mut Heap<Mem>) -> R) -> R {
    f(unsafe { heap() })
}

// On wasm32 the C entry points are the C exports themselves (c_api.rs):
// one copy of each fast path, which Rust's allocator, C++'s `new` and
// `realloc` call.
#[cfg(target_arch = "wasm32")]
pub use crate::c_api::{aligned_alloc, calloc, free, malloc, realloc};

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use super::*;
    use core::cell::UnsafeCell;
    use core::sync::atomic::{AtomicBool, Ordering};

    /// Bytes the host heap can grow to.
    pub const ARENA: usize = 64 << 20;

    #[repr(C, align(65536))]
    struct Arena(UnsafeCell<[u8; ARENA]>);
    // SAFETY: only touched through the heap, under LOCK.
    unsafe impl Sync for Arena {}
    static ARENA_BYTES: Arena = Arena(UnsafeCell::new([0; ARENA]));

    struct Global(UnsafeCell<Heap<Mem>>);
    // SAFETY: only touched under LOCK.
    unsafe impl Sync for Global {}
    static HEAP: Global = Global(UnsafeCell::new(Heap::new(unsafe { Mem::new(0, 0, 0) })));
    static LOCK: AtomicBool = AtomicBool::new(false);
    static READY: AtomicBool = AtomicBool::new(false);

    pub fn with<R>(f: impl FnOnce(&mut Heap<Mem>) -> R) -> R {
        while LOCK
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            core::hint::spin_loop();
        }
        struct Unlock;
        impl Drop for Unlock {
            fn drop(&mut self) {
                LOCK.store(false, Ordering::Release);
            }
        }
        let _unlock = Unlock;
        // SAFETY: we hold the lock.
        let heap = unsafe { &mut *HEAP.0.get() };
        if !READY.load(Ordering::Relaxed) {
            // SAFETY: the arena is static, zeroed, 64 KiB aligned and only ours.
            *heap.memory_mut() = unsafe { Mem::new(ARENA_BYTES.0.get() as usize, 0, ARENA) };
            READY.store(true, Ordering::Relaxed);
        }
        f(heap)
    }
}
#[cfg(not(target_arch = "wasm32"))]
use host::with;

#[cfg(not(target_arch = "wasm32"))]
/// C `malloc`.
///
/// # Safety
/// The heap must not be re-entered (it is not: it calls nothing outside).
#[inline]
pub unsafe fn malloc(size: usize) -> *mut u8 {
    with(|h| h.malloc(size))
}

#[cfg(not(target_arch = "wasm32"))]
/// C `free`.
///
/// # Safety
/// `ptr` is NULL or a live block from this heap.
#[inline]
pub unsafe fn free(ptr: *mut u8) {
    with(|h| h.free(ptr))
}

#[cfg(not(target_arch = "wasm32"))]
/// C `calloc`: NULL when `n * size` overflows.
///
/// # Safety
/// See [`malloc`].
pub unsafe fn calloc(n: usize, size: usize) -> *mut u8 {
    with(|h| h.calloc(n, size))
}

#[cfg(not(target_arch = "wasm32"))]
/// C `realloc`; grows large blocks in place when it can.
///
/// # Safety
/// `ptr` is NULL or a live block from this heap.
pub unsafe fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
    with(|h| h.realloc(ptr, size))
}

#[cfg(not(target_arch = "wasm32"))]
/// C `aligned_alloc`: `align` a power of two up to 64 KiB, else NULL.
///
/// # Safety
/// See [`malloc`].
pub unsafe fn aligned_alloc(align: usize, size: usize) -> *mut u8 {
    with(|h| h.aligned_alloc(align, size))
}

/// Bytes usable in block `ptr`; 0 for NULL.
///
/// # Safety
/// `ptr` is NULL or a live block from this heap.
pub unsafe fn usable_size(ptr: *mut u8) -> usize {
    with(|h| h.usable_size(ptr))
}

/// The address of the heap's count of bytes in live blocks, which stays
/// put for the module's life (wasm32: the heap is a static).
pub fn in_use_counter() -> *const usize {
    with(|h| h.in_use_counter())
}

/// Bytes in use, peak, memory size, live blocks per class.
pub fn stats() -> HeapStats {
    with(|h| h.stats())
}

/// Walks the heap and verifies its invariants.
pub fn check() -> Result<(), &'static str> {
    with(|h| h.check())
}

/// Watches the span holding `p` (watch.rs); false when `p` is no address
/// of a live heap block.
///
/// # Safety
/// Single-threaded use, as for every function here.
pub unsafe fn watch(p: usize) -> bool {
    with(|h| h.watch(p))
}
