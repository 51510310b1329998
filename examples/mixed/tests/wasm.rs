//! The example's Rust side inside wasm, linked with its C++ side (`make
//! test-wasm`): the Rust filter on C++ matrices, C++ calling back into Rust,
//! and ownership across the two through the registry, without the loader.
#![cfg(target_arch = "wasm32")]

use core::ffi::c_void;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use weakbind::abi::*;
use weakbind::export::Own;
use weakbind_example_mixed::{filter_apply, mixed_filters_dropped, Filter, Matrix};

#[wasm_bindgen(module = "weakbind")]
extern "C" {
    fn test_init(memory: JsValue);
}

extern "C" {
    fn matrix_new(rows: i32, cols: i32) -> *mut Matrix;
    fn matrix_get(m: *const Matrix, row: i32, col: i32) -> f64;
    fn matrix_set(m: *mut Matrix, row: i32, col: i32, value: f64);
    fn mixed_matrices_destroyed() -> i32;
    fn _Matrix__destructor(m: *mut Matrix);
    fn _Filter__destructor(f: *mut c_void);
}

/// A 3x3 matrix 0..8, owned by Rust.
fn ramp() -> Own<Matrix> {
    unsafe {
        let m = Own::from_raw(matrix_new(3, 3)).unwrap();
        for i in 0..9 {
            matrix_set(m.as_ptr(), i / 3, i % 3, f64::from(i));
        }
        m
    }
}

fn cell(m: &Matrix, r: i32, c: i32) -> f64 {
    unsafe { matrix_get(m, r, c) }
}

#[wasm_bindgen_test]
fn a_rust_filter_blurs_a_cpp_matrix() {
    test_init(wasm_bindgen::memory());
    let m = ramp();
    let blur = Filter::new(1).unwrap();
    let out = blur.apply(&m).unwrap();
    // The centre is the mean of all nine; a corner the mean of its four.
    assert_eq!(cell(&out, 1, 1), 4.0);
    assert_eq!(cell(&out, 0, 0), (0.0 + 1.0 + 3.0 + 4.0) / 4.0);
    assert!(Filter::new(-1).is_none() && Filter::new(99).is_none());
}

#[wasm_bindgen_test]
fn cpp_calls_rust_and_own_frees_cpp_objects() {
    test_init(wasm_bindgen::memory());
    let destroyed = unsafe { mixed_matrices_destroyed() };
    let m = ramp();
    let affine = Filter::affine(2.0, 1.0);
    // filter_apply is what C++'s Matrix::filtered calls.
    let out = unsafe { Own::from_raw(filter_apply(&affine, &*m)) }.unwrap();
    assert_eq!(cell(&out, 2, 2), 17.0);
    drop((m, out));
    assert_eq!(unsafe { mixed_matrices_destroyed() }, destroyed + 2);
}

unsafe extern "C" fn destroy_matrix(p: *mut c_void) {
    _Matrix__destructor(p.cast());
}

unsafe extern "C" fn destroy_filter(p: *mut c_void) {
    _Filter__destructor(p);
}

#[wasm_bindgen_test]
fn a_filter_keeps_its_mask_alive_after_js_lets_go() {
    test_init(wasm_bindgen::memory());
    let matrix_class = weakbind_class_define(Some(destroy_matrix));
    let filter_class = weakbind_class_define(Some(destroy_filter));
    let (matrices, filters) = (
        unsafe { mixed_matrices_destroyed() },
        mixed_filters_dropped(),
    );

    // What the loader does for `new Matrix(3, 3)` and `new Filter(0)`.
    let mask = ramp().into_raw();
    let mask_token = weakbind_adopt(mask.cast(), matrix_class);
    let filter = Box::into_raw(Box::new(Filter::new(0).unwrap()));
    let filter_token = weakbind_adopt(filter.cast(), filter_class);

    unsafe { (*filter).set_mask(Some(&*mask)) };
    // JS drops the mask's wrapper: the filter still owns the mask.
    assert_eq!(weakbind_disown(mask_token), 0);
    assert_eq!(unsafe { mixed_matrices_destroyed() }, matrices);
    assert_eq!(unsafe { (*filter).mask() }.unwrap().as_ptr(), mask);
    // JS drops the filter's: the filter goes, and with it the last owner of
    // the mask, whose C++ destructor runs through the function table.
    assert_eq!(weakbind_disown(filter_token), 1);
    assert_eq!(mixed_filters_dropped(), filters + 1);
    assert_eq!(unsafe { mixed_matrices_destroyed() }, matrices + 1);
    assert_eq!(weakbind_live_count(matrix_class), 0);
    assert!(weakbind_check().is_null());
}
