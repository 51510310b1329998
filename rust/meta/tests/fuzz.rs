//! Generated cases from a fixed seed: mutated metadata sections (truncations,
//! byte flips, shuffled, dropped and repeated records, records built from
//! good and bad tokens, raw bytes) and mutated modules. The parser must never
//! panic, must be deterministic, and must either accept a section whose
//! model keeps every rule or refuse it with a message naming a record that
//! is in the section.

mod common;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use common::Rng;
use weakbind_meta::records::parse;
use weakbind_meta::{Class, Error, Type};

const SEED: u64 = 0x5eed_f00d_3e7a;
const SECTIONS: usize = 12_000;
const MODULES: usize = 3_000;

const KINDS: &[&str] = &[
    "weakbind", "class", "ctor", "dtor", "method", "static", "getter", "setter", "klass", "",
];
const CLASSES: &[&str] = &[
    "Node", "Group", "Node", "Group", "Other", "Nod", "A__B", "9x", "",
];
const NAMES: &[&str] = &[
    "name",
    "x",
    "f",
    "make",
    "delete",
    "dispose",
    "constructor",
    "prototype",
    "a-b",
    "",
];
const TYPES: &[&str] = &[
    "i32",
    "u32",
    "bool",
    "f32",
    "f64",
    "i64",
    "u64",
    "string",
    "bytes",
    "js",
    "void",
    "Node",
    "Node?",
    "Group",
    "own:Node",
    "own:Node?",
    "ref:Node",
    "ref:Group?",
    "own:Nod",
    "ref:",
    "x",
    "i32?",
    "",
    "-",
    "own:Node,i32",
];
const VERSIONS: &[&str] = &["1", "1", "1", "2", "0", "", "1 1"];

/// A valid section: the corpus's first case's records, shuffled, some
/// repeated byte for byte, some members dropped.
fn valid_section(base: &[String], rng: &mut Rng) -> Vec<String> {
    let mut records: Vec<String> = Vec::new();
    for r in base {
        let keep = r.starts_with("weakbind") || r.starts_with("class") || rng.chance(70);
        if keep {
            records.push(r.clone());
        }
        if rng.chance(5) {
            records.push(r.clone());
        }
    }
    for i in (1..records.len()).rev() {
        records.swap(i, rng.below(i + 1));
    }
    records
}

fn random_record(exports: &[String], rng: &mut Rng) -> String {
    let kind = *rng.pick(KINDS);
    let mut fields: Vec<String> = vec![kind.to_string()];
    let params = |rng: &mut Rng| match rng.below(4) {
        0 => "-".to_string(),
        n => (0..n)
            .map(|_| rng.pick(TYPES).to_string())
            .collect::<Vec<_>>()
            .join(","),
    };
    let export = |rng: &mut Rng| {
        if rng.chance(90) {
            rng.pick(exports).clone()
        } else {
            "_Node__count".into()
        }
    };
    match kind {
        "weakbind" => fields.push(rng.pick(VERSIONS).to_string()),
        "class" => {
            fields.push(rng.pick(CLASSES).to_string());
            if rng.chance(40) {
                fields.push(rng.pick(CLASSES).to_string());
            }
        }
        "ctor" => {
            fields.push(rng.pick(CLASSES).to_string());
            fields.push(export(rng));
            fields.push(params(rng));
        }
        "dtor" => {
            fields.push(rng.pick(CLASSES).to_string());
            fields.push(export(rng));
        }
        "method" | "static" => {
            fields.push(rng.pick(CLASSES).to_string());
            fields.push(rng.pick(NAMES).to_string());
            fields.push(export(rng));
            fields.push(params(rng));
            fields.push(rng.pick(TYPES).to_string());
        }
        _ => {
            fields.push(rng.pick(CLASSES).to_string());
            fields.push(rng.pick(NAMES).to_string());
            fields.push(export(rng));
            fields.push(rng.pick(TYPES).to_string());
        }
    }
    if rng.chance(5) {
        fields.pop();
    }
    if rng.chance(5) {
        fields.push(rng.pick(TYPES).to_string());
    }
    fields.join(" ")
}

fn join(records: &[String], final_nul: bool) -> Vec<u8> {
    let mut bytes = records.join("\0").into_bytes();
    if final_nul {
        bytes.push(0);
    }
    bytes
}

