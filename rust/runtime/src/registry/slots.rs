//! The registry's entries, one per slot, in chunks that never move.
//!
//! Objects waiting for the JS collector keep their entries for as long as it
//! takes, often hundreds of thousands at a time, and every byte of fresh
//! linear memory costs a page fault on first touch (`make bench`, workload
//! memory, measures the peak). So the storage is shaped by what it costs
//! per waiting object:
//! - an entry is 16 bytes on wasm32: the generation and the flags share a
//!   word;
//! - entries sit in fixed chunks of [`CHUNK`]: growing adds a chunk and never
//!   copies, nor leaves a doubled vector's unused half behind;
//! - free slots are linked through their entries (most recently freed first,
//!   whose cache line is likely still warm), so there is no free-slot vector
//!   and ending an object never allocates.

use alloc::alloc::{alloc, dealloc, Layout};
use alloc::vec::Vec;
use core::ptr::NonNull;

/// Entries per chunk: 4 KiB of them on wasm32, a size the heap packs 15 to
/// a page, so a small module's first objects do not take a span of their
/// own.
pub const CHUNK: usize = 1 << 8;
/// Marks the end of the free list.
const NO_SLOT: u32 = u32::MAX;

const LIVE: u32 = 1;
const JS_OWNED: u32 = 2;
const HOLDS_JS: u32 = 4;
const INDEXED: u32 = 8;
const QUEUED: u32 = 16;
const FLAG_BITS: u32 = 5;
/// Generations wrap at this: what the state word leaves above the flags.
pub const GENERATION_LIMIT: u32 = 1 << (32 - FLAG_BITS);

#[derive(Clone, Copy)]
pub struct Entry {
    /// The object; in a free slot, the next free slot.
    pub ptr: usize,
    pub class: u32,
    pub retains: u32,
    /// `generation << FLAG_BITS | flags`.
    state: u32,
}

impl Entry {
    #[inline(always)]
    pub fn live(&self) -> bool {
        self.state & LIVE != 0
    }
    /// A JS wrapper owns the object.
    #[inline(always)]
    pub fn js_owned(&self) -> bool {
        self.state & JS_OWNED != 0
    }
    /// The object owns JS values (`weakbind_js_own`).
    #[inline(always)]
    pub fn holds_js(&self) -> bool {
        self.state & HOLDS_JS != 0
    }
    /// The pointer index holds the object (else its bit in the marks does).
    #[inline(always)]
    pub fn indexed(&self) -> bool {
        self.state & INDEXED != 0
    }
    /// The slot is on the registry's list of slots to index.
    #[inline(always)]
    pub fn queued(&self) -> bool {
        self.state & QUEUED != 0
    }
    #[inline(always)]
    pub fn set_indexed(&mut self, on: bool) {
        self.set(INDEXED, on);
    }
    #[inline(always)]
    pub fn set_queued(&mut self, on: bool) {
        self.set(QUEUED, on);
    }
    /// Bumped whenever the slot's JS ownership ends or the slot is reused,
    /// so old tokens never match again.
    #[inline(always)]
    pub fn generation(&self) -> u32 {
        self.state >> FLAG_BITS
    }
    #[inline(always)]
    pub fn set_js_owned(&mut self, on: bool) {
        self.set(JS_OWNED, on);
    }
    #[inline(always)]
    pub fn set_holds_js(&mut self, on: bool) {
        self.set(HOLDS_JS, on);
    }
    #[inline(always)]
    pub fn set_live(&mut self, on: bool) {
        self.set(LIVE, on);
    }
    #[inline(always)]
    pub fn next_generation(&mut self) {
        let flags = self.state & ((1 << FLAG_BITS) - 1);
        self.state = next_generation(self.generation()) << FLAG_BITS | flags;
    }
    #[inline(always)]
    fn set(&mut self, flag: u32, on: bool) {
        self.state = if on {
            self.state | flag
        } else {
            self.state & !flag
        };
    }
}

pub fn next_generation(generation: u32) -> u32 {
    (generation + 1) % GENERATION_LIMIT
}

pub struct Slots {
    chunks: Vec<NonNull<Entry>>,
    /// Slots handed out so far: entries below this are initialised.
    len: u32,
    /// Head of the free list.
    free: u32,
}

// SAFETY: the chunks are owned, like a Vec's buffer.
unsafe impl Send for Slots {}

