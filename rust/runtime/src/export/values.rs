//! Value types: a Rust struct described once by [`value!`](crate::value!)
//! crosses as a plain JS object, copied both ways, as a C++ struct
//! `WEAKBIND_VALUE` describes does (`value:NAME`, docs/BINDING.md).
//!
//! ```ignore
//! #[derive(Clone, Debug, Default)]
//! pub struct Span { pub from: f64, pub to: f64, pub label: String }
//! weakbind::value!(Span { from: f64, to: f64, label: String });
//! ```
//!
//! The wire is C++'s (cpp/include/weakbind/values.hpp): a heap block, the
//! fields in order, each at the next offset aligned to its wire alignment,
//! the block rounded up to its largest; i32 u32 f32 bool and enums 4 bytes,
//! f64 i64 u64 8, a String 8 aligned 4 (its UTF-8 bytes' u32 address and
//! u32 length), a nested value its own block; optionals and arrays as
//! fields.rs lays them out, maps as maps.rs does. A parameter is the
//! loader's block, borrowed for the call; a result is a block (and what it
//! holds) from the heap, which the loader reads into a new object and frees.

use alloc::string::String;

use super::meta::Type;
use super::wire::fail;

/// A type a value's field may have: numbers, bool, String, an
/// [`enumeration!`](crate::enumeration!), another value, and (fields.rs,
/// maps.rs) `Option` of one of those or of a container, `Vec` of f64 f32
/// i32 u32, of String or of a value, and `BTreeMap` / `HashMap` of a key
/// String i32 u32 and a value of the first kinds.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a value",
    note = "fields: i32 u32 f32 f64 i64 u64 bool, String, an enumeration!, a value!, Option<T>, Vec<f64> (f32 i32 u32), Vec<u8>, Vec<String>, Vec<V>, BTreeMap<K, V>, HashMap<K, V>"
)]
pub trait Field: Sized {
    const TYPE: Type;
    const SIZE: usize;
    const ALIGN: usize;
    /// # Safety
    /// `p` points to `SIZE` readable bytes laid out as this field's wire.
    unsafe fn read(p: *const u8, at: &'static str) -> Self;
    /// # Safety
    /// `p` points to `SIZE` writable bytes.
    unsafe fn write(&self, p: *mut u8);
    /// Frees the blocks `write` allocated for the field at `p` (strings,
    /// element blocks), not `p`'s own bytes: what Rust writes for a call
    /// into JS stays Rust's, as the loader only reads it (callbacks.rs).
    /// Fields that hold no block have nothing to free.
    ///
    /// # Safety
    /// `p` holds a field `write` wrote, not released since.
    unsafe fn release(_p: *mut u8) {}
}

/// Frees the heap block whose u32 address the 4 bytes at `p` hold.
///
/// # Safety
/// `p` points to 4 readable bytes: 0 or a block from the heap, not freed.
#[doc(hidden)]
pub unsafe fn free_at(p: *const u8) {
    crate::abi::weakbind_free(p.cast::<u32>().read_unaligned() as usize as *mut core::ffi::c_void)
}

macro_rules! number_fields {
    ($($t:ty => $word:literal, $size:literal);*) => {$(
        impl Field for $t {
            const TYPE: Type = Type::Word($word);
            const SIZE: usize = $size;
            const ALIGN: usize = $size;
            unsafe fn read(p: *const u8, _: &'static str) -> $t {
                p.cast::<$t>().read_unaligned()
            }
            unsafe fn write(&self, p: *mut u8) {
                p.cast::<$t>().write_unaligned(*self)
            }
        }
    )*};
}
number_fields!(i32 => "i32", 4; u32 => "u32", 4; f32 => "f32", 4; f64 => "f64", 8; i64 => "i64", 8; u64 => "u64", 8);

impl Field for bool {
    const TYPE: Type = Type::Word("bool");
    const SIZE: usize = 4;
    const ALIGN: usize = 4;
    unsafe fn read(p: *const u8, _: &'static str) -> bool {
        p.cast::<i32>().read_unaligned() != 0
    }
    unsafe fn write(&self, p: *mut u8) {
        p.cast::<i32>().write_unaligned(i32::from(*self))
    }
}

impl Field for String {
    const TYPE: Type = Type::Word("string");
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn read(p: *const u8, at: &'static str) -> String {
        let ptr = p.cast::<u32>().read_unaligned() as usize as *const u8;
        let len = p.add(4).cast::<u32>().read_unaligned() as usize;
        let bytes = if len == 0 {
            &[][..]
        } else {
            core::slice::from_raw_parts(ptr, len)
        };
        match core::str::from_utf8(bytes) {
            Ok(s) => String::from(s),
            Err(_) => fail(&[at, ": a value's string is not UTF-8"]),
        }
    }
    unsafe fn write(&self, p: *mut u8) {
        let bytes = crate::abi::weakbind_alloc(self.len().max(1)).cast::<u8>();
        if bytes.is_null() {
            fail(&["out of memory: returning a value's string to JS"]);
        }
        core::ptr::copy_nonoverlapping(self.as_ptr(), bytes, self.len());
        p.cast::<u32>().write_unaligned(bytes as usize as u32);
        p.add(4).cast::<u32>().write_unaligned(self.len() as u32);
    }
    unsafe fn release(p: *mut u8) {
        free_at(p)
    }
}

/// `at` rounded up to `align` (a power of two).
#[doc(hidden)]
pub const fn align_up(at: usize, align: usize) -> usize {
    (at + align - 1) & !(align - 1)
}

/// A block's size and alignment for fields of these (size, alignment).
#[doc(hidden)]
pub const fn block_layout(fields: &[(usize, usize)]) -> (usize, usize) {
    let (mut at, mut align, mut i) = (0, 1, 0);
    while i < fields.len() {
        at = align_up(at, fields[i].1) + fields[i].0;
        if fields[i].1 > align {
            align = fields[i].1;
        }
        i += 1;
    }
    (align_up(at, align), align)
}

/// A value result's block, from the heap the loader frees.
#[doc(hidden)]
pub fn value_block(size: usize) -> *mut u8 {
    let block = crate::abi::weakbind_alloc(size.max(1)).cast::<u8>();
    if block.is_null() {
        fail(&["out of memory: returning a value to JS"]);
    }
    block
}

/// Describes a struct as a value type: its fields (each a [`Field`]) in
/// the order the record lists them, which is the block's layout.
#[macro_export]
macro_rules! value {
    ($name:ident { $first:ident : $ft:ty $(, $f:ident : $t:ty)* $(,)? }) => {
        impl $crate::export::Field for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Value(stringify!($name));
            const SIZE: usize = $crate::export::__block_layout(&[
                (<$ft as $crate::export::Field>::SIZE, <$ft as $crate::export::Field>::ALIGN)
                $(, (<$t as $crate::export::Field>::SIZE, <$t as $crate::export::Field>::ALIGN))*
            ]).0;
            const ALIGN: usize = $crate::export::__block_layout(&[
                (<$ft as $crate::export::Field>::SIZE, <$ft as $crate::export::Field>::ALIGN)
                $(, (<$t as $crate::export::Field>::SIZE, <$t as $crate::export::Field>::ALIGN))*
            ]).1;
            #[allow(unused_assignments)] // the last field's end
            unsafe fn read(p: *const u8, at: &'static str) -> $name {
                let mut off = 0usize;
                $name {
                    $first: {
                        off = $crate::export::__align_up(off, <$ft as $crate::export::Field>::ALIGN);
                        let v = <$ft as $crate::export::Field>::read(p.add(off), at);
                        off += <$ft as $crate::export::Field>::SIZE;
                        v
                    },
                    $($f: {
                        off = $crate::export::__align_up(off, <$t as $crate::export::Field>::ALIGN);
                        let v = <$t as $crate::export::Field>::read(p.add(off), at);
                        off += <$t as $crate::export::Field>::SIZE;
                        v
                    },)*
                }
            }
            unsafe fn write(&self, p: *mut u8) {
                let mut off = $crate::export::__align_up(0, <$ft as $crate::export::Field>::ALIGN);
                <$ft as $crate::export::Field>::write(&self.$first, p.add(off));
                off += <$ft as $crate::export::Field>::SIZE;
                $(
                    off = $crate::export::__align_up(off, <$t as $crate::export::Field>::ALIGN);
                    <$t as $crate::export::Field>::write(&self.$f, p.add(off));
                    off += <$t as $crate::export::Field>::SIZE;
                )*
                let _ = off;
            }
            unsafe fn release(p: *mut u8) {
                let mut off = $crate::export::__align_up(0, <$ft as $crate::export::Field>::ALIGN);
                <$ft as $crate::export::Field>::release(p.add(off));
                off += <$ft as $crate::export::Field>::SIZE;
                $(
                    off = $crate::export::__align_up(off, <$t as $crate::export::Field>::ALIGN);
                    <$t as $crate::export::Field>::release(p.add(off));
                    off += <$t as $crate::export::Field>::SIZE;
                )*
                let _ = off;
            }
        }
        $crate::__weakbind_block_words!([] $name);
        impl $crate::export::Param for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Value(stringify!($name));
            type A = *const u8;
            type B = ();
            type C = ();
            unsafe fn from_wasm(p: *const u8, _: (), _: (), at: &'static str) -> $name {
                if p.is_null() {
                    $crate::export::__fail(&[at, ": a value argument is NULL"]);
                }
                <$name as $crate::export::Field>::read(p, at)
            }
        }
        impl $crate::export::Element for $name {}
        $crate::__weakbind_optional!($name);
        impl $crate::export::Return for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Value(stringify!($name));
            type Wasm = *mut u8;
            fn into_wasm(self) -> *mut u8 {
                let block = $crate::export::__value_block(<$name as $crate::export::Field>::SIZE);
                // SAFETY: the block has SIZE writable bytes.
                unsafe { <$name as $crate::export::Field>::write(&self, block) };
                block
            }
        }
        $crate::__weakbind_section! {
            $crate::export::Piece::Group(&[
                $crate::export::Piece::Text(concat!("value ", stringify!($name), " ", stringify!($first), ":")),
                $crate::export::Piece::Type(<$ft as $crate::export::Field>::TYPE),
                $(
                    $crate::export::Piece::Text(concat!(",", stringify!($f), ":")),
                    $crate::export::Piece::Type(<$t as $crate::export::Field>::TYPE),
                )*
                $crate::export::Piece::End,
            ])
        }
    };
}
