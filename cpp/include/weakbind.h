/*
 * weakbind.h — the C ABI of the weakbind runtime. The single source of truth:
 * the Rust runtime (rust/runtime/src/abi.rs, abi/) is checked against this
 * file by rust/abi-check, the JS loader (js/, its copy of the constants in
 * js/abi.mjs) by tests/node/abi.test.mjs. Declarations marked
 * WEAKBIND_LOADER are what the loader calls: only those are exported from a
 * module. The rest
 * are for C and C++ code in the module, linked only when used, so a module
 * that never holds a JS value carries none of that machinery, and imports
 * only what it uses (then the loader does not load its JS-value table).
 *
 * One module, one heap: the runtime also provides malloc, free, calloc,
 * realloc, aligned_alloc, posix_memalign, malloc_usable_size (declared by
 * <stdlib.h> and <malloc.h>) and every C++ operator new/delete form.
 *
 * Ownership: an object handed to JS is registered with its class. A JS
 * wrapper is one owner ("adopt"/"disown", used by the loader); C and C++
 * code add owners with weakbind_retain and remove them with
 * weakbind_release (so does the loader, for a second wrapper of an object a
 * wrapper owns already). The class destructor runs exactly once, when the last
 * owner lets go.
 *
 * Imports the runtime needs from the loader (module "weakbind"), listed with
 * their meaning in rust/runtime/src/imports.rs and docs/ARCHITECTURE.md:
 *   incref, decref, abort, own, root, unroot, arg_f64, arg_string,
 *   arg_value, arg_object, call, deferred, destroy, freed, result_f64,
 *   result_string, result_value.
 */
#ifndef WEAKBIND_H
#define WEAKBIND_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a function the loader calls; scripts/weakbind-config exports them. */
#define WEAKBIND_LOADER

/* The ABI version the loader expects (weakbind_abi_version()). */
#define WEAKBIND_ABI_VERSION 5

/* Negative results of registry calls. */
#define WEAKBIND_ERR_NULL_POINTER (-1)
#define WEAKBIND_ERR_UNKNOWN_CLASS (-2)
#define WEAKBIND_ERR_CLASS_MISMATCH (-3)
#define WEAKBIND_ERR_NOT_REGISTERED (-4)
#define WEAKBIND_ERR_NOT_RETAINED (-5)
#define WEAKBIND_ERR_STALE_TOKEN (-6)
#define WEAKBIND_ERR_TOO_MANY_OBJECTS (-7)
/* Out of memory for the registry: from adopt, and from a lookup by pointer
 * (class_of, retain, release, js_own), which may first index the objects
 * adopt left out of the pointer index. Nothing changes then. */
#define WEAKBIND_ERR_OUT_OF_MEMORY (-8)
/* adopt of an object a JS wrapper owns already: the loader makes the new
 * wrapper an owner through weakbind_retain instead. */
#define WEAKBIND_ERR_ALREADY_OWNED (-9)
/* weakbind_owner of an object no JS wrapper owns. */
#define WEAKBIND_ERR_NOT_OWNED (-10)

/* A wrapper token's low bits are its registry slot: the loader keeps what
 * it knows of an owner per slot. */
#define WEAKBIND_TOKEN_SLOT_BITS 24

typedef void (*weakbind_destructor)(void *object);

/* ---- Classes and the registry ------------------------------------------ */

/* Declares a class whose objects are destroyed by `destructor`. Returns the
 * class id. With a NULL destructor the runtime asks the loader instead,
 * through the import destroy(class_id, object), and the loader calls the
 * class's destructor export (or nothing, for a class without one). The
 * loader passes a destructor when it can add the export to the module's
 * function table (a module linked with --export-table --growable-table, as
 * weakbind-config links it: a call inside wasm), NULL when the table is not
 * exported (the seed's `wasm-ld --no-entry --export-dynamic` link line). */
WEAKBIND_LOADER uint32_t weakbind_class_define(weakbind_destructor destructor);
uint32_t weakbind_class_count(void);
/* Live objects of a class; UINT32_MAX for an unknown class id. */
WEAKBIND_LOADER uint32_t weakbind_live_count(uint32_t class_id);
uint32_t weakbind_live_total(void);
/* The class `object` is registered with, or a negative error. */
WEAKBIND_LOADER int32_t weakbind_class_of(void *object);

/* JS wrapper ownership, used by the loader. adopt returns a wrapper token
 * (>= 0, an integer below 2^53) or a negative error; a token names one
 * wrapper's ownership and goes stale when it ends, so a late finalizer can
 * never free an object twice or free a newer object at the same address. */
WEAKBIND_LOADER double weakbind_adopt(void *object, uint32_t class_id);
/* 1: the object was destroyed; 0: wasm still owns it; < 0: error. */
WEAKBIND_LOADER int32_t weakbind_disown(double token);
/* The wrapper that owned `object` is gone but its release has not run yet
 * (a collected wrapper), and wasm hands the object back: reown moves that
 * ownership to a new wrapper under a new token, which it returns (< 0:
 * error). The old token goes stale, so the late release is ignored. */
WEAKBIND_LOADER double weakbind_reown(void *object, uint32_t class_id);
/* 1 if the token still names a live wrapper ownership, else 0. */
int32_t weakbind_token_is_live(double token);
/* The token of the wrapper that owns `object`, or a negative error
 * (WEAKBIND_ERR_NOT_OWNED if no wrapper does): how the loader finds the
 * wrapper of an object wasm hands back. */
WEAKBIND_LOADER double weakbind_owner(void *object);

/* Owners inside wasm. retain returns the number of wasm owners, release 1 if
 * the object was destroyed, 0 if owners remain; both < 0 on error. */
