//! `Option<T>` as a parameter and a result. Two families share the one
//! `Option` impl each of [`Param`] and [`Return`] may have:
//!
//! - a nullable object (`Option<&C>` in, `Option<Own<C>>`, `Option<Box<C>>`,
//!   `Option<&Retained<C>>`, `Option<&C>` out): `C?`, NULL for `None`;
//! - `opt:T` for T a number, `bool`, `String` (`&str` too), an
//!   [`enumeration!`](crate::enumeration!), a [`value!`](crate::value!),
//!   `Vec<f64>` (f32 i32 u32), `Vec<u8>`, `Vec<String>`, `Vec<V>`, a `BTreeMap` or a
//!   `HashMap`: `T | undefined` in JS, with C++'s `optional(T)` wire
//!   (cpp/include/weakbind/optional.hpp).
//!
//! The `opt:T` wire: a parameter is an i32 flag (1: present) before T's own
//! wasm values (zeros when absent); a result is an i32, 0 for `None`, else
//! a heap block holding T at offset 0 as a value's field ([`Field`]), which
//! the loader reads and frees with what it holds.
//!
//! An enum's or a value's impls are written by its own macro (through
//! [`__weakbind_optional!`](crate::__weakbind_optional!)): a blanket impl
//! over [`Field`] would overlap the object impls for `&C`.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::class::{Class, RustClass};
use super::lists::Element;
use super::maps::MapKey;
use super::meta::Type;
use super::owners::{Own, Retained};
use super::values::{value_block, Field};
use super::wire::{object, Param, Return};

/// A type whose `Option` JS may pass: see the [module docs](self).
pub trait OptionalParam: Sized {
    /// The metadata type of `Option<Self>`.
    const TYPE: Type;
    type A;
    type B;
    type C;
    /// # Safety
    /// As [`Param::from_wasm`], for `Option<Self>`'s wire.
    unsafe fn from_wasm(a: Self::A, b: Self::B, c: Self::C, at: &'static str) -> Option<Self>;
    fn address(_: &Option<Self>) -> usize {
        0
    }
}

/// A type whose `Option` may be returned to JS: see the [module docs](self).
pub trait OptionalReturn: Sized {
    /// The metadata type of `Option<Self>`.
    const TYPE: Type;
    type Wasm;
    fn into_wasm(value: Option<Self>) -> Self::Wasm;
}

impl<T: OptionalParam> Param for Option<T> {
    const TYPE: Type = T::TYPE;
    type A = T::A;
    type B = T::B;
    type C = T::C;
    #[inline(always)]
    unsafe fn from_wasm(a: T::A, b: T::B, c: T::C, at: &'static str) -> Option<T> {
        T::from_wasm(a, b, c, at)
    }
    fn address(&self) -> usize {
        T::address(self)
    }
}

impl<T: OptionalReturn> Return for Option<T> {
    const TYPE: Type = T::TYPE;
    type Wasm = T::Wasm;
    #[inline(always)]
    fn into_wasm(self) -> T::Wasm {
        T::into_wasm(self)
    }
}

// ---- nullable objects -----------------------------------------------------

/// `null` from JS arrives as `None`.
impl<'a, T: Class> OptionalParam for &'a T {
    const TYPE: Type = object("", T::NAME, true);
    type A = *const T;
    type B = ();
    type C = ();
    unsafe fn from_wasm(ptr: *const T, _: (), _: (), _: &'static str) -> Option<&'a T> {
        ptr.as_ref()
    }
    fn address(value: &Option<&'a T>) -> usize {
        value.map_or(0, |r| r as *const T as usize)
    }
}

macro_rules! nullable_results {
    ($($t:ty, $bound:ident, $prefix:literal, $wasm:ty, $v:ident => $e:expr;)*) => {$(
        impl<'a, T: $bound> OptionalReturn for $t {
            const TYPE: Type = object($prefix, T::NAME, true);
            type Wasm = $wasm;
            fn into_wasm(value: Option<$t>) -> $wasm {
                match value {
                    Some($v) => $e,
                    None => core::ptr::null_mut(),
                }
            }
        }
    )*};
}
nullable_results! {
    Own<T>, Class, "own:", *mut T, v => v.into_raw();
    Box<T>, RustClass, "own:", *mut T, v => Box::into_raw(v);
    &'a Retained<T>, Class, "own:", *mut T, v => v.as_ptr();
    &'a T, Class, "ref:", *mut T, v => v as *const T as *mut T;
}

// ---- opt:T ----------------------------------------------------------------

/// `Some` of T's own wire value when the flag is set.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn flagged<T: Param<B = (), C = ()>>(flag: i32, a: T::A, at: &'static str) -> Option<T> {
    if flag == 0 {
        None
    } else {
        Some(T::from_wasm(a, (), (), at))
    }
}

