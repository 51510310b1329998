//! For modules built with std (a Rust cdylib): std's panic handler prints to
//! a stderr that goes nowhere and aborts with `unreachable`, so JS would see
//! a bare RuntimeError. The loader calls `weakbind_init` once after
//! instantiation to install a hook that keeps the formatted message; when
//! the abort's trap reaches the loader, it asks for the message
//! (`weakbind_take_panic`) and throws an Error carrying it.
//!
//! The hook returns normally instead of throwing: std counts a panic whose
//! hook never finished as "panicking inside the hook" and would abort every
//! later panic before reaching the hook. (C++ modules get the message from
//! libweakbind.a's panic handler instead.)

use core::cell::UnsafeCell;
use core::ffi::c_char;
use std::io::Write;

struct Message {
    buf: [u8; 512],
    pending: bool,
}

struct Cell(UnsafeCell<Message>);
// SAFETY: single-threaded runtime.
unsafe impl Sync for Cell {}

static LAST: Cell = Cell(UnsafeCell::new(Message {
    buf: [0; 512],
    pending: false,
}));

#[no_mangle]
pub extern "C" fn weakbind_init() {
    std::panic::set_hook(std::boxed::Box::new(|info| {
        // SAFETY: single-threaded; nothing else borrows LAST meanwhile.
        let last = unsafe { &mut *LAST.0.get() };
        let capacity = last.buf.len() - 1; // room for the NUL
        let mut cursor = std::io::Cursor::new(&mut last.buf[..capacity]);
        let _ = write!(cursor, "Rust panic: {info}");
        let len = cursor.position() as usize;
        last.buf[len] = 0;
        last.pending = true;
    }));
}

/// The message of the panic that just trapped (NUL-terminated), once; NULL
/// if there is none.
#[no_mangle]
pub extern "C" fn weakbind_take_panic() -> *const c_char {
    // SAFETY: single-threaded; nothing else borrows LAST meanwhile.
    let last = unsafe { &mut *LAST.0.get() };
    if !last.pending {
        return core::ptr::null();
    }
    last.pending = false;
    last.buf.as_ptr().cast()
}
