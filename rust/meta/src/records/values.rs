//! `value NAME FIELDS`: a struct that crosses as a plain JS object.
//! FIELDS is `name:type,...`, each type one a field may have; no value
//! contains itself, directly or through other values.

use std::collections::HashSet;

use super::types::Place;
use super::{is_class_name, is_identifier, Parser};
use crate::model::{Field, Type, Value};

impl Parser<'_> {
    pub(super) fn value(&mut self, f: &[&str]) -> Result<(), String> {
        let name = f[1];
        if !is_class_name(name) {
            return Err(format!("invalid value name '{name}'"));
        }
        let mut fields = Vec::new();
        for field in f[2].split(',') {
            let (field_name, ty) = match field.split_once(':') {
                Some((n, t)) if is_identifier(n) => (n, t),
                _ => return Err(format!("invalid field '{field}'")),
            };
            fields.push(Field {
                name: field_name.into(),
                ty: self.ty(ty, Place::Field)?,
            });
        }
        let mut seen = HashSet::new();
        if let Some(twice) = fields.iter().find(|x| !seen.insert(x.name.as_str())) {
            return Err(format!(
                "duplicate field '{}' in value '{name}'",
                twice.name
            ));
        }
        if self.reaches(name, &fields) {
            return Err(format!("recursive value '{name}'"));
        }
        // Values are TypeScript interfaces beside the classes and enums.
        if self.index.contains_key(name) || self.enum_names.contains(name) {
            return Err(format!("duplicate type '{name}'"));
        }
        self.key(format!("value {name}"))
            .map_err(|()| format!("duplicate type '{name}'"))?;
        self.values.push(Value {
            name: name.into(),
            fields,
        });
        Ok(())
    }

    /// Whether `fields`' nested values lead back to `name`, through each
    /// value's first record as collected before the checks.
    fn reaches(&self, name: &str, fields: &[Field]) -> bool {
        let mut seen = HashSet::new();
        let mut todo: Vec<&str> = fields.iter().filter_map(|x| value_in(&x.ty)).collect();
        while let Some(at) = todo.pop() {
            if at == name {
                return true;
            }
            if !seen.insert(at) {
                continue;
            }
            for field in self.value_fields[at].split(',') {
                let ty = field.split_once(':').map_or("", |(_, t)| t);
                let ty = ty.strip_prefix("opt:").unwrap_or(ty);
                // (A map's value: past `map:K:`.)
                let ty = match ty.strip_prefix("map:") {
                    Some(rest) => rest.split_once(':').map_or("", |(_, v)| v),
                    None => ty,
                };
                let ty = ty.strip_suffix("[]").unwrap_or(ty);
                if let Some(inner) = ty.strip_prefix("value:") {
                    if self.value_fields.contains_key(inner) {
                        todo.push(inner);
                    }
                }
            }
        }
        false
    }
}

/// The value a field's type holds: itself, in an array, an optional or as
/// a map's value.
fn value_in(ty: &Type) -> Option<&str> {
    match ty {
        Type::Value(v) => Some(v.as_str()),
        Type::List(inner) | Type::Optional(inner) | Type::Map(_, inner) => value_in(inner),
        _ => None,
    }
}
