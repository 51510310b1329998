//! The C ABI, as declared in `cpp/include/weakbind.h` (the single source of
//! truth; `rust/abi-check` proves these signatures match it). The loader
//! calls these exports; C++ and Rust code call them directly.
//!
//! Errors are negative return values whose meaning is
//! [`RegistryError`](crate::registry::RegistryError); nothing here traps on
//! bad input, so a refused call leaves the registry as it was.

use core::ffi::{c_char, c_void};

use crate::global::{with_deferred, with_registry};
use crate::imports;
use crate::registry::{Destructor, JsValueHome, RegistryError, Released};

/// Declares a class; `destructor` runs when an object's last owner lets go
/// (with none, the loader is asked to destroy it: the `destroy` import).
/// Returns the class id.
#[no_mangle]
pub extern "C" fn weakbind_class_define(destructor: Option<Destructor>) -> u32 {
    with_registry(|r| r.define_class(destructor))
}

#[no_mangle]
pub extern "C" fn weakbind_class_count() -> u32 {
    with_registry(|r| r.class_count())
}

/// Live objects of `class_id`, or `UINT32_MAX` for an unknown class.
#[no_mangle]
pub extern "C" fn weakbind_live_count(class_id: u32) -> u32 {
    with_registry(|r| r.live_count(class_id)).unwrap_or(u32::MAX)
}

#[no_mangle]
pub extern "C" fn weakbind_live_total() -> u32 {
    with_registry(|r| r.live_total())
}

/// Gives a JS wrapper ownership of `ptr`: returns the wrapper token (≥ 0) or
/// a negative error code.
#[no_mangle]
pub extern "C" fn weakbind_adopt(ptr: *mut c_void, class_id: u32) -> f64 {
    match with_registry(|r| r.adopt(ptr as usize, class_id)) {
        Ok(token) => token,
        Err(e) => e as i32 as f64,
    }
}

/// Ends the JS ownership named by `token`: 1 if the object was destroyed,
/// 0 if wasm still owns it, negative if the token is stale.
#[no_mangle]
pub extern "C" fn weakbind_disown(token: f64) -> i32 {
    finish(with_registry(|r| r.disown(token)))
}

/// 1 if `token` still names its wrapper's ownership, else 0.
#[no_mangle]
pub extern "C" fn weakbind_token_is_live(token: f64) -> i32 {
    with_registry(|r| r.token_is_live(token)) as i32
}

/// Adds an owner inside wasm; returns the number of wasm owners, or a
/// negative error code.
#[no_mangle]
pub extern "C" fn weakbind_retain(ptr: *mut c_void) -> i32 {
    match with_registry(|r| r.retain(ptr as usize)) {
        Ok((n, to_roots)) => {
            if to_roots {
                // SAFETY: `ptr` is registered; the loader moves its values.
                unsafe { imports::root(ptr as usize) };
            }
            n as i32
        }
        Err(e) => e as i32,
    }
}

/// Removes an owner inside wasm: 1 if the object was destroyed, 0 if other
/// owners remain, negative on error.
#[no_mangle]
pub extern "C" fn weakbind_release(ptr: *mut c_void) -> i32 {
    let outcome = with_registry(|r| r.release(ptr as usize));
    if let Ok(Released::WrapperOnly) = outcome {
        // SAFETY: `ptr` is registered and its wrapper is its only owner.
        unsafe { imports::unroot(ptr as usize) };
    }
    finish(outcome)
}

/// Makes the JS value behind `handle` owned by the registered object
/// `owner`: kept alive from owner's wrapper while that is owner's only
/// owner, so a cycle through it can be collected. 0, or a negative error
/// (the value then stays in the global roots).
#[no_mangle]
pub extern "C" fn weakbind_js_own(handle: u32, owner: *mut c_void) -> i32 {
    match with_registry(|r| r.holds_js(owner as usize)) {
        Ok(home) => {
            // SAFETY: the loader checks the handle and throws on a stale one.
            unsafe {
                imports::own(
                    handle,
                    owner as usize,
                    (home == JsValueHome::Wrapper) as u32,
                )
            };
            0
        }
        Err(e) => {
            if e == RegistryError::NotRegistered {
                // Not registered yet: a constructor calling owned_by(this)
                // before JS adopted the object. The loader applies it once
                // it has (it calls this again), or leaves the value rooted.
                // SAFETY: as above.
                unsafe { imports::own(handle, owner as usize, OWN_PENDING) };
            }
            e as i32
        }
    }
}

/// `own`'s third argument for an owner not registered yet.
const OWN_PENDING: u32 = 2;

/// The class id `ptr` is registered with, or a negative error code.
#[no_mangle]
pub extern "C" fn weakbind_class_of(ptr: *mut c_void) -> i32 {
    match with_registry(|r| r.class_of(ptr as usize)) {
        Ok(class) => class as i32,
        Err(e) => e as i32,
    }
}

/// Adds a reference to a JS value held by wasm.
#[no_mangle]
pub extern "C" fn weakbind_js_incref(handle: u32) {
    // SAFETY: the loader checks the handle and throws on a stale one.
    unsafe { imports::incref(handle) }
}

