//! A class defined with no destructor pointer is destroyed by the loader:
//! the runtime asks through the `destroy` import, exactly once, with the
//! class and the object, when the last owner lets go (here on the host,
//! where the import records its calls).
#![cfg(not(target_arch = "wasm32"))]

use core::ffi::c_void;
use std::cell::Cell;
use std::sync::Mutex;

use weakbind::abi::{
    weakbind_adopt, weakbind_class_define, weakbind_disown, weakbind_release, weakbind_retain,
};
use weakbind::imports::DESTROYED;

// The runtime's registry is one global for a single-threaded module, and
// cargo runs tests on threads of their own: one test at a time uses it.
static REGISTRY: Mutex<()> = Mutex::new(());

fn asked() -> Vec<(u32, usize)> {
    DESTROYED.with(|d| d.borrow().clone())
}

#[test]
fn the_last_owner_of_a_class_without_a_destructor_asks_the_loader() {
    let _one_at_a_time = REGISTRY.lock().unwrap();
    let class = weakbind_class_define(None);
    let object = Box::into_raw(Box::new(7u64)) as *mut c_void;
    let token = weakbind_adopt(object, class);
    assert!(token >= 0.0);
    assert_eq!(weakbind_retain(object), 1);
    assert_eq!(weakbind_disown(token), 0, "wasm still owns it");
    assert_eq!(asked(), vec![]);
    assert_eq!(weakbind_release(object), 1, "the last owner let go");
    assert_eq!(asked(), vec![(class, object as usize)]);
    assert_eq!(
        weakbind_disown(token),
        -6,
        "a stale token asks nothing more"
    );
    assert_eq!(asked().len(), 1);
    // SAFETY: the registry has forgotten `object`; the test owns the box.
    drop(unsafe { Box::from_raw(object as *mut u64) });
}

thread_local! {
    static RAN: Cell<u32> = const { Cell::new(0) };
}

unsafe extern "C" fn counted(object: *mut c_void) {
    RAN.with(|r| r.set(r.get() + 1));
    drop(unsafe { Box::from_raw(object as *mut u64) });
}

#[test]
fn a_class_with_a_destructor_never_asks_the_loader() {
    let _one_at_a_time = REGISTRY.lock().unwrap();
    let class = weakbind_class_define(Some(counted));
    let object = Box::into_raw(Box::new(1u64)) as *mut c_void;
    let token = weakbind_adopt(object, class);
    assert_eq!(weakbind_disown(token), 1);
    assert_eq!(RAN.with(Cell::get), 1);
    assert!(asked().iter().all(|&(c, _)| c != class));
}
