//! `params CLASS MEMBER NAMES`: the names of a member's parameters, for
//! `weakbind dts`. CLASS is a declared class or `-` for a free function;
//! MEMBER a method, static, virtual or free function, or `constructor` for
//! a class's (and a JS subclass's) constructors; NAMES comma-separated
//! distinct identifiers, as many as the arity they name. js/param-names.mjs
//! holds the same checks in the same order: class, member, each name,
//! repeats, then duplicates.

use super::{is_identifier, Parser};
use crate::model::ParamNames;

impl Parser<'_> {
    pub(super) fn param_names(&mut self, f: &[&str]) -> Result<(), String> {
        let (class, member) = (f[1], f[2]);
        if class != "-" {
            self.class_index(class)?;
        }
        if !is_identifier(member) {
            return Err(format!("invalid name '{member}'"));
        }
        let names: Vec<&str> = f[3].split(',').collect();
        if let Some(bad) = names.iter().find(|n| !is_identifier(n)) {
            return Err(format!("invalid parameter name '{bad}'"));
        }
        // The first name that repeats an earlier one, as JS's `find` gives.
        let twice = (1..names.len()).find(|&i| names[..i].contains(&names[i]));
        if let Some(i) = twice {
            return Err(format!("duplicate parameter name '{}'", names[i]));
        }
        let arity = names.len();
        let what = if class == "-" {
            member.to_string()
        } else {
            format!("{class}.{member}")
        };
        self.key(format!("params {class} {member} {arity}"))
            .map_err(|()| format!("duplicate parameter names of arity {arity} for '{what}'"))?;
        self.param_names.push(ParamNames {
            class: (class != "-").then(|| class.to_string()),
            member: member.into(),
            names: names.into_iter().map(String::from).collect(),
        });
        Ok(())
    }
}
