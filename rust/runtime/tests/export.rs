//! `weakbind::export!` on the host: the records a class writes, and its wire
//! functions called by their export names the way the loader calls them.
//! (Inside wasm, through the loader, see tests/node/mixed.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]

use weakbind::export::{Own, Retained, RustClass};

pub struct Counter {
    value: i32,
    label: String,
    kept: Option<Retained<Counter>>,
}

impl Counter {
    pub fn new(value: i32) -> Self {
        Counter {
            value,
            label: String::from("counter"),
            kept: None,
        }
    }
    pub fn labelled(value: i32, label: &str) -> Option<Self> {
        (!label.is_empty()).then(|| Counter {
            value,
            label: label.into(),
            kept: None,
        })
    }
    pub fn add(&mut self, n: i32) -> i32 {
        self.value += n;
        self.value
    }
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn greet(&self, who: String) -> String {
        format!("{} greets {who}", self.label)
    }
    pub fn same(&self, other: Option<&Counter>) -> bool {
        other.is_some_and(|o| std::ptr::eq(o, self))
    }
    pub fn absorb(&mut self, other: &Counter) {
        self.value += other.value;
    }
    pub fn fork(&self) -> Counter {
        Counter::new(self.value)
    }
    pub fn boxed(n: i32) -> Own<Counter> {
        Own::new(Counter::new(n))
    }
    pub fn big(&self, x: u64, f: f32, on: bool) -> i64 {
        (x as i64).wrapping_add(f as i64) + on as i64
    }
    pub fn kept(&self) -> Option<&Retained<Counter>> {
        self.kept.as_ref()
    }
    pub fn value(&self) -> i32 {
        self.value
    }
    pub fn set_value(&mut self, value: i32) {
        self.value = value;
    }
}

weakbind::export! {
    /// A counter.
    class Counter {
        #[constructor] fn new(value: i32) -> Self;
        #[constructor] fn labelled(value: i32, label: &str) -> Option<Self>;
        /// Adds.
        fn add(&mut self, n: i32) -> i32;
        fn label(&self) -> &str;
        fn greet(&self, who: String) -> String;
        fn same(&self, other: Option<&Counter>) -> bool;
        fn absorb(&mut self, other: &Counter);
        fn fork(&self) -> Counter;
        fn boxed(n: i32) -> Own<Counter>;
        fn big(&self, x: u64, f: f32, on: bool) -> i64;
        fn kept(&self) -> Option<&Retained<Counter>>;
        #[getter] fn value(&self) -> i32;
        #[setter(value)] fn set_value(&mut self, value: i32);
    }
}

#[test]
fn records_follow_metadata_format_1() {
    let text = std::str::from_utf8(<Counter as RustClass>::METADATA).unwrap();
    let records: Vec<&str> = text.split_terminator('\0').collect();
    assert_eq!(
        records,
        [
            "weakbind 1",
            "class Counter",
            "dtor Counter _Counter__destructor",
            "ctor Counter _Counter__new1 i32",
            "params Counter constructor value",
            "ctor Counter _Counter__new2 i32,string",
            "params Counter constructor value,label",
            "method Counter add _Counter__add i32 i32",
            "params Counter add n",
            "method Counter label _Counter__label - string",
            "method Counter greet _Counter__greet string string",
            "params Counter greet who",
            "method Counter same _Counter__same Counter? bool",
            "params Counter same other",
            "method Counter absorb _Counter__absorb Counter void",
            "params Counter absorb other",
            "method Counter fork _Counter__fork - own:Counter",
            "static Counter boxed _Counter__boxed i32 own:Counter",
            "params Counter boxed n",
            "method Counter big _Counter__big u64,f32,bool i64",
            "params Counter big x,f,on",
            "method Counter kept _Counter__kept - own:Counter?",
            "getter Counter value _Counter__get_value i32",
            "setter Counter value _Counter__set_value i32",
        ]
    );
    assert!(text.ends_with('\0'));
}

// The wire functions, as the loader sees them: a string is (ptr, len); a
// string result is a heap block `u32 len, bytes`; objects are pointers.
#[allow(improper_ctypes)]
extern "C" {
    fn _Counter__new1(value: i32) -> *mut Counter;
    fn _Counter__new2(value: i32, label: *const u8, len: usize) -> *mut Counter;
    fn _Counter__destructor(c: *mut Counter);
    fn _Counter__add(c: *mut Counter, n: i32) -> i32;
    fn _Counter__label(c: *mut Counter) -> *mut u8;
    fn _Counter__greet(c: *mut Counter, who: *const u8, len: usize) -> *mut u8;
    fn _Counter__same(c: *mut Counter, other: *mut Counter) -> i32;
    fn _Counter__absorb(c: *mut Counter, other: *mut Counter);
    fn _Counter__fork(c: *mut Counter) -> *mut Counter;
    fn _Counter__boxed(n: i32) -> *mut Counter;
    fn _Counter__big(c: *mut Counter, x: u64, f: f32, on: i32) -> i64;
    fn _Counter__get_value(c: *mut Counter) -> i32;
    fn _Counter__set_value(c: *mut Counter, v: i32);
}

/// Reads and frees a result block, as the loader does.
unsafe fn take_block(p: *mut u8) -> String {
    let len = u32::from_le_bytes(*(p as *const [u8; 4])) as usize;
    let s = String::from_utf8(std::slice::from_raw_parts(p.add(4), len).to_vec()).unwrap();
    weakbind::abi::weakbind_free(p.cast());
    s
}

#[test]
fn wire_functions_convert_every_type() {
    unsafe {
        let c = _Counter__new1(5);
        assert_eq!(_Counter__add(c, 3), 8);
        assert_eq!(_Counter__get_value(c), 8);
        _Counter__set_value(c, 40);
        assert_eq!(_Counter__get_value(c), 40);
        assert_eq!(take_block(_Counter__label(c)), "counter");
        let who = "wörld";
        assert_eq!(
            take_block(_Counter__greet(c, who.as_ptr(), who.len())),
            "counter greets wörld"
        );
        assert_eq!(_Counter__same(c, c), 1);
        assert_eq!(_Counter__same(c, std::ptr::null_mut()), 0);
        assert_eq!(_Counter__big(c, u64::MAX, 2.5, 7), 1 + 1);

        let label = "named";
        let d = _Counter__new2(2, label.as_ptr(), label.len());
        assert_eq!(take_block(_Counter__label(d)), "named");
        assert!(_Counter__new2(2, label.as_ptr(), 0).is_null());
        _Counter__absorb(c, d);
        assert_eq!(_Counter__get_value(c), 42);

        let e = _Counter__fork(c);
        let f = _Counter__boxed(9);
        assert_eq!((_Counter__get_value(e), _Counter__get_value(f)), (42, 9));
        for p in [c, d, e, f] {
            _Counter__destructor(p);
        }
    }
}
