// C++ exceptions in a module built with them (tests/fixtures/exceptions.cpp,
// weakbind-config --exceptions): thrown and caught inside C++ every way the
// language has, and escaping to JS from every kind of member as a
// CppException, with nothing leaked, the registry consistent and the object
// still usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { load, WeakbindError, CppException } from "../../js/weakbind.mjs";
import { collectUntil } from "./helpers.mjs";

export const EXCEPTIONS_WASM = new URL("../../build/fixtures/exceptions.wasm", import.meta.url);
const m = await load(await readFile(EXCEPTIONS_WASM), { stdout: () => {} });
const x = m.exports;
const heap = () => m.stats().heap.inUse - m.stats().heap.registryBytes;

// [scenario, export, expected]: each export runs a whole scenario in C++.
const inside = [
  ["catch by type, the first clause skipped", "eh_catch_by_type", 1],
  ["catch by base class (std::vector::at's out_of_range as std::exception)", "eh_catch_by_base", 2],
  ["catch (...) for a type no clause names", "eh_catch_all", 3],
  ["catch a scalar by value (int, not long)", "eh_catch_scalar", 42],
  ["catch a pointer to a derived class as a pointer to its base", "eh_catch_pointer", 2],
  ["catch a derived object by base reference", "eh_catch_derived_by_base_ref", 2],
  ["catch by value copies the thrown object once", "eh_catch_by_value", 91],
  ["`throw;` rethrows the same object", "eh_rethrow", 4],
  ["a handler throwing, a handler inside a handler", "eh_nested", 511],
  ["every unwound frame's destructors run", "eh_unwind_frames", 4],
  ["std::uncaught_exceptions() is 1 in a destructor run by unwinding, 0 after", "eh_uncaught_in_destructor", 10],
  ["exception_ptr: current_exception, rethrow_exception twice, make_exception_ptr", "eh_exception_ptr", 322],
  ["operator new at out of memory throws std::bad_alloc", "eh_bad_alloc", 6],
  ["a failed dynamic_cast to a reference throws std::bad_cast", "eh_bad_cast", 7],
];

for (const [what, name, expected] of inside) {
  test(`inside C++: ${what}`, () => {
    const before = heap();
    assert.equal(x[name](), expected);
    assert.equal(x.eh_uncaught_now(), 0);
    assert.equal(heap(), before, "the exception and the unwound frames' blocks are freed");
    assert.equal(m.check(), null);
  });
}

test("a noexcept function that throws: std::terminate, with the exception's words", () => {
  assert.throws(() => x.eh_terminate(), {
    name: "WeakbindError",
    message: "terminate called after throwing std::runtime_error: inside noexcept",
  });
  assert.equal(m.check(), null);
  assert.equal(x.eh_catch_by_type(), 1, "the module still works");
});

function escapes(call, { type, message, className, method, what = message }) {
  let e = null;
  try {
    call();
  } catch (error) {
    e = error;
  }
  assert.ok(e instanceof CppException, `threw ${e}`);
  assert.ok(e instanceof WeakbindError);
  assert.equal(e.name, "CppException");
  assert.equal(e.message, message);
  assert.equal(e.type, type);
  assert.equal(e.what, what);
  assert.equal(e.className, className);
  assert.equal(e.method, method);
  return e;
}

test("escaping from a typed method: out_of_range, the object still usable", () => {
  const c = new m.Checked(3);
  const before = heap();
  const destroyed = x.eh_destroyed();
  escapes(() => c.at(5), { type: "std::out_of_range", message: "vector", className: "Checked", method: "at" });
  assert.equal(x.eh_destroyed(), destroyed + 1, "the frame's Counted was destroyed");
  assert.equal(heap(), before);
  assert.equal(c.at(2), 7);
  assert.equal(m.check(), null);
  c.dispose();
});

test("escaping from a typed constructor registers nothing", () => {
  const before = heap();
  const live = m.stats().live.Checked;
  escapes(() => new m.Checked(-1), {
    type: "std::invalid_argument",
    message: "Checked: limit must not be negative",
    className: "Checked",
    method: "constructor",
  });
  assert.equal(m.stats().live.Checked, live);
  assert.equal(heap(), before, "the object's memory was freed by the new-expression");
  assert.equal(m.check(), null);
});

test("escaping from a static and from a property getter", () => {
  const before = heap();
  escapes(() => m.Checked.parse("12x"), { type: "std::invalid_argument", message: "parse: not a number: 12x", className: "Checked", method: "parse" });
  assert.equal(m.Checked.parse("123"), 123);
  const c = new m.Checked(13);
  escapes(() => c.checked_limit, { type: "std::domain_error", message: "unlucky limit", className: "Checked", method: "checked_limit" });
  c.dispose();
  assert.equal(new m.Checked(4).checked_limit, 4);
  assert.equal(heap() <= before + 64, true);
  assert.equal(m.check(), null);
});

