//! The object registry: which wasm objects JavaScript can see, who owns them,
//! and when their destructor runs.
//!
//! Every object handed to JS has one entry: pointer, class, the number of
//! owners inside wasm (`retains`) and whether a JS wrapper owns it. The
//! destructor runs exactly once, when the last owner lets go.
//!
//! A JS wrapper's ownership is named by a *wrapper token*: entry slot plus a
//! generation, so a token that outlived its wrapper (a finalizer that fires
//! after `dispose()`, or after the address was reused by a new object) is
//! recognised as stale and does nothing. This is what lets the loader register
//! wrappers with a FinalizationRegistry without an unregister token.
//!
//! Objects are indexed by pointer lazily. Most objects JS creates are let
//! go of by JS and never looked up by pointer, and with hundreds of
//! thousands of them waiting for the collector a hash bucket each was most
//! of what creating one cost (page faults on a growing table, rehashing).
//! So `adopt` of a new object only sets its bit in the [`Marks`] and puts
//! its slot on the `unindexed` list; the first lookup by pointer that finds
//! a bit the index does not know indexes the whole list (amortised, one
//! insert per object at most). Addresses the marks do not cover (not 8-byte
//! aligned) are indexed at once.
//!
//! Invariants (checked by [`Registry::check`]):
//! - every live `indexed` slot is in the pointer index exactly once, and the
//!   index points at live indexed slots only;
//! - every live slot that is not indexed is `queued`: on the `unindexed`
//!   list, which holds each slot at most once;
//! - a mark is set exactly at the address of every live object the marks
//!   cover;
//! - a live entry has `retains > 0` or `js_owned`;
//! - `classes[c].live` equals the number of live entries of class `c`.
//!
//! The registry never calls a destructor itself: operations that end an
//! object return a [`Destroy`] for the caller to run after the registry is no
//! longer borrowed, because destructors re-enter it (a parent releasing its
//! children).

use alloc::vec::Vec;

use crate::marks::{self, Marks};
use crate::ptr_index::PtrIndex;
use crate::slots::{next_generation, Entry, Full, Slots, CHUNK, GENERATION_LIMIT};
use crate::vecs::{self, block_of};

/// A class's destructor, as C sees it.
pub type Destructor = unsafe extern "C" fn(*mut core::ffi::c_void);

/// Slots are the low bits of a token; generations the high bits. Both fit in
/// the 53 bits a JS number holds exactly.
pub const SLOT_BITS: u32 = 24;
const SLOT_LIMIT: u32 = 1 << SLOT_BITS;
const _: () = assert!((GENERATION_LIMIT as u64) << SLOT_BITS <= 1 << 53);
/// `trim` keeps at least this many slots (64 KiB of entries).
const ENTRIES_FLOOR: usize = 4096;

/// Why a registry operation was refused. The discriminants are the negative
/// codes the C ABI returns (see `weakbind.h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum RegistryError {
    NullPointer = -1,
    UnknownClass = -2,
    /// The pointer is registered with a different class.
    ClassMismatch = -3,
    /// The pointer is not registered.
    NotRegistered = -4,
    /// `release` without a matching `retain`.
    NotRetained = -5,
    /// A wrapper token that no longer names a live wrapper.
    StaleToken = -6,
    TooManyObjects = -7,
    /// The heap cannot hold the registry's bookkeeping for one more object.
    OutOfMemory = -8,
    /// `adopt` of an object a JS wrapper already owns: the loader makes
    /// the new wrapper a wasm-side owner instead (it retains the object).
    AlreadyOwned = -9,
}

/// A destructor call the caller must make.
#[derive(Debug, Clone, Copy)]
pub struct Destroy {
    pub destructor: Option<Destructor>,
    pub ptr: usize,
    pub class: u32,
}

/// What happened to an object when an owner let go.
#[derive(Debug, Clone, Copy)]
pub enum Released {
    /// Other owners remain.
    StillOwned,
    /// Only the JS wrapper owns it now, and it owns JS values: they move
    /// from the global roots back onto the wrapper.
    WrapperOnly,
    /// That was the last owner: run this destructor.
    Last(Destroy),
}

