//! The registry's unit tests, against a model where it helps.
use super::*;

unsafe extern "C" fn no_op(_: *mut core::ffi::c_void) {}

fn registry_with_class() -> (Registry, u32) {
    let mut r = Registry::new();
    let c = r.define_class(Some(no_op));
    (r, c)
}

fn expect_last(released: Released, ptr: usize) {
    match released {
        Released::Last(d) => assert_eq!(d.ptr, ptr),
        Released::StillOwned | Released::WrapperOnly => panic!("expected the last owner"),
    }
}

#[test]
fn trim_gives_back_a_spike_once_it_has_passed() {
    let (mut r, c) = registry_with_class();
    let tokens: Vec<f64> = (1..=50_000).map(|i| r.adopt(i * 16, c).unwrap()).collect();
    for (i, &t) in tokens.iter().enumerate() {
        expect_last(r.disown(t).unwrap(), (i + 1) * 16);
    }
    r.trim(); // the spike is the peak since the last trim: kept
    assert_eq!(r.entries.len(), 50_000);
    r.trim(); // nothing alive since: down to the floors
    assert_eq!(r.entries.len(), ENTRIES_FLOOR);
    assert!(r.index.capacity() <= 8192);
    assert_eq!(r.entries.chunk_count(), ENTRIES_FLOOR / CHUNK);
    r.check().unwrap();
    // Old tokens name nothing, and new objects get tokens none of them match.
    for &t in &tokens {
        assert!(matches!(r.disown(t), Err(RegistryError::StaleToken)));
    }
    let fresh: Vec<f64> = (1..=50_000).map(|i| r.adopt(i * 16, c).unwrap()).collect();
    let old: std::collections::HashSet<u64> = tokens.iter().map(|t| t.to_bits()).collect();
    for t in &fresh {
        assert!(
            !old.contains(&t.to_bits()),
            "a token from before the trim names a new object"
        );
    }
    for &t in &tokens {
        assert!(matches!(r.disown(t), Err(RegistryError::StaleToken)));
    }
    assert_eq!(r.live_count(c), Some(50_000));
    r.check().unwrap();
}

/// `n` objects at pointers 16, 32, …, in slots 0…n-1; JS lets go of
/// all but those `survives` picks.
fn with_survivors(n: usize, survives: impl Fn(usize) -> bool) -> (Registry, Vec<f64>) {
    let (mut r, c) = registry_with_class();
    let tokens: Vec<f64> = (1..=n).map(|i| r.adopt(i * 16, c).unwrap()).collect();
    for (i, &t) in tokens.iter().enumerate() {
        if !survives(i) {
            r.disown(t).unwrap();
        }
    }
    (r, tokens)
}

#[test]
fn trim_keeps_live_objects_and_their_tokens() {
    // Keep slots 0..100 and one past the floor; free the rest.
    let (mut r, tokens) = with_survivors(40_000, |i| i < 100 || i == 15000);
    r.retain(16 * 15001).unwrap();
    r.trim();
    r.trim();
    // Entries go a chunk at a time: the chunk of slot 15,000 stays.
    assert_eq!(r.entries.len(), 15001usize.next_multiple_of(CHUNK));
    r.check().unwrap();
    for (i, &t) in tokens.iter().enumerate() {
        if i < 100 {
            expect_last(r.disown(t).unwrap(), (i + 1) * 16);
        }
    }
    assert!(matches!(r.disown(tokens[15000]), Ok(Released::StillOwned)));
    expect_last(r.release(16 * 15001).unwrap(), 16 * 15001);
    assert_eq!(r.live_total(), 0);
    r.check().unwrap();
}

#[test]
fn a_live_slot_high_up_holds_the_entries_until_it_goes() {
    let (mut r, tokens) = with_survivors(40_000, |i| i == 30_000);
    r.trim();
    r.trim();
    r.trim(); // blocked by slot 30,000 each time, the last without a scan
    assert_eq!(r.entries.len(), 40_000);
    assert_eq!(r.trim_blocker, 30_000);
    expect_last(r.disown(tokens[30_000]).unwrap(), 30_001 * 16);
    r.trim();
    assert_eq!(r.entries.len(), ENTRIES_FLOOR);
    r.check().unwrap();
}

