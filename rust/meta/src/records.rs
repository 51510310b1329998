//! The `weakbind` custom section, format version 1 (docs/ARCHITECTURE.md,
//! "Metadata"), parsed and validated into [`Class`]es.
//!
//! The loader's JS parser must accept and refuse the same sections with the
//! same messages, so the order of the checks is part of the format:
//!
//! 1. The section, if not empty, ends with NUL; else `truncated`.
//! 2. Every record is UTF-8.
//! 3. The declared classes are collected: field 2 of every `class` record
//!    (the first such record of a name gives its base).
//! 4. Records are checked in section order; a record that repeats an
//!    earlier one byte for byte is skipped (headers may emit a record from
//!    every translation unit). Within a record: kind, field count, then its
//!    fields left to right (class, name, types, export, wasm parameter
//!    count), then duplicates.
//! 5. At least one `weakbind 1` record exists.
//!
//! The first failure is the error; its message names the record.

use std::collections::{HashMap, HashSet};

mod module;
mod names;
mod types;
mod values;
mod virtuals;

use crate::model::{
    Accessor, Class, Ctor, Enum, Function, Method, ParamNames, Property, Source, Value,
};
use crate::Error;
use types::Place;

/// What the module exports, as far as the records need it.
pub trait Exports {
    /// The wasm parameter count of the function exported as `name`; None
    /// when there is no such function export.
    fn param_count(&self, name: &str) -> Option<usize>;
}

impl Exports for HashMap<String, usize> {
    fn param_count(&self, name: &str) -> Option<usize> {
        self.get(name).copied()
    }
}

impl Exports for crate::wasm::Module {
    fn param_count(&self, name: &str) -> Option<usize> {
        self.func_export(name).map(|t| t.params.len())
    }
}

const VERSION: &str = "1";

/// Each record kind and its fields, for field-count errors.
const USAGE: [(&str, &str); 14] = [
    ("weakbind", "weakbind VERSION"),
    ("class", "class NAME [BASE]"),
    ("ctor", "ctor CLASS EXPORT PARAMS"),
    ("dtor", "dtor CLASS EXPORT"),
    ("method", "method CLASS NAME EXPORT PARAMS RESULT"),
    ("static", "static CLASS NAME EXPORT PARAMS RESULT"),
    ("getter", "getter CLASS NAME EXPORT TYPE"),
    ("setter", "setter CLASS NAME EXPORT TYPE"),
    ("function", "function NAME EXPORT PARAMS RESULT"),
    ("enum", "enum NAME EXPORT NAMES [strings]"),
    ("virtual", "virtual CLASS NAME PARAMS RESULT FORM"),
    ("extend", "extend CLASS EXPORT PARAMS"),
    ("value", "value NAME FIELDS"),
    ("params", "params CLASS MEMBER NAMES"),
];

/// Member names the wrapper or its class already uses.
const RESERVED_MEMBERS: [&str; 2] = ["constructor", "dispose"];
const RESERVED_STATICS: [&str; 1] = ["prototype"];

/// What a section describes.
#[derive(Debug, Default)]
pub struct Records {
    pub classes: Vec<Class>,
    pub functions: Vec<Function>,
    pub enums: Vec<Enum>,
    pub values: Vec<Value>,
    /// Parameter names (`params` records), in record order.
    pub param_names: Vec<ParamNames>,
}

/// Parses a whole `weakbind` section (all pieces concatenated): its classes.
pub fn parse(section: &[u8], exports: &dyn Exports) -> Result<Vec<Class>, Error> {
    parse_module(section, exports).map(|r| r.classes)
}

/// Parses a whole section: classes, free functions and enums.
pub fn parse_module(section: &[u8], exports: &dyn Exports) -> Result<Records, Error> {
    let texts = split(section)?;

    // Step 3: the declared classes, in declaration order, each with the base
    // its first `class` record gives; and the declared enums.
    let mut declared: Vec<Class> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut enum_names: HashSet<&str> = HashSet::new();
    let mut value_fields: HashMap<&str, &str> = HashMap::new();
    for text in &texts {
        let fields: Vec<&str> = text.split(' ').collect();
        if fields[0] == "enum" && fields.len() >= 2 {
            enum_names.insert(fields[1]);
        }
        if fields[0] == "value" && fields.len() >= 2 {
            value_fields
                .entry(fields[1])
                .or_insert(fields.get(2).copied().unwrap_or(""));
        }
        if fields[0] == "class" && fields.len() >= 2 && !index.contains_key(fields[1]) {
            index.insert(fields[1], declared.len());
            declared.push(Class::new(
                fields[1],
                fields.get(2).copied(),
                Source::Metadata,
            ));
        }
    }

    let mut p = Parser {
        exports,
        index,
        enum_names,
        value_fields,
        classes: declared,
        functions: Vec::new(),
        enums: Vec::new(),
        values: Vec::new(),
        param_names: Vec::new(),
        defined: HashSet::new(),
        keys: HashSet::new(),
    };
    let mut seen: HashSet<&str> = HashSet::new();
    let mut version = false;
    for text in &texts {
        if seen.insert(text) {
            version |= p.record(text)?;
        }
    }
    if !version {
        return Err(Error::Metadata {
            problem: format!("no version record ('weakbind {VERSION}')"),
            record: None,
        });
    }
    Ok(Records {
        classes: p.classes,
        functions: p.functions,
        enums: p.enums,
        values: p.values,
        param_names: p.param_names,
    })
}

