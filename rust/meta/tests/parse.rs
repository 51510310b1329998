//! The model the parser builds, the wasm reader, and the naming convention,
//! on modules built with `wat`.

mod common;

use weakbind_meta::wasm::{Module, ValType};
use weakbind_meta::{read, Error, Object, Ownership, Source, Type};

fn obj(class: &str, nullable: bool, ownership: Ownership) -> Type {
    Type::Object(Object {
        class: class.into(),
        nullable,
        ownership,
    })
}

/// The corpus's first case: every record kind and type.
fn scene() -> Vec<u8> {
    let corpus = common::corpus();
    let case = &corpus.cases[0];
    assert_eq!(case.expected, "ok");
    common::module(&corpus.exports, &corpus.globals, Some(&case.section))
}

#[test]
fn builds_the_model_of_every_record_kind() {
    let api = read(&scene()).unwrap();
    assert_eq!(api.format, Some(1));
    let node = &api.classes[0];
    assert_eq!(
        (node.name.as_str(), node.base.as_deref(), node.source),
        ("Node", None, Source::Metadata)
    );
    assert_eq!(api.classes[1].name, "Group");
    assert_eq!(api.classes[1].base.as_deref(), Some("Node"));

    let arities: Vec<_> = node
        .ctors
        .iter()
        .map(|c| (c.export.as_str(), c.params.clone()))
        .collect();
    assert_eq!(
        arities,
        [("_Node__new0", vec![]), ("_Node__new1", vec![Type::String])]
    );
    assert_eq!(node.dtor.as_deref(), Some("_Node__destructor"));

    let method = |name: &str| node.methods.iter().find(|m| m.name == name).unwrap();
    assert_eq!(method("name").result, Type::String);
    assert_eq!(method("set_name").params, [Type::String]);
    assert_eq!(method("set_name").result, Type::Void);
    assert_eq!(method("child").result, obj("Node", true, Ownership::Ref));
    assert_eq!(
        method("adopt").params,
        [obj("Node", true, Ownership::Borrowed)]
    );
    assert_eq!(
        (
            method("offset").params.clone(),
            method("offset").result.clone()
        ),
        (vec![Type::I64], Type::I64)
    );
    assert_eq!(
        (method("blob").params.clone(), method("blob").result.clone()),
        (vec![Type::Bytes], Type::Bytes)
    );
    assert_eq!(
        (method("data").params.clone(), method("data").result.clone()),
        (vec![Type::Js], Type::Js)
    );
    assert_eq!(method("flags").params, [Type::U32, Type::Bool, Type::F32]);
    assert_eq!(method("flags").result, Type::U64);

    assert_eq!(node.statics.len(), 1);
    assert_eq!(node.statics[0].result, obj("Node", false, Ownership::Owned));
    let x = &node.properties[0];
    assert_eq!(x.name, "x");
    assert_eq!(
        x.getter.as_ref().map(|g| (g.export.as_str(), &g.ty)),
        Some(("_Node__get_x", &Type::F64))
    );
    assert_eq!(
        x.setter.as_ref().map(|s| s.export.as_str()),
        Some("_Node__set_x")
    );
}

#[test]
fn types_print_as_the_section_spells_them() {
    for text in [
        "i32",
        "u64",
        "bytes",
        "js",
        "void",
        "own:Node?",
        "ref:Node",
        "Node?",
    ] {
        let ty = match text {
            "i32" => Type::I32,
            "u64" => Type::U64,
            "bytes" => Type::Bytes,
            "js" => Type::Js,
            "void" => Type::Void,
            "own:Node?" => obj("Node", true, Ownership::Owned),
            "ref:Node" => obj("Node", false, Ownership::Ref),
            _ => obj("Node", true, Ownership::Borrowed),
        };
        assert_eq!(ty.to_string(), text);
    }
}

