//! How a Rust value crosses the boundary: its metadata type and its wasm
//! values (the table in docs/ARCHITECTURE.md, "Metadata").
//!
//! A parameter arrives as at most three wasm values, `A`, `B` and `C`; a
//! type that needs fewer sets the rest to `()`. The C ABI gives a `()`
//! parameter no wasm parameter at all, so `export!` can declare three per
//! Rust parameter and the wasm signature still has exactly the values the
//! metadata describes (the loader checks the count).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::class::{Class, RustClass};
use super::meta::Type;
use super::owners::{Own, Retained};
use crate::JsRef;

/// A value JS passes to an exported function.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of an exported function",
    note = "parameters: i32 u32 f32 f64 i64 u64 bool, &str, String, &[u8], Vec<u8>, JsRef, &C, Option<&C>, Vec<&C>, Vec<Option<&C>> (C a class), enumeration!s, value!s, Option of a number, bool, string, enum or value, Vec<String>, Vec<V> (V a value!), Callback<fn(P…) -> R>"
)]
pub trait Param: Sized {
    const TYPE: Type;
    type A;
    type B;
    type C;

    /// Rebuilds the value. `at` names the function in messages
    /// (`"Filter.apply"`).
    ///
    /// # Safety
    /// `a`, `b` and `c` are what the loader passes for `TYPE`: a live object of the
    /// class, `len` readable bytes at `ptr`, a handle whose reference the
    /// callee now owns. A borrowed value must not outlive the call.
    unsafe fn from_wasm(a: Self::A, b: Self::B, c: Self::C, at: &'static str) -> Self;

    /// The address of the object this argument refers to, or 0: `&mut self`
    /// methods refuse an argument that aliases `self`.
    fn address(&self) -> usize {
        0
    }

    /// Whether this argument, or one of its elements, is `object` (an
    /// address, 0 for none): what a `&mut self` method refuses.
    fn refers_to(&self, object: usize) -> Refers {
        if object != 0 && self.address() == object {
            Refers::Itself
        } else {
            Refers::No
        }
    }
}

/// What [`Param::refers_to`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refers {
    No,
    /// The argument is the object.
    Itself,
    /// Its element at this index is.
    Element(usize),
}

/// A value an exported function returns to JS.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned by an exported function",
    note = "results: (), numbers, bool, String, &str, Vec<u8>, &[u8], JsRef, a Rust class by value, Box<C>, Own<C>, &Retained<C>, &C, enumeration!s, value!s, Option of any of these but the first and the Rust class, Vec<String>, Vec<V> (V a value!), Vec of an object result or its Option, View<T>"
)]
pub trait Return {
    const TYPE: Type;
    type Wasm;
    fn into_wasm(self) -> Self::Wasm;
}

/// Throws a JS error with `parts` joined into one message.
#[cold]
pub fn fail(parts: &[&str]) -> ! {
    let mut buf = [0u8; 200];
    let mut n = 0;
    for part in parts {
        for &b in part.as_bytes() {
            if n < buf.len() {
                buf[n] = b;
                n += 1;
            }
        }
    }
    // SAFETY: `buf` holds `n` initialised bytes.
    unsafe { crate::abi::weakbind_abort(buf.as_ptr().cast(), n) }
}

// ---- numbers --------------------------------------------------------------

macro_rules! scalar {
    ($($t:ty => $word:literal),*) => {$(
        impl Param for $t {
            const TYPE: Type = Type::Word($word);
            type A = $t;
            type B = ();
            type C = ();
            #[inline(always)]
            unsafe fn from_wasm(a: $t, _: (), _: (), _: &'static str) -> $t {
                a
            }
        }
        impl Return for $t {
            const TYPE: Type = Type::Word($word);
            type Wasm = $t;
            #[inline(always)]
            fn into_wasm(self) -> $t {
                self
            }
        }
    )*};
}
scalar!(i32 => "i32", u32 => "u32", f32 => "f32", f64 => "f64", i64 => "i64", u64 => "u64");

/// Arrives as an i32 (any non-zero is true), so no caller can hand Rust a
/// `bool` that is neither 0 nor 1.
impl Param for bool {
    const TYPE: Type = Type::Word("bool");
    type A = i32;
    type B = ();
    type C = ();
    #[inline(always)]
    unsafe fn from_wasm(a: i32, _: (), _: (), _: &'static str) -> bool {
        a != 0
    }
}

impl Return for bool {
    const TYPE: Type = Type::Word("bool");
    type Wasm = i32;
    #[inline(always)]
    fn into_wasm(self) -> i32 {
        self as i32
    }
}

impl Return for () {
    const TYPE: Type = Type::Word("void");
    type Wasm = ();
    #[inline(always)]
    fn into_wasm(self) {}
}

// ---- strings and bytes ----------------------------------------------------

/// Bytes the loader copied into a heap block, borrowed for the call.
unsafe fn bytes_in<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        core::slice::from_raw_parts(ptr, len)
    }
}

/// A result block, `u32 len` then the bytes; the loader copies and frees it.
fn block_out(bytes: &[u8]) -> *mut u8 {
    counted_block(bytes.len() as u32, bytes, 4, "a string or bytes")
}

