//! The C ABI of JS values held by wasm and of calls into JS: references
//! (`incref`/`decref`), a call's arguments, the call, its result. Each
//! forwards to the loader's import of the same name (`imports.rs`).

use core::ffi::{c_char, c_void};

use crate::global::{with_deferred, with_registry};
use crate::imports;

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
/// negative error if `object` is not registered (the next call then fails).
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
