//! Objects in typed callbacks ([`Callback`](super::Callback)): `*const C`
//! and the Arrays `Vec<*const C>`, `Vec<Option<*const C>>` as parameters
//! (JS gets the wrappers), and `Retained<C>` with its `Option` and `Vec`
//! forms as results (records `ref:C` …: Rust becomes one more owner).

use alloc::vec::Vec;

use super::callbacks::{CallbackParam, CallbackResult};
use super::class::Class;
use super::meta::Type;
use super::values::{free_at, value_block};
use super::wire::{fail, object};
use crate::jsref::JsCallResult;

/// Declared `*const C` (a `fn(&C)` type is one for every lifetime, which
/// no impl can name), passed as a `&C`: a registered object, whose wrapper
/// JS gets. One that is no registered object makes the call fail (the
/// runtime tells the loader, which reports it to the JS caller) instead of
/// passing another argument in its place.
impl<T: Class + 'static> CallbackParam for *const T {
    const TYPE: Type = object("", T::NAME, false);
    type Arg<'a> = &'a T;
    type Held = ();
    fn append(a: &&T) {
        crate::abi::weakbind_js_arg_object(*a as *const T as *mut core::ffi::c_void);
    }
}

/// Declared `Vec<*const C>`, passed as a `&[&C]`: JS gets an Array of
/// the objects' wrappers; `Vec<Option<*const C>>`, passed as a
/// `&[Option<&C>]`, allows null elements. The block is Rust's, as a field
/// type's ([`HeldObjects`]). An element that is no registered object makes
/// the call fail, as for `*const C`.
impl<T: Class + 'static> CallbackParam for Vec<*const T> {
    const TYPE: Type = object("", T::NAME, false).list();
    type Arg<'a> = &'a [&'a T];
    type Held = HeldObjects;
    fn append(a: &&[&T]) -> HeldObjects {
        HeldObjects::append(a.iter().map(|o| *o as *const T as usize), a.len())
    }
}
impl<T: Class + 'static> CallbackParam for Vec<Option<*const T>> {
    const TYPE: Type = object("", T::NAME, true).list();
    type Arg<'a> = &'a [Option<&'a T>];
    type Held = HeldObjects;
    fn append(a: &&[Option<&T>]) -> HeldObjects {
        let address = |o: &Option<&T>| o.map_or(0, |o| o as *const T as usize);
        HeldObjects::append(a.iter().map(address), a.len())
    }
}

/// An Array of objects' parameter block: an array field (the u32 address
/// and u32 count of a block of u32 object addresses, 0 for null), freed
/// with its elements' block when dropped after the call.
#[doc(hidden)]
pub struct HeldObjects {
    block: *mut u8,
}

impl HeldObjects {
    fn append(addresses: impl Iterator<Item = usize>, count: usize) -> Self {
        let block = value_block(8);
        // SAFETY: the block has the field's 8 writable bytes; the elements'
        // block has `count` u32 slots.
        unsafe {
            super::fields::element_block(block, count, 4, |elements| {
                for (k, a) in addresses.take(count).enumerate() {
                    elements.cast::<u32>().add(k).write_unaligned(a as u32);
                }
            });
        }
        crate::abi::weakbind_js_arg_f64(block as usize as f64);
        HeldObjects { block }
    }
}

impl Drop for HeldObjects {
    fn drop(&mut self) {
        // SAFETY: the field `append` wrote, freed once.
        unsafe {
            free_at(self.block);
            crate::abi::weakbind_free(self.block.cast());
        }
    }
}

/// Declared `Retained<C>` (the record `ref:C`), or `Option<Retained<C>>`
/// (`ref:C?`, `None` for null): JS returns a live wrapper of C or of a
/// class derived from it that the registry knows (one JS owns or shares,
/// not one borrowed from another object), checked by the loader (which
/// holds it until the outermost call returns), and Rust becomes one more
/// owner of the object, so it may keep it past the call; JS keeps its own
/// reference.
impl<T: Class + 'static> CallbackResult for super::owners::Retained<T> {
    const TYPE: Type = object("ref:", T::NAME, false);
    fn read(result: &JsCallResult) -> Self {
        retained(result.number() as usize)
            .unwrap_or_else(|| fail(&["a callback returned no registered ", T::NAME]))
    }
}
impl<T: Class + 'static> CallbackResult for Option<super::owners::Retained<T>> {
    const TYPE: Type = object("ref:", T::NAME, true);
    fn read(result: &JsCallResult) -> Self {
        match result.number() as usize {
            0 => None,
            p => Some(
                retained(p)
                    .unwrap_or_else(|| fail(&["a callback returned no registered ", T::NAME])),
            ),
        }
    }
}

/// Declared `Vec<Retained<C>>` (`ref:C[]`) or `Vec<Option<Retained<C>>>`
/// (`ref:C?[]`): an Array each element of which the loader checked as a
/// single `ref:C` result, read from its
/// block (an array field of u32 addresses, 0 for null, then the list of
/// the loader's blocks) and every block freed.
impl<T: Class + 'static> CallbackResult for Vec<super::owners::Retained<T>> {
    const TYPE: Type = object("ref:", T::NAME, false).list();
    fn read(result: &JsCallResult) -> Self {
        objects_result(result, |p| {
            retained(p).unwrap_or_else(|| fail(&["a callback returned no registered ", T::NAME]))
        })
    }
}
impl<T: Class + 'static> CallbackResult for Vec<Option<super::owners::Retained<T>>> {
    const TYPE: Type = object("ref:", T::NAME, true).list();
    fn read(result: &JsCallResult) -> Self {
        objects_result(result, |p| match p {
            0 => None,
            p => Some(
                retained(p)
                    .unwrap_or_else(|| fail(&["a callback returned no registered ", T::NAME])),
            ),
        })
    }
}

/// One more owner of the object at `address` (the loader checked it is a
/// live object of the class); `None` if the registry does not know it.
fn retained<T: Class>(address: usize) -> Option<super::owners::Retained<T>> {
    let p = address as *const T;
    if p.is_null() {
        return None;
    }
    // SAFETY: a live object of T (the loader checked its wrapper and holds
    // it until the outermost call returns); `new` only reads its address.
    super::owners::Retained::new(unsafe { &*p })
}

/// An Array of objects' result block: the array field (u32 address and
/// u32 count of the elements' block of u32 addresses) at offset 0, then at
/// 8 the count of the loader's blocks and their addresses.
fn objects_result<E>(result: &JsCallResult, each: impl Fn(usize) -> E) -> Vec<E> {
    let block = result.number() as usize as *mut u8;
    if block.is_null() {
        fail(&["a callback's result block is NULL"]);
    }
    // SAFETY: the loader's block, laid out as above.
    unsafe {
        let elements = block.cast::<u32>().read_unaligned() as usize as *const u32;
        let count = block.add(4).cast::<u32>().read_unaligned() as usize;
        let out = (0..count)
            .map(|k| each(elements.add(k).read_unaligned() as usize))
            .collect();
        let list = block.add(8);
        let blocks = list.cast::<u32>().read_unaligned() as usize;
        for k in 0..blocks {
            free_at(list.add(4 + 4 * k));
        }
        crate::abi::weakbind_free(block.cast());
        out
    }
}
