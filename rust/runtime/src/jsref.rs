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

    /// Gives the reference up without dropping it: the caller owns the handle.
    pub fn into_raw(self) -> u32 {
        let handle = self.handle;
        core::mem::forget(self);
        handle
    }

    /// Declares the value owned by the registered object at `owner`: kept
    /// alive from owner's JS wrapper while that is owner's only owner (see
    /// `weakbind_js_own`). Returns `self` for chaining.
    pub fn owned_by<T>(self, owner: *const T) -> Self {
        crate::abi::weakbind_js_own(self.handle, owner as *mut core::ffi::c_void);
        self
    }

    /// Calls the JS function this refers to. `Err(JsThrew)` when it threw;
    /// the exception itself reaches the JS caller of the outermost method.
    pub fn call(&self, args: &[JsArg]) -> Result<JsCallResult, JsThrew> {
        for arg in args {
            match *arg {
                JsArg::Number(x) => crate::abi::weakbind_js_arg_f64(x),
                // SAFETY: a &str is `len` readable bytes.
                JsArg::Str(s) => unsafe {
                    crate::abi::weakbind_js_arg_string(s.as_ptr().cast(), s.len())
                },
                JsArg::Value(v) => crate::abi::weakbind_js_arg_value(v.handle),
                JsArg::Object(p) => {
                    crate::abi::weakbind_js_arg_object(p);
                }
            }
        }
        match crate::abi::weakbind_js_call(self.handle) {
            0 => Ok(JsCallResult { _private: () }),
            _ => Err(JsThrew),
        }
    }
}

/// An argument of [`JsRef::call`].
#[derive(Debug, Clone, Copy)]
pub enum JsArg<'a> {
    Number(f64),
    Str(&'a str),
    Value(&'a JsRef),
    /// A registered wasm object; JS receives its wrapper.
    Object(*mut core::ffi::c_void),
}

/// The JS callee threw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsThrew;

/// What a JS call returned, read as the kind the caller expects.
#[derive(Debug)]
pub struct JsCallResult {
    _private: (),
}

impl JsCallResult {
    pub fn number(&self) -> f64 {
        crate::abi::weakbind_js_result_f64()
    }

    pub fn value(&self) -> JsRef {
        // SAFETY: the result handle is a new reference we now own.
        unsafe { JsRef::from_raw(crate::abi::weakbind_js_result_value()) }
    }

    pub fn string(&self) -> alloc::string::String {
        let block = crate::abi::weakbind_js_result_string() as *mut u8;
        if block.is_null() {
            return alloc::string::String::new();
        }
        // SAFETY: the loader wrote a block of u32 length + that many bytes,
        // allocated from this heap; we free it after copying.
        unsafe {
            let len = (block as *const u32).read_unaligned() as usize;
            let bytes = core::slice::from_raw_parts(block.add(4), len);
            let text = alloc::string::String::from_utf8_lossy(bytes).into_owned();
            crate::abi::weakbind_free(block.cast());
            text
        }
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
