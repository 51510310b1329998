// A class built on libc++: std::string, std::vector and printf, in the same
// module and on the same heap as everything else. printf reaches the page
// through the loader's WASI shim (the `stdout` option).

export default {
  id: "notebook",
  title: "A libc++ class: Notebook",
  about:
    "std::vector<std::string> grows on the runtime's heap, printf goes through the WASI shim to the console below. Dropped notebooks give every byte back: watch “heap in use” return to where it was.",
  wasm: "examples.wasm",
  className: "Notebook",
  code: `class Notebook {
public:
  explicit Notebook(int id) : id_(id) {}
  int add_notes(int n);          // notes_.push_back("note " + std::to_string(...) ...)
  int total_length() const;
  int print_summary() const {
    return std::printf("Notebook %d holds %zu notes, %d bytes of text\\n",
                       id_, notes_.size(), total_length());
  }
private:
  int id_;
  std::vector<std::string> notes_;
};`,
  create: {
    count: 1000,
    code: "const n = new m.Notebook(i); n.add_notes(20)",
    make(m, i) {
      const n = new m.Notebook(i);
      n.add_notes(20);
      return n;
    },
  },
  destroyed: (m) => m.exports.notebook_destructor_calls(),
  actions: [
    {
      label: "printf a summary",
      code: "const n = new m.Notebook(++id);\nn.add_notes(20);\nn.print_summary();   // → console",
      run(m) {
        const n = new m.Notebook(++lastId);
        n.add_notes(20);
        return `print_summary() wrote ${n.print_summary()} bytes to stdout`;
      },
    },
  ],
};

let lastId = 0;