#[test]
fn sections_split_by_the_linker_are_read_as_one() {
    let wat = format!(
        r#"(module
             (func (export "_A__new") (param i32 i32) (result i32) i32.const 0)
             (@custom "weakbind" "{}")
             (@custom "other" "x")
             (@custom "weakbind" "{}"))"#,
        common::wat_string(b"weakbind 1\0class A\0"),
        common::wat_string(b"weakbind 1\0ctor A _A__new string\0"),
    );
    let api = read(&wat::parse_str(wat).unwrap()).unwrap();
    assert_eq!(api.classes[0].ctors[0].params, [Type::String]);
}

#[test]
fn a_section_split_inside_a_record_is_read_as_one() {
    // Concatenation comes first: only the whole section must end with NUL.
    let wat = format!(
        r#"(module (@custom "weakbind" "{}") (@custom "weakbind" "{}"))"#,
        common::wat_string(b"weakbind 1\0cla"),
        common::wat_string(b"ss A\0"),
    );
    assert_eq!(
        read(&wat::parse_str(wat).unwrap()).unwrap().classes[0].name,
        "A"
    );
}

#[test]
fn imported_functions_shift_the_indices_of_exports() {
    let wat = r#"(module
        (import "weakbind" "decref" (func (param i32)))
        (import "env" "memory" (memory 1))
        (import "env" "table" (table 1 funcref))
        (import "env" "g" (global (mut i32)))
        (func (export "_A__new") (param i64 f64) (result i32) i32.const 1)
        (func (export "_A__get") (param i32) (result f32) f32.const 0)
        (export "_A__decref" (func 0))
        (@custom "weakbind" "weakbind 1\00class A\00ctor A _A__new i64,f64\00getter A v _A__get f32\00static A drop _A__decref i32 void\00"))"#;
    let bytes = wat::parse_str(wat).unwrap();
    let module = Module::parse(&bytes).unwrap();
    assert_eq!(
        module.func_export("_A__new").unwrap().params,
        [ValType::I64, ValType::F64]
    );
    assert_eq!(
        module.func_export("_A__get").unwrap().results,
        [ValType::F32]
    );
    assert_eq!(
        module.func_export("_A__decref").unwrap().params,
        [ValType::I32]
    );
    assert!(module.func_export("memory").is_none());
    let api = read(&bytes).unwrap();
    assert_eq!(api.classes.len(), 1);
}

#[test]
fn reference_and_vector_types_read() {
    let wat = r#"(module
        (func (export "f") (param externref funcref v128) (result i32) i32.const 0)
        (func (export "g") (param (ref null func)) (result (ref null extern)) ref.null extern))"#;
    let module = Module::parse(&wat::parse_str(wat).unwrap()).unwrap();
    assert_eq!(
        module.func_export("f").unwrap().params,
        [ValType::Ref, ValType::Ref, ValType::V128]
    );
    assert_eq!(module.func_export("g").unwrap().results, [ValType::Ref]);
}

#[test]
fn convention_classes_take_types_from_the_wasm_signature() {
    let wat = r#"(module
        (func (export "_MyClass__constructor") (param i32) (result i32) i32.const 8)
        (func (export "_MyClass__destructor") (param i32))
        (func (export "_MyClass__my_method") (param i32) (result i32) i32.const 0)
        (func (export "_MyClass__wide") (param i32 i64 f64) (result i64) i64.const 0)
        (func (export "_MyClass__nothing") (param i32))
        (func (export "_Orphan__method") (param i32))
        (func (export "_Bad___name") (param i32))
        (func (export "plain") (param i32))
        (memory (export "memory") 1))"#;
    let api = read(&wat::parse_str(wat).unwrap()).unwrap();
    assert_eq!(api.format, None);
    let names: Vec<_> = api.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["MyClass"],
        "a class is a name with a constructor export"
    );
    let c = &api.classes[0];
    assert_eq!(c.source, Source::Convention);
    assert_eq!(c.ctors[0].params, [Type::I32]);
    assert_eq!(c.dtor.as_deref(), Some("_MyClass__destructor"));
    let wide = c.methods.iter().find(|m| m.name == "wide").unwrap();
    assert_eq!(
        (wide.params.clone(), wide.result.clone()),
        (vec![Type::I64, Type::F64], Type::I64)
    );
    let nothing = c.methods.iter().find(|m| m.name == "nothing").unwrap();
    assert_eq!((nothing.params.len(), &nothing.result), (0, &Type::Void));
}

