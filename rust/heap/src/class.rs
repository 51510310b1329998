//! Size classes: the one table of the heap, written as a formula.
//!
//! | class   | block size                  | step  |
//! |---------|-----------------------------|-------|
//! | 0       | 8                           |       |
//! | 1..=16  | 16, 32, …, 256              | 16    |
//! | 17..=80 | 8 classes per doubling up to 64 KiB | size/8 … size/16 |
//!
//! Invariants the rest of the heap relies on:
//! - every block size of class ≥ 1 is a multiple of 16, so `malloc` returns
//!   16-byte aligned blocks (wasm32's `max_align_t`) for requests > 8 bytes;
//! - a request that is a multiple of a power of two `a` (≥ 16) maps to a
//!   class whose size is a multiple of `a`; blocks are laid out backwards
//!   from a 64 KiB aligned span end, so such blocks are `a`-aligned
//!   (`aligned_alloc` relies on this);
//! - internal fragmentation is at most 1/8 above 256 bytes.

/// Number of small size classes.
pub const CLASSES: usize = 81;
/// Largest request served from a size class; larger ones get their own span.
pub const SMALL_MAX: usize = 64 * 1024;

/// The class of a request of `size` bytes, `1 <= size <= SMALL_MAX`.
#[inline(always)]
pub fn class_of(size: usize) -> usize {
    if size <= 8 {
        return 0;
    }
    let u = (size + 15) >> 4; // 16-byte units, >= 1
    if u <= 16 {
        return u;
    }
    let b = (usize::BITS - 1 - (u - 1).leading_zeros()) as usize; // floor(log2(u-1)) >= 4
    8 * b - 23 + ((u - 1) >> (b - 3))
}

/// The block size of class `c`.
pub const fn class_size(c: usize) -> usize {
    if c == 0 {
        return 8;
    }
    if c <= 16 {
        return c * 16;
    }
    let t = c + 23; // = 8 (b + 1) + (x - 8) with x in 8..16
    let b = (t >> 3) - 1;
    let x = (t & 7) + 8;
    ((x + 1) << (b - 3)) * 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_cover_every_size_tightly() {
        assert_eq!(class_size(CLASSES - 1), SMALL_MAX);
        let mut prev = 0;
        for c in 0..CLASSES {
            let s = class_size(c);
            assert!(s > prev, "class sizes increase");
            assert_eq!(class_of(s), c);
            assert_eq!(class_of(prev + 1), c);
            if c > 0 {
                assert_eq!(s % 16, 0);
            }
            if prev >= 256 {
                assert!((s - prev) * 8 <= prev, "waste above 256 B is at most 1/8");
            }
            prev = s;
        }
        for size in 1..=SMALL_MAX {
            let c = class_of(size);
            assert!(class_size(c) >= size && (c == 0 || class_size(c - 1) < size));
        }
    }

    #[test]
    fn aligned_requests_get_aligned_sizes() {
        let mut a = 16;
        while a <= SMALL_MAX {
            let mut k = a;
            while k <= SMALL_MAX {
                assert_eq!(class_size(class_of(k)) % a, 0, "align {a} size {k}");
                k += a;
            }
            a *= 2;
        }
    }
}