/// A heap block holding `count` (u32, at 0) and `bytes` from offset `data`;
/// `what` names it when the heap is full.
pub(super) fn counted_block(count: u32, bytes: &[u8], data: usize, what: &str) -> *mut u8 {
    let block = crate::abi::weakbind_alloc(data + bytes.len()).cast::<u8>();
    if block.is_null() {
        fail(&["out of memory: returning ", what, " to JS"]);
    }
    // SAFETY: the block has data + len writable bytes, and data >= 4.
    unsafe {
        block.cast::<[u8; 4]>().write_unaligned(count.to_le_bytes());
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), block.add(data), bytes.len());
    }
    block
}

/// The loader writes UTF-8 from `TextEncoder`; anything else (a raw call)
/// is refused rather than trusted.
impl<'a> Param for &'a str {
    const TYPE: Type = Type::Word("string");
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, len: usize, _: (), at: &'static str) -> &'a str {
        match core::str::from_utf8(bytes_in(ptr, len)) {
            Ok(s) => s,
            Err(_) => fail(&[at, ": a string argument is not UTF-8"]),
        }
    }
}

impl Param for String {
    const TYPE: Type = Type::Word("string");
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, len: usize, _: (), at: &'static str) -> String {
        String::from(<&str>::from_wasm(ptr, len, (), at))
    }
}

impl<'a> Param for &'a [u8] {
    const TYPE: Type = Type::Word("bytes");
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, len: usize, _: (), _: &'static str) -> &'a [u8] {
        bytes_in(ptr, len)
    }
}

impl Param for Vec<u8> {
    const TYPE: Type = Type::Word("bytes");
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, len: usize, _: (), _: &'static str) -> Vec<u8> {
        bytes_in(ptr, len).to_vec()
    }
}

macro_rules! block_result {
    ($($t:ty => $word:literal, $bytes:ident => $e:expr;)*) => {$(
        impl Return for $t {
            const TYPE: Type = Type::Word($word);
            type Wasm = *mut u8;
            fn into_wasm(self) -> *mut u8 {
                let $bytes = self;
                block_out($e)
            }
        }
    )*};
}
block_result! {
    String => "string", s => s.as_bytes();
    &str => "string", s => s.as_bytes();
    Vec<u8> => "bytes", b => &b;
    &[u8] => "bytes", b => b;
}

// ---- JS values ------------------------------------------------------------

/// The callee owns the reference the loader made for the call.
impl Param for JsRef {
    const TYPE: Type = Type::Word("js");
    type A = u32;
    type B = ();
    type C = ();
    unsafe fn from_wasm(handle: u32, _: (), _: (), _: &'static str) -> JsRef {
        JsRef::from_raw(handle)
    }
}

/// The loader takes over the reference.
impl Return for JsRef {
    const TYPE: Type = Type::Word("js");
    type Wasm = u32;
    fn into_wasm(self) -> u32 {
        self.into_raw()
    }
}

// ---- objects --------------------------------------------------------------

pub(super) const fn object(prefix: &'static str, class: &'static str, nullable: bool) -> Type {
    Type::Object {
        prefix,
        class,
        nullable,
    }
}

/// An object JS passes, borrowed for the call. The loader never passes NULL
/// here; a raw caller that does gets an error, not a null reference.
impl<'a, T: Class> Param for &'a T {
    const TYPE: Type = object("", T::NAME, false);
    type A = *const T;
    type B = ();
    type C = ();
    unsafe fn from_wasm(ptr: *const T, _: (), _: (), at: &'static str) -> &'a T {
        match ptr.as_ref() {
            Some(r) => r,
            None => fail(&[at, ": NULL passed where a ", T::NAME, " is expected"]),
        }
    }
    fn address(&self) -> usize {
        *self as *const T as usize
    }
}

/// `own:T`: JS becomes the owner.
impl<T: Class> Return for Own<T> {
    const TYPE: Type = object("own:", T::NAME, false);
    type Wasm = *mut T;
    fn into_wasm(self) -> *mut T {
        self.into_raw()
    }
}

impl<T: RustClass> Return for Box<T> {
    const TYPE: Type = object("own:", T::NAME, false);
    type Wasm = *mut T;
    fn into_wasm(self) -> *mut T {
        Box::into_raw(self)
    }
}

/// `own:T` for an object Rust co-owns: JS becomes one more owner (the
/// registry adds the wrapper beside the retains), so the object lives while
/// either holds it. This, not `ref:`, is the result for a registered object
/// `self` keeps: `self` may let go of it while JS still uses it.
impl<T: Class> Return for &Retained<T> {
    const TYPE: Type = object("own:", T::NAME, false);
    type Wasm = *mut T;
    fn into_wasm(self) -> *mut T {
        self.as_ptr()
    }
}

/// `ref:T`: owned by `self` (or, for a static, by its first object
/// argument); the wrapper keeps its parent's wrapper alive.
impl<T: Class> Return for &T {
    const TYPE: Type = object("ref:", T::NAME, false);
    type Wasm = *const T;
    fn into_wasm(self) -> *const T {
        self
    }
}
