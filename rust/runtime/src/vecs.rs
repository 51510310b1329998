//! What the registry's tables need from `Vec` beyond `Vec` itself.

use alloc::vec::Vec;

/// A vector's heap block, if it has one: (address, bytes asked for).
pub fn block_of<T>(v: &Vec<T>) -> Option<(*const u8, usize)> {
    (v.capacity() > 0 && core::mem::size_of::<T>() > 0).then(|| {
        (
            v.as_ptr().cast::<u8>(),
            v.capacity() * core::mem::size_of::<T>(),
        )
    })
}

/// Moves `v` into a block that fits it when its capacity is more than four
/// times what it holds (and than `floor`). Skipped when the heap refuses:
/// `shrink_to_fit` would abort instead, and trimming must never fail.
pub fn shrink<T>(v: &mut Vec<T>, floor: usize) {
    if v.capacity() <= 4 * v.len().max(floor) {
        return;
    }
    let mut fits = Vec::new();
    if fits.try_reserve_exact(v.len().max(floor)).is_ok() {
        fits.append(v);
        *v = fits;
    }
}
