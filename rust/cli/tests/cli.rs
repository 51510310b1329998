//! The `weakbind` binary on modules built with `wat`.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Writes `wat` as a module into a fresh temp file and returns its path.
fn module(name: &str, wat: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("weakbind-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.wasm"));
    std::fs::write(&path, wat::parse_str(wat).unwrap()).unwrap();
    path
}

fn weakbind(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_weakbind"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = weakbind(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const SCENE: &str = r#"(module
  (func (export "_Node__new0") (result i32) i32.const 8)
  (func (export "_Node__new2") (param i32 i32 f64) (result i32) i32.const 8)
  (func (export "_Node__destructor") (param i32))
  (func (export "_Node__name") (param i32) (result i32) i32.const 0)
  (func (export "_Node__get_x") (param i32) (result f64) f64.const 0)
  (func (export "_Node__set_x") (param i32 f64))
  (func (export "_Node__get_id") (param i32) (result i64) i64.const 0)
  (func (export "_Node__child") (param i32 i32) (result i32) i32.const 0)
  (func (export "_Node__adopt") (param i32 i32 i32) (result i32) i32.const 0)
  (func (export "_Node__tag") (param i32 i32 i32) (result i32) i32.const 0)
  (func (export "_Node__data") (param i32) (result i32) i32.const 0)
  (func (export "_Node__make") (param i32 i32) (result i32) i32.const 0)
  (func (export "_Group__new") (param i32 i32) (result i32) i32.const 0)
  (func (export "_Plain__constructor") (param i32 i64) (result i32) i32.const 8)
  (func (export "_Plain__twice") (param i32 f32) (result f32) f32.const 0)
  (@custom "weakbind" "weakbind 1\00class Group Node\00class Node\00ctor Node _Node__new2 string,f64\00ctor Node _Node__new0 -\00dtor Node _Node__destructor\00method Node name _Node__name - string\00getter Node x _Node__get_x f64\00setter Node x _Node__set_x f64\00getter Node id _Node__get_id u64\00method Node child _Node__child i32 ref:Node?\00method Node adopt _Node__adopt Node?,Group bool\00method Node tag _Node__tag bytes bytes\00method Node data _Node__data - js\00static Node make _Node__make string own:Node\00ctor Group _Group__new string\00"))"#;

#[test]
fn dts_declares_every_class_with_typed_members() {
    let path = module("scene", SCENE);
    let dts = stdout(&["dts", path.to_str().unwrap()]);
    for line in [
        "import type { WeakbindModule as Weakbind__Module } from \"weakbind\";",
        "declare abstract class Weakbind__Object {",
        "  [Symbol.dispose](): void;",
        "declare class Node extends Weakbind__Object {",
        "  constructor();\n  constructor(a0: string, a1: number);\n",
        "  get x(): number;\n  set x(value: number);\n  get id(): bigint;\n",
        "  name(): string;",
        "  child(a0: number): Node | null;",
        "  adopt(a0: Node | null, a1: Group): boolean;",
        "  tag(a0: Uint8Array): Uint8Array;",
        "  data(): unknown;",
        "  static make(a0: string): Node;",
        "declare class Group extends Node {\n  #private;\n  constructor(a0: string);\n}",
        "declare class Plain extends Weakbind__Object {\n  #private;\n  constructor(a0: number, a1: bigint);\n  twice(a0: number): number;\n}",
        "export interface Module extends Weakbind__Module {\n  readonly Group: typeof Group;\n  readonly Node: typeof Node;\n  readonly Plain: typeof Plain;\n}",
        "export type { Group, Node, Plain };",
    ] {
        assert!(dts.contains(line), "missing:\n{line}\nin:\n{dts}");
    }
    // A base is declared before the classes deriving from it.
    assert!(dts.find("declare class Node").unwrap() < dts.find("declare class Group").unwrap());
}

#[test]
fn dts_loader_specifier_is_an_option() {
    let path = module("scene2", SCENE);
    let dts = stdout(&[
        "dts",
        "--loader",
        "./weakbind/weakbind.mjs",
        path.to_str().unwrap(),
    ]);
    assert!(dts.contains("from \"./weakbind/weakbind.mjs\";"));
}

#[test]
fn dts_renames_classes_typescript_cannot_declare() {
    let path = module(
        "names",
        r#"(module
          (func (export "_Symbol__constructor") (result i32) i32.const 8)
          (func (export "_delete__constructor") (result i32) i32.const 8)
          (func (export "_Module__constructor") (result i32) i32.const 8)
          (func (export "_Module__peer") (param i32 i32) (result i32) i32.const 8)
          (@custom "weakbind" "weakbind 1\00class Module\00class Symbol\00method Module peer _Module__peer Symbol ref:Symbol\00"))"#,
    );
    let dts = stdout(&["dts", path.to_str().unwrap()]);
    assert!(
        dts.contains("declare class Symbol__Class extends Weakbind__Object"),
        "{dts}"
    );
    assert!(dts.contains("  peer(a0: Symbol__Class): Symbol__Class;"));
    assert!(dts.contains("  [Symbol.dispose](): void;"));
    assert!(dts.contains("declare class delete__Class"));
    assert!(dts.contains("export interface Module_ extends Weakbind__Module {"));
    assert!(dts.contains("  readonly delete: typeof delete__Class;"));
    assert!(
        dts.contains("export type { Module, Symbol__Class as Symbol };"),
        "{dts}"
    );
}

