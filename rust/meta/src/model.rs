//! What a module offers JS: its classes and the type of every parameter and
//! result. Built from the `weakbind` section (see `records`) or, for classes
//! it does not describe, from the naming convention (see `convention`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    /// The metadata format version, when the module has a `weakbind` section.
    pub format: Option<u32>,
    /// Classes in declaration order: metadata classes first, then those
    /// found by the naming convention.
    pub classes: Vec<Class>,
    /// Free functions on the module object, in record order.
    pub functions: Vec<Function>,
    /// Enums on the module object, in record order.
    pub enums: Vec<Enum>,
    /// Value types (structs copied as plain objects), in record order.
    pub values: Vec<Value>,
    /// Parameter names (`params` records), in record order.
    pub param_names: Vec<ParamNames>,
    /// Exports whose wasm types differ from their record's types (see
    /// `signatures`): the loader cannot see this, so it is not an error.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Described by the `weakbind` section.
    Metadata,
    /// Found by the naming convention: every type comes from the wasm
    /// signature (numbers, or BigInt for i64).
    Convention,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub name: String,
    pub base: Option<String>,
    pub source: Source,
    /// One per arity, in record order.
    pub ctors: Vec<Ctor>,
    pub dtor: Option<String>,
    pub methods: Vec<Method>,
    pub statics: Vec<Method>,
    pub properties: Vec<Property>,
    /// Virtuals a JS subclass implements (weakbind/interfaces.hpp), in the
    /// order C++ numbers them.
    pub virtuals: Vec<Virtual>,
    /// Constructors of a JS subclass, one per arity.
    pub extends: Vec<Ctor>,
}

impl Class {
    pub(crate) fn new(name: &str, base: Option<&str>, source: Source) -> Class {
        Class {
            name: name.to_string(),
            base: base.map(str::to_string),
            source,
            ctors: Vec::new(),
            dtor: None,
            methods: Vec::new(),
            statics: Vec::new(),
            properties: Vec::new(),
            virtuals: Vec::new(),
            extends: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctor {
    pub export: String,
    pub params: Vec<Type>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    pub name: String,
    pub export: String,
    pub params: Vec<Type>,
    pub result: Type,
}

/// A virtual of a C++ class JS extends: `pure` ones JS must implement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Virtual {
    pub name: String,
    pub params: Vec<Type>,
    pub result: Type,
    pub pure: bool,
    /// The export of C++'s implementation (the object first); None when pure.
    pub base: Option<String>,
}

/// A free function: `m.name(...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub export: String,
    pub params: Vec<Type>,
    pub result: Type,
}

/// An enum: a frozen object of named numbers on the module. Its values
/// come from the export (`export(i)` is the i-th name's), which only a
/// running module can call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    pub name: String,
    pub export: String,
    pub names: Vec<String>,
    /// JS sees each value as its name (a string), not its number.
    pub strings: bool,
}

/// The names of one member's parameters, of the arity `names` has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamNames {
    /// None for a free function.
    pub class: Option<String>,
    /// A method, static, virtual or function, or `constructor`.
    pub member: String,
    pub names: Vec<String>,
}

impl Api {
    /// The names of `member`'s parameters at `arity` (`class` None: a free
    /// function), if a `params` record gives them.
    pub fn param_names(
        &self,
        class: Option<&str>,
        member: &str,
        arity: usize,
    ) -> Option<&[String]> {
        self.param_names
            .iter()
            .find(|p| p.class.as_deref() == class && p.member == member && p.names.len() == arity)
            .map(|p| p.names.as_slice())
    }
}

/// A value type: a struct that crosses as a plain JS object, copied both
/// ways through a heap block laid out by its fields (docs/BINDING.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub name: String,
    pub fields: Vec<Field>,
}

/// One field of a value: scalar, bool, string, enum or value types only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub ty: Type,
}

