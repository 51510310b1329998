//! Borrowed views of numbers as results, as C++'s `view(f64)`
//! (cpp/include/weakbind/views.hpp, js/views.mjs): a method returns a
//! [`View`] of elements the object keeps, and JS reads them in place, with
//! no copy, until the view ends.
//!
//! ```ignore
//! pub struct Series { samples: Vec<f64> }
//! impl Series {
//!     pub fn samples(&self) -> View<'_, f64> { View::new(&self.samples) }
//! }
//! weakbind::export! { class Series { fn samples(&self) -> View<'_, f64>; } }
//! ```
//!
//! The record is C++'s `view:T`, so the loader treats both alike: the view
//! is borrowed from the receiver (for a static or a function, the first
//! object argument) and ends when that object is disposed or collected,
//! and when wasm frees the block holding the elements (a `Vec` that grows
//! and reallocates, the object's drop): the loader watches the elements'
//! address (`weakbind_watch`). The borrow of `'_` makes Rust refuse a view
//! of a temporary. JS reads what the memory holds when it reads: a write
//! Rust makes in place is seen.
//!
//! The wire: the result is the address of a slot holding the elements'
//! u32 address and u32 count, which the loader reads before anything else
//! runs (one slot for the module's Rust code, as C++ has one).

use core::cell::UnsafeCell;

use super::meta::Type;
use super::wire::Return;

/// A number type a [`View`] may hold: f64 f32 i32 u32.
#[diagnostic::on_unimplemented(
    message = "`View<{Self}>` cannot cross: a view holds f64, f32, i32 or u32"
)]
pub trait ViewElement: Copy + sealed::Sealed {
    /// The metadata type of `View<Self>`.
    const TYPE: Type;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! elements {
    ($($t:ty => $word:literal),*) => {$(
        impl sealed::Sealed for $t {}
        impl ViewElement for $t {
            const TYPE: Type = Type::Word($word);
        }
    )*};
}
elements!(f64 => "view:f64", f32 => "view:f32", i32 => "view:i32", u32 => "view:u32");

/// Elements JS reads in place while the object lending them lives: the
/// result `view:T`. JS's view ends when that object (the receiver; for a
/// static or a function, the first object argument) is disposed or
/// collected, or when wasm frees the block holding the elements.
#[derive(Clone, Copy, Debug)]
pub struct View<'a, T: ViewElement>(&'a [T]);

impl<'a, T: ViewElement> View<'a, T> {
    pub fn new(elements: &'a [T]) -> View<'a, T> {
        View(elements)
    }

    pub fn elements(&self) -> &'a [T] {
        self.0
    }
}

impl<'a, T: ViewElement> From<&'a [T]> for View<'a, T> {
    fn from(elements: &'a [T]) -> Self {
        View(elements)
    }
}

impl<'a, T: ViewElement> From<&'a alloc::vec::Vec<T>> for View<'a, T> {
    fn from(elements: &'a alloc::vec::Vec<T>) -> Self {
        View(elements)
    }
}

/// The slot a view result's address and count wait in for the loader.
struct Slot(UnsafeCell<[u32; 2]>);
// SAFETY: one thread on wasm32; written by a result, read by the loader
// before any other call.
unsafe impl Sync for Slot {}
static SLOT: Slot = Slot(UnsafeCell::new([0; 2]));

impl<T: ViewElement> Return for View<'_, T> {
    const TYPE: Type = T::TYPE;
    type Wasm = *mut u8;
    fn into_wasm(self) -> *mut u8 {
        let slot = SLOT.0.get();
        // SAFETY: see Slot; nothing else holds a reference into it.
        unsafe { *slot = [self.0.as_ptr() as usize as u32, self.0.len() as u32] };
        slot.cast()
    }
}

/// Whether `t` is a view (a getter may not return one: C++'s rule, and the
/// loader's).
#[doc(hidden)]
pub const fn is_view(t: Type) -> bool {
    match t {
        Type::Word(w) => {
            let b = w.as_bytes();
            b.len() > 5
                && b[0] == b'v'
                && b[1] == b'i'
                && b[2] == b'e'
                && b[3] == b'w'
                && b[4] == b':'
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_result_is_the_slot_holding_address_and_count() {
        let samples = alloc::vec![1.5f64, 2.5, 3.5];
        assert_eq!(<View<'_, f64> as Return>::TYPE, Type::Word("view:f64"));
        assert_eq!(<View<'_, u32> as Return>::TYPE, Type::Word("view:u32"));
        let slot = View::from(&samples).into_wasm().cast::<u32>();
        // SAFETY: the slot holds two u32s.
        let (ptr, len) = unsafe { (slot.read(), slot.add(1).read()) };
        assert_eq!(ptr, samples.as_ptr() as usize as u32);
        assert_eq!(len, 3);
        assert!(is_view(Type::Word("view:i32")));
        assert!(!is_view(Type::Word("f64[]")));
    }
}
