//! The wasm binary format, as far as weakbind's tools need it: function
//! types, imports (they shift function indices), the function section, the
//! exports and the custom sections. Every other section is skipped by its
//! size, so a module using any other feature still reads.
//!
//! Invariant: a [`Module`] that `parse` returns is consistent — every
//! function's type index names a type, and every function export names a
//! function — so lookups never fail halfway.

use crate::Error;

mod reader;
pub use reader::{sections, Reader, Sections};

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
        let mut module = Module::default();
        for section in sections(bytes)? {
            let (id, body) = section?;
            let mut s = Reader::new(body);
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
                _ => {
                    s.rest();
                }
            }
            if !s.done() {
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