/// A property has a getter, a setter or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub getter: Option<Accessor>,
    pub setter: Option<Accessor>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessor {
    pub export: String,
    pub ty: Type,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    Void,
    I32,
    U32,
    Bool,
    F32,
    F64,
    I64,
    U64,
    String,
    Bytes,
    /// Any JS value, passed as a JS-value handle.
    Js,
    /// `fn:R(P;P)`: a JS function C++ calls (a parameter), passed as a
    /// JS-value handle.
    Callback {
        result: Box<Type>,
        params: Vec<Type>,
    },
    /// `enum:NAME`: one of the enum's values, an i32 on the wire.
    Enum(String),
    /// `f64[]` `f32[]` `i32[]` `u32[]`: a typed array, copied.
    Array(Element),
    /// `view:f64` `view:f32` `view:i32` `view:u32`: a borrowed view of
    /// numbers read in place (an export's result, a parameter of a call
    /// into JS); an i32 on the wire.
    View(Element),
    /// `value:NAME`: a plain object, copied; a pointer to a heap block on the wire.
    Value(String),
    /// `opt:T`: `T | undefined`, T a type a value's field may have; a
    /// parameter is a flag before T's own wire parameters.
    Optional(Box<Type>),
    /// `string[]` `value:V[]`: an Array of strings or values, copied;
    /// `C[]` `own:C[]` `ref:C[]`: an Array of objects (`C?[]`,
    /// `own:C?[]`, `ref:C?[]`: null elements allowed).
    List(Box<Type>),
    /// `map:K:V`: a JS Map, copied; K is string, i32, u32 or f64, V a type
    /// a value's field may have.
    Map(Box<Type>, Box<Type>),
    Object(Object),
}

/// The element of a numeric array type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    F64,
    F32,
    I32,
    U32,
}

impl Element {
    /// The element a word names: `f64` `f32` `i32` `u32`.
    pub fn from_word(word: &str) -> Option<Element> {
        match word {
            "f64" => Some(Element::F64),
            "f32" => Some(Element::F32),
            "i32" => Some(Element::I32),
            "u32" => Some(Element::U32),
            _ => None,
        }
    }

    /// The word before `[]` (or after `view:`), and the typed array JS sees.
    pub fn word(self) -> &'static str {
        match self {
            Element::F64 => "f64",
            Element::F32 => "f32",
            Element::I32 => "i32",
            Element::U32 => "u32",
        }
    }
    pub fn typed_array(self) -> &'static str {
        match self {
            Element::F64 => "Float64Array",
            Element::F32 => "Float32Array",
            Element::I32 => "Int32Array",
            Element::U32 => "Uint32Array",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub class: String,
    pub nullable: bool,
    pub ownership: Ownership,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// `CLASS`: a parameter, borrowed for the call.
    Borrowed,
    /// `own:CLASS`: a result JS becomes an owner of.
    Owned,
    /// `ref:CLASS`: a result owned by its parent object.
    Ref,
}

impl Type {
    /// The wasm parameters a value of this type takes (format 1 table).
    pub fn wasm_params(&self) -> usize {
        match self {
            Type::Void => 0,
            Type::String | Type::Bytes | Type::Array(_) => 2,
            Type::Optional(inner) => 1 + inner.wasm_params(),
            Type::List(_) | Type::Map(..) => 2,
            _ => 1,
        }
    }
}

/// The type as the section spells it.
impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            Type::Void => "void",
            Type::I32 => "i32",
            Type::U32 => "u32",
            Type::Bool => "bool",
            Type::F32 => "f32",
            Type::F64 => "f64",
            Type::I64 => "i64",
            Type::U64 => "u64",
            Type::String => "string",
            Type::Bytes => "bytes",
            Type::Js => "js",
            Type::Enum(name) => return write!(f, "enum:{name}"),
            Type::Callback { result, params } => {
                let words: Vec<String> = params.iter().map(Type::to_string).collect();
                return write!(f, "fn:{result}({})", words.join(";"));
            }
            Type::Value(name) => return write!(f, "value:{name}"),
            Type::Optional(inner) => return write!(f, "opt:{inner}"),
            Type::List(inner) => return write!(f, "{inner}[]"),
            Type::Map(key, value) => return write!(f, "map:{key}:{value}"),
            Type::Array(e) => return write!(f, "{}[]", e.word()),
            Type::View(e) => return write!(f, "view:{}", e.word()),
            Type::Object(o) => {
                let prefix = match o.ownership {
                    Ownership::Borrowed => "",
                    Ownership::Owned => "own:",
                    Ownership::Ref => "ref:",
                };
                let null = if o.nullable { "?" } else { "" };
                return write!(f, "{prefix}{}{null}", o.class);
            }
        };
        f.write_str(word)
    }
}
