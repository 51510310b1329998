//! The wasm binary format, as far as weakbind's tools need it: function
//! types, imports (they shift function indices), the function section, the
//! exports and the custom sections. Every other section is skipped by its
//! size, so a module using any other feature still reads.
//!
//! Invariant: a [`Module`] that `parse` returns is consistent — every
//! function's type index names a type, and every function export names a
//! function — so lookups never fail halfway.

use crate::Error;

/// A wasm value type; reference types of every proposal are one kind here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValType {
    I32,
    I64,
    F32,
    F64,
    V128,
    Ref,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FuncType {
    pub params: Vec<ValType>,
    pub results: Vec<ValType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub name: String,
    pub kind: ExportKind,
    pub index: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Module {
    pub types: Vec<FuncType>,
    /// The type index of every function, imported ones first.
    pub funcs: Vec<u32>,
    pub exports: Vec<Export>,
    /// Custom sections in file order: (name, payload).
    pub custom: Vec<(String, Vec<u8>)>,
}

impl Module {
    pub fn parse(bytes: &[u8]) -> Result<Module, Error> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != b"\0asm" {
            return Err(Error::Wasm("not a wasm module (no \\0asm magic)".into()));
        }
        if r.take(4)? != [1, 0, 0, 0] {
            return Err(Error::Wasm(
                "unsupported wasm version (only 1 is read)".into(),
            ));
        }
        let mut module = Module::default();
        while r.pos < bytes.len() {
            let id = r.byte()?;
            let size = r.u32()? as usize;
            let body = r.take(size)?;
            let mut s = Reader {
                bytes: body,
                pos: 0,
            };
            match id {
                0 => {
                    let name = s.name()?;
                    module.custom.push((name, s.rest().to_vec()));
                }
                1 => module.read_types(&mut s)?,
                2 => module.read_imports(&mut s)?,
                3 => {
                    for _ in 0..s.count()? {
                        module.funcs.push(s.u32()?);
                    }
                }
                7 => module.read_exports(&mut s)?,
                _ => s.pos = body.len(),
            }
            if s.pos != body.len() {
                return Err(Error::Wasm(format!(
                    "section {id} is longer than its contents"
                )));
            }
        }
        module.check()?;
        Ok(module)
    }

    /// The type of the function exported as `name`, if it is a function export.
    pub fn func_export(&self, name: &str) -> Option<&FuncType> {
        let export = self
            .exports
            .iter()
            .find(|e| e.name == name && e.kind == ExportKind::Func)?;
        Some(&self.types[self.funcs[export.index as usize] as usize])
    }

    /// The payloads of every custom section called `name`, concatenated (as
    /// a linker would have merged them).
    pub fn custom_section(&self, name: &str) -> Option<Vec<u8>> {
        let mut found = self.custom.iter().filter(|(n, _)| n == name).peekable();
        found.peek()?;
        Some(
            found
                .flat_map(|(_, payload)| payload.iter().copied())
                .collect(),
        )
    }

    fn read_types(&mut self, r: &mut Reader) -> Result<(), Error> {
        for _ in 0..r.count()? {
            if r.byte()? != 0x60 {
                return Err(r.error("only function types are supported in the type section"));
            }
            let mut ty = FuncType::default();
            for _ in 0..r.count()? {
                ty.params.push(r.val_type()?);
            }
            for _ in 0..r.count()? {
                ty.results.push(r.val_type()?);
            }
            self.types.push(ty);
        }
        Ok(())
    }

    fn read_imports(&mut self, r: &mut Reader) -> Result<(), Error> {
        for _ in 0..r.count()? {
            r.name()?;
            r.name()?;
            match r.byte()? {
                0x00 => self.funcs.push(r.u32()?),
                0x01 => {
                    r.val_type()?;
                    r.limits()?;
                }
                0x02 => r.limits()?,
                0x03 => {
                    r.val_type()?;
                    r.byte()?;
                }
                0x04 => {
                    r.byte()?;
                    r.u32()?;
                }
                kind => return Err(r.error(&format!("unknown import kind {kind:#x}"))),
            }
        }
        Ok(())
    }

    fn read_exports(&mut self, r: &mut Reader) -> Result<(), Error> {
        for _ in 0..r.count()? {
            let name = r.name()?;
            let kind = match r.byte()? {
                0x00 => ExportKind::Func,
                0x01 => ExportKind::Table,
                0x02 => ExportKind::Memory,
                0x03 => ExportKind::Global,
                0x04 => ExportKind::Tag,
                kind => return Err(r.error(&format!("unknown export kind {kind:#x}"))),
            };
            let index = r.u32()?;
            self.exports.push(Export { name, kind, index });
        }
        Ok(())
    }

    fn check(&self) -> Result<(), Error> {
        if let Some(t) = self.funcs.iter().find(|&&t| t as usize >= self.types.len()) {
            return Err(Error::Wasm(format!(
                "a function has type index {t}, out of range"
            )));
        }
        let bad = self
            .exports
            .iter()
            .find(|e| e.kind == ExportKind::Func && e.index as usize >= self.funcs.len());
        if let Some(e) = bad {
            return Err(Error::Wasm(format!(
                "export '{}' names function {}, out of range",
                e.name, e.index
            )));
        }
        Ok(())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &str) -> Error {
        Error::Wasm(format!("{what} (at byte {} of a section)", self.pos))
    }

    fn byte(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.bytes.len() - self.pos {
            return Err(Error::Wasm(
                "unexpected end of the module (truncated?)".into(),
            ));
        }
        self.pos += n;
        Ok(&self.bytes[self.pos - n..self.pos])
    }

    fn rest(&mut self) -> &'a [u8] {
        let rest = &self.bytes[self.pos..];
        self.pos = self.bytes.len();
        rest
    }

    /// Unsigned LEB128 of at most `bits` bits.
    fn leb(&mut self, bits: u32) -> Result<u64, Error> {
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
    fn skip_s33(&mut self) -> Result<(), Error> {
        for _ in 0..5 {
            if self.byte()? & 0x80 == 0 {
                return Ok(());
            }
        }
        Err(self.error("integer too large"))
    }

    fn u32(&mut self) -> Result<u32, Error> {
        Ok(self.leb(32)? as u32)
    }

    /// A vector length; bounded by the bytes left, so a forged count cannot
    /// make a caller loop (or allocate) far past the end.
    fn count(&mut self) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.pos {
            return Err(Error::Wasm(
                "unexpected end of the module (truncated?)".into(),
            ));
        }
        Ok(n)
    }

    fn name(&mut self) -> Result<String, Error> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error("a name is not UTF-8"))
    }

    fn val_type(&mut self) -> Result<ValType, Error> {
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

    fn limits(&mut self) -> Result<(), Error> {
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
