//! Maps: `BTreeMap<K, V>` (and, with `std`, `HashMap<K, V>`) for a key
//! `String`, `i32` or `u32` and a value a [`Field`] that holds no
//! container (numbers, bool, String, an enumeration!, a value!), the
//! metadata type `map:K:V`, a JS Map, copied both ways (as C++'s `map(K,
//! V)`): parameters, results and a value!'s fields. (An f64 key, which
//! C++ takes, has no Rust map: f64 is neither `Ord` nor `Hash`.)
//!
//! The wire is C++'s (cpp/include/weakbind/maps.hpp): an entry is laid out
//! as a value of two fields, the key then the value ([`Field`]'s layout). A
//! parameter is `(ptr, count)`, a heap block of `count` entries, the
//! loader's, borrowed for the call (its keys distinct: a JS Map's). A
//! result is a heap block `u32 count`, padding, then the entries from
//! offset 8 in the map's iteration order, which the loader reads into a
//! new Map and frees with its strings. A field is 8 bytes, aligned 4: the
//! u32 address and u32 count of a block of entries (no count before them),
//! as an array field is (fields.rs).

use alloc::collections::BTreeMap;
use alloc::string::String;

use super::fields::{counted, element_block};
use super::meta::Type;
use super::values::{align_up, block_layout, free_at, Field};
use super::wire::{fail, Param, Return};

/// Where a result block's entries start.
const DATA: usize = 8;

/// A map's key: its record spells `map:KEY:`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a map's key",
    note = "map keys: String, i32, u32"
)]
pub trait MapKey: Field {
    const PREFIX: &'static str;
}
impl MapKey for String {
    const PREFIX: &'static str = "map:string:";
}
impl MapKey for i32 {
    const PREFIX: &'static str = "map:i32:";
}
impl MapKey for u32 {
    const PREFIX: &'static str = "map:u32:";
}

/// An entry's size and its value's offset (the key is at 0).
const fn entry<K: Field, V: Field>() -> (usize, usize) {
    let (size, _) = block_layout(&[(K::SIZE, K::ALIGN), (V::SIZE, V::ALIGN)]);
    (size, align_up(K::SIZE, V::ALIGN))
}

/// # Safety
/// `ptr` holds `count` entries of `K`, `V` (or `count` is 0).
unsafe fn read_entries<K: Field, V: Field>(
    ptr: *const u8,
    count: usize,
    at: &'static str,
    mut put: impl FnMut(K, V),
) {
    if count == 0 {
        return;
    }
    if ptr.is_null() {
        fail(&[at, ": a map argument is NULL"]);
    }
    let (size, value) = entry::<K, V>();
    for k in 0..count {
        let e = ptr.add(k * size);
        put(K::read(e, at), V::read(e.add(value), at));
    }
}

fn write_entries<'a, K: Field + 'a, V: Field + 'a>(
    len: usize,
    entries: impl Iterator<Item = (&'a K, &'a V)>,
) -> *mut u8 {
    let size = entry::<K, V>().0;
    let bytes = match len.checked_mul(size).and_then(|n| n.checked_add(DATA)) {
        Some(n) => n,
        None => fail(&["out of memory: returning a map to JS"]),
    };
    let block = crate::abi::weakbind_alloc(bytes).cast::<u8>();
    if block.is_null() {
        fail(&["out of memory: returning a map to JS"]);
    }
    // SAFETY: the block has DATA + len * size writable bytes.
    unsafe {
        block
            .cast::<[u8; 4]>()
            .write_unaligned((len as u32).to_le_bytes());
        put_entries(block.add(DATA), len, entries);
    }
    block
}

/// Writes `len` entries from `block` on, each at its own offset, its value
/// at `value` in it.
///
/// # Safety
/// `block` has `len` entries' writable bytes.
unsafe fn put_entries<'a, K: Field + 'a, V: Field + 'a>(
    block: *mut u8,
    len: usize,
    entries: impl Iterator<Item = (&'a K, &'a V)>,
) {
    let (size, value) = entry::<K, V>();
    for (i, (k, v)) in entries.take(len).enumerate() {
        let e = block.add(i * size);
        k.write(e);
        v.write(e.add(value));
    }
}