/// 0, or a heap block holding the value at offset 0.
#[doc(hidden)]
pub fn optional_block<T: Field>(value: Option<T>) -> *mut u8 {
    match value {
        None => core::ptr::null_mut(),
        Some(v) => {
            let block = value_block(T::SIZE);
            // SAFETY: the block has T::SIZE writable bytes.
            unsafe { v.write(block) };
            block
        }
    }
}

/// `opt:T` for a type whose wire is one wasm value (a number, `bool`, an
/// enum, a value) and which is a [`Field`].
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_optional {
    ($($t:ty),*) => {$(
        impl $crate::export::OptionalParam for $t {
            const TYPE: $crate::export::Type = <$t as $crate::export::Param>::TYPE.optional();
            type A = i32;
            type B = <$t as $crate::export::Param>::A;
            type C = ();
            #[inline(always)]
            unsafe fn from_wasm(flag: i32, a: Self::B, _: (), at: &'static str) -> Option<$t> {
                $crate::export::__flagged::<$t>(flag, a, at)
            }
        }
        impl $crate::export::OptionalReturn for $t {
            const TYPE: $crate::export::Type = <$t as $crate::export::Field>::TYPE.optional();
            type Wasm = *mut u8;
            fn into_wasm(value: Option<$t>) -> *mut u8 {
                $crate::export::__optional_block(value)
            }
        }
    )*};
}
crate::__weakbind_optional!(i32, u32, f32, f64, i64, u64, bool);

/// [flag, pointer, length]: the string's bytes after the flag.
impl<'a> OptionalParam for &'a str {
    const TYPE: Type = Type::Word("string").optional();
    type A = i32;
    type B = *const u8;
    type C = usize;
    unsafe fn from_wasm(
        flag: i32,
        ptr: *const u8,
        len: usize,
        at: &'static str,
    ) -> Option<&'a str> {
        if flag == 0 {
            None
        } else {
            Some(<&str as Param>::from_wasm(ptr, len, (), at))
        }
    }
}

impl OptionalParam for String {
    const TYPE: Type = Type::Word("string").optional();
    type A = i32;
    type B = *const u8;
    type C = usize;
    unsafe fn from_wasm(flag: i32, ptr: *const u8, len: usize, at: &'static str) -> Option<String> {
        <&str as OptionalParam>::from_wasm(flag, ptr, len, at).map(String::from)
    }
}

impl OptionalReturn for String {
    const TYPE: Type = Type::Word("string").optional();
    type Wasm = *mut u8;
    fn into_wasm(value: Option<String>) -> *mut u8 {
        optional_block(value)
    }
}

impl OptionalReturn for &str {
    const TYPE: Type = Type::Word("string").optional();
    type Wasm = *mut u8;
    fn into_wasm(value: Option<&str>) -> *mut u8 {
        // One copy into the heap, as a `String` result makes.
        optional_block(value.map(String::from))
    }
}

// ---- opt:T of arrays and maps -----------------------------------------------

/// [flag, pointer, count]: an optional array or map, as C++'s
/// `optional(array(…))` and `optional(map(K, V))` take it; a result is 0 or
/// a block holding the container as a value's field (fields.rs, maps.rs).
macro_rules! optional_containers {
    ($([$($g:tt)*] $t:ty, $b:ty;)*) => {$(
        impl<$($g)*> OptionalParam for $t {
            const TYPE: Type = <$t as Field>::TYPE.optional();
            type A = i32;
            type B = $b;
            type C = usize;
            unsafe fn from_wasm(flag: i32, ptr: $b, count: usize, at: &'static str) -> Option<$t> {
                if flag == 0 {
                    None
                } else {
                    Some(<$t as Param>::from_wasm(ptr, count, (), at))
                }
            }
        }
        impl<$($g)*> OptionalReturn for $t {
            const TYPE: Type = <$t as Field>::TYPE.optional();
            type Wasm = *mut u8;
            fn into_wasm(value: Option<$t>) -> *mut u8 {
                optional_block(value)
            }
        }
    )*};
}
optional_containers! {
    [] Vec<f64>, *const f64;
    [] Vec<f32>, *const f32;
    [] Vec<i32>, *const i32;
    [] Vec<u32>, *const u32;
    [] Vec<u8>, *const u8;
    [T: Element] Vec<T>, *const u8;
    [K: MapKey + Ord, V: Field] BTreeMap<K, V>, *const u8;
}
#[cfg(any(test, feature = "std"))]
optional_containers! {
    [K: MapKey + Eq + core::hash::Hash, V: Field] std::collections::HashMap<K, V>, *const u8;
}
