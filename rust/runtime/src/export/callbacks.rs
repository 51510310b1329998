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
//! [`enumeration!`](crate::enumeration!) (its impls are the macro's),
//! `*const C` for a class C (passed as a `&C`; JS gets its wrapper:
//! callback_objects.rs),
//! `Vec<*const C>` and `Vec<Option<*const C>>` (passed as `&[&C]`,
//! `&[Option<&C>]`: an Array of wrappers), and the types a [`value!`](crate::value!)'s field may hold besides those:
//! values, `Vec` of numbers (typed arrays in JS), of `String` or of
//! values, `Option<T>` and maps (passed by reference: `&Vec<f64>`, …).
//! Results: `()`, numbers, `bool`, `i64`/`u64`, `String`, `JsRef`, enums,
//! objects JS returns as `Retained<C>` (Rust one more owner) with their
//! `Option` and `Vec` forms, and those field types. At most six parameters, as C++'s.
//!
//! The wire is JsRef's (`weakbind_js_arg_*`, `weakbind_js_call`,
//! `weakbind_js_result_*`): each argument is appended in order, then the
//! call is made. A field type crosses as C++'s block words do
//! (cpp/include/weakbind/call_blocks.hpp): the address of a block holding
//! the field at offset 0 — as a parameter, Rust's block, which the loader
//! reads and Rust releases once the call returned ([`HeldBlock`]); as a
//! result, the loader's block, the field then the list of the other
//! blocks it allocated, all of which Rust frees once it read the field. A
//! `Callback` holds one reference to the function, so one Rust keeps past
//! the call lives until Rust drops it.
//!
//! A type the loader has no call word for fails to compile:
//!
//! ```compile_fail
//! use weakbind::export::Callback;
//! pub fn optionals(f: Callback<fn(Vec<Option<String>>)>) {
//!     let _ = f.call(&Vec::new());
//! }
//! ```

use alloc::vec::Vec;
use core::marker::PhantomData;

use super::meta::Type;
use super::values::{align_up, free_at, value_block, Field};
use super::wire::{fail, Param};
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
    note = "callback parameters: i32 u32 f32 f64 i64 u64 bool, String, JsRef, enumeration!s, *const C (C a class), Vec<*const C>, Vec<Option<*const C>>, value!s, Vec<f64> (f32 i32 u32), Vec<u8>, Vec<String>, Vec<V>, Option<T>, BTreeMap<K, V>, HashMap<K, V>"
)]
pub trait CallbackParam {
    const TYPE: Type;
    /// What [`Callback::call`] takes for it: the type itself, `&str` for
    /// `String`, `&C` for `*const C`.
    type Arg<'a>
    where
        Self: 'a;
    /// What must outlive the call: `()`, or the block a field type
    /// crosses in.
    type Held;
    /// Appends the argument to the next call's.
    fn append(a: &Self::Arg<'_>) -> Self::Held;
}

/// A type a callback's result may be, as Rust reads it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the result of a Callback",
    note = "callback results: (), i32 u32 f32 f64 i64 u64 bool, String, JsRef, enumeration!s, Retained<C> (C a class), Option<Retained<C>>, Vec<Retained<C>>, Vec<Option<Retained<C>>>, value!s, Vec<f64> (f32 i32 u32), Vec<u8>, Vec<String>, Vec<V>, Option<T>, BTreeMap<K, V>, HashMap<K, V>"
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
            type Held = ();
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
    type Held = ();
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
            type Held = ();
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
    type Held = ();
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
    type Held = ();
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

impl CallbackResult for () {
    const TYPE: Type = Type::Word("void");
    fn read(_: &JsCallResult) {}
}

/// A field type's parameter block: the field at offset 0, written by
/// Rust, read by the loader during the call, released (what the field
/// holds, then the block) when dropped after it.
#[doc(hidden)]
pub struct HeldBlock<T: Field> {
    block: *mut u8,
    _field: PhantomData<T>,
}

impl<T: Field> HeldBlock<T> {
    /// Writes `a` into a new block and appends the block's address.
    pub fn append(a: &T) -> Self {
        let block = value_block(T::SIZE);
        // SAFETY: the block has SIZE writable bytes.
        unsafe { a.write(block) };
        crate::abi::weakbind_js_arg_f64(block as usize as f64);
        HeldBlock {
            block,
            _field: PhantomData,
        }
    }
}

impl<T: Field> Drop for HeldBlock<T> {
    fn drop(&mut self) {
        // SAFETY: the block holds the field `append` wrote, released once.
        unsafe {
            T::release(self.block);
            crate::abi::weakbind_free(self.block.cast());
        }
    }
}

/// A field type's result: the loader's block (the field, then at the next
/// multiple of 4 a u32 count and that many u32 addresses of the blocks it
/// allocated for the field) read, then every block freed.
#[doc(hidden)]
pub fn block_result<T: Field>(result: &JsCallResult) -> T {
    let block = result.number() as usize as *mut u8;
    // (The loader refuses a result it cannot convert, and the call fails
    // before Rust reads one.)
    if block.is_null() {
        fail(&["a callback's result block is NULL"]);
    }
    // SAFETY: the loader's block: the field, then the list of blocks.
    unsafe {
        let out = T::read(block, "a callback's result");
        let list = block.add(align_up(T::SIZE, 4));
        let count = list.cast::<u32>().read_unaligned() as usize;
        for k in 0..count {
            free_at(list.add(4 + 4 * k));
        }
        crate::abi::weakbind_free(block.cast());
        out
    }
}

/// A field type as a callback's parameter (by reference, in a block) and
/// result; `value!` uses it for its struct.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_block_words {
    ($([$($g:tt)*] $t:ty),* $(,)?) => {$(
        impl<$($g)*> $crate::export::CallbackParam for $t {
            const TYPE: $crate::export::Type = <$t as $crate::export::Field>::TYPE;
            type Arg<'a> = &'a $t where Self: 'a;
            type Held = $crate::export::__HeldBlock<$t>;
            fn append(a: &&$t) -> Self::Held {
                $crate::export::__HeldBlock::append(*a)
            }
        }
        impl<$($g)*> $crate::export::CallbackResult for $t {
            const TYPE: $crate::export::Type = <$t as $crate::export::Field>::TYPE;
            fn read(result: &$crate::jsref::JsCallResult) -> $t {
                $crate::export::__block_result(result)
            }
        }
    )*};
}
crate::__weakbind_block_words!(
    [T: Field] Option<T>,
    [] Vec<f64>,
    [] Vec<f32>,
    [] Vec<i32>,
    [] Vec<u32>,
    [] Vec<u8>,
    [T: super::lists::Element] Vec<T>,
    [K: super::maps::MapKey + Ord, V: Field] alloc::collections::BTreeMap<K, V>,
);
#[cfg(any(test, feature = "std"))]
crate::__weakbind_block_words!(
    [K: super::maps::MapKey + Eq + core::hash::Hash, V: Field] std::collections::HashMap<K, V>,
);

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
                // (Held until the call returned: the loader reads a block
                // parameter during the call.)
                let _held = ($($p::append(&$a),)*);
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