#[test]
fn objects_are_indexed_only_when_looked_up_by_pointer() {
    let (mut r, c) = registry_with_class();
    let tokens: Vec<f64> = (1..=1000).map(|i| r.adopt(i * 16, c).unwrap()).collect();
    assert_eq!(r.index.len(), 0);
    r.check().unwrap();
    // A lookup of one deferred object indexes all of them at once.
    assert_eq!(r.retain(500 * 16), Ok((1, false)));
    assert_eq!(r.index.len(), 1000);
    assert!(r.unindexed.is_empty());
    r.check().unwrap();
    for (i, &t) in tokens.iter().enumerate() {
        let ptr = (i + 1) * 16;
        match r.disown(t).unwrap() {
            Released::StillOwned => assert_eq!(ptr, 500 * 16),
            released => expect_last(released, ptr),
        }
    }
    expect_last(r.release(500 * 16).unwrap(), 500 * 16);
    assert_eq!(r.index.len(), 0);
    r.check().unwrap();
}

#[test]
fn a_deferred_object_is_still_known_by_pointer() {
    let (mut r, c) = registry_with_class();
    let other = r.define_class(None);
    let first = r.adopt(0x1000, c).unwrap();
    assert_eq!(r.adopt(0x1000, other), Err(RegistryError::ClassMismatch));
    assert_eq!(r.class_of(0x1000), Ok(c));
    assert_eq!(r.adopt(0x1000, c), Err(RegistryError::AlreadyOwned));
    expect_last(r.disown(first).unwrap(), 0x1000);
    // Gone: its mark went with it, so the address is free for a new object.
    assert_eq!(r.class_of(0x1000), Err(RegistryError::NotRegistered));
    let third = r.adopt(0x1000, other).unwrap();
    assert_eq!(r.class_of(0x1000), Ok(other));
    expect_last(r.disown(third).unwrap(), 0x1000);
    r.check().unwrap();
}

#[test]
fn unaligned_pointers_are_indexed_at_once() {
    let (mut r, c) = registry_with_class();
    let t = r.adopt(0x1004, c).unwrap();
    assert_eq!(r.index.len(), 1);
    assert!(r.unindexed.is_empty());
    assert_eq!(r.retain(0x1004), Ok((1, false)));
    assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
    expect_last(r.release(0x1004).unwrap(), 0x1004);
    r.check().unwrap();
}

#[test]
fn churn_without_lookups_keeps_the_list_to_index_short() {
    let (mut r, c) = registry_with_class();
    let mut kept = Vec::new();
    for i in 1..=200_000usize {
        let t = r.adopt(i * 16, c).unwrap();
        if i % 1000 == 0 {
            kept.push(t); // a few stay alive throughout
        } else {
            r.disown(t).unwrap();
        }
    }
    assert!(r.unindexed.len() <= 2 * kept.len() + 2);
    assert!(r.unindexed.capacity() <= 1024, "{}", r.unindexed.capacity());
    assert_eq!(r.index.len(), 0);
    r.check().unwrap();
    for t in kept {
        assert!(matches!(r.disown(t), Ok(Released::Last(_))));
    }
    r.check().unwrap();
}

