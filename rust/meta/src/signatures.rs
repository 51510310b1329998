//! The stricter check only an offline tool can make: each export's wasm
//! parameter and result *types* against the record's types. The loader sees
//! only parameter counts (`Function.length`), so this is a warning, never a
//! refusal: both parsers must accept the same sections.

use crate::model::{Class, Enum, Function, Source, Type};
use crate::wasm::{FuncType, Module, ValType};

/// One line per export whose wasm signature differs from what its record
/// describes (metadata classes only).
pub fn mismatches(module: &Module, classes: &[Class]) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = checker(module, &mut out);
    for c in classes.iter().filter(|c| c.source == Source::Metadata) {
        for k in &c.ctors {
            check(&k.export, false, &k.params, Some(&Type::I32));
        }
        // A JS subclass's constructor: the dispatcher and the mask first.
        for k in &c.extends {
            let params: Vec<Type> = [Type::Js, Type::U32]
                .into_iter()
                .chain(k.params.iter().cloned())
                .collect();
            check(&k.export, false, &params, Some(&Type::I32));
        }
        for v in &c.virtuals {
            if let Some(base) = &v.base {
                check(base, true, &v.params, Some(&v.result));
            }
        }
        if let Some(d) = &c.dtor {
            check(d, true, &[], None);
        }
        for m in &c.methods {
            check(&m.export, true, &m.params, Some(&m.result));
        }
        for m in &c.statics {
            check(&m.export, false, &m.params, Some(&m.result));
        }
        for p in &c.properties {
            if let Some(g) = &p.getter {
                check(&g.export, true, &[], Some(&g.ty));
            }
            if let Some(s) = &p.setter {
                check(&s.export, true, std::slice::from_ref(&s.ty), None);
            }
        }
    }
    drop(check);
    out
}

/// The same for free functions and enums' value exports (`(i32) -> i32`).
pub fn module_mismatches(module: &Module, functions: &[Function], enums: &[Enum]) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = checker(module, &mut out);
    for f in functions {
        check(&f.export, false, &f.params, Some(&f.result));
    }
    for e in enums {
        check(&e.export, true, &[], Some(&Type::I32));
    }
    drop(check);
    out
}

/// `check(export, this, params, result)` adds a line to `out` when the
/// export's wasm type differs from the one described.
fn checker<'a>(
    module: &'a Module,
    out: &'a mut Vec<String>,
) -> impl FnMut(&str, bool, &[Type], Option<&Type>) + 'a {
    move |export, this, params, result| {
        let Some(actual) = module.func_export(export) else {
            return;
        };
        let mut expected = FuncType::default();
        if this {
            expected.params.push(ValType::I32);
        }
        for p in params {
            expected.params.extend(param(p));
        }
        expected.results.extend(result.and_then(self::result));
        if *actual != expected {
            out.push(format!(
                "export '{export}' is {}, its record describes {}",
                show(actual),
                show(&expected)
            ));
        }
    }
}

/// A parameter's wasm types (docs/METADATA.md, the type table).
fn param(t: &Type) -> Vec<ValType> {
    match t {
        Type::Void => vec![],
        Type::String | Type::Bytes | Type::Array(_) | Type::List(_) | Type::Map(..) => {
            vec![ValType::I32, ValType::I32]
        }
        Type::Optional(inner) => std::iter::once(ValType::I32).chain(param(inner)).collect(),
        other => result(other).into_iter().collect(),
    }
}

fn result(t: &Type) -> Option<ValType> {
    match t {
        Type::Void => None,
        Type::Optional(_) => Some(ValType::I32),
        Type::F32 => Some(ValType::F32),
        Type::F64 => Some(ValType::F64),
        Type::I64 | Type::U64 => Some(ValType::I64),
        _ => Some(ValType::I32),
    }
}

fn show(t: &FuncType) -> String {
    let list = |v: &[ValType]| {
        v.iter()
            .map(|t| format!("{t:?}").to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(&t.params), list(&t.results))
}
