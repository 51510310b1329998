//! Rust classes for JS, under the same contract as C++'s `weakbind/bind.hpp`:
//! the same export names, the same metadata records (format version 1), the
//! same wire types. JS cannot tell a Rust class from a C++ one.
//!
//! ```ignore
//! pub struct Filter { gain: f64 }
//! impl Filter {
//!     pub fn new(gain: f64) -> Self { Filter { gain } }
//!     pub fn gain(&self) -> f64 { self.gain }
//!     pub fn set_gain(&mut self, gain: f64) { self.gain = gain }
//!     pub fn apply(&self, m: &Matrix) -> Own<Matrix> { … }
//!     pub fn describe(&self) -> String { … }
//!     pub fn identity() -> Filter { Filter::new(1.0) }
//! }
//!
//! weakbind::export! {
//!     class Filter {
//!         #[constructor] fn new(gain: f64) -> Self;   // new Filter(gain)
//!         #[getter] fn gain(&self) -> f64;            // filter.gain
//!         #[setter(gain)] fn set_gain(&mut self, gain: f64);
//!         fn apply(&self, m: &Matrix) -> Own<Matrix>; // a C++ object in and out
//!         fn describe(&self) -> String;
//!         fn identity() -> Filter;                    // Filter.identity()
//!     }
//! }
//! weakbind::extern_class!(Matrix, matrix_delete);     // a C++ class Rust uses
//! ```
//!
//! Each line repeats a method's signature; the compiler checks it against
//! the method. What `export!` writes for a class:
//!
//! | line | export | record |
//! |---|---|---|
//! | (always) | `_Filter__destructor` (drops the `Box`) | `class Filter`, `dtor …` |
//! | `#[constructor] fn new(a: A) -> Self;` (or `-> Option<Self>`: `None` becomes NULL) | `_Filter__new1` (arity) | `ctor` |
//! | `fn m(&self, …) -> R;` / `fn m(&mut self, …)` | `_Filter__m` | `method` |
//! | `fn s(…) -> R;` (no receiver) | `_Filter__s` | `static` |
//! | `#[getter] fn p(&self) -> T;` | `_Filter__get_p` | `getter` |
//! | `#[setter(p)] fn set_p(&mut self, v: T);` | `_Filter__set_p` | `setter` |
//! | `#[js_name(n)] fn m(…);` (a method or static) | `_Filter__n` | JS calls it `n` |
//! | `#[overload(n)] fn m2(…);` (another arity of `n`) | `_Filter__n__<arity>` | JS chooses by argument count |
//!
//! Free functions and enums, beside the classes on the module object:
//! [`functions!`](crate::functions!) and [`enumeration!`](crate::enumeration!)
//! (see [`module`]); an enum is a parameter and result type (`enum:NAME`).
//! A struct [`value!`](crate::value!) describes is one too (`value:NAME`: a
//! plain JS object, copied both ways); its fields may be optionals, arrays
//! and maps ([`Field`]).
//!
//! Types ([`Param`], [`Return`]): `i32 u32 f32 f64 i64 u64 bool`, `&str` and
//! `String` (string), `&[u8]` and `Vec<u8>` (bytes), `&[T]` and `Vec<T>` for
//! T in f64 f32 i32 u32 (`f64[]` …: typed arrays, copied), [`JsRef`](crate::JsRef)
//! (js), `Option<T>` for T a number, `bool`, a string, an enum, a value,
//! an array or a map (`opt:T`: `T | undefined`), `Vec<String>` and `Vec<V>` for a value V
//! (`string[]`, `value:V[]`: Arrays, copied), `BTreeMap<K, V>` and
//! (with `std`) `HashMap<K, V>` for K in String i32 u32 and V a value's
//! field type with no container (`map:K:V`: Maps, copied), `&C` / `Option<&C>` for an
//! argument of any class `C`, `Vec<&C>` / `Vec<Option<&C>>` for an
//! Array of them (`C[]`, `C?[]`), and [`Callback<fn(P…) -> R>`](Callback)
//! for a JS function (`fn:R(P;…)`, C++'s `fn(R, P…)`); results
//! `C` (a Rust class by value), `Box<C>`, [`Own<C>`] (`own:C`, with
//! `Option<…>` for `own:C?`), `&`[`Retained<C>`] (`own:C`: JS becomes one
//! more owner of an object Rust keeps) and `&C` / `Option<&C>` (`ref:C`: a
//! part of `self`, alive exactly as long as `self`), a `Vec` of any of
//! those or of their `Option`s, `Vec<C>` and `Vec<Option<C>>` included
//! (`own:C[]`, `ref:C?[]` …: an Array of wrappers), and
//! [`View<'_, T>`](View) for T in f64 f32 i32 u32 (`view:T`: numbers
//! `self` keeps, read in place, a method's result, not a getter's). Write
//! the class's name, not `Self`, except in a constructor.
//!
//! Safety at the boundary: the loader checks every argument's class before
//! the call, an Array's elements each; `export!` also refuses a NULL
//! object, a string that is not UTF-8, and an argument (or an Array's
//! element) that is the very object a `&mut self` method changes (Rust
//! must not see `&mut self` and `&self` of one object), each with a JS
//! error naming the method (the last one, which the loader cannot foresee,
//! after dropping the arguments: nothing stays allocated). `&mut C`
//! arguments are not accepted.

