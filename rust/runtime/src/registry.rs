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
//! Objects are indexed by pointer lazily (`lookup.rs`).
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

use crate::vecs::{self, block_of};
use marks::Marks;
use ptr_index::PtrIndex;
use slots::{next_generation, Entry, Full, Slots, CHUNK, GENERATION_LIMIT};

// The ownership rules are this file; what stores them is below it.
mod lookup;
mod marks;
mod ptr_index;
mod slots;

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
    /// `owner` of an object no JS wrapper owns.
    NotOwned = -10,
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

    /// Hands the JS ownership of `ptr` to a new wrapper under a new token,
    /// for when the wrapper that owned it is gone (collected, its release
    /// not yet run) and wasm hands the object back. The old token goes
    /// stale, so that late release is ignored; no owner count changes.
    pub fn reown(&mut self, ptr: usize, class: u32) -> Result<f64, RegistryError> {
        let slot = self.find(ptr)?.ok_or(RegistryError::NotRegistered)?;
        let entry = self.entries.at_mut(slot);
        if entry.class != class {
            return Err(RegistryError::ClassMismatch);
        }
        if !entry.js_owned() {
            return Err(RegistryError::NotOwned);
        }
        entry.next_generation();
        Ok(token(slot, entry.generation()))
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

    /// The token of the JS wrapper that owns `ptr`: how the loader finds the
    /// wrapper of an object wasm hands back without keeping a weak
    /// reference per wrapper. `NotOwned` when no wrapper owns it.
    pub fn owner(&mut self, ptr: usize) -> Result<f64, RegistryError> {
        let slot = self.find(ptr)?.ok_or(RegistryError::NotRegistered)?;
        let entry = self.entries.at(slot);
        if !entry.js_owned() {
            return Err(RegistryError::NotOwned);
        }
        Ok(token(slot, entry.generation()))
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

mod upkeep;

#[cfg(test)]
mod tests;
