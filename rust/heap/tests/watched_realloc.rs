//! A watched large block (JS views its memory) that realloc shrinks moves
//! instead of shrinking in place, so its free is reported and the views of
//! its old length end; an unwatched one still shrinks in place.

mod common;
use common::TestHeap;
use std::cell::RefCell;
use weakbind_heap::memory::PAGE;

thread_local! {
    static FREED: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
}

unsafe fn record(block: usize, size: usize, _start: usize, _end: usize) -> bool {
    FREED.with(|f| f.borrow_mut().push((block, size)));
    false
}

#[test]
fn a_watched_large_block_moves_when_realloc_shrinks_it() {
    weakbind_heap::watch::set_watcher(record);
    let mut t = TestHeap::new(0, PAGE, 64 << 20);
    let h = &mut t.heap;
    unsafe {
        let size = 1 << 20;
        let p = h.malloc(size);
        p.write_bytes(3, size);
        assert!(h.watch(p as usize));
        // Above half of it: unwatched, this shrink is in place.
        let q = h.realloc(p, size * 3 / 4);
        assert_ne!(q, p, "a watched block moves");
        assert!(std::slice::from_raw_parts(q, size * 3 / 4)
            .iter()
            .all(|&b| b == 3));
        let freed = FREED.with(|f| f.borrow().clone());
        assert_eq!(freed.len(), 1, "its free was reported");
        assert_eq!(freed[0].0, p as usize);
        // Not watched, the same shrink keeps the block.
        let r = h.realloc(q, size / 2 + PAGE);
        assert_eq!(r, q, "an unwatched block shrinks in place");
        h.free(r);
        h.check().unwrap();
    }
}