fn mutate_bytes(mut bytes: Vec<u8>, rng: &mut Rng) -> Vec<u8> {
    const INTERESTING: &[u8] = &[
        0, b' ', b',', b':', b'?', b'_', b'-', b'a', b'1', 0xff, 0xc3, 0x80,
    ];
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        let b = if rng.chance(70) {
            *rng.pick(INTERESTING)
        } else {
            rng.next() as u8
        };
        match rng.below(3) {
            0 if at < bytes.len() => bytes[at] = b,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, b),
        }
    }
    bytes
}

/// The rules a section the parser accepted must keep.
fn check_model(classes: &[Class], exports: &HashMap<String, usize>) {
    let names: HashSet<&str> = classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), classes.len(), "class names are unique");
    let known = |t: &Type| match t {
        Type::Object(o) => names.contains(o.class.as_str()),
        _ => true,
    };
    let width = |ts: &[Type]| ts.iter().map(Type::wasm_params).sum::<usize>();
    for c in classes {
        assert!(c.base.as_deref().is_none_or(|b| names.contains(b)));
        let mut arities: Vec<_> = c.ctors.iter().map(|k| k.params.len()).collect();
        arities.dedup();
        assert_eq!(arities.len(), c.ctors.len(), "one constructor per arity");
        for k in &c.ctors {
            assert_eq!(exports.get(&k.export), Some(&width(&k.params)));
            assert!(k.params.iter().all(known));
        }
        if let Some(d) = &c.dtor {
            assert_eq!(exports.get(d), Some(&1));
        }
        for (m, this) in c
            .methods
            .iter()
            .map(|m| (m, 1))
            .chain(c.statics.iter().map(|m| (m, 0)))
        {
            assert_eq!(
                exports.get(&m.export),
                Some(&(this + width(&m.params))),
                "{}",
                m.export
            );
            assert!(m.params.iter().all(known) && known(&m.result));
            assert!(!m.params.contains(&Type::Void));
        }
        for p in &c.properties {
            assert!(p.getter.is_some() || p.setter.is_some());
            assert!(!c.methods.iter().any(|m| m.name == p.name));
        }
    }
}

#[derive(Default)]
struct Tally {
    accepted: usize,
    problems: HashMap<String, usize>,
}

fn run(section: &[u8], exports: &HashMap<String, usize>, tally: &mut Tally) {
    let result = catch_unwind(AssertUnwindSafe(|| parse(section, exports)));
    let result = result.unwrap_or_else(|_| {
        panic!(
            "the parser panicked on section {:?}",
            String::from_utf8_lossy(section)
        )
    });
    assert_eq!(result, parse(section, exports), "deterministic");
    match result {
        Ok(classes) => {
            check_model(&classes, exports);
            tally.accepted += 1;
        }
        Err(Error::Metadata { problem, record }) => {
            if let Some(record) = &record {
                assert!(!record.is_empty() || problem.starts_with("unknown record kind"));
                assert!(
                    String::from_utf8_lossy(section).contains(record.as_str()),
                    "the named record '{record}' is in the section"
                );
            }
            // The problem's kind: its words before the first quoted name.
            let kind: String = problem
                .split(['\'', '('])
                .next()
                .unwrap()
                .trim()
                .to_string();
            *tally.problems.entry(kind).or_default() += 1;
        }
        Err(e) => panic!("a section error must be a metadata error: {e}"),
    }
}

