//! Typed callbacks: a JS function as a parameter of an exported function,
//! `Callback<fn(P…) -> R>`, the record `fn:R(P;…)` of C++'s `fn(R, P…)`
//! word (cpp/include/weakbind/callbacks.hpp), so the loader checks it the
//! same way: the argument must be a function (refused before the call),
//! each result is checked against its word before Rust reads it, and a
//! callback that throws or returns a wrong result gives Rust an
//! `Err(JsThrew)` while the error reaches the JS caller once the
//! outermost call returns.
//!
//! Parameters: numbers, `bool`, `i64`/`u64` (a BigInt in JS), `String`
//! (passed as a `&str`), `JsRef` (`js`, passed as a `&JsRef`), an
//! [`enumeration!`](crate::enumeration!) (its impls are the macro's) and
//! `*const C` for a class C (passed as a `&C`; JS gets its wrapper).
//! Results: `()`, numbers, `bool`, `i64`/`u64`, `String`, `JsRef` and
//! enums. At most six parameters, as C++'s.
//!
//! The wire is JsRef's (`weakbind_js_arg_*`, `weakbind_js_call`,
//! `weakbind_js_result_*`): each argument is appended in order, then the
//! call is made. A `Callback` holds one reference to the function, so one
//! Rust keeps past the call lives until Rust drops it.

use core::marker::PhantomData;

use super::class::Class;
use super::meta::Type;
use super::wire::{object, Param};
use crate::jsref::{JsCallResult, JsThrew};
use crate::JsRef;

/// A JS function taking `P…` and returning `R`, written as the function
/// pointer type `fn(P…) -> R`.
pub struct Callback<F> {
    function: JsRef,
    _signature: PhantomData<F>,
}

impl<F> Callback<F> {
    /// The function, as an untyped reference.
    pub fn function(&self) -> &JsRef {
        &self.function
    }
}

impl<F> Clone for Callback<F> {
    fn clone(&self) -> Self {
        Callback {
            function: self.function.clone(),
            _signature: PhantomData,
        }
    }
}

/// A type a callback's parameter may be, as it crosses to JS.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of a Callback",
    note = "callback parameters: i32 u32 f32 f64 i64 u64 bool, String, JsRef, enumeration!s, *const C (C a class)"
)]
pub trait CallbackParam {
    const TYPE: Type;
    /// What [`Callback::call`] takes for it: the type itself, `&str` for
    /// `String`, `&C` for `*const C`.
    type Arg<'a>
    where
        Self: 'a;
    /// Appends the argument to the next call's.
    fn append(a: &Self::Arg<'_>);
}

/// A type a callback's result may be, as Rust reads it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the result of a Callback",
    note = "callback results: (), i32 u32 f32 f64 i64 u64 bool, String, JsRef, enumeration!s"
)]
pub trait CallbackResult: Sized {
    const TYPE: Type;
    /// Reads the result of a call that returned (the loader checked it
    /// against `TYPE`).
    fn read(result: &JsCallResult) -> Self;
}

macro_rules! number_param {
    ($($t:ty => $word:literal),*) => {$(
        impl CallbackParam for $t {
            const TYPE: Type = Type::Word($word);
            type Arg<'a> = $t;
            fn append(a: &$t) {
                crate::abi::weakbind_js_arg_f64(*a as f64);
            }
        }
        impl CallbackResult for $t {
            const TYPE: Type = Type::Word($word);
            fn read(result: &JsCallResult) -> $t {
                // Checked by the loader: an integer in range for i32 and
                // u32, so the conversion is exact.
                result.number() as $t
            }
        }
    )*};
}
number_param!(i32 => "i32", u32 => "u32", f32 => "f32", f64 => "f64");

impl CallbackParam for bool {
    const TYPE: Type = Type::Word("bool");
    type Arg<'a> = bool;
    fn append(a: &bool) {
        // The loader gives JS a boolean for the word `bool`.
        crate::abi::weakbind_js_arg_f64(if *a { 1.0 } else { 0.0 });
    }
}
impl CallbackResult for bool {
    const TYPE: Type = Type::Word("bool");
    fn read(result: &JsCallResult) -> bool {
        result.number() != 0.0
    }
}

