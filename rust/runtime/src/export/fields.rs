//! A [`value!`](crate::value!)'s fields that hold containers: `Option<T>`
//! (`opt:T`), `Vec<f64>` `Vec<f32>` `Vec<i32>` `Vec<u32>` (`f64[]` …:
//! typed arrays in JS), `Vec<u8>` (`bytes`: a Uint8Array) and `Vec<String>` / `Vec<V>` for a value V
//! (`string[]`, `value:V[]`: Arrays). Maps are fields too (maps.rs). The
//! layout is C++'s (cpp/include/weakbind/values.hpp, OptionalCodec and
//! ListCodec), so the loader reads a Rust value's block as a C++ one's:
//!
//! - an optional is an i32 flag (1: present; Rust reads any other non-zero
//!   flag as present, as C++ does), then T at the next offset aligned for
//!   it, the whole rounded up to its alignment (at least 4); absent, T's
//!   bytes are zeros;
//! - an array is 8 bytes, aligned 4: the u32 address and u32 count of a
//!   separate heap block of its elements, each laid out as a field of that
//!   type. In, the loader's block, borrowed for the call (NULL with a count
//!   is refused); out, a block from the heap the loader reads and frees
//!   with what its elements hold.
//!
//! ```
//! use std::collections::BTreeMap;
//! pub struct Spot { pub x: f64 }
//! weakbind::value!(Spot { x: f64 });
//! pub struct Plan { pub at: Option<Spot>, pub xs: Vec<f64>, pub by: Option<BTreeMap<String, Spot>> }
//! weakbind::value!(Plan { at: Option<Spot>, xs: Vec<f64>, by: Option<BTreeMap<String, Spot>> });
//! pub struct Grid { pub rows: Vec<Vec<f64>>, pub index: BTreeMap<String, Vec<String>>, pub deep: BTreeMap<String, BTreeMap<i32, f64>> }
//! weakbind::value!(Grid { rows: Vec<Vec<f64>>, index: BTreeMap<String, Vec<String>>, deep: BTreeMap<String, BTreeMap<i32, f64>> });
//! ```
//!
//! Containers nest as C++'s do: `Vec<Vec<f64>>` (an Array of typed
//! arrays), `Vec<Vec<String>>`, `Vec<E>` of an enum, and maps of those or
//! of maps (`BTreeMap<String, Vec<f64>>`, `BTreeMap<String, BTreeMap<i32,
//! f64>>`). What the loader has no record for fails to compile: an
//! optional of an optional, an array of optionals, arrays three deep, a
//! map of optionals, maps three deep.
//!
//! ```compile_fail
//! pub struct Bad { pub x: Option<Option<i32>> }
//! weakbind::value!(Bad { x: Option<Option<i32>> });
//! ```
//! ```compile_fail
//! pub struct Bad { pub x: Vec<Vec<Vec<f64>>> }
//! weakbind::value!(Bad { x: Vec<Vec<Vec<f64>>> });
//! ```
//! ```compile_fail
//! pub struct Bad { pub x: Vec<Option<String>> }
//! weakbind::value!(Bad { x: Vec<Option<String>> });
//! ```
//! ```compile_fail
//! pub struct Bad { pub x: std::collections::BTreeMap<String, Option<f64>> }
//! weakbind::value!(Bad { x: std::collections::BTreeMap<String, Option<f64>> });
//! ```
//! ```compile_fail
//! use std::collections::BTreeMap;
//! pub struct Bad { pub x: BTreeMap<String, BTreeMap<i32, BTreeMap<i32, f64>>> }
//! weakbind::value!(Bad { x: BTreeMap<String, BTreeMap<i32, BTreeMap<i32, f64>>> });
//! ```

use alloc::vec::Vec;

use super::lists::Element;
use super::meta::Type;
use super::values::{align_up, free_at, Field};
use super::wire::fail;

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// Where an optional's T starts: after the flag, aligned for T.
const fn optional_at(align: usize) -> usize {
    align_up(4, align)
}

impl<T: Field> Field for Option<T> {
    // (An optional of an optional has no record: `optional` refuses it.)
    const TYPE: Type = T::TYPE.optional();
    const ALIGN: usize = max(4, T::ALIGN);
    const SIZE: usize = align_up(optional_at(T::ALIGN) + T::SIZE, max(4, T::ALIGN));
    unsafe fn read(p: *const u8, at: &'static str) -> Option<T> {
        if p.cast::<i32>().read_unaligned() == 0 {
            None
        } else {
            Some(T::read(p.add(optional_at(T::ALIGN)), at))
        }
    }
    unsafe fn write(&self, p: *mut u8) {
        p.cast::<i32>().write_unaligned(i32::from(self.is_some()));
        let inner = p.add(optional_at(T::ALIGN));
        match self {
            Some(v) => v.write(inner),
            None => core::ptr::write_bytes(inner, 0, T::SIZE),
        }
    }
    unsafe fn release(p: *mut u8) {
        if p.cast::<i32>().read_unaligned() != 0 {
            T::release(p.add(optional_at(T::ALIGN)))
        }
    }
}

/// The (address, count) of an array field's element block.
///
/// # Safety
/// `p` points to the field's 8 bytes.
#[doc(hidden)]
pub unsafe fn counted(p: *const u8, at: &'static str) -> (*const u8, usize) {
    let ptr = p.cast::<u32>().read_unaligned() as usize as *const u8;
    let count = p.add(4).cast::<u32>().read_unaligned() as usize;
    if count != 0 && ptr.is_null() {
        fail(&[at, ": a value's array or map field is NULL"]);
    }
    (ptr, count)
}

