//! `weakbind dts`: TypeScript declarations for a module's classes.
//!
//! Each class is a `declare class` (types only: the loader makes the real
//! classes at run time), exported with `export type`, so using one as a
//! value fails to compile rather than at run time. The module object
//! `load()` returns is `interface Module`, which extends the loader's
//! `WeakbindModule`. Helper names contain `__`, which no class name can, so
//! they never collide with a class.

use std::fmt::Write;

use weakbind_meta::{Api, Class, Source, Type};

mod names;

pub struct Options<'a> {
    /// The file the declarations describe, for the header comment.
    pub file_name: &'a str,
    /// Where the loader's types come from (`import type … from`).
    pub loader: &'a str,
}

/// Words TypeScript does not accept as a class name. A class named so is
/// declared under another name and reached only through `Module`.
const KEYWORDS: &[&str] = &[
    "any",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "never",
    "new",
    "null",
    "number",
    "object",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Globals the declarations use, which a class of that name would shadow;
/// such a class is declared under another name and exported under its own.
const GLOBALS: &[&str] = &["Disposable", "Map", "Symbol", "Uint8Array"];

pub fn write(api: &Api, options: &Options) -> String {
    let mut out = String::new();
    let module_name = interface_name(api);
    let _ = write!(
        out,
        "// TypeScript declarations for {file}, written by `weakbind dts`:\n\
         // regenerate them from the module rather than editing them.\n\
         //\n\
         //   import {{ load }} from \"{loader}\";\n\
         //   import type {{ {module_name} }} from \"./this-file\";\n\
         //   const m = await load<{module_name}>(fetch(\"{file}\"));\n\
         \n\
         import type {{ WeakbindModule as Weakbind__Module }} from \"{loader}\";\n\
         \n\
         /** What every wrapper has. */\n\
         declare abstract class Weakbind__Object {{\n\
         \x20 #private;\n\
         \x20 /** Frees the wasm object now; a second call does nothing. */\n\
         \x20 dispose(): void;\n\
         \x20 [Symbol.dispose](): void;\n\
         }}\n",
        file = options.file_name,
        loader = options.loader,
    );
    for class in bases_first(&api.classes) {
        out.push('\n');
        write_class(&mut out, api, class);
    }
    for e in &api.enums {
        let l = local(&e.name);
        let _ = writeln!(
            out,
            "\n/** `{name}`, an enum: one of `{module_name}.{name}`'s values ({names}). */",
            name = e.name,
            names = e.names.join(", "),
        );
        if e.strings {
            let names: Vec<String> = e.names.iter().map(|n| format!("\"{n}\"")).collect();
            let _ = writeln!(out, "type {l} = {};", names.join(" | "));
        } else {
            let _ = writeln!(
                out,
                "declare const {l}__Enum: unique symbol;\n\
                 type {l} = number & {{ readonly [{l}__Enum]: true }};"
            );
        }
    }
    for v in &api.values {
        let _ = writeln!(
            out,
            "\n/** `{}`, a value: a plain object, copied both ways. */\ninterface {} {{",
            v.name,
            local(&v.name)
        );
        for f in &v.fields {
            // An optional field may be left out (in) and is left out when
            // absent (out).
            let mark = if matches!(f.ty, Type::Optional(_)) {
                "?"
            } else {
                ""
            };
            let _ = writeln!(out, "  {}{mark}: {};", f.name, ts(&f.ty));
        }
        out.push_str("}\n");
    }
    let _ = writeln!(out, "\n/** The object `load()` returns for this module. */");
    let _ = writeln!(
        out,
        "export interface {module_name} extends Weakbind__Module {{"
    );
    for class in &api.classes {
        let _ = writeln!(
            out,
            "  readonly {}: typeof {};",
            class.name,
            local(&class.name)
        );
    }
    for f in &api.functions {
        let names = api.param_names(None, &f.name, f.params.len());
        signature(&mut out, "", &f.name, &f.params, &f.result, names);
    }
    for e in &api.enums {
        let l = local(&e.name);
        let members: Vec<String> = e
            .names
            .iter()
            .map(|n| match e.strings {
                true => format!("{n}: \"{n}\""),
                false => format!("{n}: {l}"),
            })
            .collect();
        let _ = writeln!(
            out,
            "  readonly {}: Readonly<{{ {} }}>;",
            e.name,
            members.join("; ")
        );
    }
    out.push_str("}\n");
    let names = api
        .classes
        .iter()
        .map(|c| &c.name)
        .chain(api.enums.iter().map(|e| &e.name))
        .chain(api.values.iter().map(|v| &v.name));
    let exported: Vec<String> = names
        .filter(|n| !KEYWORDS.contains(&n.as_str()))
        .map(|n| match local(n) {
            l if l == *n => l,
            l => format!("{l} as {n}"),
        })
        .collect();
    if !exported.is_empty() {
        let _ = writeln!(out, "\nexport type {{ {} }};", exported.join(", "));
    }
    // The loader's view type, imported only by modules that use it.
    if out.contains(VIEW_TYPE) {
        out = out.replacen(
            "import type { WeakbindModule as Weakbind__Module }",
            "import type { ArrayView as Weakbind__ArrayView, WeakbindModule as Weakbind__Module }",
            1,
        );
    }
    out
}

/// A borrowed view of numbers (`view:T`), as the declarations name it.
const VIEW_TYPE: &str = "Weakbind__ArrayView<number>";

fn write_class(out: &mut String, api: &Api, class: &Class) {
    let named =
        |member: &str, types: &[Type]| api.param_names(Some(&class.name), member, types.len());
    let how = match class.source {
        Source::Metadata => "described by the module's metadata",
        Source::Convention => "found by the naming convention: every type is the wasm one",
    };
    let base = class
        .base
        .as_deref()
        .map_or("Weakbind__Object".to_string(), local);
    // A class JS extends (weakbind/interfaces.hpp) is abstract when only a
    // JS subclass can be constructed or JS must implement a pure virtual.
    let is_abstract = (!class.extends.is_empty() && class.ctors.is_empty())
        || class.virtuals.iter().any(|v| v.pure);
    let _ = writeln!(out, "/** `{}`, {how}. */", class.name);
    let _ = writeln!(
        out,
        "declare {}class {} extends {base} {{",
        if is_abstract { "abstract " } else { "" },
        local(&class.name)
    );
    out.push_str("  #private;\n");
    let mut ctors: Vec<_> = class.ctors.iter().chain(&class.extends).collect();
    ctors.sort_by_key(|c| c.params.len());
    for ctor in &ctors {
        let names = named("constructor", &ctor.params);
        let _ = writeln!(out, "  constructor({});", params(&ctor.params, names));
    }
    if ctors.is_empty() {
        // `new` throws at run time; protected still lets a derived class
        // declare its own constructors.
        out.push_str("  protected constructor();\n");
    }
    for p in &class.properties {
        if let Some(g) = &p.getter {
            let _ = writeln!(out, "  get {}(): {};", p.name, ts(&g.ty));
        }
        if let Some(s) = &p.setter {
            let _ = writeln!(out, "  set {}(value: {});", p.name, ts(&s.ty));
        }
    }
    // A pure virtual's name is an abstract member (below), bound or not.
    let pure = |name: &str| class.virtuals.iter().any(|v| v.pure && v.name == name);
    for m in class.methods.iter().filter(|m| !pure(&m.name)) {
        let names = named(&m.name, &m.params);
        signature(out, "", &m.name, &m.params, &m.result, names);
    }
    for m in &class.statics {
        let names = named(&m.name, &m.params);
        signature(out, "static ", &m.name, &m.params, &m.result, names);
    }
    // A non-pure virtual a bound method of the same name declares already
    // is left to it.
    for v in &class.virtuals {
        if v.pure || !class.methods.iter().any(|m| m.name == v.name) {
            let prefix = if v.pure { "abstract " } else { "" };
            let names = named(&v.name, &v.params);
            signature(out, prefix, &v.name, &v.params, &v.result, names);
        }
    }
    out.push_str("}\n");
}

/// One method's (or function's) line: `  [static ]name(a0: T): R;`.
fn signature(
    out: &mut String,
    prefix: &str,
    name: &str,
    types: &[Type],
    result: &Type,
    names: Option<&[String]>,
) {
    let _ = writeln!(
        out,
        "  {prefix}{name}({}): {};",
        params(types, names),
        ts(result)
    );
}

/// `names`: a `params` record's, if any (dts/names.rs).
fn params(types: &[Type], names: Option<&[String]>) -> String {
    let printed = names::param_names(types.len(), names);
    // Trailing optionals may be left out (the loader passes them absent).
    let from = types.len()
        - types
            .iter()
            .rev()
            .take_while(|t| matches!(t, Type::Optional(_)))
            .count();
    let list: Vec<String> = types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let left_out = if i >= from { "?" } else { "" };
            format!("{}{left_out}: {}", printed[i], ts(t))
        })
        .collect();
    list.join(", ")
}

