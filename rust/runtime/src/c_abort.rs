//! C and C++ ways of giving up, with their words sent to JS: wasi-libc's
//! `abort()` and `assert` failure (`__assert_fail`) and libc++'s
//! `__libcpp_verbose_abort` (its hardening checks, and what libc++ throws in
//! a module built without exceptions: "out_of_range was thrown in
//! -fno-exceptions mode with message "vector""). wasi-libc's own versions
//! print to stderr and trap, so JS saw only `RuntimeError: unreachable`;
//! these end in the runtime's abort import, which the loader throws as a
//! WeakbindError carrying the text. The runtime comes before libc on the
//! link line, so these are the definitions the module gets.

use core::ffi::{c_char, c_int};

use crate::imports;

/// A message built without formatting machinery, in a fixed buffer.
struct Text {
    buf: [u8; 512],
    len: usize,
}

impl Text {
    fn new() -> Text {
        Text {
            buf: [0; 512],
            len: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        let n = bytes.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&bytes[..n]);
        self.len += n;
    }

    /// # Safety
    /// `s` is NULL or a NUL-terminated string.
    unsafe fn push_c(&mut self, s: *const c_char) {
        if s.is_null() {
            self.push(b"(null)");
            return;
        }
        self.push(core::ffi::CStr::from_ptr(s).to_bytes());
    }

    fn push_int(&mut self, v: i64) {
        if v < 0 {
            self.push(b"-");
        }
        let mut n = v.unsigned_abs();
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&digits[i..]);
    }

    fn send(&self) -> ! {
        // SAFETY: the buffer holds `len` initialised bytes.
        unsafe { imports::abort(self.buf.as_ptr(), self.len) }
    }
}

/// C `abort()`.
#[no_mangle]
pub extern "C" fn abort() -> ! {
    let mut t = Text::new();
    t.push(b"abort() called");
    t.send()
}

/// What a failed `assert(expr)` calls (wasi-libc's <assert.h>).
///
/// # Safety
/// The strings are NULL or NUL-terminated, as the macro passes them.
#[no_mangle]
pub unsafe extern "C" fn __assert_fail(
    expr: *const c_char,
    file: *const c_char,
    line: c_int,
    func: *const c_char,
) -> ! {
    let mut t = Text::new();
    t.push(b"Assertion failed: ");
    t.push_c(expr);
    t.push(b" (");
    t.push_c(file);
    t.push(b": ");
    t.push_c(func);
    t.push(b": ");
    t.push_int(i64::from(line));
    t.push(b")");
    t.send()
}

/// libc++'s `std::__libcpp_verbose_abort(const char *format, ...)` (its
/// Itanium name: Debian builds libc++ with ABI version 2, std::__2). On wasm32
/// the variadic arguments arrive as a pointer to them, laid out in memory
/// (each at least 4 bytes, 8-byte values 8-aligned), which is this
/// function's second parameter. libc++'s formats use `%s`, `%d`, `%u`,
/// `%zu` and `%%`; anything else is copied as written.
///
/// # Safety
/// `format` is NUL-terminated and `args` holds what it names.
#[export_name = "_ZNSt3__222__libcpp_verbose_abortEPKcz"]
pub unsafe extern "C" fn libcpp_verbose_abort(format: *const c_char, args: *const u8) -> ! {
    let mut t = Text::new();
    let mut next = args;
    let mut arg_u32 = || {
        let v = (next as *const u32).read_unaligned();
        next = next.add(4);
        v
    };
    let f = core::ffi::CStr::from_ptr(format).to_bytes();
    let mut i = 0;
    while i < f.len() {
        if f[i] != b'%' || i + 1 == f.len() {
            t.push(&f[i..i + 1]);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < f.len() && matches!(f[j], b'z' | b'l' | b'h') {
            j += 1;
        }
        match f.get(j) {
            Some(b's') => t.push_c(arg_u32() as usize as *const c_char),
            Some(b'd' | b'i') => t.push_int(i64::from(arg_u32() as i32)),
            Some(b'u') => t.push_int(i64::from(arg_u32())),
            Some(b'%') => t.push(b"%"),
            _ => {
                t.push(&f[i..(j + 1).min(f.len())]);
            }
        }
        i = j + 1;
    }
    t.send()
}