test("escaping from convention members: method and constructor", () => {
  const l = new m.Legacy(2);
  const before = heap();
  escapes(() => l.get(9), { type: "std::out_of_range", message: "vector", className: "Legacy", method: "get" });
  assert.equal(l.get(1), 0);
  assert.equal(heap(), before);
  const live = m.stats().live.Legacy;
  escapes(() => new m.Legacy(-1), { type: "std::invalid_argument", message: "Legacy: negative value", className: "Legacy", method: "constructor" });
  assert.equal(m.stats().live.Legacy, live);
  assert.equal(m.check(), null);
  l.dispose();
});

test("an exception of a type not derived from std::exception: its type is the message", () => {
  const c = new m.Checked(1);
  const handles = m.stats().jsValues;
  escapes(() => c.hold_and_throw({}, 2), { type: "int", message: "C++ exception of type int", what: null, className: "Checked", method: "hold_and_throw" });
  assert.equal(m.stats().jsValues, handles);
  c.dispose();
});

test("RAII owners in unwound frames let go: JsRef, Retained<T>, heap blocks", () => {
  const c = new m.Checked(1);
  const before = heap();
  const handles = m.stats().jsValues;
  escapes(() => c.hold_and_throw({ held: true }, 1), { type: "std::runtime_error", message: "thrown while holding", className: "Checked", method: "hold_and_throw" });
  assert.equal(m.stats().jsValues, handles, "both JsRefs were released");
  assert.equal(heap(), before, "the string block was freed");
  assert.equal(c.hold_and_throw({}, 0), 200, "the retain was released: the object is as before");
  assert.equal(m.check(), null);
  c.dispose();
});

test("a JS exception from a callback: C++ unwinds its frames, the JS caller gets the original", () => {
  const c = new m.Checked(2);
  const destroyed = x.eh_destroyed();
  const before = heap();
  const original = new RangeError("from the callback");
  assert.throws(
    () => c.call_back(() => {
      throw original;
    }),
    (e) => e === original,
  );
  assert.equal(x.eh_destroyed(), destroyed + 1, "the frame's Counted was destroyed");
  assert.equal(heap(), before, "the C++ exception that carried it out was freed");
  assert.equal(c.call_back((n) => n * 3), 6);
  assert.equal(m.check(), null);
  c.dispose();
});

test("an exception escaping from a call made inside a JS callback is a CppException there", () => {
  const outer = new m.Checked(2);
  const inner = new m.Checked(1);
  let seen = null;
  const r = outer.call_back(() => {
    try {
      inner.at(4);
    } catch (e) {
      seen = e;
    }
    return 5;
  });
  assert.equal(r, 5);
  assert.ok(seen instanceof CppException);
  assert.equal(seen.type, "std::out_of_range");
  assert.equal(m.check(), null);
  outer.dispose();
  inner.dispose();
});

test("100,000 escaping throws: the heap goes back to its baseline", () => {
  const c = new m.Checked(3);
  c.at(4 - 4);
  try {
    c.at(9);
  } catch {}
  const before = heap();
  for (let i = 0; i < 100_000; i++) {
    try {
      c.at(9);
    } catch (e) {
      if (!(e instanceof CppException)) throw e;
    }
  }
  assert.equal(heap(), before);
  assert.equal(x.eh_uncaught_now(), 0);
  assert.equal(m.check(), null);
  c.dispose();
});

test("objects whose methods threw are collected, their destructors counted inside wasm", async () => {
  const destroyed = x.eh_destroyed();
  (() => {
    for (let i = 0; i < 50; i++) {
      const c = new m.Checked(1);
      assert.throws(() => c.at(3), CppException);
    }
  })();
  // Each Checked's destructor counts one; the thrown Counted frames counted 50 already.
  const done = await collectUntil(() => x.eh_destroyed() >= destroyed + 100, { module: m });
  assert.ok(done, `destroyed ${x.eh_destroyed() - destroyed} of 100`);
  assert.equal(m.check(), null);
});

test("type names: what the runtime's demangler makes of type_info names", () => {
  const bytes = () => new Uint8Array(m.memory.buffer);
  const demangle = (name) => {
    const b = new TextEncoder().encode(`${name}\0`);
    const p = x.weakbind_alloc(b.length);
    bytes().set(b, p);
    const r = x.eh_demangle(p);
    x.weakbind_free(p);
    if (r === 0) return null;
    const text = new TextDecoder().decode(bytes().subarray(r, bytes().indexOf(0, r)));
    x.weakbind_free(r);
    return text;
  };
  const cases = [
    ["St12out_of_range", "std::out_of_range"],
    ["N8nlohmann16json_abi_v3_11_26detail11parse_errorE", "nlohmann::json_abi_v3_11_2::detail::parse_error"],
    ["i", "int"],
    ["PKc", "char const*"],
    ["N12_GLOBAL__N_16NotStdE", "(anonymous namespace)::NotStd"],
    ["St6vectorIiSaIiEE", "std::vector<int, std::allocator<int>>"],
    ["N3foo3BarILi3ELin2EEE", "foo::Bar<3, -2>"],
    ["Dn", "std::nullptr_t"],
    // Substitutions and local classes are not read: the loader shows these mangled.
    ["NSt3__16vectorIiNS_9allocatorIiEEEE", null],
    ["Z1fvE1X", null],
    ["9Truncat", null],
  ];
  for (const [mangled, expected] of cases) assert.equal(demangle(mangled), expected, mangled);
});
