// The seed article's MyClass, plus Buffer1K (owns a 1 KB heap buffer) for
// the memory workload. Shared by every C++ peer (embind, weakbind, raw, article),
// so they all run the same code.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <cstring>

// Destructor calls counted inside wasm, so "destructors ran" is measured.
extern std::uint32_t g_destroyed;

class MyClass {
 public:
  explicit MyClass(int hide) : hidden(hide) {}
  ~MyClass() { ++g_destroyed; }
  int my_method() { return hidden * 2; }
  int hidden;
};

class Buffer1K {
 public:
  explicit Buffer1K(int h) : hidden(h), buf(static_cast<unsigned char*>(std::malloc(1024))) {
    std::memset(buf, h & 0xff, 1024);
  }
  ~Buffer1K() { std::free(buf); ++g_destroyed; }
  int my_method() { buf[hidden & 1023] += 1; return hidden * 2 + buf[hidden & 1023]; }
  int hidden;
  unsigned char* buf;
};