// A 64-bit integer crosses to JS as two numbers, its low and high 32 bits
// (the high half signed for i64), which the loader makes one BigInt; back,
// as its decimal text (a double holds 53 bits).
macro_rules! wide {
    ($($t:ty, $high:ty => $word:literal),*) => {$(
        impl CallbackParam for $t {
            const TYPE: Type = Type::Word($word);
            type Arg<'a> = $t;
            fn append(a: &$t) {
                crate::abi::weakbind_js_arg_f64(f64::from(*a as u32));
                crate::abi::weakbind_js_arg_f64(f64::from((*a >> 32) as $high));
            }
        }
        impl CallbackResult for $t {
            const TYPE: Type = Type::Word($word);
            fn read(result: &JsCallResult) -> $t {
                // The loader checked the BigInt's range and wrote it in decimal.
                result.string().parse().unwrap_or(0)
            }
        }
    )*};
}
wide!(i64, i32 => "i64", u64, u32 => "u64");

/// Declared `String`, passed as a `&str`: the loader copies the bytes
/// when it is appended.
impl CallbackParam for alloc::string::String {
    const TYPE: Type = Type::Word("string");
    type Arg<'a> = &'a str;
    fn append(a: &&str) {
        // SAFETY: a &str is `len` readable bytes.
        unsafe { crate::abi::weakbind_js_arg_string(a.as_ptr().cast(), a.len()) }
    }
}
impl CallbackResult for alloc::string::String {
    const TYPE: Type = Type::Word("string");
    fn read(result: &JsCallResult) -> Self {
        result.string()
    }
}

/// Declared `JsRef`, passed as a `&JsRef`: the reference stays the caller's.
impl CallbackParam for JsRef {
    const TYPE: Type = Type::Word("js");
    type Arg<'a> = &'a JsRef;
    fn append(a: &&JsRef) {
        crate::abi::weakbind_js_arg_value(a.handle())
    }
}
impl CallbackResult for JsRef {
    const TYPE: Type = Type::Word("js");
    fn read(result: &JsCallResult) -> JsRef {
        result.value()
    }
}

/// Declared `*const C` (a `fn(&C)` type is one for every lifetime, which
/// no impl can name), passed as a `&C`: a registered object, whose wrapper
/// JS gets. One that is no registered object makes the call fail (the
/// runtime tells the loader, which reports it to the JS caller) instead of
/// passing another argument in its place.
impl<T: Class + 'static> CallbackParam for *const T {
    const TYPE: Type = object("", T::NAME, false);
    type Arg<'a> = &'a T;
    fn append(a: &&T) {
        crate::abi::weakbind_js_arg_object(*a as *const T as *mut core::ffi::c_void);
    }
}

impl CallbackResult for () {
    const TYPE: Type = Type::Word("void");
    fn read(_: &JsCallResult) {}
}

macro_rules! arity {
    ($($p:ident $a:ident),*) => {
        impl<R: CallbackResult, $($p: CallbackParam),*> Param for Callback<fn($($p),*) -> R> {
            const TYPE: Type = Type::Callback {
                result: &R::TYPE,
                params: &[$($p::TYPE),*],
            };
            type A = u32;
            type B = ();
            type C = ();
            unsafe fn from_wasm(handle: u32, _: (), _: (), _: &'static str) -> Self {
                // The loader made a reference for the call, the callee's.
                Callback {
                    function: JsRef::from_raw(handle),
                    _signature: PhantomData,
                }
            }
        }

        impl<R: CallbackResult, $($p: CallbackParam),*> Callback<fn($($p),*) -> R> {
            /// Calls the function. `Err(JsThrew)` when it threw or
            /// returned what `R` is not; that error reaches the JS caller
            /// of the outermost call once it returns.
            #[allow(clippy::too_many_arguments)]
            pub fn call(&self, $($a: $p::Arg<'_>),*) -> Result<R, JsThrew> {
                $($p::append(&$a);)*
                let result = self.function.call(&[])?;
                Ok(R::read(&result))
            }
        }
    };
}
arity!();
arity!(P0 a0);
arity!(P0 a0, P1 a1);
arity!(P0 a0, P1 a1, P2 a2);
arity!(P0 a0, P1 a1, P2 a2, P3 a3);
arity!(P0 a0, P1 a1, P2 a2, P3 a3, P4 a4);
arity!(P0 a0, P1 a1, P2 a2, P3 a3, P4 a4, P5 a5);
