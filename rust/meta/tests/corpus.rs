//! tests/metadata/cases.json, the corpus the loader's JS parser is held to
//! as well: every case read from a real module built with `wat`.

mod common;

#[test]
fn every_case_gives_its_expected_result() {
    let corpus = common::corpus();
    assert!(
        corpus.cases.len() >= 50,
        "the corpus shrank to {} cases",
        corpus.cases.len()
    );
    let mut failures = Vec::new();
    for case in &corpus.cases {
        let wasm = common::module(&corpus.exports, &corpus.globals, Some(&case.section));
        let got = match weakbind_meta::read(&wasm) {
            Ok(api) => {
                assert_eq!(api.format, Some(1));
                "ok".to_string()
            }
            Err(e) => e.to_string(),
        };
        if got != case.expected {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {got}",
                case.name, case.expected
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        corpus.cases.len(),
        failures.join("\n")
    );
}

#[test]
fn case_names_are_unique() {
    let corpus = common::corpus();
    let mut names: Vec<_> = corpus.cases.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

#[test]
fn error_cases_cover_every_kind_of_problem() {
    let corpus = common::corpus();
    let expected: Vec<&str> = corpus.cases.iter().map(|c| c.expected.as_str()).collect();
    for problem in [
        "truncated",
        "invalid UTF-8",
        "unknown version",
        "unknown record kind",
        "expected '",
        "unknown type",
        "is not allowed as",
        "missing export",
        "wasm parameters, expected",
        "undeclared class",
        "invalid class name",
        "invalid name",
        "reserved name",
        "inheritance cycle",
        "duplicate",
        "no version record",
    ] {
        assert!(
            expected.iter().any(|e| e.contains(problem)),
            "no case for '{problem}'"
        );
    }
}
