//! Arrays: `Vec<T>` as a parameter and a result for T a [`ListParam`] or
//! [`ListReturn`]. Strings and values ([`Element`]: `Vec<String>` and
//! `Vec<V>` for a [`value!`](crate::value!) V, the metadata types
//! `string[]` and `value:V[]`) are a JS Array of strings or plain objects,
//! copied both ways (as C++'s `array(string)` and `array(value(V))`);
//! objects are an Array of wrappers (object_lists.rs).
//!
//! The wire is C++'s (cpp/include/weakbind/vectors.hpp,
//! object_arrays.hpp): a parameter is `(ptr, count)`, a heap block of
//! `count` elements of `SIZE` bytes each, the loader's, borrowed for the
//! call (a string or a value laid out as a value's field of that type,
//! [`Field`]: a string is its bytes' u32 address and u32 length; an object
//! its u32 address). A result is a heap block `u32 count`, padding, then
//! the elements from offset 8, which the loader reads and frees with its
//! strings.
//!
//! Why two element traits and not `Param for Vec<&C>` beside `Param for
//! Vec<T: Element>`: those two impls overlap (another crate may make
//! `&Local` an `Element`), and a crate declaring a class cannot write
//! `impl Param for Vec<&Local>` (`Vec` is not its type). So `Vec<T>` has
//! one impl of each of [`Param`] and [`Return`], over [`ListParam`] and
//! [`ListReturn`]; strings and values are those through a blanket impl
//! over [`Element`], and a class's own forms (`&C`, `C`, `Box<C>`) through
//! impls its `export!` or `extern_class!` writes in the class's crate,
//! where `&C` and `Box<C>` are local types that crate knows are no
//! `Element`. The forms that are no `Element` for any crate (`Option<&C>`,
//! `Own<C>`, `&Retained<C>`, `Option<…>` of an object result) are generic
//! impls here.

use alloc::string::String;
use alloc::vec::Vec;

use super::meta::Type;
use super::values::Field;
use super::wire::{fail, Param, Refers, Return};

/// Where a result block's elements start.
const DATA: usize = 8;

/// A type a `Vec` of which is `T[]` through its [`Field`] wire: `String`,
/// the [`value!`](crate::value!) structs and
/// [`enumeration!`](crate::enumeration!)s, and the numeric arrays and
/// Arrays of those (`Vec<Vec<f64>>`: an Array of Float64Arrays;
/// `Vec<Vec<String>>`), one deep as C++'s. (Numbers are typed arrays
/// instead, and `Vec<u8>` is bytes: `Vec<Vec<u8>>` an Array of
/// Uint8Arrays.)
#[diagnostic::on_unimplemented(
    message = "`Vec<{Self}>` cannot cross as an Array",
    note = "Arrays: Vec<String>, Vec<V> for a value! V, Vec<E> for an enumeration! E, Vec<Vec<f64>> (f32 i32 u32) and Vec<Vec<T>> of those; numbers cross as typed arrays (Vec<f64> …)"
)]
pub trait Element: Field {}

impl Element for String {}
impl Element for Vec<f64> {}
impl Element for Vec<f32> {}
impl Element for Vec<i32> {}
impl Element for Vec<u32> {}
impl Element for Vec<u8> {}
impl<T: Element> Element for Vec<T> {}

/// An element of an Array parameter (`Vec<Self>`).
#[diagnostic::on_unimplemented(
    message = "`Vec<{Self}>` cannot be a parameter of an exported function",
    note = "Array parameters: Vec<String>, Vec<V> (V a value!), Vec<&C> and Vec<Option<&C>> (C a class); numbers cross as typed arrays (&[f64], Vec<f64> …)"
)]
pub trait ListParam: Sized {
    /// The metadata type of `Vec<Self>`.
    const TYPE: Type;
    /// Bytes of one element in the loader's block.
    const SIZE: usize;
    /// # Safety
    /// `p` points to `SIZE` readable bytes of this element's wire, borrowed
    /// for the call.
    unsafe fn read(p: *const u8, at: &'static str) -> Self;
    /// The address of the object this element refers to, or 0.
    fn address(&self) -> usize {
        0
    }
}

/// An element of an Array result (`Vec<Self>`).
#[diagnostic::on_unimplemented(
    message = "`Vec<{Self}>` cannot be returned by an exported function",
    note = "Array results: Vec<String>, Vec<V> (V a value!), Vec<C>, Vec<Box<C>>, Vec<Own<C>>, Vec<&Retained<C>>, Vec<&C> and Vec<Option<…>> of those (C a class); numbers cross as typed arrays (Vec<f64> …)"
)]
pub trait ListReturn: Sized {
    /// The metadata type of `Vec<Self>`.
    const TYPE: Type;
    /// Bytes of one element in the result block (at most 8: the block's
    /// alignment).
    const SIZE: usize;
    /// Writes the element; an object JS is to own is handed over.
    ///
    /// # Safety
    /// `p` points to `SIZE` writable bytes.
    unsafe fn write(self, p: *mut u8);
}

impl<T: Element> ListParam for T {
    const TYPE: Type = <T as Field>::TYPE.list();
    const SIZE: usize = <T as Field>::SIZE;
    unsafe fn read(p: *const u8, at: &'static str) -> T {
        <T as Field>::read(p, at)
    }
}

impl<T: Element> ListReturn for T {
    const TYPE: Type = <T as Field>::TYPE.list();
    const SIZE: usize = <T as Field>::SIZE;
    unsafe fn write(self, p: *mut u8) {
        <T as Field>::write(&self, p)
    }
}

impl<T: ListParam> Param for Vec<T> {
    const TYPE: Type = T::TYPE;
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
    fn refers_to(&self, object: usize) -> Refers {
        match self
            .iter()
            .position(|e| object != 0 && e.address() == object)
        {
            Some(k) => Refers::Element(k),
            None => Refers::No,
        }
    }
}

impl<T: ListReturn> Return for Vec<T> {
    const TYPE: Type = T::TYPE;
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
            for (k, v) in self.into_iter().enumerate() {
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
