//! The seed's naming convention, for classes the metadata does not
//! describe: `_Class__constructor(args) -> ptr`, `_Class__destructor(ptr)`,
//! `_Class__method(ptr, args)`. A class is a name with a constructor export;
//! every type comes from the wasm signature (i64 is a BigInt in JS).

use crate::model::{Class, Ctor, Method, Source, Type};
use crate::records::{is_class_name, is_identifier};
use crate::wasm::{ExportKind, Module, ValType};

/// Splits `_Class__member` the way the loader does (first `__` after the
/// leading underscore).
pub fn split_export(name: &str) -> Option<(&str, &str)> {
    let (class, member) = name.strip_prefix('_')?.split_once("__")?;
    let starts_with_letter = class.starts_with(|c: char| c.is_ascii_alphabetic());
    (starts_with_letter && is_class_name(class) && is_identifier(member)).then_some((class, member))
}

/// The classes found by the convention, skipping the names in `described`.
pub fn classes(module: &Module, described: &[Class]) -> Vec<Class> {
    let mut classes: Vec<Class> = Vec::new();
    let exports = module.exports.iter().filter(|e| e.kind == ExportKind::Func);
    let members: Vec<(&str, &str, &str)> = exports
        .filter_map(|e| {
            split_export(&e.name).map(|(class, member)| (class, member, e.name.as_str()))
        })
        .filter(|(class, _, _)| !described.iter().any(|c| c.name == *class))
        .collect();
    for &(class, member, _) in &members {
        if member == "constructor" && !classes.iter().any(|c| c.name == class) {
            classes.push(Class::new(class, None, Source::Convention));
        }
    }
    for (class, member, export) in members {
        let Some(c) = classes.iter_mut().find(|c| c.name == class) else {
            continue;
        };
        let ty = module.func_export(export).expect("a function export");
        let mut params: Vec<Type> = ty.params.iter().map(number).collect();
        let result = match ty.results.as_slice() {
            [] => Type::Void,
            [one] => number(one),
            _ => Type::Js, // multi-value: an array in JS
        };
        match member {
            "constructor" => c.ctors.push(Ctor {
                export: export.into(),
                params,
            }),
            "destructor" => c.dtor = Some(export.into()),
            _ => {
                // The first parameter is the object pointer.
                params.drain(..params.len().min(1));
                c.methods.push(Method {
                    name: member.into(),
                    export: export.into(),
                    params,
                    result,
                });
            }
        }
    }
    classes
}

fn number(t: &ValType) -> Type {
    match t {
        ValType::I32 => Type::I32,
        ValType::I64 => Type::I64,
        ValType::F32 => Type::F32,
        ValType::F64 => Type::F64,
        ValType::V128 | ValType::Ref => Type::Js,
    }
}
