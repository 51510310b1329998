//! The runtime exports exactly what the header declares, and shared structs
//! have the header's layout.

use std::mem::{offset_of, size_of};

use weakbind::abi::WeakbindHeapInfo;
use weakbind_abi_check::{header, HEADER_FUNCTIONS};

#[test]
fn every_runtime_export_is_declared_in_the_header() {
    // Every file that defines C ABI exports.
    let sources = [
        include_str!("../../runtime/src/abi.rs"),
        include_str!("../../runtime/src/abi/heap.rs"),
        include_str!("../../runtime/src/abi/js_calls.rs"),
        include_str!("../../runtime/src/panic_hook.rs"),
    ];
    let exported: Vec<&str> = sources
        .iter()
        .flat_map(|source| source.split("extern \"C\" fn ").skip(1))
        .map(|rest| &rest[..rest.find('(').unwrap()])
        .collect();
    assert!(exported.len() >= 10, "found too few exports: {exported:?}");
    for name in &exported {
        assert!(
            HEADER_FUNCTIONS.contains(name),
            "{name} is exported by the runtime but missing from weakbind.h"
        );
    }
    for name in HEADER_FUNCTIONS {
        assert!(
            exported.contains(name),
            "{name} is declared in weakbind.h but not exported by the runtime"
        );
    }
}

#[test]
fn heap_info_layout_matches_the_header() {
    assert_eq!(
        size_of::<WeakbindHeapInfo>(),
        size_of::<header::weakbind_heap_info>()
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, in_use),
        offset_of!(header::weakbind_heap_info, in_use)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, peak_in_use),
        offset_of!(header::weakbind_heap_info, peak_in_use)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, memory_size),
        offset_of!(header::weakbind_heap_info, memory_size)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, allocations),
        offset_of!(header::weakbind_heap_info, allocations)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, large_allocations),
        offset_of!(header::weakbind_heap_info, large_allocations)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, class_count),
        offset_of!(header::weakbind_heap_info, class_count)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, class_sizes),
        offset_of!(header::weakbind_heap_info, class_sizes)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, class_live),
        offset_of!(header::weakbind_heap_info, class_live)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, registry_bytes),
        offset_of!(header::weakbind_heap_info, registry_bytes)
    );
    assert_eq!(
        offset_of!(WeakbindHeapInfo, registry_blocks),
        offset_of!(header::weakbind_heap_info, registry_blocks)
    );
}

#[test]
fn error_codes_match_the_header() {
    use weakbind::registry::RegistryError as E;
    assert_eq!(
        weakbind::registry::SLOT_BITS,
        header::WEAKBIND_TOKEN_SLOT_BITS
    );
    assert_eq!(E::NullPointer as i32, header::WEAKBIND_ERR_NULL_POINTER);
    assert_eq!(E::UnknownClass as i32, header::WEAKBIND_ERR_UNKNOWN_CLASS);
    assert_eq!(E::ClassMismatch as i32, header::WEAKBIND_ERR_CLASS_MISMATCH);
    assert_eq!(E::NotRegistered as i32, header::WEAKBIND_ERR_NOT_REGISTERED);
    assert_eq!(E::NotRetained as i32, header::WEAKBIND_ERR_NOT_RETAINED);
    assert_eq!(E::StaleToken as i32, header::WEAKBIND_ERR_STALE_TOKEN);
    assert_eq!(E::AlreadyOwned as i32, header::WEAKBIND_ERR_ALREADY_OWNED);
    assert_eq!(E::NotOwned as i32, header::WEAKBIND_ERR_NOT_OWNED);
    assert_eq!(
        E::TooManyObjects as i32,
        header::WEAKBIND_ERR_TOO_MANY_OBJECTS
    );
    assert_eq!(weakbind::ABI_VERSION, header::WEAKBIND_ABI_VERSION);
}
