//! The names `weakbind dts` gives a signature's parameters, as
//! js/dts-names.mjs gives them: a `params` record's names, a word
//! TypeScript reserves with `_` after it, `a<i>` for a parameter no record
//! names; if two would then read the same (a name `a1` beside an unnamed
//! second parameter, `x` beside `x_`), every parameter of the signature is
//! `a<i>`.

use std::collections::HashSet;

/// Words no parameter may be named in a module's declarations (strict
/// mode): ECMAScript's reserved words, strict mode's, `arguments`, `eval`.
const RESERVED: &[&str] = &[
    "arguments",
    "await",
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
    "eval",
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
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

pub fn param_names(count: usize, names: Option<&[String]>) -> Vec<String> {
    let indexed = || (0..count).map(|i| format!("a{i}")).collect();
    let Some(names) = names.filter(|n| n.len() == count) else {
        return indexed();
    };
    let out: Vec<String> = names
        .iter()
        .map(|n| {
            if RESERVED.contains(&n.as_str()) {
                format!("{n}_")
            } else {
                n.clone()
            }
        })
        .collect();
    if out.iter().collect::<HashSet<_>>().len() == count {
        out
    } else {
        indexed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reserved_words_escape_and_collisions_fall_back() {
        assert_eq!(param_names(2, None), names(&["a0", "a1"]));
        assert_eq!(
            param_names(2, Some(&names(&["x", "class"]))),
            names(&["x", "class_"])
        );
        assert_eq!(param_names(2, Some(&names(&["x"]))), names(&["a0", "a1"]));
        assert_eq!(
            param_names(2, Some(&names(&["this_", "this"]))),
            names(&["a0", "a1"])
        );
        assert_eq!(
            param_names(1, Some(&names(&["string"]))),
            names(&["string"])
        );
    }
}
