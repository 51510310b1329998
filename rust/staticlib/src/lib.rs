//! `libweakbind.a`: the runtime for C and C++ links. A staticlib needs a
//! panic handler, which an rlib must not define (Rust crates that depend on
//! the runtime bring std's); it lives here and turns a panic into the
//! runtime's abort, so JS sees the panic message as an Error.
#![cfg_attr(target_arch = "wasm32", no_std)]

pub use weakbind;

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    // Built by hand, not with core::fmt: formatting machinery would more
    // than double the runtime's code size. Messages with arguments keep
    // their location and lose only the arguments.
    let mut m = Message {
        buf: [0; 256],
        len: 0,
    };
    m.push(b"Rust panic: ");
    m.push(
        info.message()
            .as_str()
            .unwrap_or("(message with arguments)")
            .as_bytes(),
    );
    if let Some(loc) = info.location() {
        m.push(b" at ");
        m.push(loc.file().as_bytes());
        m.push(b":");
        m.push_decimal(loc.line());
    }
    // SAFETY: the buffer holds `len` initialised bytes.
    unsafe { weakbind::abi::weakbind_abort(m.buf.as_ptr().cast(), m.len) }
}

#[cfg(target_arch = "wasm32")]
struct Message {
    buf: [u8; 256],
    len: usize,
}

#[cfg(target_arch = "wasm32")]
impl Message {
    fn push(&mut self, bytes: &[u8]) {
        let n = bytes.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&bytes[..n]);
        self.len += n;
    }

    fn push_decimal(&mut self, mut n: u32) {
        let mut digits = [0u8; 10];
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
}