#[test]
fn inspect_lists_classes_members_and_exports() {
    let path = module("scene3", SCENE);
    let text = stdout(&["inspect", path.to_str().unwrap()]);
    assert!(
        text.starts_with(
            "scene3.wasm: 3 classes; metadata format 1: Group, Node; naming convention: Plain\n"
        ),
        "{text}"
    );
    assert!(text.contains("class Group extends Node\n"));
    let line = text.lines().find(|l| l.contains("_Node__adopt")).unwrap();
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        ["adopt(Node?,", "Group)", "->", "bool", "_Node__adopt"]
    );
    assert!(text.contains("static make(string) -> own:Node"));
    assert!(text.contains("get id: u64"));
}

#[test]
fn malformed_metadata_is_an_error_naming_the_record() {
    let path = module(
        "bad",
        r#"(module (func (export "_A__f") (param i32)) (@custom "weakbind" "weakbind 1\00class A\00method A f _A__f x void\00"))"#,
    );
    let out = weakbind(&["dts", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with("bad.wasm: metadata: unknown type 'x' in record 'method A f _A__f x void'\n"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate", "x.wasm"],
        &["dts"],
        &["dts", "a.wasm", "b.wasm"],
        &["inspect", "--loader", "x", "a.wasm"],
    ] {
        let out = weakbind(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage: weakbind dts"));
    }
    assert!(stdout(&["--help"]).starts_with("usage:"));
    let missing = weakbind(&["inspect", "/nonexistent/x.wasm"]);
    assert_eq!(missing.status.code(), Some(1));
    let not_wasm = module("empty", "(module)");
    std::fs::write(&not_wasm, b"hello").unwrap();
    let out = weakbind(&["dts", not_wasm.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wasm: not a wasm module"));
}

#[test]
fn wasm_types_that_differ_from_the_record_are_warnings() {
    // The loader sees only parameter counts, so this module loads; the
    // offline tools point out that `f64` travels as an i32 here.
    let path = module(
        "drift",
        r#"(module
          (func (export "_A__new") (param i32) (result i32) i32.const 8)
          (func (export "_A__get") (param i32) (result i32) i32.const 0)
          (@custom "weakbind" "weakbind 1\00class A\00ctor A _A__new f64\00getter A v _A__get i32\00"))"#,
    );
    let warning =
        "warning: export '_A__new' is (i32) -> (i32), its record describes (f64) -> (i32)";
    assert!(stdout(&["inspect", path.to_str().unwrap()]).contains(&format!("\n{warning}\n")));
    let out = weakbind(&["dts", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .collect::<Vec<_>>(),
        [format!("weakbind: {}: {warning}", path.display())]
    );
    // The scene module of these tests describes every export exactly.
    let scene = module("exact", SCENE);
    assert!(weakbind(&["dts", scene.to_str().unwrap()])
        .stderr
        .is_empty());
}
