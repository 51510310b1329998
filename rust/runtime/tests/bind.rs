//! `export!`'s JS names and overloads by arity, `functions!` and
//! `enumeration!` on the host: the records and the wire functions, called
//! by their export names the way the loader calls them.
#![cfg(not(target_arch = "wasm32"))]

use weakbind::export::RustClass;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Red = 1,
    Green = 5,
    Blue = -3,
}
weakbind::enumeration!(Color { Red, Green, Blue });

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Fast = 3,
    Exact = 9,
}
weakbind::enumeration!(strings Mode { Fast, Exact });

pub struct Tally {
    total: i32,
    color: Color,
}

impl Tally {
    pub fn new() -> Self {
        Tally {
            total: 0,
            color: Color::Red,
        }
    }
    pub fn bump(&mut self) -> i32 {
        self.add_times(1, 1)
    }
    pub fn add_times(&mut self, n: i32, times: i32) -> i32 {
        self.total += n * times;
        self.total
    }
    pub fn current(&self) -> i32 {
        self.total
    }
    pub fn paint(&mut self, c: Color) {
        self.color = c;
    }
    pub fn color(&self) -> Color {
        self.color
    }
    pub fn zero() -> i32 {
        0
    }
}

impl Default for Tally {
    fn default() -> Self {
        Tally::new()
    }
}

weakbind::export! {
    class Tally {
        #[constructor] fn new() -> Self;
        #[js_name(add)] fn bump(&mut self) -> i32;
        #[overload(add)] fn add_times(&mut self, n: i32, times: i32) -> i32;
        #[js_name(total)] fn current(&self) -> i32;
        fn paint(&mut self, c: Color);
        fn color(&self) -> Color;
        #[js_name(none)] fn zero() -> i32;
    }
}

pub fn gcd(a: i32, b: i32) -> i32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
pub fn gcd3(a: i32, b: i32, c: i32) -> i32 {
    gcd(gcd(a, b), c)
}
pub fn mix(a: Color, b: Color) -> Color {
    if a == b {
        a
    } else {
        Color::Blue
    }
}

pub fn scaled(v: &[f64], k: f64) -> Vec<f64> {
    v.iter().map(|x| x * k).collect()
}

/// A value with padding (an i32 before an f64) and an enum field; no
/// string: its u32 address is wasm32's.
#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    pub n: i32,
    pub x: f64,
    pub color: Color,
    pub on: bool,
}
weakbind::value!(Probe {
    n: i32,
    x: f64,
    color: Color,
    on: bool
});

pub fn bumped(p: Probe) -> Probe {
    Probe {
        n: p.n + 1,
        x: -p.x,
        ..p
    }
}

weakbind::functions! {
    fn bumped(p: Probe) -> Probe;
    fn scaled(v: &[f64], k: f64) -> Vec<f64>;
    fn gcd(a: i32, b: i32) -> i32;
    #[overload(gcd)] fn gcd3(a: i32, b: i32, c: i32) -> i32;
    #[js_name(blend)] fn mix(a: Color, b: Color) -> Color;
}

#[test]
fn class_records_use_js_names_and_arity_exports() {
    let text = std::str::from_utf8(<Tally as RustClass>::METADATA).unwrap();
    let records: Vec<&str> = text.split_terminator('\0').collect();
    assert_eq!(
        records[3..],
        [
            "ctor Tally _Tally__new0 -",
            "method Tally add _Tally__add - i32",
            "method Tally add _Tally__add__2 i32,i32 i32",
            // The names of the overload's parameters, from its signature,
            // under the JS name (the member with none writes none).
            "params Tally add n,times",
            "method Tally total _Tally__total - i32",
            "method Tally paint _Tally__paint enum:Color void",
            "params Tally paint c",
            "method Tally color _Tally__color - enum:Color",
            "static Tally none _Tally__none - i32",
        ]
    );
}

