//! One bit per 8-byte-aligned address: set while a registered object starts
//! there.
//!
//! The registry indexes objects by pointer lazily (see `registry.rs`): an
//! object JS creates and lets go of never needs a lookup by pointer, so it
//! is only marked here, which costs a bit next to its neighbours' bits
//! instead of a hash-table bucket. The bit answers "is this pointer
//! registered?" for the lookups that do come (adopting a pointer again,
//! C++ `retain`), and only a set bit that the index does not know sends the
//! registry to index what it deferred.
//!
//! Bits live in bitmaps of [`REGION`] bytes of address space each, made
//! when a region first holds a registered object and given back by `trim`
//! once it holds none.

use alloc::alloc::{alloc_zeroed, dealloc, Layout};
use alloc::vec::Vec;
use core::ptr::NonNull;

/// Address space one bitmap covers: 512 KiB, so 8 KiB of bits (a small
/// module's first objects should not cost a page).
const REGION_BITS: u32 = 19;
const WORDS: usize = (1 << REGION_BITS) / 8 / 32;
/// Regions that cover 4 GiB, all a 32-bit address can reach.
const REGIONS: usize = 1 << (32 - REGION_BITS);

struct Region {
    bits: NonNull<[u32; WORDS]>,
    /// Bits set in it.
    count: u32,
}

#[derive(Default)]
pub struct Marks {
    /// Indexed by region number, up to the highest region used.
    regions: Vec<Option<Region>>,
}

// SAFETY: the bitmaps are owned, like a Vec's buffer.
unsafe impl Send for Marks {}

/// Where `ptr`'s bit is: region, word, bit. `None` for an address the marks
/// do not cover (not 8-byte aligned, or beyond 4 GiB on a 64-bit host):
/// such objects are always indexed at once.
#[inline(always)]
fn place(ptr: usize) -> Option<(usize, usize, u32)> {
    if ptr & 7 != 0 || ptr >> REGION_BITS >= REGIONS {
        return None;
    }
    let n = (ptr & ((1 << REGION_BITS) - 1)) >> 3;
    Some((ptr >> REGION_BITS, n / 32, 1 << (n % 32)))
}

pub fn covers(ptr: usize) -> bool {
    place(ptr).is_some()
}

impl Marks {
    pub const fn new() -> Self {
        Marks {
            regions: Vec::new(),
        }
    }

    #[inline(always)]
    pub fn get(&self, ptr: usize) -> bool {
        let Some((r, w, bit)) = place(ptr) else {
            return false;
        };
        match self.regions.get(r) {
            // SAFETY: a region's bitmap holds WORDS words.
            Some(Some(region)) => unsafe { (*region.bits.as_ptr())[w] & bit != 0 },
            _ => false,
        }
    }

    /// Makes sure `ptr`'s bitmap exists, so `set` cannot fail. `Err` when
    /// the heap cannot supply it; nothing changes then.
    pub fn reserve(&mut self, ptr: usize) -> Result<(), ()> {
        let Some((r, _, _)) = place(ptr) else {
            return Ok(());
        };
        if let Some(Some(_)) = self.regions.get(r) {
            return Ok(());
        }
        if r >= self.regions.len() {
            self.regions
                .try_reserve(r + 1 - self.regions.len())
                .map_err(|_| ())?;
        }
        // SAFETY: the layout has a nonzero size.
        let bits = NonNull::new(unsafe { alloc_zeroed(bitmap_layout()) }.cast()).ok_or(())?;
        if r >= self.regions.len() {
            self.regions.resize_with(r + 1, || None);
        }
        self.regions[r] = Some(Region { bits, count: 0 });
        Ok(())
    }

    /// Sets `ptr`'s bit; its bitmap was reserved.
    #[inline(always)]
    pub fn set(&mut self, ptr: usize) {
        if let Some((r, w, bit)) = place(ptr) {
            // (Not `expect`: its message pulls in 1.3 KB of formatting.)
            let Some(region) = self.regions[r].as_mut() else {
                unreachable!()
            };
            // SAFETY: as in `get`.
            let word = unsafe { &mut (*region.bits.as_ptr())[w] };
            debug_assert!(*word & bit == 0);
            *word |= bit;
            region.count += 1;
        }
    }

    #[inline(always)]
    pub fn clear(&mut self, ptr: usize) {
        if let Some((r, w, bit)) = place(ptr) {
            if let Some(Some(region)) = self.regions.get_mut(r) {
                // SAFETY: as in `get`.
                let word = unsafe { &mut (*region.bits.as_ptr())[w] };
                if *word & bit != 0 {
                    *word &= !bit;
                    region.count -= 1;
                }
            }
        }
    }

    /// Bits set in all.
    pub fn count(&self) -> usize {
        self.regions
            .iter()
            .flatten()
            .map(|r| r.count as usize)
            .sum()
    }

    /// Gives back the bitmaps of regions that hold no registered object.
    pub fn trim(&mut self) {
        for slot in self.regions.iter_mut() {
            if slot.as_ref().is_some_and(|r| r.count == 0) {
                let region = slot.take().unwrap();
                // SAFETY: allocated by `reserve` with this layout.
                unsafe { dealloc(region.bits.as_ptr().cast(), bitmap_layout()) };
            }
        }
        while let Some(None) = self.regions.last() {
            self.regions.pop();
        }
        crate::vecs::shrink(&mut self.regions, 0);
    }

    /// The heap blocks the marks hold, as (address, bytes asked for).
    pub fn for_each_block(&self, f: &mut impl FnMut(*const u8, usize)) {
        if let Some((ptr, bytes)) = crate::vecs::block_of(&self.regions) {
            f(ptr, bytes);
        }
        for region in self.regions.iter().flatten() {
            f(region.bits.as_ptr().cast(), bitmap_layout().size());
        }
    }
}

impl Drop for Marks {
    fn drop(&mut self) {
        for region in self.regions.iter_mut() {
            if let Some(r) = region.as_mut() {
                r.count = 0;
            }
        }
        self.trim();
    }
}

fn bitmap_layout() -> Layout {
    Layout::new::<[u32; WORDS]>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_per_address_and_counted_per_region() {
        let mut marks = Marks::new();
        for ptr in [8, 16, 1 << 20, (1 << 20) + 8, 0xfff0_0000] {
            marks.reserve(ptr).unwrap();
            marks.set(ptr);
        }
        assert!(marks.get(16) && marks.get(1 << 20) && marks.get(0xfff0_0000));
        assert!(!marks.get(24) && !marks.get(12) && !marks.get(1 << 40));
        assert_eq!(marks.count(), 5);
        marks.clear(16);
        marks.clear(16); // a second clear changes nothing
        assert!(!marks.get(16));
        assert_eq!(marks.count(), 4);
    }

    #[test]
    fn unaligned_and_far_addresses_are_not_covered() {
        assert!(covers(16) && covers(0xffff_fff8));
        assert!(!covers(12) && !covers(1 << 32));
    }

    #[test]
    fn trim_gives_back_empty_regions_only() {
        let mut marks = Marks::new();
        for ptr in [8, 5 << REGION_BITS, 9 << REGION_BITS] {
            marks.reserve(ptr).unwrap();
            marks.set(ptr);
        }
        marks.clear(9 << REGION_BITS);
        marks.clear(8);
        marks.trim();
        assert_eq!(marks.regions.len(), 6, "the empty top region is gone");
        assert!(marks.regions[0].is_none());
        assert!(marks.get(5 << REGION_BITS));
        let mut blocks = 0;
        marks.for_each_block(&mut |_, _| blocks += 1);
        assert_eq!(blocks, 2); // the directory and one bitmap
    }
}
