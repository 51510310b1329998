// Where typed calls put their string and flat value arguments: one block
// of wasm memory, taken at load, used as a stack. A call takes a mark,
// writes each string above the top and passes (pointer, length), each
// flat value (values.mjs) 8-aligned and passes its pointer; when the call returns (or
// throws) it resets the arena to the mark. A call made from inside a callback
// writes above the strings of the call that is still running, and gives
// its space back before that call resumes, so nothing a running call was
// handed is overwritten. A string that does not fit gets a heap block of
// its own, freed at the same moment. The C++ and Rust sides read these
// arguments only during the call (bind.hpp: "borrowed for the call").
//
// No allocation and no call into wasm per string, which is what a short
// string argument otherwise costs most (make bench-typed, string in/out).

import { list, encode, lengthOf, copyBytes, bufferOf, Bytes, ceil, max } from "./intrinsics.mjs";

const SIZE = 16 << 10;

export class Arena {
  #memory;
  #alloc;
  #free;
  #bytes; // a view of all of memory, made again once growth detached it
  #base = 0;
  #end = 0;
  #top = 0; // the first free byte
  len = 0; // the byte length of the string last written
  // Heap blocks of what did not fit, oldest first, each with the top it
  // was made at; a spill moves the top on by one byte, so every mark taken
  // after a spill is above it and every spill made after a mark is at or
  // above that mark.
  #spilled = list();
  #spilledAt = list();
  #spills = 0;

  constructor(memory, alloc, free) {
    this.#memory = memory;
    this.#alloc = alloc;
    this.#free = free;
    this.#bytes = new Bytes(bufferOf(memory));
    const base = alloc(SIZE) >>> 0;
    // Without a block (a heap too small at load) every string spills.
    this.#base = this.#top = base;
    this.#end = base === 0 ? 0 : base + SIZE;
  }

  // All of memory as bytes, valid until memory grows. (The Uint8Array
  // class and the memory's buffer getter as they were: intrinsics.mjs.)
  bytes() {
    // Detached by growth: its indexes read undefined (intrinsics.mjs viewOf).
    if (this.#bytes[0] === undefined) this.#bytes = new Bytes(bufferOf(this.#memory));
    return this.#bytes;
  }

  // Writes `s` as UTF-8 and returns where; `len` is its length in bytes.
  // Null if the heap has no room for it (`len` still says how much). Encoded by hand: a UTF-16 unit
  // takes at most 3 bytes (a surrogate pair 4 for 2), so 3 per unit is
  // always room enough, and a lone surrogate becomes U+FFFD as
  // TextEncoder makes it.
  string(s) {
    const n = s.length;
    const at = this.#top;
    if (at !== 0 && at + 3 * n <= this.#end) {
      const bytes = this.bytes();
      let k = at;
      for (let j = 0; j < n; j++) {
        let c = s.charCodeAt(j);
        if (c < 0x80) {
          bytes[k++] = c;
          continue;
        }
        if (c < 0x800) {
          bytes[k++] = 0xc0 | (c >> 6);
          bytes[k++] = 0x80 | (c & 0x3f);
          continue;
        }
        if (c >= 0xd800 && c <= 0xdfff) {
          const d = j + 1 < n ? s.charCodeAt(j + 1) : 0;
          if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            j++;
            bytes[k++] = 0xf0 | (c >> 18);
            bytes[k++] = 0x80 | ((c >> 12) & 0x3f);
            bytes[k++] = 0x80 | ((c >> 6) & 0x3f);
            bytes[k++] = 0x80 | (c & 0x3f);
            continue;
          }
          c = 0xfffd;
        }
        bytes[k++] = 0xe0 | (c >> 12);
        bytes[k++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[k++] = 0x80 | (c & 0x3f);
      }
      this.#top = k;
      this.len = k - at;
      return at;
    }
    return this.#spill(s);
  }

  #spill(s) {
    const encoded = encode(s);
    const n = lengthOf(encoded);
    this.len = n;
    const at = this.#alloc(n) >>> 0;
    if (at === 0) return null;
    copyBytes(bufferOf(this.#memory), at, encoded);
    this.#spilledBlock(at);
    this.len = n;
    return at;
  }

  #spilledBlock(at) {
    this.#spilled[this.#spills] = at;
    this.#spilledAt[this.#spills] = this.#top;
    this.#spills += 1;
    this.#top += 1;
  }

  // `size` bytes at an 8-aligned address, for a value argument (values.mjs,
  // flatValueParam); a heap block of its own if the arena has no room.
  // Null if the heap has none either.
  reserve(size) {
    const at = ceil(this.#top / 8) * 8;
    if (this.#top !== 0 && at + size <= this.#end) {
      this.#top = at + size;
      return at;
    }
    const spilled = this.#alloc(max(size, 1)) >>> 0;
    if (spilled === 0) return null;
    this.#spilledBlock(spilled);
    return spilled;
  }

  // The state a call resets to: the top (which also orders the spills).
  mark() {
    return this.#top;
  }

  reset(mark) {
    this.#top = mark;
    while (this.#spills > 0 && this.#spilledAt[this.#spills - 1] >= mark) {
      this.#spills -= 1;
      this.#free(this.#spilled[this.#spills]);
    }
  }

  // The arena's own block, for the heap's self-check and leak reports.
  get block() {
    return this.#base;
  }
}