/// Drops a reference to a JS value held by wasm.
#[no_mangle]
pub extern "C" fn weakbind_js_decref(handle: u32) {
    // SAFETY: as above.
    unsafe { imports::decref(handle) }
}

/// Appends a number to the arguments of the next `weakbind_js_call`.
#[no_mangle]
pub extern "C" fn weakbind_js_arg_f64(value: f64) {
    // SAFETY: the import has no preconditions.
    unsafe { imports::arg_f64(value) }
}

/// Appends a string (UTF-8, copied now) to the next call's arguments.
///
/// # Safety
/// `data` must point to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn weakbind_js_arg_string(data: *const c_char, len: usize) {
    imports::arg_string(data.cast(), len)
}

/// Appends the JS value behind `handle` (the reference stays the caller's).
#[no_mangle]
pub extern "C" fn weakbind_js_arg_value(handle: u32) {
    // SAFETY: the loader checks the handle.
    unsafe { imports::arg_value(handle) }
}

/// Appends a registered wasm object; JS receives its wrapper. 0, or a
/// negative error if `object` is not registered (nothing is appended).
#[no_mangle]
pub extern "C" fn weakbind_js_arg_object(object: *mut c_void) -> i32 {
    match with_registry(|r| r.class_of(object as usize)) {
        Ok(class) => {
            // SAFETY: `object` is registered with `class`.
            unsafe { imports::arg_object(object as usize, class) };
            0
        }
        Err(e) => {
            // The loader is told, so the call fails instead of passing the
            // arguments after this one in its place.
            // SAFETY: the import takes any pointer with NOT_AN_OBJECT.
            unsafe { imports::arg_object(object as usize, NOT_AN_OBJECT) };
            e as i32
        }
    }
}

/// `arg_object`'s class for a pointer that is no registered object.
const NOT_AN_OBJECT: u32 = u32::MAX;

/// Calls the JS function behind `handle` with the arguments appended since
/// the last call: 0 when it returned, 1 when it threw (the loader rethrows
/// the exception to the JS caller of the outermost method once it returns).
#[no_mangle]
pub extern "C" fn weakbind_js_call(handle: u32) -> i32 {
    with_deferred(|d| d.enter_js());
    // SAFETY: the loader checks the handle. If the callee throws through
    // wasm instead of returning, the depth is reset by the next
    // `weakbind_run_deferred`, which runs only once no wasm frame is left.
    let result = unsafe { imports::call(handle) };
    with_deferred(|d| d.leave_js());
    result
}

/// Watches the memory of `object`, which a JS wrapper that does not own it
/// reaches: when it is freed, the loader hears of it (`freed`). 1 watched,
/// 0 not heap memory (never freed), < 0 out of memory.
#[no_mangle]
pub extern "C" fn weakbind_watch(object: *mut c_void) -> i32 {
    crate::views::watch(object as usize)
}

/// Runs the destructors queued while calls into JS were in progress. The
/// loader calls it after its outermost call into wasm returns.
#[no_mangle]
pub extern "C" fn weakbind_run_deferred() {
    while let Some(destroy) = with_deferred(|d| d.next()) {
        run_destructor(destroy);
    }
}

/// The last call's result as a number (NaN if it was not one).
#[no_mangle]
pub extern "C" fn weakbind_js_result_f64() -> f64 {
    // SAFETY: the import has no preconditions.
    unsafe { imports::result_f64() }
}

/// The last call's result as a string: a heap block (u32 length, UTF-8
/// bytes) the caller frees.
#[no_mangle]
pub extern "C" fn weakbind_js_result_string() -> *mut c_void {
    // SAFETY: the import has no preconditions.
    unsafe { imports::result_string() as *mut c_void }
}

/// The last call's result as a new handle the caller owns.
#[no_mangle]
pub extern "C" fn weakbind_js_result_value() -> u32 {
    // SAFETY: the import has no preconditions.
    unsafe { imports::result_value() }
}

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

/// Runs the destructor an ownership change asked for, after the registry's
/// borrow has ended (destructors re-enter the registry).
fn finish(outcome: Result<Released, crate::registry::RegistryError>) -> i32 {
    match outcome {
        Ok(Released::StillOwned | Released::WrapperOnly) => 0,
        Ok(Released::Last(destroy)) => {
            if !with_deferred(|d| d.defer(destroy)) {
                run_destructor(destroy);
            } else {
                // SAFETY: the import has no preconditions.
                unsafe { imports::deferred() };
            }
            1
        }
        Err(e) => e as i32,
    }
}

fn run_destructor(destroy: crate::registry::Destroy) {
    // SAFETY (both): the registry held `ptr` for this class until now and
    // has forgotten it, so the destructor runs exactly once.
    match destroy.destructor {
        Some(destructor) => unsafe { destructor(destroy.ptr as *mut c_void) },
        // A module whose function table the loader cannot grow (one linked
        // without --export-table): the loader calls the destructor export.
        None => unsafe { imports::destroy(destroy.class, destroy.ptr) },
    }
}
