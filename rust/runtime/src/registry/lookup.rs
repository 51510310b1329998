//! Lookup by pointer, which is lazy. Most objects JS creates are let
//! go of by JS and never looked up by pointer, and with hundreds of
//! thousands of them waiting for the collector a hash bucket each would be
//! most of what creating one costs (page faults on a growing table,
//! rehashing). So `adopt` of a new object only sets its bit in the [`Marks`] and puts
//! its slot on the `unindexed` list; the first lookup by pointer that finds
//! a bit the index does not know indexes the whole list (amortised, one
//! insert per object at most). Addresses the marks do not cover (not 8-byte
//! aligned) are indexed at once.

use super::*;

impl Registry {
    /// The slot of the live object at `ptr`, indexing what `adopt` deferred
    /// if the marks say it is among them. When indexing needs memory the
    /// heap cannot supply, the deferred list is searched instead: a lookup
    /// never fails, so a full heap cannot make a registered object look
    /// unregistered (and be destroyed as a refused new one).
    pub(super) fn find(&mut self, ptr: usize) -> Result<Option<u32>, RegistryError> {
        if let Some(slot) = self.index.get(ptr) {
            return Ok(Some(slot));
        }
        if !self.marks.get(ptr) {
            return Ok(None);
        }
        if self.index_unindexed().is_err() {
            return Ok(self.scan_unindexed(ptr));
        }
        Ok(self.index.get(ptr))
    }

    /// The live slot at `ptr` among those waiting to be indexed, by a walk
    /// that allocates nothing.
    pub(super) fn scan_unindexed(&self, ptr: usize) -> Option<u32> {
        self.unindexed.iter().copied().find(|&s| {
            let e = self.entries.at(s);
            e.live() && !e.indexed() && e.ptr == ptr
        })
    }

    #[inline(never)]
    pub(super) fn index_unindexed(&mut self) -> Result<(), RegistryError> {
        self.index
            .reserve(self.waiting as usize)
            .map_err(|()| RegistryError::OutOfMemory)?;
        for slot in self.unindexed.drain(..) {
            let entry = self.entries.at_mut(slot);
            entry.set_queued(false);
            if entry.live() && !entry.indexed() {
                entry.set_indexed(true);
                self.index.insert(entry.ptr, slot);
            }
        }
        self.waiting = 0;
        Ok(())
    }

    /// Drops the slots that no longer wait for indexing from the list.
    pub(super) fn compact_unindexed(&mut self) {
        let entries = &mut self.entries;
        self.unindexed.retain(|&slot| {
            let entry = entries.at_mut(slot);
            let waits = entry.live() && !entry.indexed();
            entry.set_queued(waits);
            waits
        });
    }
}
