// The wasm personality routine: does a catch clause of the function whose
// wasm `catch` just received an exception take it?
//
// clang's -fwasm-exceptions code, at a catch with typed clauses, stores the
// landing pad's index and the function's LSDA (its GCC_except_table) in
// __wasm_lpad_context, calls _Unwind_CallPersonality with the caught value
// and reads back the selector: the type-table index of the clause that
// matched, compared with each clause's `llvm.eh.typeid.for`, or 0 (none;
// the code then runs its cleanups and rethrows). `catch (...)` alone and
// cleanups do not ask.
//
// The LSDA (Itanium ABI, "Exception Handling Tables"; wasm uses the SjLj
// shape of the call-site table):
//   u8 lpStart encoding [lpStart]   u8 type-table encoding [ULEB offset to
//   the table's end]   u8 call-site encoding (unused)   ULEB call-site
//   table length   call sites: (ULEB landing pad, ULEB action) per landing
//   pad index   action records: (SLEB type index, SLEB offset to the next
//   record, 0 = last)   type table: entries indexed backwards from its end.
#include <stdint.h>

#include "exception.h"

using namespace weakbind_eh;

extern "C" {
// Written by compiled code before each personality call, read back after.
struct LandingPadContext {
  uintptr_t lpad_index;
  const uint8_t *lsda;
  uintptr_t selector;
} __wasm_lpad_context;
}

namespace {
enum : int { HANDLER_FOUND = 6, CONTINUE_UNWIND = 8 }; // _Unwind_Reason_Code
enum : uint8_t { OMIT = 0xff, INDIRECT = 0x80 };       // DW_EH_PE_*

uintptr_t uleb(const uint8_t *&p) {
  uintptr_t value = 0;
  unsigned shift = 0;
  uint8_t byte;
  do {
    byte = *p++;
    value |= uintptr_t(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}

intptr_t sleb(const uint8_t *&p) {
  uintptr_t value = 0;
  unsigned shift = 0;
  uint8_t byte;
  do {
    byte = *p++;
    value |= uintptr_t(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if ((byte & 0x40) && shift < sizeof(value) * 8) value |= ~uintptr_t(0) << shift;
  return intptr_t(value);
}

// The size of one fixed-size value in `encoding` (its low four bits).
unsigned encoded_size(uint8_t encoding) {
  switch (encoding & 0x0f) {
  case 0x00: return sizeof(uintptr_t); // absptr
  case 0x02: case 0x0a: return 2;      // udata2, sdata2
  case 0x03: case 0x0b: return 4;      // udata4, sdata4
  case 0x04: case 0x0c: return 8;      // udata8, sdata8
  default: return 0;                   // variable-length: not valid here
  }
}

uintptr_t read_encoded(const uint8_t *&p, uint8_t encoding) {
  if ((encoding & 0x0f) == 0x01) return uleb(p);
  if ((encoding & 0x0f) == 0x09) return uintptr_t(sleb(p));
  uintptr_t value = 0;
  unsigned n = encoded_size(encoding);
  // Little-endian; narrow signed forms are sign-extended.
  for (unsigned i = 0; i < n && i < sizeof(value); ++i) value |= uintptr_t(p[i]) << (8 * i);
  if ((encoding & 0x08) && n < sizeof(value) && (p[n - 1] & 0x80)) value |= ~uintptr_t(0) << (8 * n);
  p += n;
  return value;
}

// The type of clause `index` (> 0), or null for catch (...).
const std::type_info *clause_type(const uint8_t *types_end, uint8_t encoding, intptr_t index) {
  const uint8_t *entry = types_end - index * intptr_t(encoded_size(encoding));
  uintptr_t value = read_encoded(entry, encoding);
  if (value && (encoding & INDIRECT)) value = *reinterpret_cast<const uintptr_t *>(value);
  return reinterpret_cast<const std::type_info *>(value);
}
} // namespace

extern "C" int _Unwind_CallPersonality(void *thrown) {
  LandingPadContext &ctx = __wasm_lpad_context;
  ctx.selector = 0;
  Header *h = header_of(thrown);
  const uint8_t *p = ctx.lsda;
  if (!h || !p) return CONTINUE_UNWIND; // a JS exception: no C++ clause takes it

  uint8_t lp_start_encoding = *p++;
  if (lp_start_encoding != OMIT) read_encoded(p, lp_start_encoding);
  uint8_t type_encoding = *p++;
  const uint8_t *types_end = nullptr;
  if (type_encoding != OMIT) {
    uintptr_t offset = uleb(p);
    types_end = p + offset;
  }
  ++p; // call-site encoding: always ULEB128 in this shape
  uintptr_t table_length = uleb(p);
  const uint8_t *actions = p + table_length;

  uintptr_t action = 0;
  for (uintptr_t i = 0; i <= ctx.lpad_index; ++i) {
    if (p >= actions) return CONTINUE_UNWIND; // an index past the table: no clause
    uleb(p);            // landing pad: wasm jumps there itself
    action = uleb(p);   // 1 + offset of the first action record, 0 = cleanup only
  }
  if (action == 0 || !types_end) return CONTINUE_UNWIND;

  Primary *primary = h->primary;
  const uint8_t *record = actions + (action - 1);
  for (;;) {
    intptr_t index = sleb(record);
    const uint8_t *next = record;
    intptr_t offset = sleb(next);
    // index > 0: a catch clause; 0: a cleanup; < 0: a dynamic exception
    // specification, which C++17 no longer has (noexcept terminates in code).
    if (index > 0) {
      const std::type_info *type = clause_type(types_end, type_encoding, index);
      void *object = object_of(primary);
      if (!type || can_catch(type, primary->type, &object)) {
        h->adjusted = object;
        ctx.selector = uintptr_t(index);
        return HANDLER_FOUND;
      }
    }
    if (offset == 0) return CONTINUE_UNWIND;
    record += offset;
  }
}

// The routine compiled code names as its personality. Nothing calls it
// (wasm code calls _Unwind_CallPersonality), but every object file with a
// landing pad refers to it.
extern "C" int __gxx_wasm_personality_v0() { return CONTINUE_UNWIND; }
