//! The C ABI of the heap and of the runtime as a whole: blocks for the
//! loader, the heap's figures, `trim`, the self-check, aborting, the ABI
//! version.

use core::ffi::{c_char, c_void};

use crate::global::with_registry;
use crate::imports;

/// Throws a JS Error carrying `message`; never returns.
///
/// # Safety
/// `message` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn weakbind_abort(message: *const c_char, len: usize) -> ! {
    imports::abort(message.cast(), len)
}

/// Installs what the throwing `operator new` forms call when the heap is
/// full instead of aborting (the C++ exception runtime's: it throws
/// `std::bad_alloc`); `None` goes back to aborting.
#[no_mangle]
pub extern "C" fn weakbind_on_new_failure(handler: Option<weakbind_heap::new_failure::NewFailure>) {
    weakbind_heap::new_failure::set(handler)
}

#[no_mangle]
pub extern "C" fn weakbind_abi_version() -> u32 {
    crate::ABI_VERSION
}

/// Allocates for the loader (strings and bytes crossing the boundary).
#[no_mangle]
pub extern "C" fn weakbind_alloc(size: usize) -> *mut c_void {
    // SAFETY: plain malloc semantics; NULL on failure.
    unsafe { weakbind_heap::global::malloc(size).cast() }
}

/// Frees a block from `weakbind_alloc` (or any heap block).
///
/// # Safety
/// `block` is NULL or a live block of this heap.
#[no_mangle]
pub unsafe extern "C" fn weakbind_free(block: *mut c_void) {
    weakbind_heap::global::free(block.cast())
}

/// Heap figures, refreshed on each call, in a static the loader reads.
#[repr(C)]
pub struct WeakbindHeapInfo {
    pub in_use: usize,
    pub peak_in_use: usize,
    pub memory_size: usize,
    pub allocations: usize,
    pub large_allocations: usize,
    pub class_count: usize,
    /// `class_count` block sizes, smallest first.
    pub class_sizes: *const u32,
    /// `class_count` counts of live blocks, one per size class.
    pub class_live: *const u32,
    /// Of `in_use` and `allocations`: the registry's own tables.
    pub registry_bytes: usize,
    pub registry_blocks: usize,
}

const CLASSES: usize = weakbind_heap::class::CLASSES;

static CLASS_SIZES: [u32; CLASSES] = {
    let mut sizes = [0u32; CLASSES];
    let mut c = 0;
    while c < CLASSES {
        sizes[c] = weakbind_heap::class::class_size(c) as u32;
        c += 1;
    }
    sizes
};

/// The address of the heap's count of bytes in live blocks: the loader
/// reads it without a call, to bound what one cohort of wrappers pins.
#[no_mangle]
pub extern "C" fn weakbind_heap_in_use() -> *const usize {
    weakbind_heap::global::in_use_counter()
}

#[no_mangle]
pub extern "C" fn weakbind_heap_stats() -> *const WeakbindHeapInfo {
    struct Figures {
        info: WeakbindHeapInfo,
        live: [u32; CLASSES],
    }
    struct Cell(core::cell::UnsafeCell<Figures>);
    // SAFETY: single-threaded runtime.
    unsafe impl Sync for Cell {}
    static STATS: Cell = Cell(core::cell::UnsafeCell::new(Figures {
        info: WeakbindHeapInfo {
            in_use: 0,
            peak_in_use: 0,
            memory_size: 0,
            allocations: 0,
            large_allocations: 0,
            class_count: CLASSES,
            class_sizes: core::ptr::null(),
            class_live: core::ptr::null(),
            registry_bytes: 0,
            registry_blocks: 0,
        },
        live: [0; CLASSES],
    }));
    let s = weakbind_heap::global::stats();
    // SAFETY: no other reference to STATS is live (single-threaded).
    let figures = unsafe { &mut *STATS.0.get() };
    figures.live = s.per_class;
    figures.info = WeakbindHeapInfo {
        in_use: s.in_use,
        peak_in_use: s.peak_in_use,
        memory_size: s.memory_size,
        allocations: s.allocations,
        large_allocations: s.large_allocations,
        class_count: CLASSES,
        class_sizes: CLASS_SIZES.as_ptr(),
        class_live: figures.live.as_ptr(),
        registry_bytes: 0,
        registry_blocks: 0,
    };
    let info = &mut figures.info;
    let mut count = |ptr, asked| {
        info.registry_bytes += heap_block_bytes(ptr, asked);
        info.registry_blocks += 1;
    };
    with_registry(|r| r.for_each_block(&mut count));
    if let Some((ptr, asked)) = crate::views::block() {
        count(ptr, asked);
    }
    &figures.info
}

/// What a heap block counts in `in_use`: its usable size, from the runtime's
/// heap in wasm; elsewhere (host tests) Rust's allocator owns it.
fn heap_block_bytes(ptr: *const u8, asked: usize) -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = asked;
        // SAFETY: `ptr` is a live block of the global allocator, which is
        // the runtime's heap in wasm.
        unsafe { weakbind_heap::global::usable_size(ptr as *mut u8) }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ptr;
        asked
    }
}

/// Gives back the registry's memory sized for a spike that has passed (see
/// `Registry::trim`); the loader calls it once per full JS collection.
#[no_mangle]
pub extern "C" fn weakbind_trim() {
    with_registry(|r| r.trim());
    crate::views::trim();
}

/// Self-check of the registry and the heap: NULL when every invariant holds,
/// else a NUL-terminated message naming the broken one.
#[no_mangle]
pub extern "C" fn weakbind_check() -> *const c_char {
    let verdict = with_registry(|r| r.check()).and_then(|()| weakbind_heap::global::check());
    match verdict {
        Ok(()) => core::ptr::null(),
        Err(message) => nul_terminated(message),
    }
}

fn nul_terminated(message: &'static str) -> *const c_char {
    // Messages are short and static; copy into a fixed buffer with a NUL.
    struct Buf(core::cell::UnsafeCell<[u8; 128]>);
    // SAFETY: single-threaded runtime.
    unsafe impl Sync for Buf {}
    static BUF: Buf = Buf(core::cell::UnsafeCell::new([0; 128]));
    let bytes = message.as_bytes();
    let n = bytes.len().min(127);
    // SAFETY: no other reference to BUF is live (single-threaded).
    let buf = unsafe { &mut *BUF.0.get() };
    buf[..n].copy_from_slice(&bytes[..n]);
    buf[n] = 0;
    buf.as_ptr().cast()
}
