//! The heap inside a real wasm module: exports the runner in `run.mjs`
//! calls. The C and C++ entry points (`malloc`, `_Znwm`, …) are exported
//! by weakbind-heap itself; the runner calls them directly too. Memory
//! maximum: 256 MiB (see .cargo/config.toml).
#![no_std]

extern crate alloc;

use alloc::vec::Vec;
use weakbind_heap::global;

#[global_allocator]
static A: weakbind_heap::WeakbindAlloc = weakbind_heap::WeakbindAlloc;

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let mut m = weakbind_heap::report::Msg::new("panic: ");
    if let Some(s) = info.message().as_str() {
        m.push(s);
    }
    if let Some(l) = info.location() {
        m.push(" at line ").dec(l.line() as usize);
    }
    weakbind_heap::memory::abort(m.as_str())
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 16
    }
}

/// `ops` random malloc/realloc/free calls on the global heap, checked
/// against a model (a Rust Vec, itself on the same heap through the global
/// allocator); returns 0, or the op number + 1 where something was wrong.
#[no_mangle]
pub extern "C" fn random_ops(seed: u32, ops: u32) -> u32 {
    let mut rng = Rng(seed as u64 | 1 << 40);
    let mut live: Vec<(usize, usize, u8)> = Vec::new();
    for i in 0..ops {
        let r = rng.next();
        let size = if r & 7 == 0 {
            (r >> 8) as usize % 300_000
        } else {
            (r >> 8) as usize % 600
        };
        let tag = (i % 251) as u8 + 1;
        unsafe {
            match (r >> 40) % 10 {
                0..=4 => {
                    let p = global::malloc(size);
                    if p.is_null() || !(p as usize).is_multiple_of(if size > 8 { 16 } else { 8 }) {
                        return i + 1;
                    }
                    p.write_bytes(tag, size);
                    live.push((p as usize, size, tag));
                }
                5..=7 if !live.is_empty() => {
                    let (p, n, t) = live.swap_remove((r >> 20) as usize % live.len());
                    let s = core::slice::from_raw_parts(p as *const u8, n);
                    if s.iter().any(|&b| b != t) {
                        return i + 1;
                    }
                    global::free(p as *mut u8);
                }
                8 | 9 if !live.is_empty() => {
                    let k = (r >> 20) as usize % live.len();
                    let (p, n, t) = live[k];
                    let q = global::realloc(p as *mut u8, size);
                    let s = core::slice::from_raw_parts(q as *const u8, n.min(size));
                    if q.is_null() || s.iter().any(|&b| b != t) {
                        return i + 1;
                    }
                    q.write_bytes(tag, size);
                    live[k] = (q as usize, size, tag);
                }
                _ => {}
            }
        }
        if i % 1000 == 0 && global::check().is_err() {
            return i + 1;
        }
    }
    for (p, _, _) in live.drain(..) {
        unsafe { global::free(p as *mut u8) };
    }
    match global::check() {
        Ok(()) => 0,
        Err(_) => ops + 1,
    }
}

/// `n` blocks of `size` bytes; returns how many succeeded. The runner
/// times 200,000 × 1 KB and watches memory grow.
#[no_mangle]
pub extern "C" fn fill(n: u32, size: u32) -> u32 {
    let mut got = 0;
    for _ in 0..n {
        if unsafe { global::malloc(size as usize) }.is_null() {
            break;
        }
        got += 1;
    }
    got
}

/// The heap's invariant walk: 0 when it holds.
#[no_mangle]
pub extern "C" fn heap_check() -> u32 {
    global::check().is_err() as u32
}

#[no_mangle]
pub extern "C" fn heap_in_use() -> usize {
    global::stats().in_use
}

#[no_mangle]
pub extern "C" fn heap_allocations() -> usize {
    global::stats().allocations
}

#[no_mangle]
pub extern "C" fn checked_mode() -> u32 {
    cfg!(feature = "checked") as u32
}
