//! The Rust half of the mixed example: a `Filter` (box blur, mask, point
//! function) that processes the C++ `Matrix` of cpp/matrix.cpp. One
//! `cargo build --target wasm32-unknown-unknown --release` builds one module
//! holding both classes, libc++, wasi-libc and the weakbind runtime, with one
//! heap; JS uses both through the weakbind loader with no glue.
//!
//! Rust uses C++: it reads and creates matrices through matrix.h (declared
//! by bindgen in build.rs), hands new ones to JS (`Own<Matrix>`), and keeps
//! a mask matrix alive (`Retained<Matrix>`). C++ uses Rust: `Matrix::map`
//! calls `filter_value`, and a matrix can keep a filter and apply it through
//! `filter_apply` (cpp/filter.h).

use std::sync::atomic::{AtomicU32, Ordering};

use weakbind::export::{Own, Retained};

#[allow(
    non_camel_case_types,
    non_upper_case_globals,
    non_snake_case,
    dead_code
)]
mod cpp {
    include!(concat!(env!("OUT_DIR"), "/matrix.rs"));
}
pub use cpp::Matrix;
use cpp::{matrix_cols, matrix_get, matrix_new, matrix_rows, matrix_set};

weakbind::extern_class!(Matrix, cpp::matrix_delete);

/// Radius limit: a blur reads (2r+1)² cells per cell.
pub const MAX_RADIUS: i32 = 8;

static FILTERS_DROPPED: AtomicU32 = AtomicU32::new(0);

pub struct Filter {
    radius: i32,
    gain: f64,
    offset: f64,
    /// Cells where the mask is 0 are copied unfiltered. The mask is a C++
    /// matrix this filter co-owns: JS may drop its wrapper meanwhile.
    mask: Option<Retained<Matrix>>,
    label: String,
}

impl Filter {
    /// A box blur of `radius` (0 = none); `None` outside 0..=MAX_RADIUS.
    pub fn new(radius: i32) -> Option<Filter> {
        (0..=MAX_RADIUS).contains(&radius).then(|| Filter {
            radius,
            gain: 1.0,
            offset: 0.0,
            mask: None,
            label: format!("blur {radius}"),
        })
    }

    /// The point function alone: `gain * x + offset`.
    pub fn affine(gain: f64, offset: f64) -> Filter {
        Filter {
            radius: 0,
            gain,
            offset,
            mask: None,
            label: format!("{gain}·x + {offset}"),
        }
    }

    pub fn value(&self, x: f64) -> f64 {
        self.gain * x + self.offset
    }

    /// The point function of one cell of `m`, read by C++, which throws
    /// std::out_of_range for a cell outside: JS gets a CppException naming
    /// `Filter.value_at`. (No Rust value that needs dropping is alive
    /// across the call: Rust frames are passed through, not unwound.)
    pub fn value_at(&self, m: &Matrix, row: i32, col: i32) -> f64 {
        // SAFETY: `m` is a live Matrix (the loader checked the wrapper).
        let x = unsafe { cpp::matrix_at(m, row, col) };
        self.value(x)
    }

    /// Blur, then the point function, where the mask allows: a new C++
    /// matrix, owned by whoever receives it (JS, or C++ through
    /// `filter_apply`). `None` when memory runs out.
    pub fn apply(&self, m: &Matrix) -> Option<Own<Matrix>> {
        let src: *const Matrix = m;
        // SAFETY: `m` is a live C++ matrix (borrowed for the call); the
        // result is new and ours until returned.
        unsafe {
            let (rows, cols) = (matrix_rows(src), matrix_cols(src));
            let out = Own::from_raw(matrix_new(rows, cols))?;
            let mask = self.mask.as_deref().map(|m| m as *const Matrix);
            for r in 0..rows {
                for c in 0..cols {
                    let x = matrix_get(src, r, c);
                    let keep = mask.is_some_and(|mk| matrix_get(mk, r, c) == 0.0);
                    let y = if keep {
                        x
                    } else {
                        self.value(self.blurred(src, r, c))
                    };
                    matrix_set(out.as_ptr(), r, c, y);
                }
            }
            Some(out)
        }
    }

    /// The mean of the cells within `radius` (edges: only cells inside).
    unsafe fn blurred(&self, m: *const Matrix, r: i32, c: i32) -> f64 {
        let (rows, cols) = (matrix_rows(m), matrix_cols(m));
        let (mut sum, mut n) = (0.0, 0);
        for rr in (r - self.radius).max(0)..=(r + self.radius).min(rows - 1) {
            for cc in (c - self.radius).max(0)..=(c + self.radius).min(cols - 1) {
                sum += matrix_get(m, rr, cc);
                n += 1;
            }
        }
        sum / f64::from(n)
    }

    /// Keeps `mask` (or lets go of it with `None`).
    pub fn set_mask(&mut self, mask: Option<&Matrix>) {
        self.mask = mask.and_then(Retained::new);
    }

    /// The mask. JS becomes one more owner: the mask stays valid in JS even
    /// after this filter lets go of it.
    pub fn mask(&self) -> Option<&Retained<Matrix>> {
        self.mask.as_ref()
    }

    /// Composes: `other` after `self`.
    pub fn then(&mut self, other: &Filter) {
        self.offset = other.gain * self.offset + other.offset;
        self.gain *= other.gain;
        self.label = format!("{} then {}", self.label, other.label);
    }

    pub fn describe(&self) -> String {
        format!(
            "Filter '{}' (radius {}, {}·x + {}{})",
            self.label,
            self.radius,
            self.gain,
            self.offset,
            if self.mask.is_some() { ", masked" } else { "" }
        )
    }

