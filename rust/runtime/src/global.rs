//! The runtime's single global state. wasm32 without threads runs one thread,
//! so a plain cell is enough; every access is a short borrow that ends before
//! any call out of the runtime (destructors, JS imports) can re-enter it.

use core::cell::UnsafeCell;

use crate::deferred::Deferred;
use crate::registry::Registry;

struct Global<T>(UnsafeCell<T>);

// SAFETY: the runtime is only used from one thread (see module docs).
unsafe impl<T> Sync for Global<T> {}

static REGISTRY: Global<Registry> = Global(UnsafeCell::new(Registry::new()));

/// Runs `f` with the registry. `f` must not call back into the runtime.
pub fn with_registry<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    // SAFETY: single-threaded, and `f` cannot re-enter (see above), so this
    // is the only live reference.
    f(unsafe { &mut *REGISTRY.0.get() })
}

static DEFERRED: Global<Deferred> = Global(UnsafeCell::new(Deferred::new()));

/// Runs `f` with the deferred-destructor state, under the same rule.
pub fn with_deferred<R>(f: impl FnOnce(&mut Deferred) -> R) -> R {
    // SAFETY: as for `with_registry`.
    f(unsafe { &mut *DEFERRED.0.get() })
}
