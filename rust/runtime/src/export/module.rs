//! What sits on the module object beside the classes, as C++'s
//! `WEAKBIND_FUNCTION` and `WEAKBIND_ENUM` write it: free functions
//! ([`functions!`](crate::functions!)) and enums
//! ([`enumeration!`](crate::enumeration!)), with the same records and
//! export names.
//!
//! ```ignore
//! pub fn gcd(a: i32, b: i32) -> i32 { … }
//! pub fn gcd3(a: i32, b: i32, c: i32) -> i32 { … }
//! weakbind::functions! {
//!     fn gcd(a: i32, b: i32) -> i32;               // m.gcd(a, b)
//!     #[overload(gcd)] fn gcd3(a: i32, b: i32, c: i32) -> i32;   // m.gcd(a, b, c)
//! }
//!
//! #[derive(Clone, Copy, PartialEq, Eq)]
//! pub enum Color { Red = 1, Green = 5 }
//! weakbind::enumeration!(Color { Red, Green });    // m.Color.Red, a parameter or result type
//! weakbind::enumeration!(strings Mode { Fast });   // m.Mode.Fast === "Fast"
//! ```

/// Exports free functions to JS; see the [module docs](crate::export::module).
#[macro_export]
macro_rules! functions {
    () => {};
    ($(#[doc = $doc:literal])* #[overload($js:ident)] fn $name:ident ( $($p:ident : $t:ty),* $(,)? ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_function! { $name $js
            (concat!("weakbind_fn_", stringify!($js), "__", $crate::__weakbind_count!($($p)*)))
            [$(($p : $t))*] [$($r)?] }
        $crate::functions! { $($rest)* }
    };
    ($(#[doc = $doc:literal])* #[js_name($js:ident)] fn $name:ident ( $($p:ident : $t:ty),* $(,)? ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_function! { $name $js (concat!("weakbind_fn_", stringify!($js))) [$(($p : $t))*] [$($r)?] }
        $crate::functions! { $($rest)* }
    };
    ($(#[doc = $doc:literal])* fn $name:ident ( $($p:ident : $t:ty),* $(,)? ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_function! { $name $name (concat!("weakbind_fn_", stringify!($name))) [$(($p : $t))*] [$($r)?] }
        $crate::functions! { $($rest)* }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_function {
    ($name:ident $js:ident ($export:expr) [$(($p:ident : $t:ty))*] [$($r:ty)?]) => {
        $crate::__weakbind_fn! { @param {
            export: $export,
            at: stringify!($js),
            class: __free, name: $name, recv: free, wrap: ::core::convert::identity
        } [] [] [] $(($p : $t))* }
        $crate::__weakbind_section! {
            $crate::export::Piece::Group(&[
                $crate::export::Piece::Text(concat!("function ", stringify!($js), " ", $export, " ")),
                $crate::export::Piece::Params(&[$(<$t as $crate::export::Param>::TYPE),*]),
                $crate::export::Piece::Text(" "),
                $crate::export::Piece::Type(<$crate::__weakbind_unit_or!($($r)?) as $crate::export::Return>::TYPE),
                $crate::export::Piece::End,
                $crate::__weakbind_names_record!(concat!("params - ", stringify!($js), " "), [$($p)*]),
            ])
        }
    };
}

/// Makes a fieldless enum a JS enum: a frozen object of its named values
/// on the module, and a parameter and result type (`enum:NAME`). An i32 that
/// is none of the listed values is refused before the Rust function runs
/// (the loader refuses it first), so no invalid enum value is ever made.
/// `enumeration!(strings Mode { Fast, Exact })`: JS sees each value as its
/// name (`m.Mode.Fast === "Fast"`).
#[macro_export]
macro_rules! enumeration {
    (strings $name:ident { $($v:ident),+ $(,)? }) => {
        $crate::__weakbind_enumeration! { $name " strings"; $($v)+ }
    };
    ($name:ident { $($v:ident),+ $(,)? }) => {
        $crate::__weakbind_enumeration! { $name ""; $($v)+ }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_enumeration {
    ($name:ident $form:literal; $($v:ident)+) => {
        impl $crate::export::Param for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Enum(stringify!($name));
            type A = i32;
            type B = ();
            type C = ();
            #[inline(always)]
            unsafe fn from_wasm(a: i32, _: (), _: (), at: &'static str) -> $name {
                $(if a == $name::$v as i32 {
                    return $name::$v;
                })+
                $crate::export::__fail(&[at, ": not a ", stringify!($name)])
            }
        }
        impl $crate::export::Return for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Enum(stringify!($name));
            type Wasm = i32;
            #[inline(always)]
            fn into_wasm(self) -> i32 {
                self as i32
            }
        }
        $crate::__weakbind_optional!($name);
        // A typed callback's parameter and result: the i32, which the
        // loader names (a string enum) and checks (a result) as C++'s.
        impl $crate::export::CallbackParam for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Enum(stringify!($name));
            type Arg<'a> = $name;
            type Held = ();
            fn append(a: &$name) {
                $crate::abi::weakbind_js_arg_f64(f64::from(*a as i32));
            }
        }
        impl $crate::export::CallbackResult for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Enum(stringify!($name));
            fn read(result: &$crate::jsref::JsCallResult) -> $name {
                // SAFETY: any i32; the loader checked it is one of the values.
                unsafe {
                    <$name as $crate::export::Param>::from_wasm(result.number() as i32, (), (), concat!("a callback's ", stringify!($name)))
                }
            }
        }
        // An Array's element (`Vec<E>`: `enum:E[]`), as a field.
        impl $crate::export::Element for $name {}
        // A value's field: the i32 a parameter is, checked the same way.
        impl $crate::export::Field for $name {
            const TYPE: $crate::export::Type = $crate::export::Type::Enum(stringify!($name));
            const SIZE: usize = 4;
            const ALIGN: usize = 4;
            unsafe fn read(p: *const u8, at: &'static str) -> $name {
                <$name as $crate::export::Param>::from_wasm(p.cast::<i32>().read_unaligned(), (), (), at)
            }
            unsafe fn write(&self, p: *mut u8) {
                p.cast::<i32>().write_unaligned(*self as i32)
            }
        }
        const _: () = {
            /// The i-th name's value, or 0 past the last.
            #[export_name = concat!("weakbind_enum_", stringify!($name))]
            extern "C" fn values(i: u32) -> i32 {
                const VALUES: &[i32] = &[$($name::$v as i32),+];
                match VALUES.get(i as usize) {
                    Some(v) => *v,
                    None => 0,
                }
            }
        };
        $crate::__weakbind_section! {
            $crate::export::Piece::Group(&[
                $crate::export::Piece::Text(concat!("enum ", stringify!($name), " weakbind_enum_", stringify!($name), " ",
                    $crate::__weakbind_names!($($v)+), $form)),
                $crate::export::Piece::End,
            ])
        }
    };
}

/// `A,B,C` for the names A B C.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_names {
    ($first:ident $($v:ident)*) => {
        concat!(stringify!($first) $(, ",", stringify!($v))*)
    };
}

/// A record of its own in the module's `weakbind` section, after the
/// version record.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_section {
    ($record:expr) => {
        const _: () = {
            const RECORDS: &[$crate::export::Piece] = &[
                $crate::export::Piece::Text("weakbind 1"),
                $crate::export::Piece::End,
                $record,
            ];
            const BYTES: [u8; $crate::export::__rendered_len(RECORDS)] =
                $crate::export::__render(RECORDS);
            #[cfg_attr(target_arch = "wasm32", link_section = "weakbind")]
            #[used]
            static SECTION: [u8; BYTES.len()] = BYTES;
        };
    };
}

/// The number of parameters in a method's parameter list (`&self, a: A`
/// has one): its `:`s, as no parameter type has one of its own (`::` is
/// one token).
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_arity {
    ($($t:tt)*) => {
        $crate::__weakbind_colons!([] $($t)*)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_colons {
    ([$($n:tt)*]) => {
        $crate::__weakbind_count!($($n)*)
    };
    ([$($n:tt)*] : $($rest:tt)*) => {
        $crate::__weakbind_colons!([$($n)* x] $($rest)*)
    };
    ([$($n:tt)*] $other:tt $($rest:tt)*) => {
        $crate::__weakbind_colons!([$($n)*] $($rest)*)
    };
}