WEAKBIND_LOADER int32_t weakbind_retain(void *object);
WEAKBIND_LOADER int32_t weakbind_release(void *object);

/* ---- JS values held by wasm -------------------------------------------- */

/* A handle: the number naming a JS value in the loader's table. Each copy
 * the code keeps owns one reference: add one with incref, drop it with
 * decref. (weakbind::JsRef in C++ and Rust is the owner of one.) */
typedef uint32_t weakbind_js_handle;
/* Deprecated: the old name of weakbind_js_handle. */
typedef weakbind_js_handle weakbind_jsref;
void weakbind_js_incref(weakbind_js_handle handle);
void weakbind_js_decref(weakbind_js_handle handle);

/* The value is owned by the registered object `owner`: while owner's only
 * owner is its JS wrapper, the value is kept alive from that wrapper, so a
 * cycle wrapper -> object -> value -> wrapper is collected. Retaining owner
 * moves its values to the global roots; releasing the last wasm owner moves
 * them back. 0, or a negative error (the value then stays rooted). An
 * owner not registered yet (`this` in a constructor JS called) is
 * WEAKBIND_ERR_NOT_REGISTERED, and the loader calls this again once it has
 * adopted the object the constructor returned. */
WEAKBIND_LOADER int32_t weakbind_js_own(weakbind_js_handle handle, void *owner);

/* Calling JS from wasm: append arguments, call, read the result.
 * weakbind_js_call returns 0 when the callee returned, 1 when it threw (the
 * exception reaches the JS caller of the outermost method when that returns),
 * negative for a bad handle. */
void weakbind_js_arg_f64(double value);
void weakbind_js_arg_string(const char *data, size_t len);
void weakbind_js_arg_value(weakbind_js_handle handle);
/* A pointer that is no registered object is an error (< 0), and the next
 * weakbind_js_call then fails (1) without calling: the JS caller gets a
 * TypeError instead of the remaining arguments shifted into its place. */
int32_t weakbind_js_arg_object(void *object);
int32_t weakbind_js_call(weakbind_js_handle function);
double weakbind_js_result_f64(void);
/* A heap block: u32 length, then UTF-8 bytes; the caller frees it. */
void *weakbind_js_result_string(void);
/* A new reference the caller owns. */
weakbind_js_handle weakbind_js_result_value(void);

/* Watches the memory of `object`, which a JS wrapper that does not own it
 * reaches (a borrowed child, an object lent to a callback): when the heap
 * frees it, whoever frees it, the loader is told (the `freed` import) and
 * the wrapper stops reaching it. 1: watched; 0: not heap memory (never
 * freed); negative: out of memory. */
WEAKBIND_LOADER int32_t weakbind_watch(void *object);

/* An object whose last owner lets go while a call into JS is in progress
 * is destroyed only once no wasm frame is left: the loader calls this after
 * its outermost call into wasm returns. */
WEAKBIND_LOADER void weakbind_run_deferred(void);

/* ---- Heap and diagnostics ---------------------------------------------- */

/* The heap, for the loader: strings and byte arrays cross the boundary in
 * blocks it allocates and frees with these (malloc/free by another name, so
 * the loader needs no libc exports). */
WEAKBIND_LOADER void *weakbind_alloc(size_t size);
WEAKBIND_LOADER void weakbind_free(void *block);

typedef struct weakbind_heap_info {
  size_t in_use;      /* bytes in live allocations */
  size_t peak_in_use; /* highest in_use so far */
  size_t memory_size; /* linear memory size in bytes */
  size_t allocations; /* live allocations */
  size_t large_allocations; /* live allocations too big for a size class */
  size_t class_count;       /* number of size classes */
  const uint32_t *class_sizes; /* class_count block sizes, smallest first */
  const uint32_t *class_live;  /* class_count live-block counts */
  size_t registry_bytes;  /* of in_use: the registry's own tables */
  size_t registry_blocks; /* of allocations: the same tables' blocks */
} weakbind_heap_info;

/* The address of the heap's count of bytes in live blocks, valid for the
 * module's life: the loader reads it without a call, to bound the memory
 * one cohort of wrappers can pin. */
WEAKBIND_LOADER const size_t *weakbind_heap_in_use(void);

/* Refreshed on each call; the pointer stays valid for the module's life. */
WEAKBIND_LOADER const weakbind_heap_info *weakbind_heap_stats(void);

/* Shrinks the registry's tables to fit the most objects alive at once since
 * the previous call; the loader calls it once per full JS collection. */
WEAKBIND_LOADER void weakbind_trim(void);

/* NULL when every registry and heap invariant holds, else a message. */
WEAKBIND_LOADER const char *weakbind_check(void);

WEAKBIND_LOADER uint32_t weakbind_abi_version(void);

/* What the throwing operator new forms call, with the size, when the heap
 * is full, instead of aborting; NULL goes back to aborting. A module built
 * with C++ exceptions installs one that throws std::bad_alloc. */
typedef void (*weakbind_new_failure)(size_t size);
void weakbind_on_new_failure(weakbind_new_failure handler);

/* Rust modules built with std (the runtime's `std` feature) only; the
 * loader calls them when the module exports them. init installs a panic
 * hook that keeps the formatted message; take_panic returns that message
 * (NUL-terminated) once, after the panic's trap reached JS, else NULL. */
void weakbind_init(void);
const char *weakbind_take_panic(void);

/* Throws a JS Error carrying the message; never returns. */
#ifdef __cplusplus
[[noreturn]]
#else
_Noreturn
#endif
void weakbind_abort(const char *message, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* WEAKBIND_H */
