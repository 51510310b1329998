//! Large blocks: one block bigger than a size class (or aligned beyond
//! what one gives) in a span of its own.

use super::*;

impl<M: Memory> Heap<M> {
    /// A large block of `size` bytes aligned to `align` (a power of two up
    /// to [`MAX_ALIGN`]), in a span of its own.
    ///
    /// # Safety
    /// The heap's memory is not touched by anything else.
    #[cold]
    #[inline(never)]
    pub unsafe fn alloc_large(&mut self, size: usize, align: usize) -> *mut u8 {
        if size > (1usize << 31) {
            return null_mut();
        }
        let offset = align_up(HEADER, align.max(LARGE_ALIGN));
        let s = self.alloc_pages(pages_for(offset + size));
        if s.is_null() {
            return null_mut();
        }
        let p = Span::start(s) + offset;
        (*s).magic = MAGIC ^ s as usize;
        Span::set_large(s, p, size);
        (*s).listed = 0;
        (*s).watched = 0;
        (*s).used = 1;
        self.note_alloc(size);
        p as *mut u8
    }
}
