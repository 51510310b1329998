//! The helpers `export!` expands a class's lines into: one wire function
//! per line (`__weakbind_fn`) and its metadata record. Macros, so they live
//! at the crate root whatever file holds them; this one keeps export.rs to
//! the lines a user writes.

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_setter {
    ($class:ident [$($records:expr,)*] [$($mut:ident)?] $prop:ident $name:ident $p:ident $t:ty; $($rest:tt)*) => {
        $crate::__weakbind_fn! { @param {
            export: concat!("_", stringify!($class), "__set_", stringify!($prop)),
            at: concat!(stringify!($class), ".", stringify!($prop)),
            class: $class, name: $name, recv: [$($mut)?], wrap: ::core::convert::identity
        } [] [] [] ($p : $t) }
        $crate::__weakbind_class! { $class [$($records,)*
            $crate::export::Piece::Group(&[
                $crate::export::Piece::Text(concat!("setter ", stringify!($class), " ", stringify!($prop),
                    " _", stringify!($class), "__set_", stringify!($prop), " ")),
                $crate::export::Piece::Type(<$t as $crate::export::Param>::TYPE),
                $crate::export::Piece::End,
            ]),
        ] $($rest)* }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_method {
    ($class:ident [$($records:expr,)*] [$($mut:ident)?] $name:ident $js:ident ($export:expr) [$(($p:ident : $t:ty))*] [$($r:ty)?]; $($rest:tt)*) => {
        $crate::__weakbind_fn! { @param {
            export: $export,
            at: concat!(stringify!($class), ".", stringify!($js)),
            class: $class, name: $name, recv: [$($mut)?], wrap: ::core::convert::identity
        } [] [] [] $(($p : $t))* }
        $crate::__weakbind_class! { $class [$($records,)*
            $crate::__weakbind_member_record!(method $class $js ($export) [$($t)*] [$($r)?]),
            $crate::__weakbind_names_record!(concat!("params ", stringify!($class), " ", stringify!($js), " "), [$($p)*]),
        ] $($rest)* }
    };
}

/// A constructor's wire function: `_Class__new<arity>`, like C++'s.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_ctor {
    ($class:ident $name:ident $wrap:path; $(($p:ident : $t:ty))*) => {
        $crate::__weakbind_fn! { @param {
            export: concat!("_", stringify!($class), "__new", $crate::__weakbind_count!($($p)*)),
            at: concat!("new ", stringify!($class)),
            class: $class, name: $name, recv: none, wrap: $wrap
        } [] [] [] $(($p : $t))* }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_ctor_record {
    ($class:ident $($t:ty)*) => {
        $crate::export::Piece::Group(&[
            $crate::export::Piece::Text(concat!("ctor ", stringify!($class), " _", stringify!($class), "__new",
                $crate::__weakbind_count!($($t)*), " ")),
            $crate::export::Piece::Params(&[$(<$t as $crate::export::Param>::TYPE),*]),
            $crate::export::Piece::End,
        ])
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_member_record {
    ($kind:ident $class:ident $name:ident ($export:expr) [$($t:ty)*] [$($r:ty)?]) => {
        $crate::export::Piece::Group(&[
            $crate::export::Piece::Text(concat!(stringify!($kind), " ", stringify!($class), " ", stringify!($name),
                " ", $export, " ")),
            $crate::export::Piece::Params(&[$(<$t as $crate::export::Param>::TYPE),*]),
            $crate::export::Piece::Text(" "),
            $crate::export::Piece::Type(<$crate::__weakbind_unit_or!($($r)?) as $crate::export::Return>::TYPE),
            $crate::export::Piece::End,
        ])
    };
}

/// `params HEAD NAMES`: the names of a member's parameters, for `weakbind
/// dts`; nothing for a member with none.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_names_record {
    ($head:expr, []) => {
        $crate::export::Piece::Group(&[])
    };
    ($head:expr, [$($p:ident)+]) => {
        $crate::export::Piece::Group(&[
            $crate::export::Piece::Text($head),
            $crate::export::Piece::Names(&[$(stringify!($p)),+]),
            $crate::export::Piece::End,
        ])
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_unit_or {
    () => {
        ()
    };
    ($r:ty) => {
        $r
    };
}

/// Arity as a literal, for `_Class__new<arity>` (C++ allows up to 8 too).
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_count {
    () => {
        "0"
    };
    ($a:tt) => {
        "1"
    };
    ($a:tt $b:tt) => {
        "2"
    };
    ($a:tt $b:tt $c:tt) => {
        "3"
    };
    ($a:tt $b:tt $c:tt $d:tt) => {
        "4"
    };
    ($a:tt $b:tt $c:tt $d:tt $e:tt) => {
        "5"
    };
    ($a:tt $b:tt $c:tt $d:tt $e:tt $f:tt) => {
        "6"
    };
    ($a:tt $b:tt $c:tt $d:tt $e:tt $f:tt $g:tt) => {
        "7"
    };
    ($a:tt $b:tt $c:tt $d:tt $e:tt $f:tt $g:tt $h:tt) => {
        "8"
    };
}

/// One wire function. Each parameter becomes three wasm parameters `a`,
/// `b`, `c` ([`Param::A`], [`Param::B`], [`Param::C`]; a `()` one has no
/// wasm value). Every step of the recursion is an expansion of its own, so
/// its `a`, `b` and `c` are names of their own (hygiene). The result's wasm type is inferred (`impl Copy`),
/// so the signature never names a type with an elided lifetime in it.
#[doc(hidden)]
#[macro_export]
macro_rules! __weakbind_fn {
    (@param $ctx:tt [$($wire:tt)*] [$($conv:tt)*] [$($arg:ident)*] ($p:ident : $t:ty) $($rest:tt)*) => {
        $crate::__weakbind_fn! { @param $ctx
            [$($wire)* a: <$t as $crate::export::Param>::A, b: <$t as $crate::export::Param>::B,
                c: <$t as $crate::export::Param>::C,]
            [$($conv)* let $p = <$t as $crate::export::Param>::from_wasm(a, b, c, AT);]
            [$($arg)* $p]
            $($rest)*
        }
    };
    (@param { export: $export:expr, at: $at:expr, class: $class:ident, name: $name:ident, recv: $recv:tt, wrap: $wrap:path }
        [$($wire:tt)*] [$($conv:tt)*] [$($arg:ident)*]) => {
        const _: () = {
            const AT: &str = $at;
            $crate::__weakbind_fn! { @emit $recv $export; $class $name $wrap; [$($wire)*] [$($conv)*] [$($arg)*] }
        };
    };
    // a free function (`functions!`)
    (@emit free $export:expr; $class:ident $name:ident $wrap:path; [$($wire:tt)*] [$($conv:tt)*] [$($arg:ident)*]) => {
        #[export_name = $export]
        #[allow(improper_ctypes_definitions, unused_unsafe)]
        unsafe extern "C" fn wire($($wire)*) -> impl Copy {
            unsafe {
                $($conv)*
                $crate::export::Return::into_wasm(($wrap)($name($($arg),*)))
            }
        }
    };
    // no receiver: a constructor or a static
    (@emit none $export:expr; $class:ident $name:ident $wrap:path; [$($wire:tt)*] [$($conv:tt)*] [$($arg:ident)*]) => {
        #[export_name = $export]
        #[allow(improper_ctypes_definitions, unused_unsafe)]
        unsafe extern "C" fn wire($($wire)*) -> impl Copy {
            unsafe {
                $($conv)*
                $crate::export::Return::into_wasm(($wrap)(<$class>::$name($($arg),*)))
            }
        }
    };
    // &self
    (@emit [] $export:expr; $class:ident $name:ident $wrap:path; [$($wire:tt)*] [$($conv:tt)*] [$($arg:ident)*]) => {
        #[export_name = $export]
        #[allow(improper_ctypes_definitions, unused_unsafe)]
        unsafe extern "C" fn wire(this: *const $class, $($wire)*) -> impl Copy {
            unsafe {
                $($conv)*
                let this = $crate::export::__this(this, AT);
                $crate::export::Return::into_wasm(($wrap)(<$class>::$name(this, $($arg),*)))
            }
        }
    };
    // &mut self: no argument may be the object itself
    (@emit [mut] $export:expr; $class:ident $name:ident $wrap:path; [$($wire:tt)*] [$($conv:tt)*] [$($arg:ident)*]) => {
        #[export_name = $export]
        #[allow(improper_ctypes_definitions, unused_unsafe)]
        unsafe extern "C" fn wire(this: *mut $class, $($wire)*) -> impl Copy {
            unsafe {
                $($conv)*
                if let ::core::option::Option::Some((k, refers)) = $crate::export::__aliased(
                    &[$($crate::export::Param::refers_to(&$arg, this as usize)),*],
                ) {
                    $($crate::export::__discard($arg);)*
                    $crate::export::__fail_aliased(AT, k, refers);
                }
                let this = $crate::export::__this_mut(this, AT);
                $crate::export::Return::into_wasm(($wrap)(<$class>::$name(this, $($arg),*)))
            }
        }
    };
}
