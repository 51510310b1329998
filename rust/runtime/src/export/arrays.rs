//! Numeric arrays: `&[T]` and `Vec<T>` for T in f64 f32 i32 u32, the
//! metadata types `f64[]` `f32[]` `i32[]` `u32[]`, a JS Float64Array,
//! Float32Array, Int32Array or Uint32Array, copied both ways (as C++'s
//! `array(f64)`).
//!
//! A parameter is `(ptr, len)`, `len` elements the loader copied into a heap
//! block aligned for T and frees after the call. A result is a heap block
//! `u32 len`, four bytes of padding, then the elements (8-aligned, as the
//! heap's blocks are), which the loader copies out and frees.

use alloc::vec::Vec;

use super::meta::Type;
use super::wire::{counted_block, fail, Param, Return};

/// Where a result block's elements start.
const DATA: usize = 8;

macro_rules! arrays {
    ($($t:ty => $word:literal),*) => {$(
        impl<'a> Param for &'a [$t] {
            const TYPE: Type = Type::Word($word);
            type A = *const $t;
            type B = usize;
            type C = ();
            unsafe fn from_wasm(ptr: *const $t, len: usize, _: (), at: &'static str) -> &'a [$t] {
                elements_in(ptr, len, at)
            }
        }
        impl Param for Vec<$t> {
            const TYPE: Type = Type::Word($word);
            type A = *const $t;
            type B = usize;
            type C = ();
            unsafe fn from_wasm(ptr: *const $t, len: usize, _: (), at: &'static str) -> Vec<$t> {
                elements_in(ptr, len, at).to_vec()
            }
        }
        impl Return for Vec<$t> {
            const TYPE: Type = Type::Word($word);
            type Wasm = *mut u8;
            fn into_wasm(self) -> *mut u8 {
                elements_out(&self)
            }
        }
        impl Return for &[$t] {
            const TYPE: Type = Type::Word($word);
            type Wasm = *mut u8;
            fn into_wasm(self) -> *mut u8 {
                elements_out(self)
            }
        }
    )*};
}
arrays!(f64 => "f64[]", f32 => "f32[]", i32 => "i32[]", u32 => "u32[]");

/// # Safety
/// `ptr` points to `len` readable elements (any pointer when `len` is 0).
unsafe fn elements_in<'a, T>(ptr: *const T, len: usize, at: &'static str) -> &'a [T] {
    if len == 0 {
        return &[];
    }
    if ptr.is_null() || !ptr.is_aligned() {
        fail(&[at, ": an array argument is not aligned for its elements"]);
    }
    core::slice::from_raw_parts(ptr, len)
}

fn elements_out<T: Copy>(elements: &[T]) -> *mut u8 {
    // SAFETY: the elements are plain numbers, read as their bytes.
    let bytes = unsafe {
        core::slice::from_raw_parts(
            elements.as_ptr().cast::<u8>(),
            core::mem::size_of_val(elements),
        )
    };
    counted_block(elements.len() as u32, bytes, DATA, "an array")
}
