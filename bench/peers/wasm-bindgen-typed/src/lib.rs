//! The typed workloads' `Item`, `Point` and `Named` (bench/peers/item.hpp) bound
//! with wasm-bindgen, built with `--weak-refs` so a collected JS wrapper
//! frees its Rust value through a FinalizationRegistry.
//!
//! wasm-bindgen hands every returned struct to JS as a new wrapper that owns
//! it, so `or_self` cannot give back an object JS already holds: `Item` is
//! a handle to shared data, and `or_self` returns a new handle to the data
//! it picked. The data's `Drop` bumps `DESTROYED`, read through
//! `destroyed_count()`, so the benchmark counts destructor calls.

use core::sync::atomic::{AtomicU32, Ordering};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

static DESTROYED: AtomicU32 = AtomicU32::new(0);

#[wasm_bindgen]
pub fn destroyed_count() -> u32 {
    DESTROYED.load(Ordering::Relaxed)
}

struct ItemData {
    value: i32,
}

impl Drop for ItemData {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}

#[wasm_bindgen]
pub struct Item {
    data: Rc<ItemData>,
}

#[wasm_bindgen]
impl Item {
    #[wasm_bindgen(constructor)]
    pub fn new(value: i32) -> Item {
        Item {
            data: Rc::new(ItemData { value }),
        }
    }

    pub fn value(&self) -> i32 {
        self.data.value.wrapping_mul(2)
    }

    // C++ takes a nullable Item*; wasm-bindgen takes no Option<&Item>, so
    // here `other` is never null and always the pick.
    pub fn or_self(&self, other: &Item) -> Item {
        Item {
            data: other.data.clone(),
        }
    }

    pub fn echo(&self, text: &str) -> String {
        text.to_owned()
    }

    pub fn scaled(&self, by: f64) -> f64 {
        f64::from(self.data.value) * by
    }
}

/// Item's numbers without its methods that hand an object back.
#[wasm_bindgen]
pub struct Point {
    value: i32,
}

impl Drop for Point {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}

#[wasm_bindgen]
impl Point {
    #[wasm_bindgen(constructor)]
    pub fn new(value: i32) -> Point {
        Point { value }
    }

    pub fn value(&self) -> i32 {
        self.value.wrapping_mul(2)
    }
}

#[wasm_bindgen]
pub struct Named {
    name: String,
}

#[wasm_bindgen]
impl Named {
    #[wasm_bindgen(constructor)]
    pub fn new(name: String) -> Named {
        Named { name }
    }

    pub fn length(&self) -> i32 {
        self.name.len() as i32
    }
}

impl Drop for Named {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}