/// A heap block of `count` elements of `size` bytes (at least one byte)
/// whose address and count the field at `p` then holds; `fill` writes
/// the elements into it.
///
/// # Safety
/// `p` points to the field's 8 writable bytes.
#[doc(hidden)]
pub unsafe fn element_block(p: *mut u8, count: usize, size: usize, fill: impl FnOnce(*mut u8)) {
    let bytes = match count.checked_mul(size) {
        Some(n) => n.max(1),
        None => fail(&["out of memory: returning a value's array to JS"]),
    };
    let block = crate::abi::weakbind_alloc(bytes).cast::<u8>();
    if block.is_null() {
        fail(&["out of memory: returning a value's array to JS"]);
    }
    fill(block);
    p.cast::<u32>().write_unaligned(block as usize as u32);
    p.add(4).cast::<u32>().write_unaligned(count as u32);
}

macro_rules! number_arrays {
    ($($t:ty => $word:literal),*) => {$(
        impl Field for Vec<$t> {
            const TYPE: Type = Type::Word($word);
            const SIZE: usize = 8;
            const ALIGN: usize = 4;
            unsafe fn read(p: *const u8, at: &'static str) -> Vec<$t> {
                let (ptr, count) = counted(p, at);
                // (Read unaligned: the block's alignment is the loader's.)
                (0..count)
                    .map(|k| ptr.cast::<$t>().add(k).read_unaligned())
                    .collect()
            }
            unsafe fn write(&self, p: *mut u8) {
                let size = core::mem::size_of::<$t>();
                element_block(p, self.len(), size, |block| {
                    core::ptr::copy_nonoverlapping(
                        self.as_ptr().cast::<u8>(),
                        block,
                        self.len() * size,
                    )
                });
            }
            unsafe fn release(p: *mut u8) {
                free_at(p)
            }
        }
    )*};
}
number_arrays!(f64 => "f64[]", f32 => "f32[]", i32 => "i32[]", u32 => "u32[]", u8 => "bytes");

impl<T: Element> Field for Vec<T> {
    const TYPE: Type = T::TYPE.list();
    const SIZE: usize = 8;
    const ALIGN: usize = 4;
    unsafe fn read(p: *const u8, at: &'static str) -> Vec<T> {
        let (ptr, count) = counted(p, at);
        (0..count)
            .map(|k| T::read(ptr.add(k * T::SIZE), at))
            .collect()
    }
    unsafe fn write(&self, p: *mut u8) {
        element_block(p, self.len(), T::SIZE, |block| {
            for (k, v) in self.iter().enumerate() {
                v.write(block.add(k * T::SIZE));
            }
        });
    }
    unsafe fn release(p: *mut u8) {
        let (ptr, count) = counted(p, "");
        for k in 0..count {
            T::release(ptr.add(k * T::SIZE).cast_mut());
        }
        free_at(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    #[derive(Clone, Debug, PartialEq)]
    struct Spot {
        x: f64,
        y: f64,
    }
    crate::value!(Spot { x: f64, y: f64 });

    #[derive(Clone, Debug, PartialEq)]
    struct Holder {
        count: Option<i32>,
        at: Option<Spot>,
        xs: Vec<f64>,
        tags: Vec<String>,
        notes: Option<Vec<String>>,
        points: Vec<Spot>,
    }
    crate::value!(Holder {
        count: Option<i32>,
        at: Option<Spot>,
        xs: Vec<f64>,
        tags: Vec<String>,
        notes: Option<Vec<String>>,
        points: Vec<Spot>,
    });

    /// The offsets C++'s layout_of gives the same fields (values.hpp).
    #[test]
    fn the_layout_is_cpps() {
        assert_eq!(<Option<i32> as Field>::SIZE, 8);
        assert_eq!(<Option<f64> as Field>::SIZE, 16);
        assert_eq!(<Option<f64> as Field>::ALIGN, 8);
        assert_eq!(<Option<String> as Field>::SIZE, 12);
        assert_eq!(<Option<Vec<String>> as Field>::SIZE, 12);
        // count 0..8, at 8..32, xs 32..40, tags 40..48, notes 48..60,
        // points 60..68, rounded up to 8.
        assert_eq!((<Holder as Field>::SIZE, <Holder as Field>::ALIGN), (72, 8));
        assert_eq!(
            <Option<Vec<String>> as Field>::TYPE,
            Type::Word("string").list().optional()
        );
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Maybe {
        count: Option<i32>,
        at: Option<Spot>,
        big: Option<u64>,
    }
    crate::value!(Maybe { count: Option<i32>, at: Option<Spot>, big: Option<u64> });

    /// (Arrays and strings hold u32 addresses: they cross only inside wasm,
    /// where the node tests read them.)
    #[test]
    fn optional_fields_read_back() {
        for m in [
            Maybe {
                count: Some(-3),
                at: None,
                big: Some(u64::MAX),
            },
            Maybe {
                count: None,
                at: Some(Spot { x: 1.0, y: -2.0 }),
                big: None,
            },
        ] {
            let block = crate::export::__value_block(<Maybe as Field>::SIZE);
            // SAFETY: the block has SIZE bytes.
            unsafe {
                m.write(block);
                let flag = if m.at.is_some() { 1 } else { 0 };
                assert_eq!(block.add(8).cast::<i32>().read_unaligned(), flag);
                assert_eq!(<Maybe as Field>::read(block, "t"), m);
                crate::abi::weakbind_free(block.cast());
            }
        }
    }
}
