//! The JS-callback cycle with wasm-bindgen: an event source holding a JS
//! listener as a `js_sys::Function`. Built with `wasm-bindgen --weak-refs`,
//! so a collected JS wrapper frees its Rust value through a
//! FinalizationRegistry; the listener, though, is held in wasm-bindgen's
//! global table of JS values (a GC root), and when it closes over the
//! source's own wrapper the wrapper is never collected.
//!
//! Every `Drop` bumps `DESTROYED`, read through `destroyed_count()`, so the
//! comparison counts destructor calls instead of assuming them.

use core::sync::atomic::{AtomicU32, Ordering};
use js_sys::Function;
use wasm_bindgen::prelude::*;

static DESTROYED: AtomicU32 = AtomicU32::new(0);

#[wasm_bindgen]
pub fn destroyed_count() -> u32 {
    DESTROYED.load(Ordering::Relaxed)
}

#[wasm_bindgen]
pub struct EventSource {
    name: String,
    listener: Option<Function>,
}

#[wasm_bindgen]
impl EventSource {
    #[wasm_bindgen(constructor)]
    pub fn new(name: String) -> EventSource {
        EventSource {
            name,
            listener: None,
        }
    }

    pub fn on(&mut self, listener: Function) {
        self.listener = Some(listener);
    }

    /// Calls the listener with the value; its numeric result (-1 if it
    /// returned something else).
    pub fn emit(&self, value: f64) -> Result<f64, JsValue> {
        match &self.listener {
            None => Ok(0.0),
            Some(f) => Ok(f
                .call1(&JsValue::NULL, &JsValue::from_f64(value))?
                .as_f64()
                .unwrap_or(-1.0)),
        }
    }

    pub fn name(&self) -> String {
        self.name.clone()
    }
}

impl Drop for EventSource {
    fn drop(&mut self) {
        DESTROYED.fetch_add(1, Ordering::Relaxed);
    }
}
