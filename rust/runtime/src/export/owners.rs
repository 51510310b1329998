//! Rust owners of objects of any class, Rust or C++: [`Own`], an object
//! Rust owns alone until it hands it to JS, and [`Retained`], one more owner
//! of an object the registry knows (the Rust twin of C++
//! `weakbind::Retained<T>`).

use core::ffi::c_void;
use core::ops::Deref;
use core::ptr::NonNull;

use super::class::{Class, RustClass};
use crate::abi::{weakbind_release, weakbind_retain};

/// An object Rust owns alone: returned to JS it becomes `own:T` (JS is then
/// the owner); dropped in Rust it is destroyed with `T::destroy`.
pub struct Own<T: Class>(NonNull<T>);

impl<T: Class> Own<T> {
    /// Takes ownership of `object`; `None` for NULL (e.g. a C++ factory out
    /// of memory).
    ///
    /// # Safety
    /// `object` is NULL or a live object nobody else owns, destroyable with
    /// `T::destroy`.
    pub unsafe fn from_raw(object: *mut T) -> Option<Own<T>> {
        NonNull::new(object).map(Own)
    }

    /// Gives ownership up.
    pub fn into_raw(self) -> *mut T {
        let p = self.0.as_ptr();
        core::mem::forget(self);
        p
    }

    pub fn as_ptr(&self) -> *mut T {
        self.0.as_ptr()
    }
}

impl<T: RustClass> Own<T> {
    pub fn new(value: T) -> Own<T> {
        // SAFETY: a fresh box, destroyed by RustClass::destroy (Box drop).
        Own(unsafe {
            NonNull::new_unchecked(alloc::boxed::Box::into_raw(alloc::boxed::Box::new(value)))
        })
    }
}

impl<T: Class> Deref for Own<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: owned, so live.
        unsafe { self.0.as_ref() }
    }
}

impl<T: Class> Drop for Own<T> {
    fn drop(&mut self) {
        // SAFETY: owned alone, and never used again.
        unsafe { T::destroy(self.0.as_ptr()) }
    }
}

/// One owner, inside wasm, of an object registered with the runtime: while
/// it lives, collecting the object's JS wrapper does not destroy the object.
/// Dropping the last owner runs the class's destructor (through the
/// function table, so it works for C++ and Rust classes alike).
pub struct Retained<T: Class>(NonNull<T>);

impl<T: Class> Retained<T> {
    /// Adds an owner; `None` if `object` is not registered (no JS wrapper and
    /// no other owner ever made it known to the registry).
    pub fn new(object: &T) -> Option<Retained<T>> {
        let p = NonNull::from(object);
        (weakbind_retain(p.as_ptr().cast::<c_void>()) > 0).then_some(Retained(p))
    }

    pub fn as_ptr(&self) -> *mut T {
        self.0.as_ptr()
    }
}

impl<T: Class> Clone for Retained<T> {
    fn clone(&self) -> Self {
        // Registered (we own it), so this cannot fail.
        weakbind_retain(self.0.as_ptr().cast());
        Retained(self.0)
    }
}

impl<T: Class> Deref for Retained<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: retained, so live.
        unsafe { self.0.as_ref() }
    }
}

impl<T: Class> Drop for Retained<T> {
    fn drop(&mut self) {
        weakbind_release(self.0.as_ptr().cast());
    }
}

impl<T: Class> core::fmt::Debug for Retained<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Retained<{}>({:p})", T::NAME, self.0)
    }
}

impl<T: Class> core::fmt::Debug for Own<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Own<{}>({:p})", T::NAME, self.0)
    }
}
