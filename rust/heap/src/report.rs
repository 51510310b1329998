//! Messages for the runtime's abort path in checked mode
//! (`heap corruption: …`), formatted without allocating: the heap cannot
//! use itself to say it is broken. (`operator new`'s out-of-memory text is
//! built by `cxx_api.rs` alone, so release builds carry none of this.)

const CAP: usize = 96;

/// A message of at most 96 bytes, built by appending; longer text is cut
/// at a character boundary.
pub struct Msg {
    buf: [u8; CAP],
    len: usize,
}

impl Msg {
    /// A message starting with `text`.
    pub fn new(text: &str) -> Self {
        let mut m = Msg {
            buf: [0; CAP],
            len: 0,
        };
        m.push(text);
        m
    }

    fn byte(&mut self, b: u8) {
        if self.len < CAP {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    /// Appends `text`, or as much of it as fits, whole characters only.
    #[inline(never)]
    pub fn push(&mut self, text: &str) -> &mut Self {
        let mut n = text.len().min(CAP - self.len);
        while !text.is_char_boundary(n) {
            n -= 1;
        }
        self.buf[self.len..self.len + n].copy_from_slice(&text.as_bytes()[..n]);
        self.len += n;
        self
    }

    /// Appends `0x` and 8 hex digits (more on 64-bit hosts when needed).
    #[inline(never)]
    pub fn hex(&mut self, v: usize) -> &mut Self {
        self.push("0x");
        let mut digits = 8;
        while digits < usize::BITS as usize / 4 && v >> (4 * digits) != 0 {
            digits += 1;
        }
        for i in (0..digits).rev() {
            self.byte(b"0123456789abcdef"[(v >> (4 * i)) & 15]);
        }
        self
    }

    /// Appends `v` in decimal. (Recursive: a loop here is unrolled into
    /// half a kilobyte of wasm.)
    #[inline(never)]
    pub fn dec(&mut self, v: usize) -> &mut Self {
        if v >= 10 {
            self.dec(v / 10);
        }
        self.byte(b'0' + (v % 10) as u8);
        self
    }

    /// The message so far.
    pub fn as_str(&self) -> &str {
        // SAFETY: only whole characters of `&str`s and ASCII were appended.
        unsafe { core::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }
}

#[cfg(test)]
mod tests {
    use super::Msg;

    #[test]
    fn formats_kind_and_address() {
        let mut m = Msg::new("heap corruption: ");
        m.push("double free of ").hex(0x12340);
        assert_eq!(m.as_str(), "heap corruption: double free of 0x00012340");
        assert_eq!(Msg::new("n=").dec(1048576).as_str(), "n=1048576");
        assert_eq!(Msg::new("").dec(0).as_str(), "0");
        let long = "é".repeat(60);
        assert_eq!(Msg::new(&long).as_str(), "é".repeat(48));
    }
}
