//! The runtime inside wasm, in node: registry, heap and JS-value shim on the
//! real target (`make test-wasm`; wasm-bindgen-test-runner with the import
//! shims of tests/wasm/shim). The host tests check the same logic natively;
//! these check it where it runs: 32-bit pointers, linear memory growth,
//! destructors called through the function table, `decref` reaching JS.
#![cfg(target_arch = "wasm32")]

use core::ffi::c_void;
use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use weakbind::abi::*;
use weakbind::JsRef;

#[wasm_bindgen(module = "weakbind")]
extern "C" {
    fn test_init(memory: JsValue);
    /// A handle with one reference to `value`, in the loader's table.
    fn test_add(value: JsValue) -> u32;
    fn test_get(handle: u32) -> JsValue;
    fn test_live() -> u32;
    fn test_check() -> Option<String>;
}

fn init() {
    test_init(wasm_bindgen::memory());
}

fn check() {
    let message = weakbind_check();
    assert!(message.is_null(), "runtime check: {:?}", unsafe {
        core::ffi::CStr::from_ptr(message)
    });
}

static DESTROYED: AtomicU32 = AtomicU32::new(0);

unsafe extern "C" fn destroy(object: *mut c_void) {
    DESTROYED.fetch_add(1, Ordering::SeqCst);
    drop(Box::from_raw(object.cast::<[u8; 24]>()));
}

#[wasm_bindgen_test]
fn registry_destroys_once_when_the_last_owner_lets_go() {
    init();
    let class = weakbind_class_define(Some(destroy));
    let before = DESTROYED.load(Ordering::SeqCst);
    let object = Box::into_raw(Box::new([7u8; 24])).cast::<c_void>();

    // A JS wrapper and a wasm owner; the wrapper goes first.
    let token = weakbind_adopt(object, class);
    assert!(token >= 0.0);
    assert_eq!(weakbind_retain(object), 1);
    assert_eq!(weakbind_live_count(class), 1);
    assert_eq!(weakbind_disown(token), 0, "wasm still owns it");
    assert_eq!(weakbind_disown(token), -6, "a stale token frees nothing");
    assert_eq!(DESTROYED.load(Ordering::SeqCst), before);
    // The last release runs the destructor through the function table.
    assert_eq!(weakbind_release(object), 1);
    assert_eq!(DESTROYED.load(Ordering::SeqCst), before + 1);
    assert_eq!(weakbind_live_count(class), 0);
    assert_eq!(weakbind_release(object), -4, "no longer registered");
    check();
}

#[wasm_bindgen_test]
fn registry_tokens_survive_address_reuse_at_scale() {
    init();
    let class = weakbind_class_define(Some(destroy));
    let before = DESTROYED.load(Ordering::SeqCst);
    for round in 0..3 {
        let objects: Vec<(*mut c_void, f64)> = (0..20_000)
            .map(|_| {
                let p = Box::into_raw(Box::new([round as u8; 24])).cast::<c_void>();
                (p, weakbind_adopt(p, class))
            })
            .collect();
        assert_eq!(weakbind_live_count(class), 20_000);
        for &(_, token) in &objects {
            assert_eq!(weakbind_disown(token), 1);
        }
        // The freed addresses are reused next round: old tokens stay stale.
        for &(_, token) in objects.iter().take(100) {
            assert!(weakbind_disown(token) < 0);
        }
    }
    assert_eq!(DESTROYED.load(Ordering::SeqCst), before + 60_000);
    check();
}

fn in_use() -> usize {
    unsafe { (*weakbind_heap_stats()).in_use }
}

extern "C" {
    fn malloc(size: usize) -> *mut u8;
    fn free(p: *mut u8);
}

#[wasm_bindgen_test]
fn one_heap_for_rust_c_and_the_loader() {
    init();
    let base = in_use();
    let memory_before = unsafe { (*weakbind_heap_stats()).memory_size };
    // Rust's global allocator, C's malloc and the loader's weakbind_alloc
    // draw from the same counted heap.
    let rust: Vec<u64> = vec![1; 1 << 16];
    let c = unsafe { malloc(1 << 19) };
    let loader = weakbind_alloc(1 << 18);
    assert!(!c.is_null() && !loader.is_null());
    assert!(
        in_use() >= base + (1 << 19) * 2 + (1 << 18),
        "in use: {}",
        in_use() - base
    );
    assert!(unsafe { (*weakbind_heap_stats()).memory_size } >= memory_before);
    drop(rust);
    unsafe {
        free(c);
        weakbind_free(loader);
    }
    assert_eq!(in_use(), base);
    // Freed memory is reused: the same churn again does not grow memory.
    let grown = unsafe { (*weakbind_heap_stats()).memory_size };
    for _ in 0..100 {
        let blocks: Vec<Box<[u8; 1000]>> = (0..200).map(|_| Box::new([0; 1000])).collect();
        drop(blocks);
    }
    assert_eq!(unsafe { (*weakbind_heap_stats()).memory_size }, grown);
    check();
}

#[wasm_bindgen_test]
fn jsref_counts_reach_the_loaders_table() {
    init();
    let live = test_live();
    let value = JsValue::from_str("held by wasm");
    let handle = test_add(value.clone());
    assert_eq!(test_live(), live + 1);
    let first = unsafe { JsRef::from_raw(handle) };
    let copies: Vec<JsRef> = (0..10).map(|_| first.clone()).collect();
    assert_eq!(test_get(handle), value);
    drop(first);
    drop(copies);
    // The last decref freed the slot; the table holds together.
    assert_eq!(test_live(), live);
    assert_eq!(test_check(), None);
}