/// Steps 1 and 2: the section as a list of non-empty UTF-8 records.
fn split(section: &[u8]) -> Result<Vec<&str>, Error> {
    let Some(body) = section
        .strip_suffix(b"\0")
        .or(section.is_empty().then_some(section))
    else {
        let tail = section.rsplit(|&b| b == 0).next().unwrap_or(section);
        return Err(Error::record(
            "truncated (no final NUL)",
            &String::from_utf8_lossy(tail),
        ));
    };
    let mut texts = Vec::new();
    for bytes in body.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        match std::str::from_utf8(bytes) {
            Ok(text) => texts.push(text),
            Err(_) => {
                return Err(Error::record(
                    "invalid UTF-8",
                    &String::from_utf8_lossy(bytes),
                ))
            }
        }
    }
    Ok(texts)
}

struct Parser<'a> {
    exports: &'a dyn Exports,
    index: HashMap<&'a str, usize>,
    /// Every name an `enum` record declares (step 3).
    enum_names: HashSet<&'a str>,
    /// Every value an `value` record declares, with its first FIELDS (step 3).
    value_fields: HashMap<&'a str, &'a str>,
    classes: Vec<Class>,
    functions: Vec<Function>,
    enums: Vec<Enum>,
    values: Vec<Value>,
    param_names: Vec<ParamNames>,
    /// Classes whose `class` record has been checked.
    defined: HashSet<String>,
    /// What the member records define so far, for duplicates.
    keys: HashSet<String>,
}

impl<'a> Parser<'a> {
    /// Checks one record and adds it to the model; true for a version record.
    fn record(&mut self, text: &'a str) -> Result<bool, Error> {
        let fail = |problem: String| Error::record(problem, text);
        let f: Vec<&str> = text.split(' ').collect();
        let Some(&(kind, usage)) = USAGE.iter().find(|(k, _)| *k == f[0]) else {
            return Err(fail(format!("unknown record kind '{}'", f[0])));
        };
        let arity_ok = match kind {
            "weakbind" => f.len() == 2,
            "class" => f.len() == 2 || f.len() == 3,
            "ctor" | "extend" => f.len() == 4,
            "dtor" => f.len() == 3,
            "getter" | "setter" | "function" => f.len() == 5,
            "enum" => f.len() == 4 || f.len() == 5,
            "value" => f.len() == 3,
            "params" => f.len() == 4,
            _ => f.len() == 6,
        };
        if !arity_ok || f.contains(&"") {
            return Err(fail(format!("expected '{usage}'")));
        }
        if kind == "weakbind" {
            if f[1] != VERSION {
                return Err(fail(format!("unknown version '{}'", f[1])));
            }
            return Ok(true);
        }
        if kind == "class" {
            self.class(&f).map_err(&fail)?;
            return Ok(false);
        }
        if kind == "function" {
            self.function(&f).map_err(&fail)?;
            return Ok(false);
        }
        if kind == "enum" {
            self.enumeration(&f).map_err(&fail)?;
            return Ok(false);
        }
        if kind == "value" {
            self.value(&f).map_err(&fail)?;
            return Ok(false);
        }
        if kind == "params" {
            self.param_names(&f).map_err(&fail)?;
            return Ok(false);
        }

        let class = self.class_index(f[1]).map_err(&fail)?;
        match kind {
            "virtual" => self.virtual_record(class, &f).map_err(&fail)?,
            "extend" => self.extend_record(class, &f).map_err(&fail)?,
            "ctor" => {
                let params = self.params(f[3]).map_err(&fail)?;
                self.export(f[2], 0, &params).map_err(&fail)?;
                self.key(format!("ctor {} {}", f[1], params.len()))
                    .map_err(|()| {
                        fail(format!(
                            "duplicate constructor of arity {} for class '{}'",
                            params.len(),
                            f[1]
                        ))
                    })?;
                self.classes[class].ctors.push(Ctor {
                    export: f[2].into(),
                    params,
                });
            }
            "dtor" => {
                self.export(f[2], 1, &[]).map_err(&fail)?;
                self.key(format!("dtor {}", f[1]))
                    .map_err(|()| fail(format!("duplicate destructor for class '{}'", f[1])))?;
                self.classes[class].dtor = Some(f[2].into());
            }
            "method" | "static" => {
                let reserved: &[&str] = if kind == "method" {
                    &RESERVED_MEMBERS
                } else {
                    &RESERVED_STATICS
                };
                name(f[2], reserved).map_err(&fail)?;
                let params = self.params(f[4]).map_err(&fail)?;
                let result = self.ty(f[5], Place::Result).map_err(&fail)?;
                let this = usize::from(kind == "method");
                self.export(f[3], this, &params).map_err(&fail)?;
                // One record per arity (overloads by arity); a method's
                // name must not be a property's.
                let what = if kind == "method" { "member" } else { "static" };
                let duplicate = || fail(format!("duplicate {what} '{}' of class '{}'", f[2], f[1]));
                self.key(format!("{what} {} {} {}", f[1], f[2], params.len()))
                    .map_err(|()| duplicate())?;
                if kind == "method" {
                    let member = format!("member {} {}", f[1], f[2]);
                    let method = format!("method {} {}", f[1], f[2]);
                    if self.keys.contains(&member) && !self.keys.contains(&method) {
                        return Err(duplicate());
                    }
                    self.keys.insert(member);
                    self.keys.insert(method);
                }
                let method = Method {
                    name: f[2].into(),
                    export: f[3].into(),
                    params,
                    result,
                };
                let c = &mut self.classes[class];
                if kind == "method" {
                    &mut c.methods
                } else {
                    &mut c.statics
                }
                .push(method);
            }
            _ => {
                // getter / setter
                name(f[2], &RESERVED_MEMBERS).map_err(&fail)?;
                let getter = kind == "getter";
                let ty = self
                    .ty(f[4], if getter { Place::Getter } else { Place::Setter })
                    .map_err(&fail)?;
                self.export(
                    f[3],
                    1,
                    if getter {
                        &[]
                    } else {
                        std::slice::from_ref(&ty)
                    },
                )
                .map_err(&fail)?;
                // A getter and a setter of one name make one property; a
                // method of that name, or a second getter, is a duplicate.
                let other = if getter { "setter" } else { "getter" };
                let is_pair = self.keys.contains(&format!("{other} {} {}", f[1], f[2]));
                let duplicate = || fail(format!("duplicate member '{}' of class '{}'", f[2], f[1]));
                self.key(format!("{kind} {} {}", f[1], f[2]))
                    .map_err(|()| duplicate())?;
                if !is_pair {
                    self.key(format!("member {} {}", f[1], f[2]))
                        .map_err(|()| duplicate())?;
                }
                let accessor = Accessor {
                    export: f[3].into(),
                    ty,
                };
                let c = &mut self.classes[class];
                let property = match c.properties.iter_mut().find(|p| p.name == f[2]) {
                    Some(p) => p,
                    None => {
                        c.properties.push(Property {
                            name: f[2].into(),
                            getter: None,
                            setter: None,
                        });
                        c.properties.last_mut().unwrap()
                    }
                };
                *if getter {
                    &mut property.getter
                } else {
                    &mut property.setter
                } = Some(accessor);
            }
        }
        Ok(false)
    }

