//! Records of C++ classes JS extends (weakbind/interfaces.hpp): `virtual
//! CLASS NAME PARAMS RESULT FORM`, a virtual a JS subclass implements, in
//! the order C++ numbers them (FORM `pure`, or the export of C++'s
//! implementation, taking the object first, which `super.NAME()` calls), and
//! `extend CLASS EXPORT PARAMS`, the constructor a JS subclass's super()
//! calls, whose export takes the dispatcher's handle and the mask of
//! implemented virtuals before the parameters. Also the type `fn:R(P;P)`,
//! a JS function C++ calls (weakbind/callbacks.hpp), with the same words.

use super::types::Place;
use super::{name, Parser, RESERVED_MEMBERS};
use crate::model::{Ctor, Object, Ownership, Type, Virtual};

/// At most this many parameters in a `fn:` type (callbacks.hpp's tables).
const MAX_CALLBACK_PARAMS: usize = 6;

/// The words a virtual may use; `void` only as its result.
const VIRTUAL_WORDS: [(&str, Type); 10] = [
    ("void", Type::Void),
    ("i32", Type::I32),
    ("u32", Type::U32),
    ("f32", Type::F32),
    ("f64", Type::F64),
    ("bool", Type::Bool),
    ("i64", Type::I64),
    ("u64", Type::U64),
    ("string", Type::String),
    ("js", Type::Js),
];

/// The words of calls into JS that cross as a block or a number, besides
/// VIRTUAL_WORDS: by prefix (`enum:E`, `value:V`, `value:V[]`, `opt:T`,
/// `map:K:V`), and the arrays.
const CALL_BLOCK_PREFIXES: [&str; 4] = ["enum:", "value:", "opt:", "map:"];
const CALL_BLOCK_ARRAYS: [&str; 6] = ["f64[]", "f32[]", "i32[]", "u32[]", "bytes", "string[]"];

/// A class's virtuals fit the mask the constructor export takes (a u32).
const MAX_VIRTUALS: usize = 32;

