//! Metadata records (docs/ARCHITECTURE.md, "Metadata", format version 1),
//! rendered at compile time. [`export!`](crate::export!) lists a class's
//! records as [`Piece`]s; [`rendered_len`] and [`render`] turn them into the
//! bytes of a `#[link_section = "weakbind"]` static, so a Rust class carries
//! the same text a C++ class's macros write, and costs nothing at run time.

/// The metadata type of a parameter or a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// A type written as one word: `void`, `i32`, `string`, `js`, …
    Word(&'static str),
    /// An object of `class`. `prefix` is `""` for a parameter, `"own:"` or
    /// `"ref:"` for a result; `nullable` adds the `?`.
    Object {
        prefix: &'static str,
        class: &'static str,
        nullable: bool,
    },
    /// One of an enum's values (`enum:NAME`), an i32 on the wire.
    Enum(&'static str),
    /// A value type (`value:NAME`): a plain object, a heap block on the wire.
    Value(&'static str),
    /// `opt:T`, `T[]` or `map:K:T`: `prefix`, the inner word (`f64`, or `enum:`/`value:`
    /// as `head` and a name), `suffix`; made by [`Type::optional`] and
    /// [`Type::list`] (or [`Type::map`]) from the inner type, so a record
    /// spells it as C++ does. `outer` is `opt:` for an optional array or
    /// map of those (`opt:string[]`, `opt:map:string:f64`), else empty.
    Wrapped {
        outer: &'static str,
        prefix: &'static str,
        head: &'static str,
        name: &'static str,
        suffix: &'static str,
    },
    /// A typed callback, `fn:R(P;P…)` (C++'s `fn(R, P…)` word): a JS
    /// function, a JS-value handle on the wire.
    Callback {
        result: &'static Type,
        params: &'static [Type],
    },
}

impl Type {
    /// `opt:T` of a word (a numeric array's `f64[]` too), an enum, a value,
    /// an array of strings or values or a map; not of an optional.
    pub const fn optional(self) -> Type {
        match self {
            Type::Wrapped {
                outer,
                prefix,
                head,
                name,
                suffix,
            } => {
                if is_opt(outer) || is_opt(prefix) {
                    panic!("weakbind: an optional cannot be optional");
                }
                if !same(outer, "") {
                    panic!("weakbind: an optional cannot hold maps two deep");
                }
                Type::Wrapped {
                    outer: "opt:",
                    prefix,
                    head,
                    name,
                    suffix,
                }
            }
            _ => self.wrapped("opt:", ""),
        }
    }

    /// `T[]` of a word (`f64[][]` of a numeric array), an enum or a value,
    /// and of an Array of those (one deep, as C++'s: `string[][]`); of an
    /// object, `C[]` (`C?[]` when nullable) with its prefix first:
    /// `own:C[]`, `ref:C?[]`.
    pub const fn list(self) -> Type {
        match self {
            Type::Object {
                prefix,
                class,
                nullable,
            } => Type::Wrapped {
                outer: "",
                prefix,
                head: "",
                name: class,
                suffix: if nullable { "?[]" } else { "[]" },
            },
            Type::Wrapped {
                outer,
                prefix,
                head,
                name,
                suffix,
            } => {
                // (A numeric array's word is an array already: `f64[][]`
                // is as deep as Arrays go.)
                let numeric = matches!(name.as_bytes(), [.., b'[', b']']);
                if !(same(outer, "") && same(prefix, "") && same(suffix, "[]")) || numeric {
                    panic!("weakbind: an array's element is a word, an enum, a value or an array of those");
                }
                Type::Wrapped {
                    outer,
                    prefix,
                    head,
                    name,
                    suffix: "[][]",
                }
            }
            _ => self.wrapped("", "[]"),
        }
    }

    /// `map:K:V` of a word, an enum, a value, an array of those (one deep)
    /// or a map of those (`map:string:map:i32:f64`); `key` is `map:K:`.
    /// (No map of an optional: an entry is there or not.)
    pub const fn map(self, key: &'static str) -> Type {
        match self {
            Type::Wrapped {
                outer,
                prefix,
                head,
                name,
                suffix,
            } => {
                if !same(outer, "") || is_opt(prefix) {
                    panic!("weakbind: a map's value cannot be an optional, or hold maps two deep");
                }
                // An array's key goes first; a map's outside its own.
                let (outer, prefix) = if same(prefix, "") {
                    ("", key)
                } else {
                    (key, prefix)
                };
                Type::Wrapped {
                    outer,
                    prefix,
                    head,
                    name,
                    suffix,
                }
            }
            _ => self.wrapped(key, ""),
        }
    }

    const fn wrapped(self, prefix: &'static str, suffix: &'static str) -> Type {
        let (head, name) = match self {
            Type::Word(w) => ("", w),
            Type::Enum(n) => ("enum:", n),
            Type::Value(n) => ("value:", n),
            _ => panic!(
                "weakbind: only a word, an enum or a value can be optional, an array's element or a map's value; an object only an array's element"
            ),
        };
        Type::Wrapped {
            outer: "",
            prefix,
            head,
            name,
            suffix,
        }
    }
}

/// Whether two strings are the same bytes (`==` is no const fn on str).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a wrapped type's part is `opt:`.
const fn is_opt(s: &str) -> bool {
    matches!(s.as_bytes(), [b'o', b'p', b't', b':', ..])
}

/// One piece of the text of a class's records.
#[derive(Clone, Copy, Debug)]
pub enum Piece {
    Text(&'static str),
    Type(Type),
    /// A parameter list: types separated by commas, `-` when empty.
    Params(&'static [Type]),
    /// Parameter names, comma-separated, each without a raw identifier's
    /// `r#` (JS and the records know no such prefix).
    Names(&'static [&'static str]),
    /// The NUL that ends a record.
    End,
    /// Pieces in a row (one record, as a macro writes it).
    Group(&'static [Piece]),
}

/// Bytes [`render`] writes for `pieces`.
pub const fn rendered_len(pieces: &[Piece]) -> usize {
    write(pieces, &mut [])
}

/// The records' bytes; `N` must be [`rendered_len`]`(pieces)`.
pub const fn render<const N: usize>(pieces: &[Piece]) -> [u8; N] {
    let mut out = [0u8; N];
    let n = write(pieces, &mut out);
    assert!(n == N, "weakbind: metadata length mismatch");
    out
}

/// Writes `pieces` into `out` (nothing when `out` is empty) and returns the
/// length of the text.
const fn write(pieces: &[Piece], out: &mut [u8]) -> usize {
    let mut at = 0;
    let mut i = 0;
    while i < pieces.len() {
        at = match pieces[i] {
            Piece::Text(s) => put(out, at, s),
            Piece::Type(t) => put_type(out, at, t),
            Piece::Params(params) => {
                if params.is_empty() {
                    put(out, at, "-")
                } else {
                    put_types(out, at, params, ",")
                }
            }
            Piece::Names(names) => {
                let mut j = 0;
                while j < names.len() {
                    if j > 0 {
                        at = put(out, at, ",");
                    }
                    at = put_name(out, at, names[j]);
                    j += 1;
                }
                at
            }
            Piece::End => put(out, at, "\0"),
            Piece::Group(group) => at + write(group, split_at(out, at)),
        };
        i += 1;
    }
    at
}

/// `out` from `at` on (empty stays empty: measuring).
const fn split_at(out: &mut [u8], at: usize) -> &mut [u8] {
    if out.is_empty() {
        out
    } else {
        out.split_at_mut(at).1
    }
}

const fn put_type(out: &mut [u8], at: usize, t: Type) -> usize {
    match t {
        Type::Word(w) => put(out, at, w),
        Type::Enum(name) => {
            let at = put(out, at, "enum:");
            put(out, at, name)
        }
        Type::Value(name) => {
            let at = put(out, at, "value:");
            put(out, at, name)
        }
        Type::Wrapped {
            outer,
            prefix,
            head,
            name,
            suffix,
        } => {
            let at = put(out, at, outer);
            let at = put(out, at, prefix);
            let at = put(out, at, head);
            let at = put(out, at, name);
            put(out, at, suffix)
        }
        Type::Object {
            prefix,
            class,
            nullable,
        } => {
            let at = put(out, at, prefix);
            let at = put(out, at, class);
            if nullable {
                put(out, at, "?")
            } else {
                at
            }
        }
        Type::Callback { result, params } => {
            let mut at = put(out, at, "fn:");
            at = put_type(out, at, *result);
            at = put(out, at, "(");
            // `;`, not `,`: a record's parameter list separates by commas.
            at = put_types(out, at, params, ";");
            put(out, at, ")")
        }
    }
}

/// `types` separated by `sep`.
const fn put_types(out: &mut [u8], mut at: usize, types: &[Type], sep: &str) -> usize {
    let mut j = 0;
    while j < types.len() {
        if j > 0 {
            at = put(out, at, sep);
        }
        at = put_type(out, at, types[j]);
        j += 1;
    }
    at
}

/// `name` without a leading `r#`.
const fn put_name(out: &mut [u8], at: usize, name: &str) -> usize {
    match name.as_bytes() {
        [b'r', b'#', ..] => put(out, at, name.split_at(2).1),
        _ => put(out, at, name),
    }
}

const fn put(out: &mut [u8], at: usize, s: &str) -> usize {
    let bytes = s.as_bytes();
    if !out.is_empty() {
        let mut i = 0;
        while i < bytes.len() {
            out[at + i] = bytes[i];
            i += 1;
        }
    }
    at + bytes.len()
}

/// Whether `name` can name a class: an identifier with no `__` (the export
/// names `_Class__member` are split at the first one).
pub const fn is_class_name(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphabetic() {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if !(b[i].is_ascii_alphanumeric() || b[i] == b'_')
            || (b[i] == b'_' && i + 1 < b.len() && b[i + 1] == b'_')
        {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIECES: &[Piece] = &[
        Piece::Text("weakbind 1"),
        Piece::End,
        Piece::Text("method Filter apply _Filter__apply "),
        Piece::Params(&[
            Type::Object {
                prefix: "",
                class: "Matrix",
                nullable: false,
            },
            Type::Word("f64"),
        ]),
        Piece::Text(" "),
        Piece::Type(Type::Object {
            prefix: "own:",
            class: "Matrix",
            nullable: true,
        }),
        Piece::End,
        Piece::Text("static Filter none _Filter__none "),
        Piece::Params(&[]),
        Piece::Text(" void"),
        Piece::End,
    ];

    #[test]
    fn records_render_as_nul_terminated_text() {
        const BYTES: [u8; rendered_len(PIECES)] = render(PIECES);
        assert_eq!(
            core::str::from_utf8(&BYTES).unwrap(),
            "weakbind 1\0method Filter apply _Filter__apply Matrix,f64 own:Matrix?\0\
             static Filter none _Filter__none - void\0"
        );
    }

    #[test]
    fn optionals_and_lists_spell_their_inner_type() {
        const PIECES: &[Piece] = &[
            Piece::Params(&[
                Type::Word("f64").optional(),
                Type::Enum("Border").optional(),
                Type::Value("Span").optional(),
                Type::Word("string").list(),
                Type::Value("Span").list(),
            ]),
            Piece::End,
        ];
        const BYTES: [u8; rendered_len(PIECES)] = render(PIECES);
        assert_eq!(
            core::str::from_utf8(&BYTES).unwrap(),
            "opt:f64,opt:enum:Border,opt:value:Span,string[],value:Span[]\0"
        );
    }

    #[test]
    fn containers_of_containers_spell_as_cpps() {
        const PIECES: &[Piece] = &[
            Piece::Params(&[
                Type::Word("f64[]").list(),
                Type::Word("string").list().list(),
                Type::Enum("Hue").list(),
                Type::Word("f64[]").map("map:string:"),
                Type::Word("string").list().map("map:i32:"),
                Type::Word("f64").map("map:i32:").map("map:string:"),
                Type::Word("string").list().map("map:i32:").optional(),
                Type::Value("Dot").list().list().optional(),
            ]),
            Piece::End,
        ];
        const BYTES: [u8; rendered_len(PIECES)] = render(PIECES);
        assert_eq!(
            core::str::from_utf8(&BYTES).unwrap(),
            "f64[][],string[][],enum:Hue[],map:string:f64[],map:i32:string[],\
             map:string:map:i32:f64,opt:map:i32:string[],opt:value:Dot[][]\0"
        );
    }

    #[test]
    fn lists_of_objects_keep_their_prefix_and_nullability() {
        const fn obj(prefix: &'static str, nullable: bool) -> Type {
            Type::Object {
                prefix,
                class: "Item",
                nullable,
            }
        }
        const PIECES: &[Piece] = &[
            Piece::Params(&[
                obj("", false).list(),
                obj("", true).list(),
                obj("own:", false).list(),
                obj("own:", true).list(),
                obj("ref:", false).list(),
                obj("ref:", true).list(),
            ]),
            Piece::End,
        ];
        const BYTES: [u8; rendered_len(PIECES)] = render(PIECES);
        assert_eq!(
            core::str::from_utf8(&BYTES).unwrap(),
            "Item[],Item?[],own:Item[],own:Item?[],ref:Item[],ref:Item?[]\0"
        );
    }

    #[test]
    fn parameter_names_drop_a_raw_identifiers_prefix() {
        const PIECES: &[Piece] = &[
            Piece::Text("params - f "),
            Piece::Names(&["x", "r#type", "r"]),
            Piece::End,
        ];
        const BYTES: [u8; rendered_len(PIECES)] = render(PIECES);
        assert_eq!(
            core::str::from_utf8(&BYTES).unwrap(),
            "params - f x,type,r\0"
        );
    }

    #[test]
    fn class_names_are_identifiers_without_double_underscores() {
        assert!(is_class_name("Filter"));
        assert!(is_class_name("Box_3d"));
        assert!(!is_class_name("Bad__name"));
        assert!(!is_class_name("_Filter"));
        assert!(!is_class_name(""));
    }
}