/// Where the JS values an object owns must be kept alive from: its wrapper
/// while the wrapper is its only owner (so the JS collector sees any cycle
/// through them), the global roots otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsValueHome {
    Wrapper,
    Roots,
}

struct Class {
    destructor: Option<Destructor>,
    live: u32,
}

#[derive(Default)]
pub struct Registry {
    classes: Vec<Class>,
    entries: Slots,
    /// Slots adopted without indexing (some may have ended since).
    unindexed: Vec<u32>,
    /// Live slots not in the pointer index (on `unindexed`, with ended ones).
    waiting: u32,
    marks: Marks,
    index: PtrIndex,
    live_total: u32,
    /// The most objects alive at once since the last `trim`.
    peak_since_trim: u32,
    /// The generation a slot starts at when `entries` grows: above every
    /// generation of a slot `trim` dropped, so no token from before can
    /// name an object made after.
    first_generation: u32,
    /// The live slot that stopped the last `trim` from dropping entries:
    /// while it stays live there, the next one need not scan again.
    trim_blocker: usize,
}

impl Registry {
    pub const fn new() -> Self {
        Registry {
            classes: Vec::new(),
            entries: Slots::new(),
            unindexed: Vec::new(),
            waiting: 0,
            marks: Marks::new(),
            index: PtrIndex::new(),
            live_total: 0,
            peak_since_trim: 0,
            first_generation: 0,
            trim_blocker: usize::MAX,
        }
    }

    /// Declares a class; the id is its index, starting at 0.
    pub fn define_class(&mut self, destructor: Option<Destructor>) -> u32 {
        self.classes.push(Class {
            destructor,
            live: 0,
        });
        (self.classes.len() - 1) as u32
    }

    pub fn class_count(&self) -> u32 {
        self.classes.len() as u32
    }

    pub fn live_count(&self, class: u32) -> Option<u32> {
        self.classes.get(class as usize).map(|c| c.live)
    }

    pub fn live_total(&self) -> u32 {
        self.live_total
    }

    /// Gives a JS wrapper ownership of `ptr` and returns its token. An object
    /// already registered and retained by wasm keeps its entry. One a JS
    /// wrapper owns already (a constructor that interns, a wrapper collected
    /// but not yet finalized) is refused with `AlreadyOwned`: the previous
    /// wrapper keeps its ownership, so no wrapper is left reaching an
    /// object it no longer owns.
    pub fn adopt(&mut self, ptr: usize, class: u32) -> Result<f64, RegistryError> {
        if ptr == 0 {
            return Err(RegistryError::NullPointer);
        }
        if class as usize >= self.classes.len() {
            return Err(RegistryError::UnknownClass);
        }
        let slot = match self.find(ptr)? {
            Some(slot) => {
                let entry = self.entries.at_mut(slot);
                if entry.class != class {
                    return Err(RegistryError::ClassMismatch);
                }
                if entry.js_owned() {
                    return Err(RegistryError::AlreadyOwned);
                }
                entry.set_js_owned(true);
                slot
            }
            None => {
                let slot = self.insert(ptr, class, 0, true)?;
                self.entries.at_mut(slot).set_js_owned(true);
                slot
            }
        };
        Ok(token(slot, self.entries.at(slot).generation()))
    }

    /// Ends the JS ownership named by `token` (dispose, or the wrapper was
    /// collected).
    pub fn disown(&mut self, token: f64) -> Result<Released, RegistryError> {
        let slot = self.slot_of_token(token)?;
        let entry = self.entries.at_mut(slot);
        entry.set_js_owned(false);
        entry.next_generation();
        Ok(self.end_if_unowned(slot))
    }

    /// Is `token` still the live ownership of its wrapper?
    pub fn token_is_live(&self, token: f64) -> bool {
        self.slot_of_token(token).is_ok()
    }

