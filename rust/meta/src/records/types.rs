//! Types in records: the type words, where each may stand, and the
//! export a record names with its wasm parameter count.

use super::Parser;
use crate::model::{Element, Object, Ownership, Type};

/// Where a type appears: the format allows different types in each place.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Place {
    Param,
    Result,
    /// A property's type: a result for the getter, a parameter for the setter.
    Getter,
    Setter,
    /// A value's field: scalars, bool, string, enums, values, arrays,
    /// maps and optionals.
    Field,
    /// An optional's type (`opt:T`): what a field may be but `opt:T`.
    Optional,
    /// An Array's element (`string[]`, `f64[][]`, `enum:E[]`, `value:V[]`, …).
    Element,
}

impl Place {
    pub(super) fn describe(self) -> &'static str {
        match self {
            Place::Param => "a parameter",
            Place::Result => "a result",
            Place::Getter => "a getter's type",
            Place::Setter => "a setter's type",
            Place::Field => "a value's field",
            Place::Optional => "an optional's type",
            Place::Element => "an array's element",
        }
    }
}

impl Parser<'_> {
    /// `PARAMS`: `-`, or types separated by commas.
    pub(super) fn params(&self, field: &str) -> Result<Vec<Type>, String> {
        if field == "-" {
            return Ok(Vec::new());
        }
        field.split(',').map(|t| self.ty(t, Place::Param)).collect()
    }

    pub(super) fn ty(&self, text: &str, place: Place) -> Result<Type, String> {
        let ty = match text {
            "void" => Type::Void,
            "i32" => Type::I32,
            "u32" => Type::U32,
            "bool" => Type::Bool,
            "f32" => Type::F32,
            "f64" => Type::F64,
            "i64" => Type::I64,
            "u64" => Type::U64,
            "string" => Type::String,
            "bytes" => Type::Bytes,
            "js" => Type::Js,
            "f64[]" => Type::Array(Element::F64),
            "f32[]" => Type::Array(Element::F32),
            "i32[]" => Type::Array(Element::I32),
            "u32[]" => Type::Array(Element::U32),
            _ if text.starts_with("fn:") => return self.callback(text, place),
            _ if text.starts_with("map:") => return self.map(text, place),
            _ if text.starts_with("view:") => return view(text, place, Place::Result),
            // An Array of objects: borrowed in, owned or ref out; `C?[]`
            // (and `own:C?[]`, `ref:C?[]`) allows null elements.
            _ if text.strip_suffix("[]").is_some_and(|inner| {
                let class = inner
                    .strip_prefix("own:")
                    .or_else(|| inner.strip_prefix("ref:"))
                    .unwrap_or(inner);
                let class = class.strip_suffix('?').unwrap_or(class);
                self.index.contains_key(class)
            }) =>
            {
                if matches!(place, Place::Field | Place::Optional | Place::Element) {
                    return Err(format!(
                        "type '{text}' is not allowed as {}",
                        place.describe()
                    ));
                }
                Type::List(Box::new(self.ty(&text[..text.len() - 2], place)?))
            }
            // An Array of strings, numeric arrays, enums, values or Arrays
            // of those (a numeric array itself is above, and `opt:T[]` an
            // optional Array); a field or an optional may be one.
            _ if !text.starts_with("opt:")
                && text.strip_suffix("[]").is_some_and(is_element_word) =>
            {
                Type::List(Box::new(self.ty(&text[..text.len() - 2], Place::Element)?))
            }
            _ if text.starts_with("enum:") => {
                let name = &text[5..];
                if !self.enum_names.contains(name) {
                    return Err(format!("undeclared enum '{name}'"));
                }
                Type::Enum(name.into())
            }
            // A field may be optional; an optional may not.
            _ if text.starts_with("opt:") => {
                if place == Place::Optional {
                    return Err(format!(
                        "type '{text}' is not allowed as {}",
                        place.describe()
                    ));
                }
                Type::Optional(Box::new(self.ty(&text[4..], Place::Optional)?))
            }
            _ if text.starts_with("value:") => {
                let name = &text[6..];
                if !self.value_fields.contains_key(name) {
                    return Err(format!("undeclared value '{name}'"));
                }
                Type::Value(name.into())
            }
            _ => {
                let (ownership, rest) = match text.split_once(':') {
                    Some(("own", rest)) => (Ownership::Owned, rest),
                    Some(("ref", rest)) => (Ownership::Ref, rest),
                    _ => (Ownership::Borrowed, text),
                };
                let (class, nullable) = match rest.strip_suffix('?') {
                    Some(class) => (class, true),
                    None => (rest, false),
                };
                if !self.index.contains_key(class) {
                    if ownership == Ownership::Borrowed {
                        return Err(format!("unknown type '{text}'"));
                    }
                    return Err(format!("undeclared class '{class}'"));
                }
                Type::Object(Object {
                    class: class.into(),
                    nullable,
                    ownership,
                })
            }
        };
        let allowed = match (&ty, place) {
            (_, Place::Element) => matches!(
                ty,
                Type::String
                    | Type::Bytes
                    | Type::Array(_)
                    | Type::Enum(_)
                    | Type::Value(_)
                    | Type::List(_)
            ),
            (_, Place::Field | Place::Optional) => matches!(
                ty,
                Type::I32
                    | Type::U32
                    | Type::F32
                    | Type::F64
                    | Type::Bool
                    | Type::I64
                    | Type::U64
                    | Type::String
                    | Type::Bytes
                    | Type::Array(_)
                    | Type::Enum(_)
                    | Type::Value(_)
                    | Type::List(_)
                    | Type::Optional(_)
            ),
            (Type::Void, Place::Result) => true,
            (Type::Void, _) => false,
            (Type::Object(o), Place::Param | Place::Setter) => o.ownership == Ownership::Borrowed,
            (Type::Object(o), Place::Result | Place::Getter) => o.ownership != Ownership::Borrowed,
            _ => true,
        };
        if !allowed {
            return Err(format!(
                "type '{text}' is not allowed as {}",
                place.describe()
            ));
        }
        Ok(ty)
    }

    /// `map:K:V`: a JS Map (weakbind/maps.hpp), K a key word, V a field's.
    fn map(&self, text: &str, place: Place) -> Result<Type, String> {
        let Some((key, value)) = text[4..].split_once(':') else {
            return Err(format!("unknown type '{text}'"));
        };
        let key = match key {
            "string" => Type::String,
            "i32" => Type::I32,
            "u32" => Type::U32,
            "f64" => Type::F64,
            _ => {
                return Err(format!(
                    "type '{text}' has key '{key}': a map's key is string, i32, u32 or f64"
                ))
            }
        };
        // Anywhere but an array's element.
        if place == Place::Element {
            return Err(format!(
                "type '{text}' is not allowed as {}",
                place.describe()
            ));
        }
        let value_text = value;
        let value = self.ty(value, Place::Field)?;
        // A map's value is a field's type, but an optional: an entry is
        // there or not.
        if matches!(value, Type::Optional(_)) {
            return Err(format!(
                "type '{value_text}' is not allowed as a map's value"
            ));
        }
        Ok(Type::Map(Box::new(key), Box::new(value)))
    }

    /// The export exists as a function whose wasm parameter count is `this`
    /// (the object pointer) plus what `params` take.
    pub(super) fn export(&self, export: &str, this: usize, params: &[Type]) -> Result<(), String> {
        let Some(actual) = self.exports.param_count(export) else {
            return Err(format!("missing export '{export}'"));
        };
        let expected = this + params.iter().map(Type::wasm_params).sum::<usize>();
        if actual != expected {
            return Err(format!(
                "export '{export}' has {actual} wasm parameters, expected {expected}"
            ));
        }
        Ok(())
    }
}

/// Whether an Array of `word` is one of its elements (else the word is
/// read as a class's: `C[]`, or no type).
pub(super) fn is_element_word(word: &str) -> bool {
    matches!(
        word,
        "string" | "bytes" | "f64[]" | "f32[]" | "i32[]" | "u32[]"
    ) || word.starts_with("enum:")
        || word.starts_with("value:")
        || word.ends_with("[]")
}

/// `view:T`: a borrowed view of numbers, in `allowed` only (an export's
/// result, a parameter of a call into JS).
pub(super) fn view(text: &str, place: Place, allowed: Place) -> Result<Type, String> {
    let Some(element) = Element::from_word(&text[5..]) else {
        return Err(format!("unknown type '{text}'"));
    };
    if place != allowed {
        return Err(format!(
            "type '{text}' is not allowed as {}",
            place.describe()
        ));
    }
    Ok(Type::View(element))
}
