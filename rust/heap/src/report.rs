//! Messages for the runtime's abort path (`out of memory: …`,
//! `heap corruption: …`), formatted without allocating: the heap cannot
//! use itself to say it is broken.

/// A message with an address, formatted without allocating.
pub struct Msg {
    buf: [u8; 96],
    len: usize,
}

impl Msg {
    /// A message starting with `text`.
    pub fn new(text: &str) -> Self {
        let mut m = Msg {
            buf: [0; 96],
            len: 0,
        };
        m.push(text);
        m
    }
    /// Appends `text`, truncating at the buffer's end.
    pub fn push(&mut self, text: &str) -> &mut Self {
        for &b in text.as_bytes() {
            if self.len < self.buf.len() {
                self.buf[self.len] = b;
                self.len += 1;
            }
        }
        self
    }
    /// Appends `0x` and 8 hex digits (more on 64-bit hosts when needed).
    pub fn hex(&mut self, v: usize) -> &mut Self {
        self.push("0x");
        let digits = if v >> 31 >> 1 == 0 {
            8
        } else {
            (usize::BITS as usize - v.leading_zeros() as usize).div_ceil(4)
        };
        for i in (0..digits).rev() {
            let d = (v >> (4 * i)) & 15;
            let ch = b"0123456789abcdef"[d];
            self.push(core::str::from_utf8(&[ch]).unwrap_or("?"));
        }
        self
    }
    /// Appends `v` in decimal.
    pub fn dec(&mut self, v: usize) -> &mut Self {
        let mut digits = [0u8; 20];
        let mut n = 0;
        let mut v = v;
        loop {
            digits[n] = b'0' + (v % 10) as u8;
            n += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        while n > 0 {
            n -= 1;
            self.push(core::str::from_utf8(&digits[n..n + 1]).unwrap_or("?"));
        }
        self
    }
    /// The message so far.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("heap corruption")
    }
}
