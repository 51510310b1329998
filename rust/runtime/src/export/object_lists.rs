//! Arrays of objects, as C++'s `array(obj(C))` and friends
//! (cpp/include/weakbind/object_arrays.hpp, js/object-lists.mjs):
//!
//! - parameters `Vec<&C>` (`C[]`) and `Vec<Option<&C>>` (`C?[]`): a JS
//!   Array of live wrappers (and `null`s), each checked by the loader as a
//!   single `&C` argument is, borrowed for the call;
//! - results `Vec<X>` for X a single object result: `C`, `Box<C>`,
//!   `Own<C>`, `&Retained<C>` (`own:C[]`: JS becomes the owner, or one more
//!   owner, of each) or `&C` (`ref:C[]`: each a part of `self`, alive as
//!   long as `self`, as a single `&C` result is), and `Vec<Option<X>>`
//!   (`own:C?[]`, `ref:C?[]`: `None` is `null`).
//!
//! The wire: a parameter is `(ptr, count)` of a block of u32 object
//! addresses (0 for `null`); a result a block `u32 count`, padding, the u32
//! addresses from offset 8, which the loader reads and frees before it
//! wraps them. lists.rs says why the impls for `&C`, `C` and `Box<C>` are
//! written by each class's macro ([`__weakbind_object_lists!`](crate::__weakbind_object_lists!)).

use alloc::boxed::Box;

use super::class::{Class, RustClass};
use super::lists::{ListParam, ListReturn};
use super::meta::Type;
use super::owners::{Own, Retained};
use super::wire::{fail, object};

/// Bytes of one element: a u32 address.
const SIZE: usize = 4;

/// An object result: what one element of an object Array result hands JS.
///
/// # Safety
/// `into_address` gives a live object of class `CLASS` (or 0 from an
/// `Option`'s `None`, never from here). For `own:` JS may destroy it with
/// the class's destructor once its last owner lets go; for `ref:` it lives
/// as long as the object the call's receiver (or first object argument) is.
pub unsafe trait ObjectResult: Sized {
    /// `own:` or `ref:`.
    const PREFIX: &'static str;
    const CLASS: &'static str;
    fn into_address(self) -> usize;
}

unsafe impl<T: Class> ObjectResult for Own<T> {
    const PREFIX: &'static str = "own:";
    const CLASS: &'static str = T::NAME;
    fn into_address(self) -> usize {
        self.into_raw() as usize
    }
}

unsafe impl<T: RustClass> ObjectResult for Box<T> {
    const PREFIX: &'static str = "own:";
    const CLASS: &'static str = T::NAME;
    fn into_address(self) -> usize {
        Box::into_raw(self) as usize
    }
}

/// JS becomes one more owner (the registry's), as for a single result.
unsafe impl<T: Class> ObjectResult for &Retained<T> {
    const PREFIX: &'static str = "own:";
    const CLASS: &'static str = T::NAME;
    fn into_address(self) -> usize {
        self.as_ptr() as usize
    }
}

unsafe impl<T: Class> ObjectResult for &T {
    const PREFIX: &'static str = "ref:";
    const CLASS: &'static str = T::NAME;
    fn into_address(self) -> usize {
        self as *const T as usize
    }
}

/// The `Vec<Self>` type of an object result `X` (`own:C[]`, `ref:C[]`).
#[doc(hidden)]
pub const fn result_list<X: ObjectResult>(nullable: bool) -> Type {
    object(X::PREFIX, X::CLASS, nullable).list()
}

/// Writes one element's address.
///
/// # Safety
/// `p` points to 4 writable bytes.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn put_address(p: *mut u8, address: usize) {
    p.cast::<u32>().write_unaligned(address as u32)
}

/// One element of a parameter's block: a live `T` the loader checked, or
/// NULL (0).
///
/// # Safety
/// `p` points to 4 readable bytes; a non-zero address there is a live `T`
/// for the call.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn object_at<'a, T: Class>(p: *const u8) -> Option<&'a T> {
    (p.cast::<u32>().read_unaligned() as usize as *const T).as_ref()
}

