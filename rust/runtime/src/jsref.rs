//! JS values held by wasm. A handle is an integer naming a slot in the
//! loader's table; each `JsRef` owns one reference to it. Clone adds a
//! reference to the same slot, drop removes one (`decref`, the seed's shim).

use crate::imports;

/// One counted reference to a JS value.
#[derive(Debug, PartialEq, Eq)]
pub struct JsRef {
    handle: u32,
}

impl JsRef {
    /// Takes over one reference the caller already owns (e.g. a handle the
    /// loader passed in as an argument).
    ///
    /// # Safety
    /// `handle` must be a live handle whose reference is not owned elsewhere.
    pub unsafe fn from_raw(handle: u32) -> Self {
        JsRef { handle }
    }

    pub fn handle(&self) -> u32 {
        self.handle
    }

    /// Gives the reference up without releasing it.
    pub fn into_raw(self) -> u32 {
        let handle = self.handle;
        core::mem::forget(self);
        handle
    }
}

impl Clone for JsRef {
    fn clone(&self) -> Self {
        // SAFETY: `self` owns a reference, so the handle is live.
        unsafe { imports::incref(self.handle) };
        JsRef {
            handle: self.handle,
        }
    }
}

impl Drop for JsRef {
    fn drop(&mut self) {
        // SAFETY: `self` owns exactly this one reference.
        unsafe { imports::decref(self.handle) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(handle: u32) -> i64 {
        imports::JS_COUNTS.with(|c| c.borrow().get(&handle).copied().unwrap_or(0))
    }

    #[test]
    fn clone_and_drop_balance() {
        let a = unsafe { JsRef::from_raw(7) };
        let b = a.clone();
        let c = b.clone();
        assert_eq!(count(7), 2);
        drop(a);
        drop(b);
        assert_eq!(count(7), 0);
        assert_eq!(c.into_raw(), 7);
        assert_eq!(count(7), 0);
    }
}