impl Default for Slots {
    fn default() -> Self {
        Self::new()
    }
}

impl Slots {
    pub const fn new() -> Self {
        Slots {
            chunks: Vec::new(),
            len: 0,
            free: NO_SLOT,
        }
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The entry of a slot handed out before (live or free).
    #[inline(always)]
    pub fn get(&self, slot: u32) -> Option<&Entry> {
        // SAFETY: slots below `len` lie in allocated chunks, initialised.
        (slot < self.len).then(|| unsafe { &*self.entry_ptr(slot) })
    }

    /// The entry of `slot`, which the caller knows was handed out (it came
    /// from the pointer index or a checked token).
    #[inline(always)]
    pub fn at(&self, slot: u32) -> &Entry {
        assert!(slot < self.len, "registry: slot out of range");
        // SAFETY: as in `get`.
        unsafe { &*self.entry_ptr(slot) }
    }

    #[inline(always)]
    pub fn at_mut(&mut self, slot: u32) -> &mut Entry {
        assert!(slot < self.len, "registry: slot out of range");
        // SAFETY: as in `get`, and `&mut self` makes it exclusive.
        unsafe { &mut *self.entry_ptr(slot) }
    }

    #[inline(always)]
    fn entry_ptr(&self, slot: u32) -> *mut Entry {
        let chunk = self.chunks[slot as usize / CHUNK];
        // SAFETY: every chunk holds CHUNK entries.
        unsafe { chunk.as_ptr().add(slot as usize % CHUNK) }
    }

    /// A free slot (the most recently freed, else a new one at `len` whose
    /// generation starts at `first_generation`), not yet live. `Err` when
    /// `limit` slots exist or the heap cannot supply a chunk; nothing
    /// changes then.
    pub fn take(&mut self, limit: u32, first_generation: u32) -> Result<u32, Full> {
        if self.free != NO_SLOT {
            let slot = self.free;
            self.free = self.at(slot).ptr as u32;
            return Ok(slot);
        }
        if self.len >= limit {
            return Err(Full::Slots);
        }
        if self.len as usize == self.chunks.len() * CHUNK {
            self.add_chunk().map_err(|()| Full::Memory)?;
        }
        let slot = self.len;
        self.len += 1;
        // SAFETY: `slot` lies in an allocated chunk; writing initialises it.
        unsafe {
            self.entry_ptr(slot).write(Entry {
                ptr: 0,
                class: 0,
                retains: 0,
                state: first_generation << FLAG_BITS,
            })
        };
        Ok(slot)
    }

    /// Puts `slot`, no longer live, at the head of the free list.
    pub fn give_back(&mut self, slot: u32) {
        let free = self.free;
        let entry = self.at_mut(slot);
        debug_assert!(!entry.live());
        entry.ptr = free as usize;
        self.free = slot;
    }

    fn add_chunk(&mut self) -> Result<(), ()> {
        self.chunks.try_reserve(1).map_err(|_| ())?;
        // SAFETY: the layout has a nonzero size.
        let chunk = NonNull::new(unsafe { alloc(chunk_layout()) }.cast::<Entry>()).ok_or(())?;
        self.chunks.push(chunk);
        Ok(())
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Entry> + DoubleEndedIterator + '_ {
        (0..self.len).map(|slot| self.at(slot))
    }

    /// Drops the slots from `keep` up (`keep` rounded up to whole chunks)
    /// and relinks the free list over what remains. The caller has made
    /// sure none of the dropped slots is live.
    pub fn truncate(&mut self, keep: usize) {
        let chunks = keep.div_ceil(CHUNK);
        if chunks >= self.chunks.len() {
            return;
        }
        for chunk in self.chunks.drain(chunks..) {
            // SAFETY: allocated by `add_chunk` with this layout.
            unsafe { dealloc(chunk.as_ptr().cast(), chunk_layout()) };
        }
        crate::vecs::shrink(&mut self.chunks, 0);
        self.len = self.len.min((chunks * CHUNK) as u32);
        self.free = NO_SLOT;
        for slot in (0..self.len).rev() {
            if !self.at(slot).live() {
                self.give_back(slot);
            }
        }
    }

    /// Free slots on the list (for the registry's self-check): `Err` when
    /// the list names a live slot or one past `len`, or does not end.
    pub fn count_free(&self) -> Result<usize, ()> {
        let (mut slot, mut n) = (self.free, 0);
        while slot != NO_SLOT {
            let entry = self.get(slot).ok_or(())?;
            if entry.live() || n >= self.len() {
                return Err(());
            }
            n += 1;
            slot = entry.ptr as u32;
        }
        Ok(n)
    }

    /// The heap blocks the storage holds, as (address, bytes asked for).
    pub fn for_each_block(&self, f: &mut impl FnMut(*const u8, usize)) {
        if let Some((ptr, bytes)) = crate::vecs::block_of(&self.chunks) {
            f(ptr, bytes);
        }
        for chunk in &self.chunks {
            f(chunk.as_ptr().cast(), chunk_layout().size());
        }
    }

    #[cfg(test)]
    pub fn chunk_count(&self) -> usize {
        self.chunks.len()
    }
}

impl Drop for Slots {
    fn drop(&mut self) {
        self.truncate(0);
    }
}

/// Why `take` had no slot to give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    Slots,
    Memory,
}