/// Random operations against a model of the objects, with `check()`
/// after every step: the lazy index, the marks, the slot queue and its
/// compaction, the free list, trims and their generation floor all
/// have to agree with what a plain map says.
#[test]
fn random_operations_agree_with_a_model() {
    use std::collections::HashMap;
    #[derive(Debug)]
    struct Object {
        class: u32,
        retains: u32,
        token: Option<f64>,
        holds_js: bool,
    }
    let (mut r, c0) = registry_with_class();
    let c1 = r.define_class(Some(no_op));
    // Aligned addresses in three 512 KiB regions, and unaligned ones.
    let pool: Vec<usize> = (1..=48)
        .map(|i| (i % 3) * (1 << 19) + i * 24)
        .chain((1..=16).map(|i| 0x9_0004 + i * 12))
        .collect();
    let mut model: HashMap<usize, Object> = HashMap::new();
    let mut tokens: Vec<f64> = Vec::new();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for step in 0..60_000 {
        let ptr = pool[rnd(pool.len())];
        match rnd(9) {
            0 | 1 => {
                let class = if rnd(4) == 0 { c1 } else { c0 };
                match model.get_mut(&ptr) {
                    Some(o) if o.class != class => {
                        assert_eq!(r.adopt(ptr, class), Err(RegistryError::ClassMismatch));
                    }
                    Some(o) if o.token.is_some() => {
                        assert_eq!(r.adopt(ptr, class), Err(RegistryError::AlreadyOwned));
                    }
                    Some(o) => {
                        let t = r.adopt(ptr, class).unwrap();
                        o.token = Some(t);
                        tokens.push(t);
                    }
                    None => {
                        let t = r.adopt(ptr, class).unwrap();
                        let o = Object {
                            class,
                            retains: 0,
                            token: Some(t),
                            holds_js: false,
                        };
                        model.insert(ptr, o);
                        tokens.push(t);
                    }
                }
            }
            2 | 3 if !tokens.is_empty() => {
                let t = tokens[rnd(tokens.len())];
                let owner = model
                    .iter()
                    .find(|(_, o)| o.token == Some(t))
                    .map(|(&p, _)| p);
                match (owner, r.disown(t)) {
                    (Some(p), Ok(Released::Last(d))) => {
                        assert_eq!(d.ptr, p);
                        assert_eq!(model[&p].retains, 0);
                        model.remove(&p);
                    }
                    (Some(p), Ok(Released::StillOwned)) => {
                        let o = model.get_mut(&p).unwrap();
                        assert!(o.retains > 0);
                        o.token = None;
                    }
                    (None, Err(RegistryError::StaleToken)) => {}
                    (owner, got) => panic!("step {step}: disown of {owner:?}: {got:?}"),
                }
            }
            4 => match model.get_mut(&ptr) {
                Some(o) => {
                    let to_roots = o.retains == 0 && o.token.is_some() && o.holds_js;
                    o.retains += 1;
                    assert_eq!(r.retain(ptr), Ok((o.retains, to_roots)));
                }
                None => assert_eq!(r.retain(ptr), Err(RegistryError::NotRegistered)),
            },
            5 => match model.get_mut(&ptr) {
                None => assert!(matches!(r.release(ptr), Err(RegistryError::NotRegistered))),
                Some(o) if o.retains == 0 => {
                    assert!(matches!(r.release(ptr), Err(RegistryError::NotRetained)));
                }
                Some(o) => {
                    o.retains -= 1;
                    match r.release(ptr).unwrap() {
                        Released::Last(d) => {
                            assert!(o.retains == 0 && o.token.is_none());
                            assert_eq!(d.ptr, ptr);
                            model.remove(&ptr);
                        }
                        Released::WrapperOnly => {
                            assert!(o.retains == 0 && o.token.is_some() && o.holds_js);
                        }
                        Released::StillOwned => {
                            assert!(o.retains > 0 || (o.token.is_some() && !o.holds_js));
                        }
                    }
                }
            },
            6 => match model.get_mut(&ptr) {
                Some(o) => {
                    o.holds_js = true;
                    let home = if o.token.is_some() && o.retains == 0 {
                        JsValueHome::Wrapper
                    } else {
                        JsValueHome::Roots
                    };
                    assert_eq!(r.holds_js(ptr), Ok(home));
                }
                None => assert_eq!(r.holds_js(ptr), Err(RegistryError::NotRegistered)),
            },
            7 => {
                let want = model
                    .get(&ptr)
                    .map(|o| o.class)
                    .ok_or(RegistryError::NotRegistered);
                assert_eq!(r.class_of(ptr), want);
            }
            _ => r.trim(),
        }
        if tokens.len() > 512 {
            tokens.drain(..256);
        }
        if let Err(broken) = r.check() {
            panic!("step {step}: {broken}");
        }
        assert_eq!(r.live_total() as usize, model.len());
    }
}