#[allow(improper_ctypes)]
extern "C" {
    fn _Tally__new0() -> *mut Tally;
    fn _Tally__destructor(t: *mut Tally);
    fn _Tally__add(t: *mut Tally) -> i32;
    fn _Tally__add__2(t: *mut Tally, n: i32, times: i32) -> i32;
    fn _Tally__total(t: *mut Tally) -> i32;
    fn _Tally__paint(t: *mut Tally, c: i32);
    fn _Tally__color(t: *mut Tally) -> i32;
    fn _Tally__none() -> i32;
    fn weakbind_fn_gcd(a: i32, b: i32) -> i32;
    fn weakbind_fn_gcd__3(a: i32, b: i32, c: i32) -> i32;
    fn weakbind_fn_blend(a: i32, b: i32) -> i32;
    fn weakbind_enum_Color(i: u32) -> i32;
    fn weakbind_fn_scaled(v: *const f64, len: usize, k: f64) -> *mut u8;
    fn weakbind_enum_Mode(i: u32) -> i32;
    fn weakbind_fn_bumped(p: *const u8) -> *mut u8;
}

#[test]
fn values_in_and_out_by_the_layout_rule() {
    use weakbind::export::Field;
    // n at 0, x at 8, color at 16, on at 20; 24 bytes, 8-aligned.
    assert_eq!((<Probe as Field>::SIZE, <Probe as Field>::ALIGN), (24, 8));
    let mut block = [0u64; 3];
    let p = block.as_mut_ptr().cast::<u8>();
    unsafe {
        p.cast::<i32>().write(41);
        p.add(8).cast::<f64>().write(2.5);
        p.add(16).cast::<i32>().write(5);
        p.add(20).cast::<i32>().write(1);
        let out = weakbind_fn_bumped(p);
        let back = <Probe as Field>::read(out, "test");
        weakbind::abi::weakbind_free(out.cast());
        assert_eq!(
            back,
            Probe {
                n: 42,
                x: -2.5,
                color: Color::Green,
                on: true
            }
        );
    }
}

#[test]
fn wire_functions_of_renamed_and_overloaded_members() {
    unsafe {
        let t = _Tally__new0();
        assert_eq!(_Tally__add(t), 1);
        assert_eq!(_Tally__add__2(t, 2, 3), 7);
        assert_eq!(_Tally__total(t), 7);
        assert_eq!(_Tally__color(t), 1);
        _Tally__paint(t, -3);
        assert_eq!(_Tally__color(t), -3);
        assert_eq!(_Tally__none(), 0);
        _Tally__destructor(t);
    }
}

#[test]
fn free_functions_and_enum_values() {
    unsafe {
        assert_eq!(weakbind_fn_gcd(84, 36), 12);
        assert_eq!(weakbind_fn_gcd__3(84, 36, 8), 4);
        assert_eq!(weakbind_fn_blend(5, 5), 5);
        assert_eq!(weakbind_fn_blend(5, 1), -3);
        let values: Vec<i32> = (0..4).map(|i| weakbind_enum_Color(i)).collect();
        assert_eq!(values, [1, 5, -3, 0]);
        assert_eq!([weakbind_enum_Mode(0), weakbind_enum_Mode(1)], [3, 9]);
    }
}

#[test]
fn numeric_arrays_in_and_out() {
    let v = [1.5, 2.0, -4.0];
    unsafe {
        let block = weakbind_fn_scaled(v.as_ptr(), v.len(), 2.0);
        let len = u32::from_le_bytes(*(block as *const [u8; 4])) as usize;
        let out = std::slice::from_raw_parts(block.add(8).cast::<f64>(), len).to_vec();
        weakbind::abi::weakbind_free(block.cast());
        assert_eq!(out, [3.0, 4.0, -8.0]);
        let empty = weakbind_fn_scaled(std::ptr::null(), 0, 2.0);
        assert_eq!(u32::from_le_bytes(*(empty as *const [u8; 4])), 0);
        weakbind::abi::weakbind_free(empty.cast());
    }
}
