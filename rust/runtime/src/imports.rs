//! Every function a weakbind module imports from the loader, in one place.
//! Module name `weakbind`; the loader supplies exactly these (plus the WASI
//! calls libc needs).

#[cfg(target_arch = "wasm32")]
mod wasm {
    #[link(wasm_import_module = "weakbind")]
    extern "C" {
        /// Adds a reference to the JS value behind `handle`.
        pub fn incref(handle: u32);
        /// Drops a reference; the loader frees the slot at zero.
        pub fn decref(handle: u32);
        /// Throws a JS Error with this UTF-8 message; never returns.
        pub fn abort(message: *const u8, len: usize) -> !;
        /// The value behind `handle` is owned by wasm object `owner`; keep it
        /// on owner's wrapper if `on_wrapper`, else in the global roots.
        pub fn own(handle: u32, owner: usize, on_wrapper: u32);
        /// `owner` gained a wasm owner: its values move to the global roots.
        pub fn root(owner: usize);
        /// `owner`'s wrapper is its only owner again: values back onto it.
        pub fn unroot(owner: usize);
        /// Arguments of the next `call`.
        pub fn arg_f64(value: f64);
        pub fn arg_string(data: *const u8, len: usize);
        pub fn arg_value(handle: u32);
        pub fn arg_object(object: usize, class: u32);
        /// Calls the function behind `handle`: 0 returned, 1 threw.
        pub fn call(handle: u32) -> i32;
        /// A destructor was queued: call `weakbind_run_deferred` once the
        /// outermost call into wasm has returned.
        pub fn deferred();
        /// The last owner of `object`, of a class defined with no destructor
        /// pointer, let go: the loader runs the class's destructor export
        /// (when it has one), for modules whose function table it cannot
        /// reach.
        pub fn destroy(class: u32, object: usize);
        /// The memory at `object`, which a wrapper JS does not own may
        /// reach (`weakbind_watch`), is being freed: the wrapper stops
        /// reaching it.
        pub fn freed(object: usize);
        /// The last call's result, as each kind.
        pub fn result_f64() -> f64;
        pub fn result_string() -> usize;
        pub fn result_value() -> u32;
    }
}

#[cfg(target_arch = "wasm32")]
pub use wasm::{
    abort, arg_f64, arg_object, arg_string, arg_value, call, decref, deferred, destroy, freed,
    incref, own, result_f64, result_string, result_value, root, unroot,
};

/// Host stand-ins, so the runtime's logic runs in native tests. They count
/// calls per handle the way the loader's table would.
#[cfg(not(target_arch = "wasm32"))]
mod host {
    extern crate std;
    use std::cell::RefCell;
    use std::collections::HashMap;

    std::thread_local! {
        pub static JS_COUNTS: RefCell<HashMap<u32, i64>> = RefCell::new(HashMap::new());
        /// What `destroy` was asked, in order: (class, object).
        pub static DESTROYED: RefCell<std::vec::Vec<(u32, usize)>> = const { RefCell::new(std::vec::Vec::new()) };
    }

    /// # Safety
    /// Mirrors the wasm import, which has no preconditions on the host.
    pub unsafe fn incref(handle: u32) {
        JS_COUNTS.with(|c| *c.borrow_mut().entry(handle).or_default() += 1);
    }

    /// # Safety
    /// As `incref`.
    pub unsafe fn decref(handle: u32) {
        JS_COUNTS.with(|c| *c.borrow_mut().entry(handle).or_default() -= 1);
    }

    /// # Safety
    /// `message` must point to `len` readable bytes.
    pub unsafe fn abort(message: *const u8, len: usize) -> ! {
        let bytes = std::slice::from_raw_parts(message, len);
        panic!("{}", std::string::String::from_utf8_lossy(bytes));
    }

    // Calling into JS needs a JS engine: on the host these are inert, and
    // `call` reports that the callee threw.
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn own(_handle: u32, _owner: usize, _on_wrapper: u32) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn root(_owner: usize) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn unroot(_owner: usize) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn arg_f64(_value: f64) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn arg_string(_data: *const u8, _len: usize) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn arg_value(_handle: u32) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn arg_object(_object: usize, _class: u32) {}
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn call(_handle: u32) -> i32 {
        1
    }
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn deferred() {}

    std::thread_local! {
        pub static FREED: RefCell<std::vec::Vec<usize>> = const { RefCell::new(std::vec::Vec::new()) };
    }

    /// # Safety
    /// Mirrors the wasm import; records the address for tests.
    pub unsafe fn freed(object: usize) {
        FREED.with(|f| f.borrow_mut().push(object));
    }
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn destroy(class: u32, object: usize) {
        DESTROYED.with(|d| d.borrow_mut().push((class, object)));
    }
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn result_f64() -> f64 {
        f64::NAN
    }
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn result_string() -> usize {
        0
    }
    /// # Safety
    /// No preconditions on the host.
    pub unsafe fn result_value() -> u32 {
        0
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use host::{
    abort, arg_f64, arg_object, arg_string, arg_value, call, decref, deferred, destroy, freed,
    incref, own, result_f64, result_string, result_value, root, unroot, DESTROYED, JS_COUNTS,
};