    /// Adds an owner inside wasm. Returns the wasm owner count, and whether
    /// the object's JS values must now move to the global roots.
    pub fn retain(&mut self, ptr: usize) -> Result<(u32, bool), RegistryError> {
        let slot = self.find(ptr)?.ok_or(RegistryError::NotRegistered)?;
        let entry = self.entries.at_mut(slot);
        entry.retains += 1;
        let to_roots = entry.retains == 1 && entry.js_owned() && entry.holds_js();
        Ok((entry.retains, to_roots))
    }

    /// Records that `ptr` owns JS values, and says where they belong now.
    pub fn holds_js(&mut self, ptr: usize) -> Result<JsValueHome, RegistryError> {
        let slot = self.find(ptr)?.ok_or(RegistryError::NotRegistered)?;
        let entry = self.entries.at_mut(slot);
        entry.set_holds_js(true);
        Ok(if entry.js_owned() && entry.retains == 0 {
            JsValueHome::Wrapper
        } else {
            JsValueHome::Roots
        })
    }

    /// Removes an owner inside wasm.
    pub fn release(&mut self, ptr: usize) -> Result<Released, RegistryError> {
        let slot = self.find(ptr)?.ok_or(RegistryError::NotRegistered)?;
        let entry = self.entries.at_mut(slot);
        if entry.retains == 0 {
            return Err(RegistryError::NotRetained);
        }
        entry.retains -= 1;
        Ok(self.end_if_unowned(slot))
    }

    /// The memory of the object at `ptr` was freed without the registry
    /// (C++ deleted an object JS views): its entry ends without a
    /// destructor, so no owner letting go later runs one on freed memory.
    /// Allocates nothing: it runs inside `free`.
    pub fn forget_freed(&mut self, ptr: usize) {
        let found = match self.index.get(ptr) {
            Some(slot) => Some(slot),
            None if self.marks.get(ptr) => self.scan_unindexed(ptr),
            None => None,
        };
        let Some(slot) = found else { return };
        let entry = self.entries.at_mut(slot);
        entry.retains = 0;
        entry.set_js_owned(false);
        entry.set_holds_js(false);
        let _ = self.end_if_unowned(slot);
    }

    /// The class `ptr` is registered with.
    pub fn class_of(&mut self, ptr: usize) -> Result<u32, RegistryError> {
        let slot = self.find(ptr)?.ok_or(RegistryError::NotRegistered)?;
        Ok(self.entries.at(slot).class)
    }