#[test]
fn mutated_sections_never_panic_and_keep_the_rules() {
    let corpus = common::corpus();
    let exports = corpus.exports.clone();
    let export_names: Vec<String> = {
        let mut v: Vec<_> = exports.keys().cloned().collect();
        v.sort();
        v
    };
    let scene: Vec<String> = String::from_utf8(corpus.cases[0].section.clone())
        .unwrap()
        .split_terminator('\0')
        .map(str::to_string)
        .collect();
    let seeds: Vec<Vec<u8>> = corpus.cases.iter().map(|c| c.section.clone()).collect();

    let mut rng = Rng(SEED);
    let mut tally = Tally::default();
    for _ in 0..SECTIONS {
        let section = match rng.below(6) {
            // A valid section, perhaps truncated.
            0 => {
                let bytes = join(&valid_section(&scene, &mut rng), true);
                if rng.chance(50) {
                    let n = rng.below(bytes.len() + 1);
                    bytes[..n].to_vec()
                } else {
                    bytes
                }
            }
            // A corpus section or a valid one, with bytes changed.
            1 => {
                let base = if rng.chance(50) {
                    rng.pick(&seeds).clone()
                } else {
                    join(&valid_section(&scene, &mut rng), true)
                };
                mutate_bytes(base, &mut rng)
            }
            // A valid section with random records mixed in.
            2 => {
                let mut records = valid_section(&scene, &mut rng);
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(records.len() + 1);
                    records.insert(at, random_record(&export_names, &mut rng));
                }
                join(&records, rng.chance(95))
            }
            // Only random records.
            3 => {
                let records: Vec<String> = (0..rng.below(10))
                    .map(|_| random_record(&export_names, &mut rng))
                    .collect();
                join(&records, rng.chance(90))
            }
            // A valid section with one field replaced.
            4 => {
                let mut records = valid_section(&scene, &mut rng);
                let at = rng.below(records.len());
                let mut fields: Vec<String> = records[at].split(' ').map(str::to_string).collect();
                let f = rng.below(fields.len());
                fields[f] = match rng.below(4) {
                    0 => rng.pick(TYPES).to_string(),
                    1 => rng.pick(CLASSES).to_string(),
                    2 => rng.pick(NAMES).to_string(),
                    _ => rng.pick(&export_names).clone(),
                };
                records[at] = fields.join(" ");
                join(&records, true)
            }
            // Raw bytes.
            _ => (0..rng.below(48)).map(|_| rng.next() as u8).collect(),
        };
        run(&section, &exports, &mut tally);
    }

    let refused: usize = tally.problems.values().sum();
    assert_eq!(tally.accepted + refused, SECTIONS);
    assert!(
        tally.accepted >= SECTIONS / 20,
        "only {} accepted: the generator lost its valid cases",
        tally.accepted
    );
    assert!(refused >= SECTIONS / 2, "only {refused} refused");
    for problem in [
        "truncated",
        "invalid UTF-8",
        "unknown version",
        "unknown record kind",
        "expected",
        "unknown type",
        "type",
        "missing export",
        "export",
        "undeclared class",
        "invalid class name",
        "invalid name",
        "reserved name",
        "inheritance cycle through class",
        "duplicate member",
        "duplicate class",
        "duplicate constructor of arity",
        "duplicate destructor for class",
        "no version record",
    ] {
        let produced = tally.problems.keys().any(|k| k.starts_with(problem));
        assert!(produced, "never produced '{problem}': {:?}", tally.problems);
    }
    eprintln!(
        "{SECTIONS} sections: {} accepted; refused by kind: {:?}",
        tally.accepted, tally.problems
    );
}

#[test]
fn mutated_modules_never_panic() {
    let corpus = common::corpus();
    let module = common::module(
        &corpus.exports,
        &corpus.globals,
        Some(&corpus.cases[0].section),
    );
    let mut rng = Rng(SEED ^ 1);
    let (mut ok, mut wasm, mut meta) = (0, 0, 0);
    for _ in 0..MODULES {
        let mut bytes = module.clone();
        match rng.below(3) {
            0 => bytes.truncate(rng.below(bytes.len() + 1)),
            1 => {
                for _ in 0..1 + rng.below(3) {
                    let at = 8 + rng.below(bytes.len() - 8);
                    bytes[at] = rng.next() as u8;
                }
            }
            _ => {
                let at = rng.below(bytes.len());
                bytes.insert(at, rng.next() as u8);
            }
        }
        let result = catch_unwind(|| weakbind_meta::read(&bytes));
        match result.unwrap_or_else(|_| panic!("read panicked on {bytes:?}")) {
            Ok(_) => ok += 1,
            Err(Error::Wasm(_)) => wasm += 1,
            Err(Error::Metadata { .. }) => meta += 1,
        }
    }
    assert!(
        wasm > 0 && meta > 0 && ok > 0,
        "ok {ok}, wasm errors {wasm}, metadata errors {meta}"
    );
    eprintln!("{MODULES} modules: {ok} read, {wasm} wasm errors, {meta} metadata errors");
}
