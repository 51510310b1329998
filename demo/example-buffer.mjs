// A class that owns a heap buffer of the size JS asks for: heap bytes rise
// and fall with the objects, while linear memory (which wasm can grow but
// never shrink) stays at its high-water mark and is reused.

export default {
  id: "buffer",
  title: "Big objects: Buffer",
  about:
    "Each Buffer owns 64 KiB of heap. Heap in use follows the objects down when they are collected; linear memory stays grown (wasm memory never shrinks) and the next buffers reuse it. A constructor that cannot allocate returns NULL, and the loader says so.",
  wasm: "examples.wasm",
  className: "Buffer",
  code: `WEAKBIND_EXPORT Buffer *_Buffer__constructor(unsigned size) {
  Buffer *b = new (std::nothrow) Buffer{nullptr, size};
  if (!b) return nullptr;
  b->bytes = static_cast<unsigned char *>(std::malloc(size ? size : 1));
  if (!b->bytes) { delete b; return nullptr; }   // NULL: out of memory
  std::memset(b->bytes, 0xab, size);
  return b;
}`,
  create: {
    count: 100,
    code: "new m.Buffer(64 * 1024)",
    make: (m) => new m.Buffer(64 * 1024),
  },
  destroyed: (m) => m.exports.buffer_destructor_calls(),
  actions: [
    {
      label: "Ask for 4 GiB",
      code: "new m.Buffer(0xfff00000);",
      run: (m) => new m.Buffer(0xfff00000),
    },
  ],
};
