//! What makes a type a class JS sees: its name and how to destroy one of its
//! objects. The owners (owners.rs) and the wire types (wire.rs) both build
//! on it, and it on neither.

/// A type JS sees as a class, and how to destroy one of its objects.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a weakbind class",
    note = "declare a Rust class with `weakbind::export!`, a C++ one with `weakbind::extern_class!`"
)]
///
/// # Safety
/// `NAME` must be the class name in the metadata, and `destroy` must free
/// an object handed to JS as `own:NAME`.
pub unsafe trait Class: Sized {
    const NAME: &'static str;

    /// Destroys an object JS or Rust owned.
    ///
    /// # Safety
    /// `object` is live, owned by the caller, and never used again.
    unsafe fn destroy(object: *mut Self);
}

/// A class implemented in Rust by [`export!`](crate::export!): its objects
/// are `Box`es, destroyed by dropping the box.
///
/// # Safety
/// `Class::destroy` must be `drop(Box::from_raw(object))`.
pub unsafe trait RustClass: Class {
    /// The class's metadata records, as written into the module's
    /// `weakbind` custom section.
    const METADATA: &'static [u8];
}