/// A non-nullable element: the loader never passes NULL there; a raw
/// caller that does gets an error.
///
/// # Safety
/// As [`object_at`].
#[doc(hidden)]
pub unsafe fn required_object_at<'a, T: Class>(p: *const u8, at: &'static str) -> &'a T {
    match object_at(p) {
        Some(r) => r,
        None => fail(&[
            at,
            ": NULL passed in an array where a ",
            T::NAME,
            " is expected",
        ]),
    }
}

/// `C?[]`: `null` arrives as `None`.
impl<'a, T: Class> ListParam for Option<&'a T> {
    const TYPE: Type = object("", T::NAME, true).list();
    const SIZE: usize = SIZE;
    unsafe fn read(p: *const u8, _: &'static str) -> Option<&'a T> {
        object_at(p)
    }
    fn address(&self) -> usize {
        self.map_or(0, |r| r as *const T as usize)
    }
}

/// `own:C?[]` and `ref:C?[]`: `None` is 0, `null` in JS.
impl<X: ObjectResult> ListReturn for Option<X> {
    const TYPE: Type = result_list::<X>(true);
    const SIZE: usize = SIZE;
    unsafe fn write(self, p: *mut u8) {
        put_address(p, self.map_or(0, X::into_address))
    }
}

macro_rules! generic_results {
    ($($t:ty, $bound:ident;)*) => {$(
        impl<'a, T: $bound> ListReturn for $t {
            const TYPE: Type = result_list::<$t>(false);
            const SIZE: usize = SIZE;
            unsafe fn write(self, p: *mut u8) {
                put_address(p, ObjectResult::into_address(self))
            }
        }
    )*};
}
generic_results! {
    Own<T>, Class;
    &'a Retained<T>, Class;
}

/// The element impls of one class's own forms, written where the class is
/// declared (see lists.rs): `&C` in and out for any class; with `owned`, a
/// Rust class's `C` by value (boxed, `own:C`) and `Box<C>` out.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_object_lists {
    ($class:ident) => {
        impl<'a> $crate::export::ListParam for &'a $class {
            const TYPE: $crate::export::Type = $crate::export::__object_param_list::<$class>();
            const SIZE: usize = 4;
            #[allow(unused_unsafe)]
            unsafe fn read(p: *const u8, at: &'static str) -> &'a $class {
                unsafe { $crate::export::__required_object_at::<$class>(p, at) }
            }
            fn address(&self) -> usize {
                *self as *const $class as usize
            }
        }
        $crate::__weakbind_object_lists!(@result &'a $class);
    };
    ($class:ident owned) => {
        $crate::__weakbind_object_lists!($class);
        /// A Rust class by value: boxed, JS its owner (`own:`).
        unsafe impl $crate::export::ObjectResult for $class {
            const PREFIX: &'static str = "own:";
            const CLASS: &'static str = stringify!($class);
            fn into_address(self) -> usize {
                $crate::export::__Box::into_raw($crate::export::__Box::new(self)) as usize
            }
        }
        $crate::__weakbind_object_lists!(@result $class);
        $crate::__weakbind_object_lists!(@result $crate::export::__Box<$class>);
    };
    (@result $t:ty) => {
        impl<'a> $crate::export::ListReturn for $t {
            const TYPE: $crate::export::Type = $crate::export::__result_list::<$t>(false);
            const SIZE: usize = 4;
            #[allow(unused_unsafe)]
            unsafe fn write(self, p: *mut u8) {
                unsafe {
                    $crate::export::__put_address(p, $crate::export::ObjectResult::into_address(self))
                }
            }
        }
    };
}

/// `C[]` of class `T`.
#[doc(hidden)]
pub const fn param_list<T: Class>() -> Type {
    object("", T::NAME, false).list()
}
