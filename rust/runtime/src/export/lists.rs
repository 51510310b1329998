//! Arrays of strings and values: `Vec<String>` and `Vec<V>` for a
//! [`value!`](crate::value!) V, the metadata types `string[]` and
//! `value:V[]`, a JS Array of strings or plain objects, copied both ways
//! (as C++'s `array(string)` and `array(value(V))`).
//!
//! The wire is C++'s (cpp/include/weakbind/vectors.hpp): a parameter is
//! `(ptr, count)`, a heap block of `count` elements, each laid out as a
//! value's field of that type ([`Field`]: a string is its bytes' u32
//! address and u32 length), the loader's, borrowed for the call. A result
//! is a heap block `u32 count`, padding, then the elements from offset 8,
//! which the loader reads and frees with its strings.

use alloc::string::String;
use alloc::vec::Vec;

use super::meta::Type;
use super::values::Field;
use super::wire::{fail, Param, Return};

/// Where a result block's elements start.
const DATA: usize = 8;

/// A type a `Vec` of which is `T[]`: `String` and the [`value!`](crate::value!)
/// structs. (Numbers are typed arrays instead, and `Vec<u8>` is bytes.)
#[diagnostic::on_unimplemented(
    message = "`Vec<{Self}>` cannot cross as an Array",
    note = "Arrays: Vec<String> and Vec<V> for a value! V; numbers cross as typed arrays (Vec<f64> …)"
)]
pub trait Element: Field {}

impl Element for String {}

impl<T: Element> Param for Vec<T> {
    const TYPE: Type = T::TYPE.list();
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, count: usize, _: (), at: &'static str) -> Vec<T> {
        if count == 0 {
            return Vec::new();
        }
        if ptr.is_null() {
            fail(&[at, ": an array argument is NULL"]);
        }
        // The loader's block holds `count` elements of T::SIZE bytes.
        (0..count)
            .map(|k| T::read(ptr.add(k * T::SIZE), at))
            .collect()
    }
}

impl<T: Element> Return for Vec<T> {
    const TYPE: Type = T::TYPE.list();
    type Wasm = *mut u8;
    fn into_wasm(self) -> *mut u8 {
        let size = match self
            .len()
            .checked_mul(T::SIZE)
            .and_then(|n| n.checked_add(DATA))
        {
            Some(n) => n,
            None => fail(&["out of memory: returning an array to JS"]),
        };
        let block = crate::abi::weakbind_alloc(size).cast::<u8>();
        if block.is_null() {
            fail(&["out of memory: returning an array to JS"]);
        }
        // SAFETY: the block has DATA + len * SIZE writable bytes; each
        // element is written at its own offset from DATA.
        unsafe {
            block
                .cast::<[u8; 4]>()
                .write_unaligned((self.len() as u32).to_le_bytes());
            for (k, v) in self.iter().enumerate() {
                v.write(block.add(DATA + k * T::SIZE));
            }
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_optionals_spell_the_records_cpp_writes() {
        assert_eq!(<Vec<String> as Param>::TYPE, Type::Word("string").list());
        assert_eq!(<Vec<String> as Return>::TYPE, Type::Word("string").list());
        assert_eq!(<Option<f64> as Param>::TYPE, Type::Word("f64").optional());
        assert_eq!(
            <Option<&str> as Param>::TYPE,
            Type::Word("string").optional()
        );
        assert_eq!(
            <Option<String> as Return>::TYPE,
            Type::Word("string").optional()
        );
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Pt {
        x: f64,
        id: i32,
    }
    crate::value!(Pt { x: f64, id: i32 });

    /// A result block read back as the loader would, then as an argument:
    /// the count at 0, the elements from DATA at the value's stride.
    /// (Strings hold u32 addresses: they cross only inside wasm.)
    #[test]
    fn a_result_block_reads_back_as_an_argument() {
        assert_eq!((<Pt as Field>::SIZE, <Pt as Field>::ALIGN), (16, 8));
        assert_eq!(<Vec<Pt> as Return>::TYPE, Type::Value("Pt").list());
        let points = alloc::vec![Pt { x: 1.5, id: -1 }, Pt { x: -0.0, id: 7 }];
        let block = points.clone().into_wasm();
        // SAFETY: the block holds the count and two elements from DATA.
        unsafe {
            assert_eq!(block.cast::<u32>().read_unaligned(), 2);
            assert_eq!(block.add(DATA + 16 + 8).cast::<i32>().read_unaligned(), 7);
            let back = <Vec<Pt> as Param>::from_wasm(block.add(DATA), 2, (), "t");
            assert_eq!(back, points);
            crate::abi::weakbind_free(block.cast());
        }
        let empty = Vec::<Pt>::new().into_wasm();
        // SAFETY: a block of the count alone.
        unsafe {
            assert_eq!(empty.cast::<u32>().read_unaligned(), 0);
            assert!(<Vec<Pt> as Param>::from_wasm(core::ptr::null(), 0, (), "t").is_empty());
            crate::abi::weakbind_free(empty.cast());
        }
    }

    #[test]
    fn an_optional_result_is_null_or_a_block_of_its_field() {
        assert!(<Option<f64> as Return>::into_wasm(None).is_null());
        let block = <Option<f64> as Return>::into_wasm(Some(2.5));
        // SAFETY: an f64 field at offset 0.
        unsafe {
            assert_eq!(block.cast::<f64>().read_unaligned(), 2.5);
            crate::abi::weakbind_free(block.cast());
        }
        // SAFETY: the flag says absent; nothing is read.
        unsafe {
            assert_eq!(<Option<i32> as Param>::from_wasm(0, 7, (), "t"), None);
            assert_eq!(<Option<i32> as Param>::from_wasm(1, 7, (), "t"), Some(7));
            let p = <Option<Pt> as Return>::into_wasm(Some(Pt { x: 2.0, id: 3 }));
            assert_eq!(
                <Option<Pt> as Param>::from_wasm(1, p, (), "t"),
                Some(Pt { x: 2.0, id: 3 })
            );
            assert_eq!(
                <Option<Pt> as Param>::from_wasm(0, core::ptr::null(), (), "t"),
                None
            );
            crate::abi::weakbind_free(p.cast());
        }
    }
}
