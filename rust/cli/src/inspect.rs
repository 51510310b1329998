//! `weakbind inspect`: a module's classes, one member a line, with the
//! export each member calls.

use std::fmt::Write;

use weakbind_meta::{Api, Class, Source, Type};

pub fn write(api: &Api, file_name: &str) -> String {
    let mut out = String::new();
    let by = |source| {
        api.classes
            .iter()
            .filter(|c| c.source == source)
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
    };
    let (described, found) = (by(Source::Metadata), by(Source::Convention));
    let _ = write!(out, "{file_name}: {} classes", api.classes.len());
    match api.format {
        Some(v) => {
            let _ = write!(out, "; metadata format {v}: {}", list(&described));
        }
        None => out.push_str("; no metadata"),
    }
    if !found.is_empty() {
        let _ = write!(out, "; naming convention: {}", list(&found));
    }
    out.push('\n');
    for warning in &api.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    for class in &api.classes {
        out.push('\n');
        write_class(&mut out, class);
    }
    out
}

fn write_class(out: &mut String, class: &Class) {
    let base = class
        .base
        .as_deref()
        .map(|b| format!(" extends {b}"))
        .unwrap_or_default();
    let _ = writeln!(out, "class {}{base}", class.name);
    let mut line = |what: String, export: &str| {
        let _ = writeln!(out, "  {what:<44} {export}");
    };
    for c in &class.ctors {
        line(format!("new({})", types(&c.params)), &c.export);
    }
    if let Some(d) = &class.dtor {
        line("destructor".into(), d);
    }
    for p in &class.properties {
        if let Some(g) = &p.getter {
            line(format!("get {}: {}", p.name, g.ty), &g.export);
        }
        if let Some(s) = &p.setter {
            line(format!("set {}: {}", p.name, s.ty), &s.export);
        }
    }
    for m in &class.methods {
        line(
            format!("{}({}) -> {}", m.name, types(&m.params), m.result),
            &m.export,
        );
    }
    for m in &class.statics {
        line(
            format!("static {}({}) -> {}", m.name, types(&m.params), m.result),
            &m.export,
        );
    }
    // A class JS extends: its JS subclasses' constructors, and each virtual
    // with the export of C++'s implementation (none for a pure one).
    for c in &class.extends {
        line(format!("subclass new({})", types(&c.params)), &c.export);
    }
    for v in &class.virtuals {
        let what = format!("virtual {}({}) -> {}", v.name, types(&v.params), v.result);
        line(what, v.base.as_deref().unwrap_or("pure"));
    }
}

fn types(types: &[Type]) -> String {
    types
        .iter()
        .map(Type::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}
