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
    }
}

#[cfg(target_arch = "wasm32")]
pub use wasm::{abort, decref, incref};

/// Host stand-ins, so the runtime's logic runs in native tests. They count
/// calls per handle the way the loader's table would.
#[cfg(not(target_arch = "wasm32"))]
mod host {
    extern crate std;
    use std::cell::RefCell;
    use std::collections::HashMap;

    std::thread_local! {
        pub static JS_COUNTS: RefCell<HashMap<u32, i64>> = RefCell::new(HashMap::new());
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
}

#[cfg(not(target_arch = "wasm32"))]
pub use host::{abort, decref, incref, JS_COUNTS};
