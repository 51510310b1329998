//! The symbols a wasm object file defines, read from its `linking` section
//! (the tool-conventions "Linking" format, version 2): enough to know which
//! functions and data the C++ code marked `WEAKBIND_EXPORT` (default
//! visibility, when everything else is compiled with -fvisibility=hidden).

use std::fmt;

use weakbind_meta::wasm::{sections, Reader};

const SUBSECTION_SYMBOL_TABLE: u8 = 8;

const KIND_FUNCTION: u8 = 0;
const KIND_DATA: u8 = 1;
const KIND_GLOBAL: u8 = 2;
const KIND_SECTION: u8 = 3;
const KIND_EVENT: u8 = 4;
const KIND_TABLE: u8 = 5;

const FLAG_WEAK: u32 = 0x1;
const FLAG_LOCAL: u32 = 0x2;
const FLAG_HIDDEN: u32 = 0x4;
const FLAG_UNDEFINED: u32 = 0x10;
const FLAG_EXPLICIT_NAME: u32 = 0x40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub function: bool,
    pub flags: u32,
}

impl Symbol {
    /// Defined here with default visibility, strong binding, a function or
    /// data: what `weakbind-config --exports` exports for Makefile builds.
    pub fn is_exported(&self) -> bool {
        self.flags & (FLAG_WEAK | FLAG_LOCAL | FLAG_HIDDEN | FLAG_UNDEFINED) == 0
    }
}

#[derive(Debug)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Function and data symbols of a relocatable wasm object.
pub fn symbols(bytes: &[u8]) -> Result<Vec<Symbol>, ParseError> {
    let sections = sections(bytes).map_err(|_| ParseError("not a wasm object file".into()))?;
    for section in sections {
        let (id, body) = section.map_err(malformed)?;
        if id == 0 {
            let mut r = Reader::new(body);
            if r.name().map_err(malformed)? == "linking" {
                return linking(&mut r);
            }
        }
    }
    Err(ParseError(
        "no linking section (not a relocatable object from clang -c)".into(),
    ))
}

fn linking(r: &mut Reader) -> Result<Vec<Symbol>, ParseError> {
    let version = r.u32().map_err(malformed)?;
    if version != 2 {
        return Err(ParseError(format!(
            "linking section version {version}, expected 2"
        )));
    }
    while !r.done() {
        let kind = r.byte().map_err(malformed)?;
        let size = r.u32().map_err(malformed)? as usize;
        let body = r.take(size).map_err(malformed)?;
        if kind == SUBSECTION_SYMBOL_TABLE {
            return symbol_table(&mut Reader::new(body)).map_err(malformed);
        }
    }
    Ok(Vec::new())
}

fn symbol_table(r: &mut Reader) -> Result<Vec<Symbol>, weakbind_meta::Error> {
    let count = r.u32()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let kind = r.byte()?;
        let flags = r.u32()?;
        match kind {
            KIND_FUNCTION | KIND_GLOBAL | KIND_EVENT | KIND_TABLE => {
                r.u32()?; // index
                if flags & FLAG_UNDEFINED == 0 || flags & FLAG_EXPLICIT_NAME != 0 {
                    let name = r.name()?;
                    if kind == KIND_FUNCTION {
                        out.push(Symbol {
                            name,
                            function: true,
                            flags,
                        });
                    }
                }
            }
            KIND_DATA => {
                let name = r.name()?;
                if flags & FLAG_UNDEFINED == 0 {
                    r.u32()?; // segment
                    r.u32()?; // offset
                    r.u32()?; // size
                }
                out.push(Symbol {
                    name,
                    function: false,
                    flags,
                });
            }
            KIND_SECTION => {
                r.u32()?;
            }
            other => {
                return Err(weakbind_meta::Error::Wasm(format!(
                    "unknown symbol kind {other}"
                )))
            }
        }
    }
    Ok(out)
}

/// A reader's error, as this module reports it.
fn malformed(e: weakbind_meta::Error) -> ParseError {
    ParseError(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_an_object() {
        assert!(symbols(b"not wasm").is_err());
        assert!(symbols(b"\0asm\x01\0\0\0").is_err());
    }
}