mod arrays;
mod callback_objects;
mod callbacks;
mod class;
mod fields;
mod lines;
mod lists;
mod maps;
mod meta;
pub mod module;
mod object_lists;
mod optional;
mod owners;
mod values;
mod view;
mod wire;

pub use callbacks::{Callback, CallbackParam, CallbackResult};
pub use class::{Class, RustClass};
pub use lists::{Element, ListParam, ListReturn};
pub use maps::MapKey;
pub use meta::{Piece, Type};
pub use object_lists::ObjectResult;
pub use optional::{OptionalParam, OptionalReturn};
pub use owners::{Own, Retained};
pub use values::Field;
pub use view::{View, ViewElement};
pub use wire::{Param, Refers, Return};

#[doc(hidden)]
pub use alloc::boxed::Box as __Box;
#[doc(hidden)]
pub use callbacks::{block_result as __block_result, HeldBlock as __HeldBlock};
#[doc(hidden)]
pub use meta::{
    is_class_name as __is_class_name, render as __render, rendered_len as __rendered_len,
};
#[doc(hidden)]
pub use object_lists::{
    param_list as __object_param_list, put_address as __put_address,
    required_object_at as __required_object_at, result_list as __result_list,
};
#[doc(hidden)]
pub use optional::{flagged as __flagged, optional_block as __optional_block};
#[doc(hidden)]
pub use values::{
    align_up as __align_up, block_layout as __block_layout, value_block as __value_block,
};
#[doc(hidden)]
pub use view::is_view as __is_view;
#[doc(hidden)]
pub use wire::fail as __fail;

/// The receiver of a `&self` method.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn __this<'a, T>(this: *const T, at: &'static str) -> &'a T {
    match this.as_ref() {
        Some(r) => r,
        None => __fail(&[at, ": called on NULL"]),
    }
}

/// The receiver of a `&mut self` method (the arguments were checked by
/// [`__aliased`] first).
#[doc(hidden)]
#[inline(always)]
pub unsafe fn __this_mut<'a, T>(this: *mut T, at: &'static str) -> &'a mut T {
    match this.as_mut() {
        Some(r) => r,
        None => __fail(&[at, ": called on NULL"]),
    }
}

/// The first argument of a `&mut self` method that is, or holds, the
/// object the method changes (Rust must not see `&mut self` and `&self` of
/// one object): its index and where. The caller drops the arguments, then
/// fails with [`__fail_aliased`], so a refusal leaves nothing allocated.
#[doc(hidden)]
#[inline(always)]
pub fn __aliased(refers: &[Refers]) -> Option<(usize, Refers)> {
    refers
        .iter()
        .position(|r| *r != Refers::No)
        .map(|k| (k, refers[k]))
}

#[doc(hidden)]
#[cold]
pub fn __fail_aliased(at: &'static str, k: usize, refers: Refers) -> ! {
    match refers {
        Refers::Element(e) => {
            let (mut arg, mut element) = ([0u8; 20], [0u8; 20]);
            __fail(&[
                at,
                ": argument ",
                decimal(k + 1, &mut arg),
                " element ",
                decimal(e, &mut element),
                " is the object this method changes",
            ])
        }
        _ => __fail(&[at, ": an argument is the object this method changes"]),
    }
}

/// `n` in decimal, written into `buf`.
fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits only.
    core::str::from_utf8(&buf[i..]).unwrap_or("?")
}

/// Moves an argument out to drop it (the refusal path of a `&mut self`
/// method); any type, `Copy` ones included.
#[doc(hidden)]
#[inline(always)]
pub fn __discard<T>(_: T) {}

#[doc(hidden)]
#[inline(always)]
pub fn __boxed_opt<T>(value: Option<T>) -> Option<__Box<T>> {
    value.map(__Box::new)
}

