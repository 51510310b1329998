// The seed article's class, unchanged, and its loop: objects created and
// dropped without a thought for their wasm memory.

export default {
  id: "myclass",
  title: "The article's MyClass",
  about:
    "Each wrapper owns one C++ object. Drop the wrappers and the collector frees them: the C++ destructor runs inside wasm and the live count falls to zero. Dispose frees them now, without waiting.",
  wasm: "examples.wasm",
  className: "MyClass",
  code: `// C++
class MyClass {
public:
  MyClass(int hide) : hidden(hide) {}
  int my_method() { return hidden * 2; }
  int hidden;
};
WEAKBIND_EXPORT MyClass *_MyClass__constructor(int h) { return new MyClass(h); }
WEAKBIND_EXPORT void _MyClass__destructor(MyClass *m) { delete m; }
WEAKBIND_EXPORT int _MyClass__my_method(MyClass *m) { return m->my_method(); }

// JavaScript: no per-class glue
const m = await load(fetch("examples.wasm"));
for (let i = 0; i < 50; ++i) new m.MyClass(5 + i).my_method();`,
  create: {
    count: 10000,
    code: "new m.MyClass(5 + i)",
    make: (m, i) => new m.MyClass(5 + i),
  },
  destroyed: (m) => m.exports.myclass_destructor_calls(),
  start: articleLoop,
  actions: [
    {
      label: "Run the article's loop",
      code: "for (let i = 0; i < 50; ++i) new m.MyClass(5 + i).my_method();",
      run: (m) => `Σ my_method() = ${articleLoop(m)}; 50 objects dropped, waiting for the collector`,
    },
    {
      label: "Use after dispose",
      code: "const o = new m.MyClass(1);\no.dispose();\no.my_method();",
      run(m) {
        const o = new m.MyClass(1);
        o.dispose();
        return o.my_method();
      },
    },
    {
      label: "Call on the wrong class",
      code: "m.MyClass.prototype.my_method.call(new m.Buffer(16));",
      run: (m) => m.MyClass.prototype.my_method.call(new m.Buffer(16)),
    },
  ],
};

// The article's loop; its 50 wrappers are garbage as soon as it returns.
function articleLoop(m) {
  let sum = 0;
  for (let i = 0; i < 50; ++i) sum += new m.MyClass(5 + i).my_method();
  return sum;
}
