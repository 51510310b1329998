//! `libweakbind.a`: the runtime for C and C++ links. A staticlib needs a
//! panic handler, which an rlib must not define (Rust crates that depend on
//! the runtime bring std's); it lives here and turns a panic into the
//! runtime's abort, so JS sees the panic message as an Error.
#![cfg_attr(target_arch = "wasm32", no_std)]

pub use weakbind;

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    use core::fmt::Write;

    struct Message {
        buf: [u8; 256],
        len: usize,
    }
    impl Write for Message {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            let n = s.len().min(self.buf.len() - self.len);
            self.buf[self.len..self.len + n].copy_from_slice(&s.as_bytes()[..n]);
            self.len += n;
            Ok(())
        }
    }
    let mut m = Message {
        buf: [0; 256],
        len: 0,
    };
    let _ = write!(m, "Rust panic: {}", info.message());
    if let Some(loc) = info.location() {
        let _ = write!(m, " at {}:{}", loc.file(), loc.line());
    }
    // SAFETY: the buffer holds `len` initialised bytes.
    unsafe { weakbind::abi::weakbind_abort(m.buf.as_ptr().cast(), m.len) }
}
