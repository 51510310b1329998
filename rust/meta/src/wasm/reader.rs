//! Reading the wasm encoding: a bounded cursor, and a module's (or an
//! object file's) sections. Shared by every weakbind tool that reads wasm
//! (weakbind-build reads object files' `linking` section with it).

use super::ValType;
use crate::Error;

/// The sections of a wasm module or object file, in file order: (id,
/// payload), each read when the iteration reaches it. The header must be
/// `\0asm` version 1; a section running past the end is an error.
pub fn sections(bytes: &[u8]) -> Result<Sections<'_>, Error> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != b"\0asm" {
        return Err(Error::Wasm("not a wasm module (no \\0asm magic)".into()));
    }
    if r.take(4)? != [1, 0, 0, 0] {
        return Err(Error::Wasm(
            "unsupported wasm version (only 1 is read)".into(),
        ));
    }
    Ok(Sections(r))
}

/// See [`sections`].
pub struct Sections<'a>(Reader<'a>);

impl<'a> Iterator for Sections<'a> {
    type Item = Result<(u8, &'a [u8]), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let r = &mut self.0;
        if r.done() {
            return None;
        }
        let section = (|| {
            let id = r.byte()?;
            let size = r.u32()? as usize;
            Ok((id, r.take(size)?))
        })();
        if section.is_err() {
            r.rest(); // one error ends the iteration
        }
        Some(section)
    }
}

/// A cursor over a section's bytes (or any run of wasm encoding), whose
/// reads fail at the end instead of reading past it.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Whether every byte has been read.
    pub fn done(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub(crate) fn error(&self, what: &str) -> Error {
        Error::Wasm(format!("{what} (at byte {} of a section)", self.pos))
    }

    pub fn byte(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.bytes.len() - self.pos {
            return Err(Error::Wasm(
                "unexpected end of the module (truncated?)".into(),
            ));
        }
        self.pos += n;
        Ok(&self.bytes[self.pos - n..self.pos])
    }

    pub fn rest(&mut self) -> &'a [u8] {
        let rest = &self.bytes[self.pos..];
        self.pos = self.bytes.len();
        rest
    }

    /// Unsigned LEB128 of at most `bits` bits.
    pub(crate) fn leb(&mut self, bits: u32) -> Result<u64, Error> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if shift >= bits || (shift + 7 > bits && u64::from(b & 0x7f) >> (bits - shift) != 0) {
                return Err(self.error("integer too large"));
            }
            value |= u64::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
    }

    /// A signed 33-bit LEB128 (a heap type), whose value is not needed.
    pub(crate) fn skip_s33(&mut self) -> Result<(), Error> {
        for _ in 0..5 {
            if self.byte()? & 0x80 == 0 {
                return Ok(());
            }
        }
        Err(self.error("integer too large"))
    }

    pub fn u32(&mut self) -> Result<u32, Error> {
        Ok(self.leb(32)? as u32)
    }

    /// A vector length; bounded by the bytes left, so a forged count cannot
    /// make a caller loop (or allocate) far past the end.
    pub fn count(&mut self) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.pos {
            return Err(Error::Wasm(
                "unexpected end of the module (truncated?)".into(),
            ));
        }
        Ok(n)
    }

    pub fn name(&mut self) -> Result<String, Error> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("a name is not UTF-8"))
    }

    pub(crate) fn val_type(&mut self) -> Result<ValType, Error> {
        Ok(match self.byte()? {
            0x7f => ValType::I32,
            0x7e => ValType::I64,
            0x7d => ValType::F32,
            0x7c => ValType::F64,
            0x7b => ValType::V128,
            // Abstract heap types in their one-byte shorthand (funcref,
            // externref and the GC proposal's).
            0x69..=0x74 => ValType::Ref,
            // (ref ht) / (ref null ht): a signed 33-bit heap type follows.
            0x63 | 0x64 => {
                self.skip_s33()?;
                ValType::Ref
            }
            b => return Err(self.error(&format!("unknown value type {b:#x}"))),
        })
    }

    pub(crate) fn limits(&mut self) -> Result<(), Error> {
        let flags = self.byte()?;
        if flags & !0x0f != 0 {
            return Err(self.error(&format!("unknown limits flags {flags:#x}")));
        }
        self.leb(64)?;
        if flags & 0x01 != 0 {
            self.leb(64)?;
        }
        if flags & 0x08 != 0 {
            self.u32()?; // custom page size (log2)
        }
        Ok(())
    }
}
