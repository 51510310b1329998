// A class built on libc++ (std::string, std::vector, printf): proof that C++
// compiled against libc++ and wasi-libc allocates from the runtime's heap in
// the same module, and that its memory comes back when JS drops the object.
#include "weakbind.hpp"

#include <cstdio>
#include <string>
#include <vector>

class Notebook {
public:
  explicit Notebook(int id) : id_(id) {}

  // Appends `n` notes of growing length, so both the vector and the strings
  // reallocate.
  int add_notes(int n) {
    for (int i = 0; i < n; ++i) {
      notes_.push_back("note " + std::to_string(id_) + "." +
                       std::to_string(notes_.size()) + std::string(i % 64, '*'));
    }
    return static_cast<int>(notes_.size());
  }

  int total_length() const {
    size_t total = 0;
    for (const std::string &note : notes_) total += note.size();
    return static_cast<int>(total);
  }

  int print_summary() const {
    return std::printf("Notebook %d holds %zu notes, %d bytes of text\n", id_,
                       notes_.size(), total_length());
  }

private:
  int id_;
  std::vector<std::string> notes_;
};

static int destructor_calls = 0;

WEAKBIND_EXPORT Notebook *_Notebook__constructor(int id) { return new Notebook(id); }
WEAKBIND_EXPORT void _Notebook__destructor(Notebook *n) {
  ++destructor_calls;
  delete n;
}
WEAKBIND_EXPORT int _Notebook__add_notes(Notebook *n, int count) { return n->add_notes(count); }
WEAKBIND_EXPORT int _Notebook__total_length(Notebook *n) { return n->total_length(); }
WEAKBIND_EXPORT int _Notebook__print_summary(Notebook *n) {
  int written = n->print_summary();
  std::fflush(stdout);
  return written;
}

WEAKBIND_EXPORT int notebook_destructor_calls() { return destructor_calls; }