    /// The slot of the live object at `ptr`, indexing what `adopt` deferred
    /// if the marks say it is among them. When indexing needs memory the
    /// heap cannot supply, the deferred list is searched instead: a lookup
    /// never fails, so a full heap cannot make a registered object look
    /// unregistered (and be destroyed as a refused new one).
    fn find(&mut self, ptr: usize) -> Result<Option<u32>, RegistryError> {
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
    fn scan_unindexed(&self, ptr: usize) -> Option<u32> {
        self.unindexed.iter().copied().find(|&s| {
            let e = self.entries.at(s);
            e.live() && !e.indexed() && e.ptr == ptr
        })
    }

    #[inline(never)]
    fn index_unindexed(&mut self) -> Result<(), RegistryError> {
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
    fn compact_unindexed(&mut self) {
        let entries = &mut self.entries;
        self.unindexed.retain(|&slot| {
            let entry = entries.at_mut(slot);
            let waits = entry.live() && !entry.indexed();
            entry.set_queued(waits);
            waits
        });
    }

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

    /// A new entry for `ptr`, which is not registered; `defer`: leave it out
    /// of the pointer index until a lookup needs it (when the marks cover it).
    fn insert(
        &mut self,
        ptr: usize,
        class: u32,
        retains: u32,
        defer: bool,
    ) -> Result<u32, RegistryError> {
        // Every allocation happens here, before anything changes: a full heap
        // refuses the object cleanly, and ending an object later (which
        // links its slot into the free list) can never need memory.
        let defer = defer && marks::covers(ptr);
        let oom = |()| RegistryError::OutOfMemory;
        self.marks.reserve(ptr).map_err(oom)?;
        if defer {
            // Full: drop the ended slots when they are at least half of
            // it (so each pass pays for itself), else grow.
            let len = self.unindexed.len();
            if len == self.unindexed.capacity() && len >= 2 * self.waiting as usize {
                self.compact_unindexed();
            }
            self.unindexed.try_reserve(1).map_err(|_| ())
        } else {
            self.index.reserve_one()
        }
        .map_err(oom)?;
        let slot = self
            .entries
            .take(SLOT_LIMIT - 1, self.first_generation)
            .map_err(|full| match full {
                Full::Slots => RegistryError::TooManyObjects,
                Full::Memory => RegistryError::OutOfMemory,
            })?;
        let entry = self.entries.at_mut(slot);
        entry.ptr = ptr;
        entry.class = class;
        entry.retains = retains;
        entry.set_js_owned(false);
        entry.set_holds_js(false);
        entry.set_live(true);
        entry.set_indexed(!defer);
        if !defer {
            self.index.insert(ptr, slot);
        } else {
            self.waiting += 1;
            if !entry.queued() {
                entry.set_queued(true);
                self.unindexed.push(slot);
            }
        }
        self.marks.set(ptr);
        self.classes[class as usize].live += 1;
        self.live_total += 1;
        self.peak_since_trim = self.peak_since_trim.max(self.live_total);
        Ok(slot)
    }

    fn end_if_unowned(&mut self, slot: u32) -> Released {
        let entry = self.entries.at_mut(slot);
        if entry.retains == 0 && entry.js_owned() && entry.holds_js() {
            return Released::WrapperOnly;
        }
        if entry.retains > 0 || entry.js_owned() {
            return Released::StillOwned;
        }
        entry.set_live(false);
        entry.next_generation();
        let (ptr, class) = (entry.ptr, entry.class);
        if entry.indexed() {
            self.index.remove(ptr);
        } else {
            self.waiting -= 1;
        }
        self.marks.clear(ptr);
        self.entries.give_back(slot);
        let class_info = &mut self.classes[class as usize];
        class_info.live -= 1;
        self.live_total -= 1;
        Released::Last(Destroy {
            destructor: class_info.destructor,
            ptr,
            class,
        })
    }

    fn slot_of_token(&self, token: f64) -> Result<u32, RegistryError> {
        // NaN, negatives, fractions and out-of-range values are all stale.
        if !(0.0..9007199254740992.0).contains(&token) || (token as u64) as f64 != token {
            return Err(RegistryError::StaleToken);
        }
        let bits = token as u64;
        let slot = (bits & (SLOT_LIMIT as u64 - 1)) as u32;
        let generation = (bits >> SLOT_BITS) as u32;
        match self.entries.get(slot) {
            Some(e) if e.live() && e.js_owned() && e.generation() == generation => Ok(slot),
            _ => Err(RegistryError::StaleToken),
        }
    }
}

fn token(slot: u32, generation: u32) -> f64 {
    ((generation as u64) << SLOT_BITS | slot as u64) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" fn no_op(_: *mut core::ffi::c_void) {}

    fn registry_with_class() -> (Registry, u32) {
        let mut r = Registry::new();
        let c = r.define_class(Some(no_op));
        (r, c)
    }

    fn expect_last(released: Released, ptr: usize) {
        match released {
            Released::Last(d) => assert_eq!(d.ptr, ptr),
            Released::StillOwned | Released::WrapperOnly => panic!("expected the last owner"),
        }
    }

    #[test]
    fn trim_gives_back_a_spike_once_it_has_passed() {
        let (mut r, c) = registry_with_class();
        let tokens: Vec<f64> = (1..=50_000).map(|i| r.adopt(i * 16, c).unwrap()).collect();
        for (i, &t) in tokens.iter().enumerate() {
            expect_last(r.disown(t).unwrap(), (i + 1) * 16);
        }
        r.trim(); // the spike is the peak since the last trim: kept
        assert_eq!(r.entries.len(), 50_000);
        r.trim(); // nothing alive since: down to the floors
        assert_eq!(r.entries.len(), ENTRIES_FLOOR);
        assert!(r.index.capacity() <= 8192);
        assert_eq!(r.entries.chunk_count(), ENTRIES_FLOOR / CHUNK);
        r.check().unwrap();
        // Old tokens name nothing, and new objects get tokens none of them match.
        for &t in &tokens {
            assert!(matches!(r.disown(t), Err(RegistryError::StaleToken)));
        }
        let fresh: Vec<f64> = (1..=50_000).map(|i| r.adopt(i * 16, c).unwrap()).collect();
        let old: std::collections::HashSet<u64> = tokens.iter().map(|t| t.to_bits()).collect();
        for t in &fresh {
            assert!(
                !old.contains(&t.to_bits()),
                "a token from before the trim names a new object"
            );
        }
        for &t in &tokens {
            assert!(matches!(r.disown(t), Err(RegistryError::StaleToken)));
        }
        assert_eq!(r.live_count(c), Some(50_000));
        r.check().unwrap();
    }

    /// `n` objects at pointers 16, 32, …, in slots 0…n-1; JS lets go of
    /// all but those `survives` picks.
    fn with_survivors(n: usize, survives: impl Fn(usize) -> bool) -> (Registry, Vec<f64>) {
        let (mut r, c) = registry_with_class();
        let tokens: Vec<f64> = (1..=n).map(|i| r.adopt(i * 16, c).unwrap()).collect();
        for (i, &t) in tokens.iter().enumerate() {
            if !survives(i) {
                r.disown(t).unwrap();
            }
        }
        (r, tokens)
    }

    #[test]
    fn trim_keeps_live_objects_and_their_tokens() {
        // Keep slots 0..100 and one past the floor; free the rest.
        let (mut r, tokens) = with_survivors(40_000, |i| i < 100 || i == 15000);
        r.retain(16 * 15001).unwrap();
        r.trim();
        r.trim();
        // Entries go a chunk at a time: the chunk of slot 15,000 stays.
        assert_eq!(r.entries.len(), 15001usize.next_multiple_of(CHUNK));
        r.check().unwrap();
        for (i, &t) in tokens.iter().enumerate() {
            if i < 100 {
                expect_last(r.disown(t).unwrap(), (i + 1) * 16);
            }
        }
        assert!(matches!(r.disown(tokens[15000]), Ok(Released::StillOwned)));
        expect_last(r.release(16 * 15001).unwrap(), 16 * 15001);
        assert_eq!(r.live_total(), 0);
        r.check().unwrap();
    }

    #[test]
    fn a_live_slot_high_up_holds_the_entries_until_it_goes() {
        let (mut r, tokens) = with_survivors(40_000, |i| i == 30_000);
        r.trim();
        r.trim();
        r.trim(); // blocked by slot 30,000 each time, the last without a scan
        assert_eq!(r.entries.len(), 40_000);
        assert_eq!(r.trim_blocker, 30_000);
        expect_last(r.disown(tokens[30_000]).unwrap(), 30_001 * 16);
        r.trim();
        assert_eq!(r.entries.len(), ENTRIES_FLOOR);
        r.check().unwrap();
    }

    #[test]
    fn objects_are_indexed_only_when_looked_up_by_pointer() {
        let (mut r, c) = registry_with_class();
        let tokens: Vec<f64> = (1..=1000).map(|i| r.adopt(i * 16, c).unwrap()).collect();
        assert_eq!(r.index.len(), 0);
        r.check().unwrap();
        // A lookup of one deferred object indexes all of them at once.
        assert_eq!(r.retain(500 * 16), Ok((1, false)));
        assert_eq!(r.index.len(), 1000);
        assert!(r.unindexed.is_empty());
        r.check().unwrap();
        for (i, &t) in tokens.iter().enumerate() {
            let ptr = (i + 1) * 16;
            match r.disown(t).unwrap() {
                Released::StillOwned => assert_eq!(ptr, 500 * 16),
                released => expect_last(released, ptr),
            }
        }
        expect_last(r.release(500 * 16).unwrap(), 500 * 16);
        assert_eq!(r.index.len(), 0);
        r.check().unwrap();
    }

    #[test]
    fn a_deferred_object_is_still_known_by_pointer() {
        let (mut r, c) = registry_with_class();
        let other = r.define_class(None);
        let first = r.adopt(0x1000, c).unwrap();
        assert_eq!(r.adopt(0x1000, other), Err(RegistryError::ClassMismatch));
        assert_eq!(r.class_of(0x1000), Ok(c));
        assert_eq!(r.adopt(0x1000, c), Err(RegistryError::AlreadyOwned));
        expect_last(r.disown(first).unwrap(), 0x1000);
        // Gone: its mark went with it, so the address is free for a new object.
        assert_eq!(r.class_of(0x1000), Err(RegistryError::NotRegistered));
        let third = r.adopt(0x1000, other).unwrap();
        assert_eq!(r.class_of(0x1000), Ok(other));
        expect_last(r.disown(third).unwrap(), 0x1000);
        r.check().unwrap();
    }

    #[test]
    fn unaligned_pointers_are_indexed_at_once() {
        let (mut r, c) = registry_with_class();
        let t = r.adopt(0x1004, c).unwrap();
        assert_eq!(r.index.len(), 1);
        assert!(r.unindexed.is_empty());
        assert_eq!(r.retain(0x1004), Ok((1, false)));
        assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
        expect_last(r.release(0x1004).unwrap(), 0x1004);
        r.check().unwrap();
    }

    #[test]
    fn churn_without_lookups_keeps_the_list_to_index_short() {
        let (mut r, c) = registry_with_class();
        let mut kept = Vec::new();
        for i in 1..=200_000usize {
            let t = r.adopt(i * 16, c).unwrap();
            if i % 1000 == 0 {
                kept.push(t); // a few stay alive throughout
            } else {
                r.disown(t).unwrap();
            }
        }
        assert!(r.unindexed.len() <= 2 * kept.len() + 2);
        assert!(r.unindexed.capacity() <= 1024, "{}", r.unindexed.capacity());
        assert_eq!(r.index.len(), 0);
        r.check().unwrap();
        for t in kept {
            assert!(matches!(r.disown(t), Ok(Released::Last(_))));
        }
        r.check().unwrap();
    }

    /// Random operations against a model of the objects, with `check()`
    /// after every step: the lazy index, the marks, the slot queue and its
    /// compaction, the free list, trims and their generation floor all
    /// have to agree with what a plain map says.
    #[test]
    fn random_operations_agree_with_a_model() {
        use std::collections::HashMap;
        #[derive(Debug)]
        struct Object {
            class: u32,
            retains: u32,
            token: Option<f64>,
            holds_js: bool,
        }
        let (mut r, c0) = registry_with_class();
        let c1 = r.define_class(Some(no_op));
        // Aligned addresses in three 512 KiB regions, and unaligned ones.
        let pool: Vec<usize> = (1..=48)
            .map(|i| (i % 3) * (1 << 19) + i * 24)
            .chain((1..=16).map(|i| 0x9_0004 + i * 12))
            .collect();
        let mut model: HashMap<usize, Object> = HashMap::new();
        let mut tokens: Vec<f64> = Vec::new();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut rnd = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for step in 0..60_000 {
            let ptr = pool[rnd(pool.len())];
            match rnd(9) {
                0 | 1 => {
                    let class = if rnd(4) == 0 { c1 } else { c0 };
                    match model.get_mut(&ptr) {
                        Some(o) if o.class != class => {
                            assert_eq!(r.adopt(ptr, class), Err(RegistryError::ClassMismatch));
                        }
                        Some(o) if o.token.is_some() => {
                            assert_eq!(r.adopt(ptr, class), Err(RegistryError::AlreadyOwned));
                        }
                        Some(o) => {
                            let t = r.adopt(ptr, class).unwrap();
                            o.token = Some(t);
                            tokens.push(t);
                        }
                        None => {
                            let t = r.adopt(ptr, class).unwrap();
                            let o = Object {
                                class,
                                retains: 0,
                                token: Some(t),
                                holds_js: false,
                            };
                            model.insert(ptr, o);
                            tokens.push(t);
                        }
                    }
                }
                2 | 3 if !tokens.is_empty() => {
                    let t = tokens[rnd(tokens.len())];
                    let owner = model
                        .iter()
                        .find(|(_, o)| o.token == Some(t))
                        .map(|(&p, _)| p);
                    match (owner, r.disown(t)) {
                        (Some(p), Ok(Released::Last(d))) => {
                            assert_eq!(d.ptr, p);
                            assert_eq!(model[&p].retains, 0);
                            model.remove(&p);
                        }
                        (Some(p), Ok(Released::StillOwned)) => {
                            let o = model.get_mut(&p).unwrap();
                            assert!(o.retains > 0);
                            o.token = None;
                        }
                        (None, Err(RegistryError::StaleToken)) => {}
                        (owner, got) => panic!("step {step}: disown of {owner:?}: {got:?}"),
                    }
                }
                4 => match model.get_mut(&ptr) {
                    Some(o) => {
                        let to_roots = o.retains == 0 && o.token.is_some() && o.holds_js;
                        o.retains += 1;
                        assert_eq!(r.retain(ptr), Ok((o.retains, to_roots)));
                    }
                    None => assert_eq!(r.retain(ptr), Err(RegistryError::NotRegistered)),
                },
                5 => match model.get_mut(&ptr) {
                    None => assert!(matches!(r.release(ptr), Err(RegistryError::NotRegistered))),
                    Some(o) if o.retains == 0 => {
                        assert!(matches!(r.release(ptr), Err(RegistryError::NotRetained)));
                    }
                    Some(o) => {
                        o.retains -= 1;
                        match r.release(ptr).unwrap() {
                            Released::Last(d) => {
                                assert!(o.retains == 0 && o.token.is_none());
                                assert_eq!(d.ptr, ptr);
                                model.remove(&ptr);
                            }
                            Released::WrapperOnly => {
                                assert!(o.retains == 0 && o.token.is_some() && o.holds_js);
                            }
                            Released::StillOwned => {
                                assert!(o.retains > 0 || (o.token.is_some() && !o.holds_js));
                            }
                        }
                    }
                },
                6 => match model.get_mut(&ptr) {
                    Some(o) => {
                        o.holds_js = true;
                        let home = if o.token.is_some() && o.retains == 0 {
                            JsValueHome::Wrapper
                        } else {
                            JsValueHome::Roots
                        };
                        assert_eq!(r.holds_js(ptr), Ok(home));
                    }
                    None => assert_eq!(r.holds_js(ptr), Err(RegistryError::NotRegistered)),
                },
                7 => {
                    let want = model
                        .get(&ptr)
                        .map(|o| o.class)
                        .ok_or(RegistryError::NotRegistered);
                    assert_eq!(r.class_of(ptr), want);
                }
                _ => r.trim(),
            }
            if tokens.len() > 512 {
                tokens.drain(..256);
            }
            if let Err(broken) = r.check() {
                panic!("step {step}: {broken}");
            }
            assert_eq!(r.live_total() as usize, model.len());
        }
    }

    #[test]
    fn wrapper_alone_owns_and_frees_once() {
        let (mut r, c) = registry_with_class();
        let t = r.adopt(0x1000, c).unwrap();
        assert_eq!(r.live_count(c), Some(1));
        expect_last(r.disown(t).unwrap(), 0x1000);
        assert_eq!(r.live_count(c), Some(0));
        assert!(matches!(r.disown(t), Err(RegistryError::StaleToken)));
        r.check().unwrap();
    }

    #[test]
    fn retained_object_outlives_its_wrapper() {
        let (mut r, c) = registry_with_class();
        let t = r.adopt(0x1000, c).unwrap();
        assert_eq!(r.retain(0x1000), Ok((1, false)));
        assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
        assert_eq!(r.live_count(c), Some(1));
        expect_last(r.release(0x1000).unwrap(), 0x1000);
        assert!(matches!(
            r.release(0x1000),
            Err(RegistryError::NotRegistered)
        ));
        r.check().unwrap();
    }

    #[test]
    fn stale_token_cannot_free_a_reused_address() {
        let (mut r, c) = registry_with_class();
        let old = r.adopt(0x1000, c).unwrap();
        expect_last(r.disown(old).unwrap(), 0x1000);
        let new = r.adopt(0x1000, c).unwrap();
        assert_ne!(old, new);
        assert!(matches!(r.disown(old), Err(RegistryError::StaleToken)));
        assert_eq!(r.live_count(c), Some(1));
        expect_last(r.disown(new).unwrap(), 0x1000);
    }

    #[test]
    fn a_second_wrapper_is_refused_and_the_first_keeps_its_ownership() {
        let (mut r, c) = registry_with_class();
        let first = r.adopt(0x1000, c).unwrap();
        assert_eq!(r.adopt(0x1000, c), Err(RegistryError::AlreadyOwned));
        assert!(r.token_is_live(first));
        // The loader's second wrapper co-owns through a retain.
        assert_eq!(r.retain(0x1000), Ok((1, false)));
        assert!(matches!(r.disown(first), Ok(Released::StillOwned)));
        expect_last(r.release(0x1000).unwrap(), 0x1000);
    }

    #[test]
    fn js_values_move_between_wrapper_and_roots_with_wasm_owners() {
        let (mut r, c) = registry_with_class();
        let t = r.adopt(0x1000, c).unwrap();
        assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Wrapper));
        // C++ retains: the values go to the roots.
        assert_eq!(r.retain(0x1000), Ok((1, true)));
        assert_eq!(r.retain(0x1000), Ok((2, false)));
        assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Roots));
        assert!(matches!(r.release(0x1000), Ok(Released::StillOwned)));
        // The last wasm owner goes: back onto the wrapper.
        assert!(matches!(r.release(0x1000), Ok(Released::WrapperOnly)));
        assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Wrapper));
        // Retained, then the wrapper goes: the values stay rooted.
        assert_eq!(r.retain(0x1000), Ok((1, true)));
        assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
        assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Roots));
        expect_last(r.release(0x1000).unwrap(), 0x1000);
        assert_eq!(r.holds_js(0x1000), Err(RegistryError::NotRegistered));
    }

    #[test]
    fn errors_leave_the_registry_unchanged() {
        let (mut r, c) = registry_with_class();
        assert_eq!(r.adopt(0, c), Err(RegistryError::NullPointer));
        assert_eq!(r.adopt(0x10, 99), Err(RegistryError::UnknownClass));
        let other = r.define_class(None);
        r.adopt(0x10, c).unwrap();
        assert_eq!(r.adopt(0x10, other), Err(RegistryError::ClassMismatch));
        assert!(matches!(r.release(0x10), Err(RegistryError::NotRetained)));
        assert_eq!(r.retain(0x20), Err(RegistryError::NotRegistered));
        for bad in [f64::NAN, -1.0, 0.5, 1e300] {
            assert!(matches!(r.disown(bad), Err(RegistryError::StaleToken)));
        }
        assert_eq!(r.live_total(), 1);
        r.check().unwrap();
    }

    #[test]
    fn many_objects_keep_every_invariant() {
        let (mut r, c) = registry_with_class();
        let mut tokens = Vec::new();
        for i in 1..=10_000usize {
            tokens.push((i * 16, r.adopt(i * 16, c).unwrap()));
            if i % 3 == 0 {
                r.retain(i * 16).unwrap();
            }
        }
        r.check().unwrap();
        let mut destroyed = 0;
        for (i, (ptr, t)) in tokens.iter().enumerate() {
            if let Released::Last(_) = r.disown(*t).unwrap() {
                destroyed += 1;
            }
            if (i + 1) % 3 == 0 {
                expect_last(r.release(*ptr).unwrap(), *ptr);
                destroyed += 1;
            }
        }
        assert_eq!(destroyed, 10_000);
        assert_eq!(r.live_total(), 0);
        r.check().unwrap();
    }
}