/// Exports Rust types as JS classes; see the [module docs](crate::export).
#[macro_export]
macro_rules! export {
    ($( $(#[doc = $doc:literal])* class $class:ident { $($items:tt)* } )*) => {
        $( $crate::__weakbind_class! { $class [] $($items)* } )*
    };
}

/// Declares a class implemented elsewhere (C++) so Rust can take its objects
/// as arguments (`&Matrix`) and return them (`Own<Matrix>`, `&Matrix`).
/// `destroy` frees an object Rust owns (an `Own` dropped in Rust). The
/// class's own metadata comes from where it is implemented.
#[macro_export]
macro_rules! extern_class {
    ($class:ident, $destroy:path) => {
        unsafe impl $crate::export::Class for $class {
            const NAME: &'static str = stringify!($class);
            #[allow(unused_unsafe)]
            unsafe fn destroy(object: *mut Self) {
                unsafe { $destroy(object) }
            }
        }
        $crate::__weakbind_object_lists!($class);
    };
}

/// One class: munches its lines, exporting a wire function per line and
/// collecting its records; the last step writes the class's impls, its
/// destructor and its metadata static.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_class {
    // #[constructor] fn new(…) -> Self;
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[constructor] fn $name:ident ( $($p:ident : $t:ty),* $(,)? ) -> Self ; $($rest:tt)*) => {
        $crate::__weakbind_ctor! { $class $name ::core::convert::identity; $(($p : $t))* }
        $crate::__weakbind_class! { $class [$($records,)* $crate::__weakbind_ctor_record!($class $($t)*),
            $crate::__weakbind_names_record!(concat!("params ", stringify!($class), " constructor "), [$($p)*]),] $($rest)* }
    };
    // #[constructor] fn try_new(…) -> Option<Self>;   (None: NULL, a JS error)
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[constructor] fn $name:ident ( $($p:ident : $t:ty),* $(,)? ) -> Option<Self> ; $($rest:tt)*) => {
        $crate::__weakbind_ctor! { $class $name $crate::export::__boxed_opt; $(($p : $t))* }
        $crate::__weakbind_class! { $class [$($records,)* $crate::__weakbind_ctor_record!($class $($t)*),
            $crate::__weakbind_names_record!(concat!("params ", stringify!($class), " constructor "), [$($p)*]),] $($rest)* }
    };
    // #[getter] fn p(&self) -> T;
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[getter] fn $name:ident ( &self $(,)? ) -> $r:ty ; $($rest:tt)*) => {
        const _: () = ::core::assert!(
            !$crate::export::__is_view(<$r as $crate::export::Return>::TYPE),
            concat!("weakbind::export!: getter ", stringify!($class), ".", stringify!($name),
                " returns a View; a view is a method's result (write it without #[getter])")
        );
        $crate::__weakbind_fn! { @param {
            export: concat!("_", stringify!($class), "__get_", stringify!($name)),
            at: concat!(stringify!($class), ".", stringify!($name)),
            class: $class, name: $name, recv: [], wrap: ::core::convert::identity
        } [] [] [] }
        $crate::__weakbind_class! { $class [$($records,)*
            $crate::export::Piece::Group(&[
                $crate::export::Piece::Text(concat!("getter ", stringify!($class), " ", stringify!($name),
                    " _", stringify!($class), "__get_", stringify!($name), " ")),
                $crate::export::Piece::Type(<$r as $crate::export::Return>::TYPE),
                $crate::export::Piece::End,
            ]),
        ] $($rest)* }
    };
    // #[setter(p)] fn set_p(&mut self, v: T);   (or &self, for interior mutability)
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[setter($prop:ident)] fn $name:ident ( &mut self , $p:ident : $t:ty $(,)? ) ; $($rest:tt)*) => {
        $crate::__weakbind_setter! { $class [$($records,)*] [mut] $prop $name $p $t; $($rest)* }
    };
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[setter($prop:ident)] fn $name:ident ( &self , $p:ident : $t:ty $(,)? ) ; $($rest:tt)*) => {
        $crate::__weakbind_setter! { $class [$($records,)*] [] $prop $name $p $t; $($rest)* }
    };
    // #[js_name(n)] fn m(…);   the method or static `m` as JS's `n`
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[js_name($js:ident)] fn $name:ident $sig:tt $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_class! { @named $class [$($records,)*] $js
            (concat!("_", stringify!($class), "__", stringify!($js))) fn $name $sig $(-> $r)? ; $($rest)* }
    };
    // #[overload(n)] fn m2(…);   another arity of JS's `n` (export _Class__n__<arity>)
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* #[overload($js:ident)] fn $name:ident ( $($sig:tt)* ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_class! { @named $class [$($records,)*] $js
            (concat!("_", stringify!($class), "__", stringify!($js), "__", $crate::__weakbind_arity!($($sig)*)))
            fn $name ( $($sig)* ) $(-> $r)? ; $($rest)* }
    };
    // fn m(&self, …) -> R;   fn m(&mut self, …);
    ($class:ident [$($records:expr,)*] $(#[doc = $doc:literal])* fn $name:ident $sig:tt $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_class! { @named $class [$($records,)*] $name
            (concat!("_", stringify!($class), "__", stringify!($name))) fn $name $sig $(-> $r)? ; $($rest)* }
    };
    (@named $class:ident [$($records:expr,)*] $js:ident ($export:expr) fn $name:ident ( &mut self $(, $p:ident : $t:ty)* $(,)? ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_method! { $class [$($records,)*] [mut] $name $js ($export) [$(($p : $t))*] [$($r)?]; $($rest)* }
    };
    (@named $class:ident [$($records:expr,)*] $js:ident ($export:expr) fn $name:ident ( &self $(, $p:ident : $t:ty)* $(,)? ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_method! { $class [$($records,)*] [] $name $js ($export) [$(($p : $t))*] [$($r)?]; $($rest)* }
    };
    // fn s(…) -> R;   (no receiver: a static)
    (@named $class:ident [$($records:expr,)*] $js:ident ($export:expr) fn $name:ident ( $($p:ident : $t:ty),* $(,)? ) $(-> $r:ty)? ; $($rest:tt)*) => {
        $crate::__weakbind_fn! { @param {
            export: $export,
            at: concat!(stringify!($class), ".", stringify!($js)),
            class: $class, name: $name, recv: none, wrap: ::core::convert::identity
        } [] [] [] $(($p : $t))* }
        $crate::__weakbind_class! { $class [$($records,)*
            $crate::__weakbind_member_record!(static $class $js ($export) [$($t)*] [$($r)?]),
            $crate::__weakbind_names_record!(concat!("params ", stringify!($class), " ", stringify!($js), " "), [$($p)*]),
        ] $($rest)* }
    };
    // Done: the class's impls, destructor and records.
    ($class:ident [$($records:expr,)*]) => {
        const _: () = ::core::assert!(
            $crate::export::__is_class_name(stringify!($class)),
            concat!("weakbind::export!: `", stringify!($class), "` cannot name a class (an identifier with no `__`)")
        );

        unsafe impl $crate::export::Class for $class {
            const NAME: &'static str = stringify!($class);
            #[allow(unused_unsafe)]
            unsafe fn destroy(object: *mut Self) {
                ::core::mem::drop(unsafe { $crate::export::__Box::from_raw(object) })
            }
        }

        unsafe impl $crate::export::RustClass for $class {
            const METADATA: &'static [u8] = {
                const RECORDS: &[$crate::export::Piece] = &[
                    $crate::export::Piece::Text("weakbind 1"),
                    $crate::export::Piece::End,
                    $crate::export::Piece::Text(concat!("class ", stringify!($class))),
                    $crate::export::Piece::End,
                    $crate::export::Piece::Text(concat!("dtor ", stringify!($class), " _", stringify!($class), "__destructor")),
                    $crate::export::Piece::End,
                    $($records,)*
                ];
                const BYTES: [u8; $crate::export::__rendered_len(RECORDS)] = $crate::export::__render(RECORDS);
                // The custom section the loader reads; wasm-ld concatenates
                // it with every other class's, C++ or Rust.
                #[cfg_attr(target_arch = "wasm32", link_section = "weakbind")]
                #[used]
                static SECTION: [u8; BYTES.len()] = BYTES;
                &BYTES
            };
        }

        /// A Rust class returned by value: JS becomes its owner (`own:`).
        impl $crate::export::Return for $class {
            const TYPE: $crate::export::Type = $crate::export::Type::Object {
                prefix: "own:",
                class: stringify!($class),
                nullable: false,
            };
            type Wasm = *mut $class;
            fn into_wasm(self) -> *mut $class {
                $crate::export::__Box::into_raw($crate::export::__Box::new(self))
            }
        }

        $crate::__weakbind_object_lists!($class owned);

        const _: () = {
            #[export_name = concat!("_", stringify!($class), "__destructor")]
            unsafe extern "C" fn destructor(object: *mut $class) {
                if !object.is_null() {
                    unsafe { <$class as $crate::export::Class>::destroy(object) }
                }
            }
        };
    };
    // Anything else: say which line.
    ($class:ident [$($records:expr,)*] $($bad:tt)+) => {
        ::core::compile_error!(concat!(
            "weakbind::export!: cannot read this line of class ", stringify!($class), ": `",
            stringify!($($bad)+), "`; expected `fn m(&self, a: A) -> R;`, `fn s(a: A) -> R;`, ",
            "`#[constructor] fn new(a: A) -> Self;`, `#[getter] fn p(&self) -> T;` or ",
            "`#[setter(p)] fn set_p(&mut self, v: T);`"
        ));
    };
}
