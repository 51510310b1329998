//! The symbols a wasm object file defines, read from its `linking` section
//! (the tool-conventions "Linking" format, version 2): enough to know which
//! functions and data the C++ code marked `WEAKBIND_EXPORT` (default
//! visibility, when everything else is compiled with -fvisibility=hidden).

use std::fmt;

const WASM_MAGIC: &[u8; 8] = b"\0asm\x01\0\0\0";
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
    if bytes.len() < 8 || &bytes[..8] != WASM_MAGIC {
        return Err(ParseError("not a wasm object file".into()));
    }
    let mut r = Reader { bytes, at: 8 };
    while !r.done() {
        let id = r.byte()?;
        let size = r.uleb()? as usize;
        let end = r.at + size;
        if id == 0 {
            let name = r.name()?;
            if name == "linking" {
                return linking(&mut Reader {
                    bytes: &bytes[..end.min(bytes.len())],
                    at: r.at,
                });
            }
        }
        r.at = end;
    }
    Err(ParseError(
        "no linking section (not a relocatable object from clang -c)".into(),
    ))
}

fn linking(r: &mut Reader) -> Result<Vec<Symbol>, ParseError> {
    let version = r.uleb()?;
    if version != 2 {
        return Err(ParseError(format!(
            "linking section version {version}, expected 2"
        )));
    }
    while !r.done() {
        let kind = r.byte()?;
        let size = r.uleb()? as usize;
        let end = r.at + size;
        if kind == SUBSECTION_SYMBOL_TABLE {
            return symbol_table(r);
        }
        r.at = end;
    }
    Ok(Vec::new())
}

fn symbol_table(r: &mut Reader) -> Result<Vec<Symbol>, ParseError> {
    let count = r.uleb()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let kind = r.byte()?;
        let flags = r.uleb()?;
        match kind {
            KIND_FUNCTION | KIND_GLOBAL | KIND_EVENT | KIND_TABLE => {
                r.uleb()?; // index
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
                    r.uleb()?; // segment
                    r.uleb()?; // offset
                    r.uleb()?; // size
                }
                out.push(Symbol {
                    name,
                    function: false,
                    flags,
                });
            }
            KIND_SECTION => {
                r.uleb()?;
            }
            other => return Err(ParseError(format!("unknown symbol kind {other}"))),
        }
    }
    Ok(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn byte(&mut self) -> Result<u8, ParseError> {
        let b = *self.bytes.get(self.at).ok_or_else(truncated)?;
        self.at += 1;
        Ok(b)
    }

    fn uleb(&mut self) -> Result<u32, ParseError> {
        let mut value = 0u64;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| ParseError("LEB128 overflow".into()));
            }
        }
        Err(ParseError("LEB128 too long".into()))
    }

    fn name(&mut self) -> Result<String, ParseError> {
        let len = self.uleb()? as usize;
        let bytes = self
            .bytes
            .get(self.at..self.at + len)
            .ok_or_else(truncated)?;
        self.at += len;
        String::from_utf8(bytes.to_vec())
            .map_err(|_| ParseError("a symbol name is not UTF-8".into()))
    }
}

fn truncated() -> ParseError {
    ParseError("truncated".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_an_object() {
        assert!(symbols(b"not wasm").is_err());
        assert!(symbols(WASM_MAGIC).is_err());
    }
}
