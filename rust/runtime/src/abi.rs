//! The C ABI, as declared in `cpp/include/weakbind.h` (the single source of
//! truth; `rust/abi-check` proves these signatures match it). The loader
//! calls these exports; C++ and Rust code call them directly.
//!
//! Errors are negative return values whose meaning is
//! [`RegistryError`](crate::registry::RegistryError); nothing here traps on
//! bad input, so a refused call leaves the registry as it was.

use core::ffi::c_void;

use crate::global::{with_deferred, with_registry};
use crate::imports;
use crate::registry::{Destructor, JsValueHome, RegistryError, Released};

// The exports by what they are about: the registry's (this file), calls
// into JS and JS values, the heap and the self-check.
mod heap;
mod js_calls;
pub use heap::*;
pub use js_calls::*;
// Rust modules built with std: panic messages for JS.
#[cfg(feature = "std")]
pub use crate::panic_hook::{weakbind_init, weakbind_take_panic};

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

/// Hands the JS ownership of `ptr`, whose wrapper is gone, to a new one:
/// returns the new token (the old one goes stale) or a negative error code.
#[no_mangle]
pub extern "C" fn weakbind_reown(ptr: *mut c_void, class_id: u32) -> f64 {
    match with_registry(|r| r.reown(ptr as usize, class_id)) {
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

/// The token of the wrapper that owns `ptr`, or a negative error code.
#[no_mangle]
pub extern "C" fn weakbind_owner(ptr: *mut c_void) -> f64 {
    match with_registry(|r| r.owner(ptr as usize)) {
        Ok(token) => token,
        Err(e) => e as i32 as f64,
    }
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