#[test]
fn wrapper_alone_owns_and_frees_once() {
    let (mut r, c) = registry_with_class();
    let t = r.adopt(0x1000, c).unwrap();
    assert_eq!(r.live_count(c), Some(1));
    expect_last(r.disown(t).unwrap(), 0x1000);
    assert_eq!(r.live_count(c), Some(0));
    assert!(matches!(r.disown(t), Err(RegistryError::StaleToken)));
    r.check().unwrap();
}

#[test]
fn retained_object_outlives_its_wrapper() {
    let (mut r, c) = registry_with_class();
    let t = r.adopt(0x1000, c).unwrap();
    assert_eq!(r.retain(0x1000), Ok((1, false)));
    assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
    assert_eq!(r.live_count(c), Some(1));
    expect_last(r.release(0x1000).unwrap(), 0x1000);
    assert!(matches!(
        r.release(0x1000),
        Err(RegistryError::NotRegistered)
    ));
    r.check().unwrap();
}

#[test]
fn stale_token_cannot_free_a_reused_address() {
    let (mut r, c) = registry_with_class();
    let old = r.adopt(0x1000, c).unwrap();
    expect_last(r.disown(old).unwrap(), 0x1000);
    let new = r.adopt(0x1000, c).unwrap();
    assert_ne!(old, new);
    assert!(matches!(r.disown(old), Err(RegistryError::StaleToken)));
    assert_eq!(r.live_count(c), Some(1));
    expect_last(r.disown(new).unwrap(), 0x1000);
}

#[test]
fn a_second_wrapper_is_refused_and_the_first_keeps_its_ownership() {
    let (mut r, c) = registry_with_class();
    let first = r.adopt(0x1000, c).unwrap();
    assert_eq!(r.adopt(0x1000, c), Err(RegistryError::AlreadyOwned));
    assert!(r.token_is_live(first));
    // The loader's second wrapper co-owns through a retain.
    assert_eq!(r.retain(0x1000), Ok((1, false)));
    assert!(matches!(r.disown(first), Ok(Released::StillOwned)));
    expect_last(r.release(0x1000).unwrap(), 0x1000);
}

#[test]
fn js_values_move_between_wrapper_and_roots_with_wasm_owners() {
    let (mut r, c) = registry_with_class();
    let t = r.adopt(0x1000, c).unwrap();
    assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Wrapper));
    // C++ retains: the values go to the roots.
    assert_eq!(r.retain(0x1000), Ok((1, true)));
    assert_eq!(r.retain(0x1000), Ok((2, false)));
    assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Roots));
    assert!(matches!(r.release(0x1000), Ok(Released::StillOwned)));
    // The last wasm owner goes: back onto the wrapper.
    assert!(matches!(r.release(0x1000), Ok(Released::WrapperOnly)));
    assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Wrapper));
    // Retained, then the wrapper goes: the values stay rooted.
    assert_eq!(r.retain(0x1000), Ok((1, true)));
    assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
    assert_eq!(r.holds_js(0x1000), Ok(JsValueHome::Roots));
    expect_last(r.release(0x1000).unwrap(), 0x1000);
    assert_eq!(r.holds_js(0x1000), Err(RegistryError::NotRegistered));
}