fn chunk_layout() -> Layout {
    Layout::new::<[Entry; CHUNK]>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live_slot(slots: &mut Slots) -> u32 {
        let slot = slots.take(u32::MAX, 0).unwrap();
        slots.at_mut(slot).set_live(true);
        slot
    }

    fn end(slots: &mut Slots, slot: u32) {
        slots.at_mut(slot).set_live(false);
        slots.give_back(slot);
    }

    #[test]
    fn entries_never_move_as_chunks_are_added() {
        let mut slots = Slots::new();
        let first = live_slot(&mut slots);
        let at: *const Entry = slots.at(first);
        for _ in 0..3 * CHUNK {
            live_slot(&mut slots);
        }
        assert_eq!(slots.chunk_count(), 4);
        assert!(core::ptr::eq(at, slots.at(first)));
    }

    #[test]
    fn the_most_recently_freed_slot_is_reused_first() {
        let mut slots = Slots::new();
        let taken: Vec<u32> = (0..10).map(|_| live_slot(&mut slots)).collect();
        end(&mut slots, taken[3]);
        end(&mut slots, taken[7]);
        assert_eq!(slots.count_free(), Ok(2));
        assert_eq!(live_slot(&mut slots), taken[7]);
        assert_eq!(live_slot(&mut slots), taken[3]);
        assert_eq!(live_slot(&mut slots), 10);
        assert_eq!(slots.count_free(), Ok(0));
    }

    #[test]
    fn flags_and_generation_share_a_word_without_disturbing_each_other() {
        let mut slots = Slots::new();
        let slot = slots.take(u32::MAX, GENERATION_LIMIT - 1).unwrap();
        let e = slots.at_mut(slot);
        e.set_live(true);
        e.set_holds_js(true);
        assert_eq!(e.generation(), GENERATION_LIMIT - 1);
        e.next_generation();
        assert_eq!(e.generation(), 0, "generations wrap");
        assert!(e.live() && e.holds_js() && !e.js_owned());
        e.set_js_owned(true);
        e.set_holds_js(false);
        assert!(e.live() && !e.holds_js() && e.js_owned());
        assert_eq!(e.generation(), 0);
    }

    #[test]
    fn truncate_drops_whole_chunks_and_relinks_the_free_list() {
        let mut slots = Slots::new();
        let taken: Vec<u32> = (0..3 * CHUNK).map(|_| live_slot(&mut slots)).collect();
        for &slot in &taken[5..] {
            end(&mut slots, slot);
        }
        slots.truncate(100);
        assert_eq!(slots.chunk_count(), 1);
        assert_eq!(slots.len(), CHUNK);
        assert_eq!(slots.count_free(), Ok(CHUNK - 5));
        // Free slots come back lowest first after a relink, then new ones.
        assert_eq!(live_slot(&mut slots), 5);
    }

    #[test]
    fn take_refuses_past_the_limit_and_changes_nothing() {
        let mut slots = Slots::new();
        for _ in 0..3 {
            live_slot(&mut slots);
        }
        assert_eq!(slots.take(3, 0), Err(Full::Slots));
        assert_eq!(slots.len(), 3);
        assert_eq!(slots.count_free(), Ok(0));
    }

    #[test]
    fn a_broken_free_list_is_detected() {
        let mut slots = Slots::new();
        let a = live_slot(&mut slots);
        end(&mut slots, a);
        slots.at_mut(a).set_live(true); // a live slot on the free list
        assert_eq!(slots.count_free(), Err(()));
    }
}
