//! The seed article's `MyClass`, and `Buffer1K` (owns a 1 KB heap buffer),
//! bound with wasm-bindgen. Built with `wasm-bindgen --weak-refs`, so a
//! collected JS wrapper frees its Rust value through a FinalizationRegistry.
//!
//! Every `Drop` bumps `DESTROYED`, read through `destroyed_count()`, so the
//! benchmark counts destructor calls instead of assuming them.

use core::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::prelude::*;

static DESTROYED: AtomicU32 = AtomicU32::new(0);

#[wasm_bindgen]
pub fn destroyed_count() -> u32 {
    DESTROYED.load(Ordering::Relaxed)
}

#[wasm_bindgen]
pub struct MyClass {
    hidden: i32,
}

#[wasm_bindgen]
impl MyClass {
    #[wasm_bindgen(constructor)]
    pub fn new(h: i32) -> MyClass {
        MyClass { hidden: h }
    }

    pub fn my_method(&self) -> i32 {
        self.hidden.wrapping_mul(2)
    }
}

impl Drop for MyClass {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}

#[wasm_bindgen]
pub struct Buffer1K {
    hidden: i32,
    buf: Box<[u8]>,
}

#[wasm_bindgen]
impl Buffer1K {
    #[wasm_bindgen(constructor)]
    pub fn new(h: i32) -> Buffer1K {
        Buffer1K {
            hidden: h,
            buf: vec![h as u8; 1024].into_boxed_slice(),
        }
    }

    pub fn my_method(&mut self) -> i32 {
        let i = (self.hidden & 1023) as usize;
        self.buf[i] = self.buf[i].wrapping_add(1);
        self.hidden.wrapping_mul(2) + self.buf[i] as i32
    }
}

impl Drop for Buffer1K {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}
