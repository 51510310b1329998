//! Records of what sits on the module object beside the classes: free
//! functions (`function NAME EXPORT PARAMS RESULT`) and enums (`enum NAME
//! EXPORT NAMES [strings]`, the export giving the i-th name's value;
//! `strings`: JS sees each value as its name).

use super::types::Place;
use super::{is_identifier, Parser};
use crate::model::{Enum, Function};

/// What the object `load()` returns holds already.
const MODULE_MEMBERS: [&str; 11] = [
    "exports", "memory", "strategy", "jsref", "jsvalue", "flush", "scope", "keep", "stats",
    "leaks", "check",
];

impl Parser<'_> {
    pub(super) fn function(&mut self, f: &[&str]) -> Result<(), String> {
        let name = f[1];
        self.module_name(name)?;
        let params = self.params(f[3])?;
        let result = self.ty(f[4], Place::Result)?;
        self.export(f[2], 0, &params)?;
        // One record per arity (overloads by arity); an enum's name is taken.
        let arity = params.len();
        self.key(format!("function {name} {arity}"))
            .map_err(|()| format!("duplicate function '{name}' of arity {arity}"))?;
        if self.keys.contains(&format!("enum {name}")) {
            return Err(format!("duplicate module member '{name}'"));
        }
        self.keys.insert(format!("module {name}"));
        self.functions.push(Function {
            name: name.into(),
            export: f[2].into(),
            params,
            result,
        });
        Ok(())
    }

    pub(super) fn enumeration(&mut self, f: &[&str]) -> Result<(), String> {
        let name = f[1];
        self.module_name(name)?;
        // With `strings`, JS sees each value as its name.
        let strings = match f.get(4) {
            None => false,
            Some(&"strings") => true,
            Some(form) => return Err(format!("unknown enum form '{form}'")),
        };
        let names: Vec<&str> = f[3].split(',').collect();
        if let Some(bad) = names.iter().find(|n| !is_identifier(n)) {
            return Err(format!("invalid enumerator name '{bad}'"));
        }
        let mut seen = std::collections::HashSet::new();
        if !names.iter().all(|n| seen.insert(*n)) {
            return Err(format!("duplicate enumerator in enum '{name}'"));
        }
        self.export(f[2], 1, &[])?;
        self.key(format!("module {name}"))
            .map_err(|()| format!("duplicate module member '{name}'"))?;
        self.keys.insert(format!("enum {name}"));
        self.enums.push(Enum {
            name: name.into(),
            export: f[2].into(),
            names: names.iter().map(|n| n.to_string()).collect(),
            strings,
        });
        Ok(())
    }

    /// An identifier the module object does not use already, for a class
    /// or for itself.
    fn module_name(&self, name: &str) -> Result<(), String> {
        if !is_identifier(name) {
            return Err(format!("invalid name '{name}'"));
        }
        if MODULE_MEMBERS.contains(&name) {
            return Err(format!("reserved name '{name}'"));
        }
        if self.index.contains_key(name) {
            return Err(format!("duplicate module member '{name}'"));
        }
        Ok(())
    }
}