#[test]
fn metadata_classes_come_first_and_hide_convention_twins() {
    let wat = r#"(module
        (func (export "_Plain__constructor") (param i32) (result i32) i32.const 8)
        (func (export "_Node__constructor") (param i32) (result i32) i32.const 8)
        (func (export "_Node__new") (param i32 i32) (result i32) i32.const 8)
        (@custom "weakbind" "weakbind 1\00class Node\00ctor Node _Node__new string\00"))"#;
    let api = read(&wat::parse_str(wat).unwrap()).unwrap();
    let names: Vec<_> = api
        .classes
        .iter()
        .map(|c| (c.name.as_str(), c.source))
        .collect();
    assert_eq!(
        names,
        [("Node", Source::Metadata), ("Plain", Source::Convention)]
    );
    assert_eq!(api.classes[0].ctors.len(), 1);
}

#[test]
fn convention_split_matches_the_loader() {
    use weakbind_meta::convention::split_export;
    assert_eq!(split_export("_A__f"), Some(("A", "f")));
    assert_eq!(split_export("_A_b__c_d"), Some(("A_b", "c_d")));
    assert_eq!(split_export("_A___c"), Some(("A", "_c")));
    assert_eq!(
        split_export("_A__b__c"),
        Some(("A", "b__c")),
        "the class ends at the first `__`"
    );
    assert_eq!(split_export("__A__f"), None);
    assert_eq!(split_export("_1A__f"), None);
    assert_eq!(split_export("A__f"), None);
    assert_eq!(split_export("_A__"), None);
}

#[test]
fn refuses_what_is_not_a_module() {
    let wasm = |e: Error| match e {
        Error::Wasm(m) => m,
        other => panic!("expected a wasm error, got {other}"),
    };
    assert!(wasm(read(b"").unwrap_err()).contains("truncated"));
    assert!(wasm(read(b"\0asx\x01\0\0\0").unwrap_err()).contains("magic"));
    assert!(wasm(read(b"\0asm\x02\0\0\0").unwrap_err()).contains("version"));
    let good = scene();
    for cut in [9, good.len() / 2, good.len() - 1] {
        assert!(
            wasm(read(&good[..cut]).unwrap_err()).contains("truncated"),
            "cut at {cut}"
        );
    }
    // A section whose size is larger than its contents.
    let padded = [b"\0asm\x01\0\0\0".as_slice(), &[3, 3, 1, 0, 0]].concat();
    assert!(wasm(read(&padded).unwrap_err()).contains("longer than its contents"));
    // A function whose type index is out of range.
    let bad_type = [b"\0asm\x01\0\0\0".as_slice(), &[3, 2, 1, 5]].concat();
    assert!(wasm(read(&bad_type).unwrap_err()).contains("out of range"));
    // An over-long LEB128.
    let long_leb = [
        b"\0asm\x01\0\0\0".as_slice(),
        &[3, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
    ]
    .concat();
    assert!(wasm(read(&long_leb).unwrap_err()).contains("too large"));
}

#[test]
fn errors_name_their_record() {
    let err = weakbind_meta::records::parse(
        b"weakbind 1\0class A\0method A f _A__f x void\0",
        &std::collections::HashMap::new(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "metadata: unknown type 'x' in record 'method A f _A__f x void'"
    );
    assert_eq!(
        err,
        Error::Metadata {
            problem: "unknown type 'x'".into(),
            record: Some("method A f _A__f x void".into())
        }
    );
}
