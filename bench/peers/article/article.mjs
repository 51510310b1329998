// The seed article's loader as written: a `managed` map keyed by pointer and
// a loop that rescans all of it every 100 ms, freeing the objects whose
// WeakRef went null. Only the instantiation is adapted (bytes instead of a
// fetch, stub imports); the loop, manage() and the classes are the article's.
import { stubImports } from "../imports.mjs";

export async function load(bytes) {
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, stubImports(module));
  instance.exports._initialize?.(); // a reactor module: libc initialises here
  const {
    _MyClass__constructor, _MyClass__destructor, _MyClass__my_method,
    _Buffer1K__constructor, _Buffer1K__destructor, _Buffer1K__my_method,
  } = instance.exports;

  const managed = {};
  async function memory_management_loop() {
    while (true) {
      const keys = Object.keys(managed);
      for (let key of keys) {
        const [weakref, deleter] = managed[key];
        if (!weakref.deref()) { // this object was garbage collected
          deleter(); // call the user provided deleter
          delete managed[key];
        }
      }
      // cleanup every 100ms, or replace with window.requestIdleCallback()
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  function manage(ptr, weakref, deleter) {
    managed[ptr] = [weakref, deleter];
  }

  class MyClass {
    constructor(h) {
      const data = _MyClass__constructor(h);

      // make sure the third argument does not reference `this`
      manage(data, new WeakRef(this), () => {
        _MyClass__destructor(data); // data is just a pointer :)
      });
      this.data = data;
    }
    my_method() {
      return _MyClass__my_method(this.data);
    }
  }

  // The article's pattern again, for the memory workload's class.
  class Buffer1K {
    constructor(h) {
      const data = _Buffer1K__constructor(h);
      manage(data, new WeakRef(this), () => {
        _Buffer1K__destructor(data);
      });
      this.data = data;
    }
    my_method() {
      return _Buffer1K__my_method(this.data);
    }
  }

  memory_management_loop();
  return { MyClass, Buffer1K, exports: instance.exports };
}
