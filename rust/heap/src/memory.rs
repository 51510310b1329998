//! Where the heap's pages come from: wasm linear memory, or a simulated
//! growable region so the same heap runs in host tests.

/// 64 KiB: the wasm page, and the heap's page.
pub const PAGE: usize = 1 << PAGE_SHIFT;
pub const PAGE_SHIFT: u32 = 16;

/// A growable, contiguous address range the heap owns.
///
/// # Safety
/// `initial` and `grow` must hand out memory nobody else uses, and the
/// region must never span more than 4 GiB (the page map's reach).
pub unsafe trait Memory {
    /// The range usable from the start: `[start, end)`; `end` is 64 KiB aligned.
    fn initial(&mut self) -> (usize, usize);
    /// Adds `pages` pages; returns the address of the first new byte, or
    /// `None` when the host refuses. New bytes read as zero.
    fn grow(&mut self, pages: usize) -> Option<usize>;
    /// Current size in bytes (wasm: `memory.size`).
    fn size(&self) -> usize;
    /// Reports heap corruption or an unrecoverable error; never returns.
    fn abort(&self, msg: &str) -> !;
}

/// The wasm module's own linear memory, from `__heap_base` up.
#[cfg(target_arch = "wasm32")]
pub struct WasmMemory;

#[cfg(target_arch = "wasm32")]
extern "C" {
    /// Defined by wasm-ld: the end of static data and stack.
    static __heap_base: u8;
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "weakbind")]
extern "C" {
    /// The runtime's abort path: the JS loader throws an Error with this text.
    #[link_name = "abort"]
    fn weakbind_abort(msg_ptr: *const u8, msg_len: usize) -> !;
}

/// Reports `msg` through the runtime's abort import; the loader throws it.
#[cfg(target_arch = "wasm32")]
pub fn abort(msg: &str) -> ! {
    unsafe { weakbind_abort(msg.as_ptr(), msg.len()) }
}

#[cfg(target_arch = "wasm32")]
unsafe impl Memory for WasmMemory {
    fn initial(&mut self) -> (usize, usize) {
        let start = core::ptr::addr_of!(__heap_base) as usize;
        (start, core::arch::wasm32::memory_size(0) << PAGE_SHIFT)
    }
    fn grow(&mut self, pages: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow(0, pages) {
            usize::MAX => None,
            old => Some(old << PAGE_SHIFT),
        }
    }
    fn size(&self) -> usize {
        core::arch::wasm32::memory_size(0) << PAGE_SHIFT
    }
    fn abort(&self, msg: &str) -> ! {
        abort(msg)
    }
}

/// A simulated linear memory inside a caller-provided region: the first
/// `initial` bytes are available at once, the rest is handed out by `grow`
/// up to `max` bytes, like `memory.grow` up to a module's `maximum`.
pub struct SimMemory {
    start: usize,
    offset: usize,
    size: usize,
    initial: usize,
    max: usize,
    /// How many `grow` calls were made (tests check the growth policy).
    pub grows: usize,
}

impl SimMemory {
    /// # Safety
    /// `[start, start + max)` must be writable, zeroed, unused by anything
    /// else for the lifetime of the heap, and `start` 64 KiB aligned.
    pub const unsafe fn new(start: usize, initial: usize, max: usize) -> Self {
        SimMemory {
            start,
            offset: 0,
            size: initial,
            initial,
            max,
            grows: 0,
        }
    }

    /// Makes the heap start `offset` bytes in, as `__heap_base` does.
    pub fn set_start_offset(&mut self, offset: usize) {
        self.offset = offset;
    }

    /// Sets the limit `grow` refuses beyond, like a module's `maximum`.
    pub fn set_max(&mut self, max: usize) {
        self.max = max;
    }

    /// Grows the memory behind the heap's back, as another user of
    /// `memory.grow` would; returns where those pages start.
    pub fn grow_foreign(&mut self, pages: usize) -> Option<usize> {
        let at = self.grow(pages)?;
        self.grows -= 1;
        Some(at)
    }
}

unsafe impl Memory for SimMemory {
    fn initial(&mut self) -> (usize, usize) {
        (self.start + self.offset, self.start + self.initial)
    }
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let bytes = pages.checked_mul(PAGE)?;
        if bytes > self.max.saturating_sub(self.size) {
            return None;
        }
        let old = self.start + self.size;
        self.size += bytes;
        self.grows += 1;
        Some(old)
    }
    fn size(&self) -> usize {
        self.size
    }
    fn abort(&self, msg: &str) -> ! {
        panic!("{}", msg)
    }
}
