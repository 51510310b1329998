// The raw peer's strings, as hand-written glue would pass them to the
// typed exports: encoded with encodeInto into one block allocated up front
// (`at`), and a result block (u32 length, then UTF-8) decoded by hand and
// freed. Short strings are decoded in a JS loop, which costs less than a
// TextDecoder call; long ones go to TextDecoder. The views are remade only
// when memory grew.
const SHORT = 64; // bytes decoded in the loop; longer ones by TextDecoder

export function rawStrings(exports, memory, capacity = 1024) {
  const at = exports.weakbind_alloc(capacity);
  const encoder = new TextEncoder(), decoder = new TextDecoder();
  let buffer = null, bytes, scratch, words;
  const views = () => {
    if (buffer === memory.buffer) return;
    buffer = memory.buffer;
    bytes = new Uint8Array(buffer);
    scratch = bytes.subarray(at, at + capacity);
    words = new DataView(buffer);
  };
  return {
    at,
    // Encodes `text` at `at`; returns its length in bytes.
    put(text) {
      views();
      return encoder.encodeInto(text, scratch).written;
    },
    // The string in result block `block`, which is freed.
    take(block) {
      views();
      const start = block + 4, end = start + words.getUint32(block, true);
      const text = decodeUtf8(bytes, start, end, decoder);
      exports.weakbind_free(block);
      return text;
    },
  };
}

// The UTF-8 bytes [start, end) of `bytes` as a string: short ones in the
// JS loop, long ones by `decoder` (a TextDecoder).
export function decodeUtf8(bytes, start, end, decoder) {
  return end - start > SHORT ? decoder.decode(bytes.subarray(start, end)) : decodeShort(bytes, start, end);
}

// UTF-8 to a string, one code point at a time (the input is what C++
// wrote, so well-formed sequences are assumed).
function decodeShort(bytes, i, end) {
  let s = "";
  while (i < end) {
    const b = bytes[i++];
    if (b < 0x80) s += String.fromCharCode(b);
    else if (b < 0xe0) s += String.fromCharCode(((b & 0x1f) << 6) | (bytes[i++] & 0x3f));
    else if (b < 0xf0) s += String.fromCharCode(((b & 0x0f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f));
    else s += String.fromCodePoint(((b & 0x07) << 18) | ((bytes[i++] & 0x3f) << 12) | ((bytes[i++] & 0x3f) << 6) | (bytes[i++] & 0x3f));
  }
  return s;
}
