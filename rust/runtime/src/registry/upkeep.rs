//! The registry's upkeep, apart from the ownership rules: giving back
//! table memory after a spike (`trim`), reporting the tables' blocks, and
//! the self-check of every invariant in the module docs (`check`).

use super::*;

impl Registry {
    /// Gives back the memory of tables sized for a spike that has passed.
    /// Meant to run now and then (the loader calls it once per full JS
    /// collection): tables shrink only to fit the most objects alive at once
    /// since the previous call, so steady churn never pays for shrinking
    /// and regrowing. Slots past the last live one are dropped; ends no
    /// object and runs no destructor. Any allocation it cannot make is
    /// skipped, leaving the registry as it was.
    pub fn trim(&mut self) {
        let keep = self.peak_since_trim.max(self.live_total);
        self.peak_since_trim = self.live_total;
        self.index.shrink_for(keep);
        self.compact_unindexed();
        vecs::shrink(&mut self.unindexed, ENTRIES_FLOOR);
        self.marks.trim();
        let half = self.entries.len() / 2;
        if keep as usize > half || self.entries.len() <= 2 * ENTRIES_FLOOR {
            return; // nothing to drop: skip the scan
        }
        let blocked = u32::try_from(self.trim_blocker)
            .ok()
            .and_then(|slot| self.entries.get(slot))
            .is_some_and(Entry::live);
        if blocked && self.trim_blocker >= half {
            return; // still held up by the same live slot
        }
        let last_live = self.entries.iter().rposition(Entry::live);
        let used = last_live
            .map_or(0, |last| last + 1)
            .max(keep as usize)
            .max(ENTRIES_FLOOR)
            .next_multiple_of(CHUNK);
        if used > half {
            self.trim_blocker = last_live.unwrap_or(usize::MAX);
            return;
        }
        let Some(dropped_max) = (used..self.entries.len())
            .map(|slot| self.entries.at(slot as u32).generation())
            .max()
        else {
            return;
        };
        self.entries.truncate(used);
        // Generations wrap like every slot's; a dropped slot made again
        // starts past the highest generation any dropped slot reached.
        self.first_generation = self.first_generation.max(next_generation(dropped_max));
    }

    /// The heap blocks of the registry's own tables, as (address, bytes
    /// asked for): what `stats()` reports apart from the objects' memory.
    pub fn for_each_block(&self, mut f: impl FnMut(*const u8, usize)) {
        for (ptr, bytes) in [
            block_of(&self.classes),
            block_of(&self.unindexed),
            self.index.block(),
        ]
        .into_iter()
        .flatten()
        {
            f(ptr, bytes);
        }
        self.entries.for_each_block(&mut f);
        self.marks.for_each_block(&mut f);
    }

    /// Walks every invariant in the module docs.
    /// Allocates nothing, so it can run when the heap is full.
    pub fn check(&self) -> Result<(), &'static str> {
        let (mut live, mut indexed, mut marked, mut queued) = (0, 0, 0, 0);
        for (slot, entry) in self.entries.iter().enumerate() {
            queued += entry.queued() as usize;
            if !entry.live() {
                continue;
            }
            live += 1;
            if entry.retains == 0 && !entry.js_owned() {
                return Err("registry: a live entry has no owner");
            }
            if entry.indexed() {
                indexed += 1;
                if self.index.get(entry.ptr) != Some(slot as u32) {
                    return Err("registry: a live entry is missing from the pointer index");
                }
            } else if !entry.queued() || !marks::covers(entry.ptr) {
                return Err("registry: a live entry is neither indexed nor waiting to be");
            }
            if marks::covers(entry.ptr) {
                marked += 1;
                if !self.marks.get(entry.ptr) {
                    return Err("registry: a live object's mark is missing");
                }
            }
            if entry.class as usize >= self.classes.len() {
                return Err("registry: an entry names an unknown class");
            }
        }
        if indexed != self.index.len() || live != self.live_total {
            return Err("registry: the pointer index and the live count disagree");
        }
        if marked != self.marks.count() {
            return Err("registry: a mark is set where no object lives");
        }
        if live - indexed != self.waiting {
            return Err("registry: the count of objects waiting to be indexed is wrong");
        }
        if queued != self.unindexed.len()
            || self
                .unindexed
                .iter()
                .any(|&s| self.entries.get(s).is_none_or(|e| !e.queued()))
        {
            return Err("registry: the list of slots to index is not exactly the queued ones");
        }
        for (class, info) in self.classes.iter().enumerate() {
            let n = self
                .entries
                .iter()
                .filter(|e| e.live() && e.class as usize == class)
                .count();
            if n != info.live as usize {
                return Err("registry: a class's live count is wrong");
            }
        }
        if self.entries.count_free() != Ok(self.entries.len() - live as usize) {
            return Err("registry: the free-slot list is not exactly the slots not in use");
        }
        Ok(())
    }
}