impl Parser<'_> {
    pub(super) fn virtual_record(&mut self, class: usize, f: &[&str]) -> Result<(), String> {
        name(f[2], &RESERVED_MEMBERS)?;
        let params = if f[3] == "-" {
            Vec::new()
        } else {
            f[3].split(',')
                .map(|t| self.word(t, Place::Param, "a virtual"))
                .collect::<Result<_, _>>()?
        };
        let result = self.word(f[4], Place::Result, "a virtual")?;
        let base = match f[5] {
            "pure" => None,
            export => {
                self.export(export, 1, &params)?;
                Some(export.to_string())
            }
        };
        self.key(format!("virtual {} {}", f[1], f[2]))
            .map_err(|()| format!("duplicate virtual '{}' of class '{}'", f[2], f[1]))?;
        let c = &mut self.classes[class];
        if c.virtuals.len() == MAX_VIRTUALS {
            return Err(format!(
                "more than {MAX_VIRTUALS} virtuals in class '{}'",
                f[1]
            ));
        }
        c.virtuals.push(Virtual {
            name: f[2].into(),
            params,
            result,
            pure: base.is_none(),
            base,
        });
        Ok(())
    }

    pub(super) fn extend_record(&mut self, class: usize, f: &[&str]) -> Result<(), String> {
        let params = self.params(f[3])?;
        self.export(f[2], 2, &params)?;
        self.key(format!("extend {} {}", f[1], params.len()))
            .map_err(|()| {
                format!(
                    "duplicate extend constructor of arity {} for class '{}'",
                    params.len(),
                    f[1]
                )
            })?;
        self.classes[class].extends.push(Ctor {
            export: f[2].into(),
            params,
        });
        Ok(())
    }

    /// `fn:R(P;P)` in `place`: a parameter only.
    pub(super) fn callback(&self, text: &str, place: Place) -> Result<Type, String> {
        let unknown = || format!("unknown type '{text}'");
        let rest = text.strip_prefix("fn:").ok_or_else(unknown)?;
        let (result, inner) = rest
            .strip_suffix(')')
            .and_then(|r| r.split_once('('))
            .ok_or_else(unknown)?;
        if result.contains([')', ';']) || inner.contains(['(', ')']) {
            return Err(unknown());
        }
        let result = self.word(result, Place::Result, "a callback")?;
        let params: Vec<Type> = if inner.is_empty() {
            Vec::new()
        } else {
            inner
                .split(';')
                .map(|w| self.word(w, Place::Param, "a callback"))
                .collect::<Result<_, _>>()?
        };
        if params.len() > MAX_CALLBACK_PARAMS {
            return Err(format!(
                "a callback takes at most {MAX_CALLBACK_PARAMS} parameters, got {}",
                params.len()
            ));
        }
        if place != Place::Param {
            return Err(format!(
                "type '{text}' is not allowed as {}",
                place.describe()
            ));
        }
        Ok(Type::Callback {
            result: Box::new(result),
            params,
        })
    }

    /// A word of a call C++ makes into JS (`what`: a callback's, a
    /// virtual's): one of VIRTUAL_WORDS, or a declared class (borrowed).
    /// As a result, a declared class (`C`, or `C?`: null allowed) is an
    /// object JS returns and keeps owning (C++ borrows it); `ref:C` (and
    /// `ref:C?`, `ref:C[]`, `ref:C?[]`) one wasm becomes an owner of, so
    /// it must be an object the registry knows (Rust's `Retained<C>`).
    fn word(&self, text: &str, place: Place, what: &str) -> Result<Type, String> {
        if text.starts_with("view:") {
            if place != Place::Param {
                return Err(format!(
                    "type '{text}' is not allowed in {what} as a result"
                ));
            }
            return super::types::view(text, place, Place::Param);
        }
        // Words that cross as a block or an enum's number
        // (weakbind/call_blocks.hpp), as for an export.
        if CALL_BLOCK_PREFIXES.iter().any(|p| text.starts_with(p))
            || CALL_BLOCK_ARRAYS.contains(&text)
            || text
                .strip_suffix("[]")
                .is_some_and(super::types::is_element_word)
        {
            return self.ty(text, Place::Param);
        }
        // `ref:` only on results: wasm becomes an owner.
        let (ownership, text) = match text.strip_prefix("ref:") {
            Some(rest) if place != Place::Param => (Ownership::Ref, rest),
            _ => (Ownership::Borrowed, text),
        };
        // An Array of objects (`C[]`; `C?[]` allows null), both ways:
        // borrowed, as one object is.
        if let Some(element) = text.strip_suffix("[]") {
            let class = element.strip_suffix('?').unwrap_or(element);
            if self.index.contains_key(class) {
                return Ok(Type::List(Box::new(Type::Object(Object {
                    class: class.into(),
                    nullable: class != element,
                    ownership,
                }))));
            }
        }
        let (class, nullable) = match text.strip_suffix('?') {
            Some(c) if place != Place::Param => (c, true),
            _ => (text, false),
        };
        if self.index.contains_key(class) {
            return Ok(Type::Object(Object {
                class: class.into(),
                nullable,
                ownership,
            }));
        }
        if ownership == Ownership::Ref {
            return Err(format!("undeclared class '{class}'"));
        }
        word(text, place, what)
    }
}

fn word(text: &str, place: Place, what: &str) -> Result<Type, String> {
    match VIRTUAL_WORDS.iter().find(|(w, _)| *w == text) {
        Some((_, Type::Void)) if place == Place::Param => {}
        Some((_, ty)) => return Ok(ty.clone()),
        None => {}
    }
    let place = if place == Place::Param {
        "a parameter"
    } else {
        "a result"
    };
    Err(format!("type '{text}' is not allowed in {what} as {place}"))
}