    pub fn radius(&self) -> i32 {
        self.radius
    }
    pub fn gain(&self) -> f64 {
        self.gain
    }
    pub fn set_gain(&mut self, gain: f64) {
        self.gain = gain;
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn set_label(&mut self, label: &str) {
        self.label = label.into();
    }
}

impl Drop for Filter {
    fn drop(&mut self) {
        FILTERS_DROPPED.fetch_add(1, Ordering::Relaxed);
    }
}

weakbind::export! {
    class Filter {
        #[constructor] fn new(radius: i32) -> Option<Self>;
        fn affine(gain: f64, offset: f64) -> Filter;
        fn value(&self, x: f64) -> f64;
        fn value_at(&self, m: &Matrix, row: i32, col: i32) -> f64;
        fn apply(&self, m: &Matrix) -> Option<Own<Matrix>>;
        fn set_mask(&mut self, mask: Option<&Matrix>);
        fn mask(&self) -> Option<&Retained<Matrix>>;
        fn then(&mut self, other: &Filter);
        fn describe(&self) -> String;
        #[getter] fn radius(&self) -> i32;
        #[getter] fn gain(&self) -> f64;
        #[setter(gain)] fn set_gain(&mut self, gain: f64);
        #[getter] fn label(&self) -> &str;
        #[setter(label)] fn set_label(&mut self, label: &str);
    }
}

// ---- free functions, an enum, JS names and overloads by arity -------------

/// How a filter treats the border of a matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Border {
    Clamp = 0,
    Wrap = 1,
    Zero = 7,
}
weakbind::enumeration!(Border { Clamp, Wrap, Zero });

/// How precisely to filter: JS sees the names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Fast = 0,
    Exact = 1,
}
weakbind::enumeration!(strings Precision { Fast, Exact });

/// The other precision.
pub fn toggle(p: Precision) -> Precision {
    match p {
        Precision::Fast => Precision::Exact,
        Precision::Exact => Precision::Fast,
    }
}

/// The border mode a radius suggests.
pub fn border_for(radius: i32) -> Border {
    if radius > 2 {
        Border::Zero
    } else {
        Border::Clamp
    }
}
/// The border's name.
pub fn border_name(border: Border) -> String {
    format!("{border:?}")
}
/// A filter of radius 1, or of `radius`.
pub fn unit_filter() -> Option<Own<Filter>> {
    Filter::new(1).map(Own::new)
}
pub fn sized_filter(radius: i32) -> Option<Own<Filter>> {
    Filter::new(radius).map(Own::new)
}

/// Each value times `k`: a Float64Array in, a new one out.
pub fn scale_all(values: &[f64], k: f64) -> Vec<f64> {
    values.iter().map(|v| v * k).collect()
}
/// How many values fall in each of `bins` unit-wide bins from 0.
pub fn histogram(values: Vec<f32>, bins: u32) -> Vec<u32> {
    let mut counts = vec![0u32; bins as usize];
    for v in values {
        if v >= 0.0 && (v as u32) < bins {
            counts[v as usize] += 1;
        }
    }
    counts
}

/// A stretch of a line with a label: a value type, a plain object in JS.
#[derive(Clone, Debug)]
pub struct Span {
    pub from: f64,
    pub to: f64,
    pub label: String,
    pub border: Border,
    pub open: bool,
}
weakbind::value!(Span {
    from: f64,
    to: f64,
    label: String,
    border: Border,
    open: bool
});

/// Two spans: a value nested in a value.
#[derive(Clone, Debug)]
pub struct Pair {
    pub id: i64,
    pub first: Span,
    pub second: Span,
}
weakbind::value!(Pair {
    id: i64,
    first: Span,
    second: Span
});

/// The span reversed, its label marked.
pub fn reversed(s: Span) -> Span {
    Span {
        from: s.to,
        to: s.from,
        label: s.label + "~",
        ..s
    }
}
/// The pair swapped.
pub fn swapped(p: Pair) -> Pair {
    Pair {
        id: p.id + 1,
        first: p.second,
        second: p.first,
    }
}

weakbind::functions! {
    fn reversed(s: Span) -> Span;
    fn swapped(p: Pair) -> Pair;
    fn scale_all(values: &[f64], k: f64) -> Vec<f64>;
    fn histogram(values: Vec<f32>, bins: u32) -> Vec<u32>;
    fn border_for(radius: i32) -> Border;
    fn toggle(p: Precision) -> Precision;
    #[js_name(describe_border)] fn border_name(border: Border) -> String;
    #[js_name(filter)] fn unit_filter() -> Option<Own<Filter>>;
    #[overload(filter)] fn sized_filter(radius: i32) -> Option<Own<Filter>>;
}

/// Filters dropped so far, whoever owned them: the tests' count.
#[no_mangle]
pub extern "C" fn mixed_filters_dropped() -> u32 {
    FILTERS_DROPPED.load(Ordering::Relaxed)
}

// ---- cpp/filter.h, for C++ ---------------------------------------------------

/// # Safety
/// `f` is a live Filter.
#[no_mangle]
pub unsafe extern "C" fn filter_value(f: *const Filter, x: f64) -> f64 {
    (*f).value(x)
}

/// # Safety
/// `f` is a live Filter, `m` a live Matrix.
#[no_mangle]
pub unsafe extern "C" fn filter_apply(f: *const Filter, m: *const Matrix) -> *mut Matrix {
    (*f).apply(&*m).map_or(std::ptr::null_mut(), Own::into_raw)
}
