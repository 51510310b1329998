//! Shared by the integration tests: the corpus (tests/metadata/cases.json),
//! modules built from it with `wat`, and a seeded random generator.
#![allow(dead_code)]

pub mod json;

use std::collections::HashMap;

use json::Json;

pub struct Case {
    pub name: String,
    pub section: Vec<u8>,
    /// "ok", or the exact error message.
    pub expected: String,
}

pub struct Corpus {
    /// Function exports: name -> wasm parameter count.
    pub exports: HashMap<String, usize>,
    pub globals: Vec<String>,
    pub cases: Vec<Case>,
}

pub fn corpus() -> Corpus {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/metadata/cases.json"
    );
    let doc = Json::parse(&std::fs::read_to_string(path).expect("tests/metadata/cases.json"));
    let exports = doc
        .get("exports")
        .unwrap()
        .object()
        .iter()
        .map(|(k, v)| (k.clone(), v.int() as usize))
        .collect();
    let globals = doc
        .get("globals")
        .unwrap()
        .array()
        .iter()
        .map(|g| g.str().to_string())
        .collect();
    let cases = doc
        .get("cases")
        .unwrap()
        .array()
        .iter()
        .map(|c| Case {
            name: c.get("name").unwrap().str().into(),
            section: match (c.get("section"), c.get("section_hex")) {
                (Some(s), None) => s.str().as_bytes().to_vec(),
                (None, Some(h)) => hex(h.str()),
                _ => panic!("a case needs one of section and section_hex"),
            },
            expected: c.get("expected").unwrap().str().into(),
        })
        .collect();
    Corpus {
        exports,
        globals,
        cases,
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// `bytes` as a wat string literal.
pub fn wat_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

/// A module with these function exports (i32 parameters, no result), i32
/// global exports, and, if given, a `weakbind` custom section.
pub fn module(
    exports: &HashMap<String, usize>,
    globals: &[String],
    section: Option<&[u8]>,
) -> Vec<u8> {
    let mut names: Vec<_> = exports.iter().collect();
    names.sort();
    let mut wat = String::from("(module\n");
    for (name, &n) in names {
        wat += &format!("  (func (export \"{name}\") (param{}))\n", " i32".repeat(n));
    }
    for g in globals {
        wat += &format!("  (global (export \"{g}\") i32 (i32.const 0))\n");
    }
    if let Some(section) = section {
        wat += &format!("  (@custom \"weakbind\" \"{}\")\n", wat_string(section));
    }
    wat += ")";
    wat::parse_str(&wat).unwrap_or_else(|e| panic!("{e}\n{wat}"))
}

/// splitmix64: a fixed seed gives the same cases on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}