/// A format-1 type as TypeScript sees the value (docs/METADATA.md).
pub fn ts(ty: &Type) -> String {
    match ty {
        Type::Void => "void".into(),
        Type::I32 | Type::U32 | Type::F32 | Type::F64 => "number".into(),
        Type::Bool => "boolean".into(),
        Type::I64 | Type::U64 => "bigint".into(),
        Type::String => "string".into(),
        Type::Bytes => "Uint8Array".into(),
        Type::Js => "unknown".into(),
        Type::Callback { result, params: p } => format!("({}) => {}", params(p, None), ts(result)),
        Type::Enum(name) | Type::Value(name) => local(name),
        Type::Optional(inner) => format!("{} | undefined", ts(inner)),
        Type::List(inner) if matches!(&**inner, Type::Object(o) if o.nullable) => {
            format!("({})[]", ts(inner))
        }
        Type::List(inner) => format!("{}[]", ts(inner)),
        Type::Map(key, value) => format!("Map<{}, {}>", ts(key), ts(value)),
        Type::Array(e) => e.typed_array().into(),
        Type::View(_) => VIEW_TYPE.into(),
        Type::Object(o) if o.nullable => format!("{} | null", local(&o.class)),
        Type::Object(o) => local(&o.class),
    }
}

/// The class's (or enum's) name in the declarations.
fn local(name: &str) -> String {
    if KEYWORDS.contains(&name) || GLOBALS.contains(&name) {
        format!("{name}__Class")
    } else {
        name.to_string()
    }
}

/// `Module`, unless a class has that name.
fn interface_name(api: &Api) -> String {
    let mut name = String::from("Module");
    while api.classes.iter().any(|c| c.name == name)
        || api.enums.iter().any(|e| e.name == name)
        || api.values.iter().any(|v| v.name == name)
    {
        name.push('_');
    }
    name
}

/// Classes with every base before the classes deriving from it (the
/// metadata parser has refused inheritance cycles).
fn bases_first(classes: &[Class]) -> Vec<&Class> {
    let mut done: Vec<&Class> = Vec::new();
    fn visit<'a>(c: &'a Class, all: &'a [Class], done: &mut Vec<&'a Class>) {
        if done.iter().any(|d| d.name == c.name) {
            return;
        }
        if let Some(base) = c
            .base
            .as_deref()
            .and_then(|b| all.iter().find(|x| x.name == b))
        {
            visit(base, all, done);
        }
        done.push(c);
    }
    for c in classes {
        visit(c, classes, &mut done);
    }
    done
}