/// A map field's entries: read from the loader's block, written into one
/// from the heap.
macro_rules! map_field {
    ($map:ty, [$($bounds:tt)*], $new:expr) => {
        impl<K: MapKey + $($bounds)*, V: Field> Field for $map {
            const TYPE: Type = V::TYPE.map(K::PREFIX);
            const SIZE: usize = 8;
            const ALIGN: usize = 4;
            unsafe fn read(p: *const u8, at: &'static str) -> Self {
                let (ptr, count) = counted(p, at);
                let mut out = $new(count);
                read_entries(ptr, count, at, |k, v| {
                    out.insert(k, v);
                });
                out
            }
            unsafe fn write(&self, p: *mut u8) {
                let size = entry::<K, V>().0;
                element_block(p, self.len(), size, |block| {
                    put_entries(block, self.len(), self.iter())
                });
            }
            unsafe fn release(p: *mut u8) {
                let (ptr, count) = counted(p, "");
                let (size, value) = entry::<K, V>();
                for k in 0..count {
                    let e = ptr.add(k * size).cast_mut();
                    K::release(e);
                    V::release(e.add(value));
                }
                free_at(p)
            }
        }
    };
}
map_field!(BTreeMap<K, V>, [Ord], |_| BTreeMap::new());
// (The default hasher: a field names its type.)
#[cfg(any(test, feature = "std"))]
map_field!(
    std::collections::HashMap<K, V>,
    [Eq + core::hash::Hash],
    std::collections::HashMap::with_capacity
);

impl<K: MapKey + Ord, V: Field> Param for BTreeMap<K, V> {
    const TYPE: Type = V::TYPE.map(K::PREFIX);
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, count: usize, _: (), at: &'static str) -> Self {
        let mut out = BTreeMap::new();
        read_entries(ptr, count, at, |k, v| {
            out.insert(k, v);
        });
        out
    }
}

impl<K: MapKey + Ord, V: Field> Return for BTreeMap<K, V> {
    const TYPE: Type = V::TYPE.map(K::PREFIX);
    type Wasm = *mut u8;
    fn into_wasm(self) -> *mut u8 {
        write_entries(self.len(), self.iter())
    }
}

#[cfg(any(test, feature = "std"))]
impl<K: MapKey + Eq + core::hash::Hash, V: Field, S: core::hash::BuildHasher + Default> Param
    for std::collections::HashMap<K, V, S>
{
    const TYPE: Type = V::TYPE.map(K::PREFIX);
    type A = *const u8;
    type B = usize;
    type C = ();
    unsafe fn from_wasm(ptr: *const u8, count: usize, _: (), at: &'static str) -> Self {
        let mut out = Self::with_capacity_and_hasher(count, S::default());
        read_entries(ptr, count, at, |k, v| {
            out.insert(k, v);
        });
        out
    }
}

#[cfg(any(test, feature = "std"))]
impl<K: MapKey + Eq + core::hash::Hash, V: Field, S: core::hash::BuildHasher> Return
    for std::collections::HashMap<K, V, S>
{
    const TYPE: Type = V::TYPE.map(K::PREFIX);
    type Wasm = *mut u8;
    fn into_wasm(self) -> *mut u8 {
        write_entries(self.len(), self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_spell_the_records_cpp_writes() {
        assert_eq!(
            <BTreeMap<String, f64> as Param>::TYPE,
            Type::Word("f64").map("map:string:")
        );
        assert_eq!(entry::<String, f64>(), (16, 8));
        assert_eq!(entry::<i32, String>(), (12, 4));
    }

    #[test]
    fn a_result_block_reads_back_as_an_argument() {
        let mut m = BTreeMap::new();
        m.insert(3u32, 1.5f64);
        m.insert(1u32, -2.0f64);
        let block = m.clone().into_wasm();
        // SAFETY: the block holds the count and two entries from DATA.
        unsafe {
            assert_eq!(block.cast::<u32>().read_unaligned(), 2);
            assert_eq!(block.add(DATA).cast::<u32>().read_unaligned(), 1);
            let back = <BTreeMap<u32, f64> as Param>::from_wasm(block.add(DATA), 2, (), "t");
            assert_eq!(back, m);
            crate::abi::weakbind_free(block.cast());
        }
    }
}