#[test]
fn errors_leave_the_registry_unchanged() {
    let (mut r, c) = registry_with_class();
    assert_eq!(r.adopt(0, c), Err(RegistryError::NullPointer));
    assert_eq!(r.adopt(0x10, 99), Err(RegistryError::UnknownClass));
    let other = r.define_class(None);
    r.adopt(0x10, c).unwrap();
    assert_eq!(r.adopt(0x10, other), Err(RegistryError::ClassMismatch));
    assert!(matches!(r.release(0x10), Err(RegistryError::NotRetained)));
    assert_eq!(r.retain(0x20), Err(RegistryError::NotRegistered));
    for bad in [f64::NAN, -1.0, 0.5, 1e300] {
        assert!(matches!(r.disown(bad), Err(RegistryError::StaleToken)));
    }
    assert_eq!(r.live_total(), 1);
    r.check().unwrap();
}

#[test]
fn many_objects_keep_every_invariant() {
    let (mut r, c) = registry_with_class();
    let mut tokens = Vec::new();
    for i in 1..=10_000usize {
        tokens.push((i * 16, r.adopt(i * 16, c).unwrap()));
        if i % 3 == 0 {
            r.retain(i * 16).unwrap();
        }
    }
    r.check().unwrap();
    let mut destroyed = 0;
    for (i, (ptr, t)) in tokens.iter().enumerate() {
        if let Released::Last(_) = r.disown(*t).unwrap() {
            destroyed += 1;
        }
        if (i + 1) % 3 == 0 {
            expect_last(r.release(*ptr).unwrap(), *ptr);
            destroyed += 1;
        }
    }
    assert_eq!(destroyed, 10_000);
    assert_eq!(r.live_total(), 0);
    r.check().unwrap();
}

#[test]
fn owner_names_the_token_of_the_wrapper_that_owns_an_object() {
    let (mut r, c) = registry_with_class();
    assert_eq!(r.owner(0x1000), Err(RegistryError::NotRegistered));
    let token = r.adopt(0x1000, c).unwrap();
    assert_eq!(r.owner(0x1000), Ok(token));
    // Owned by wasm as well, then by wasm alone once the wrapper lets go.
    r.retain(0x1000).unwrap();
    assert_eq!(r.owner(0x1000), Ok(token));
    r.disown(token).unwrap();
    assert_eq!(r.owner(0x1000), Err(RegistryError::NotOwned));
    // A new wrapper of the same object gets a new token, and owner says so.
    let again = r.adopt(0x1000, c).unwrap();
    assert_ne!(again, token);
    assert_eq!(r.owner(0x1000), Ok(again));
    r.disown(again).unwrap();
    r.release(0x1000).unwrap();
    assert_eq!(r.owner(0x1000), Err(RegistryError::NotRegistered));
    r.check().unwrap();
}

#[test]
fn reown_moves_the_ownership_to_a_new_token() {
    let (mut r, c) = registry_with_class();
    let other = r.define_class(None);
    assert_eq!(r.reown(0x2000, c), Err(RegistryError::NotRegistered));
    let old = r.adopt(0x2000, c).unwrap();
    assert_eq!(r.retain(0x2000), Ok((1, false)));
    assert_eq!(r.reown(0x2000, other), Err(RegistryError::ClassMismatch));
    let new = r.reown(0x2000, c).unwrap();
    assert_ne!(new, old);
    assert_eq!(r.owner(0x2000), Ok(new));
    // The collected wrapper's late release finds its token stale.
    assert!(!r.token_is_live(old));
    assert!(r.disown(old).is_err());
    assert!(matches!(r.release(0x2000), Ok(Released::StillOwned)));
    expect_last(r.disown(new).unwrap(), 0x2000);
    assert_eq!(r.reown(0x2000, c), Err(RegistryError::NotRegistered));
    r.check().unwrap();
}

#[test]
fn reown_needs_a_js_owner() {
    let (mut r, c) = registry_with_class();
    let t = r.adopt(0x3000, c).unwrap();
    assert_eq!(r.retain(0x3000), Ok((1, false)));
    assert!(matches!(r.disown(t), Ok(Released::StillOwned)));
    assert_eq!(r.reown(0x3000, c), Err(RegistryError::NotOwned));
    expect_last(r.release(0x3000).unwrap(), 0x3000);
    r.check().unwrap();
}