    /// `class NAME [BASE]`.
    fn class(&mut self, f: &[&str]) -> Result<(), String> {
        let name = f[1];
        if !is_class_name(name) {
            return Err(format!("invalid class name '{name}'"));
        }
        let base = f.get(2).copied();
        if let Some(base) = base {
            self.class_index(base)?;
            // Follow the bases the classes were declared with; coming back
            // to `name` is a cycle. At most one step per class.
            let mut at = Some(base);
            for _ in 0..=self.classes.len() {
                match at {
                    Some(b) if b == name => {
                        return Err(format!("inheritance cycle through class '{name}'"))
                    }
                    Some(b) => {
                        at = self
                            .index
                            .get(b)
                            .and_then(|&i| self.classes[i].base.as_deref())
                    }
                    None => break,
                }
            }
        }
        // A second `class` record of a name (one not repeating the first
        // byte for byte) is a conflict.
        if !self.defined.insert(name.to_string()) {
            return Err(format!("duplicate class '{name}'"));
        }
        Ok(())
    }

    fn class_index(&self, name: &str) -> Result<usize, String> {
        self.index
            .get(name)
            .copied()
            .ok_or_else(|| format!("undeclared class '{name}'"))
    }

    fn key(&mut self, key: String) -> Result<(), ()> {
        if self.keys.insert(key) {
            Ok(())
        } else {
            Err(())
        }
    }
}

/// A member name: an identifier the wrapper does not already use.
fn name(name: &str, reserved: &[&str]) -> Result<(), String> {
    if !is_identifier(name) {
        return Err(format!("invalid name '{name}'"));
    }
    if reserved.contains(&name) {
        return Err(format!("reserved name '{name}'"));
    }
    Ok(())
}

/// `[A-Za-z_][A-Za-z0-9_]*`
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A class name: a letter, then letters, digits and single underscores
/// (the naming convention's exports `_Class__member` start with `_` and
/// split at the first `__`). The loader and `export!` hold the same rule.
pub fn is_class_name(s: &str) -> bool {
    is_identifier(s) && s.starts_with(|c: char| c.is_ascii_alphabetic()) && !s.contains("__")
}
