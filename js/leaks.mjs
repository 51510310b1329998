// Debug mode (`load(src, { debug: true })`): remembers where each object JS
// came to own and each JS-value handle was created, so `m.leaks()` can list
// what is still alive and who made it. Off by default: a stack trace per
// object costs far more than the object.

export class LeakLog {
  #objects = new Map(); // pointer -> { class, createdAt }
  #handles = new Map(); // handle -> createdAt

  object(ptr, className) {
    this.#objects.set(ptr, { class: className, createdAt: callerStack() });
  }

  handle(handle) {
    this.#handles.set(handle, callerStack());
  }

  // What is alive now, by the predicates given; forgets what is not.
  report(objectIsLive, handleIsLive) {
    const objects = [];
    for (const [ptr, entry] of this.#objects) {
      if (objectIsLive(ptr)) objects.push({ ...entry, pointer: ptr });
      else this.#objects.delete(ptr);
    }
    const handles = [];
    for (const [handle, createdAt] of this.#handles) {
      if (handleIsLive(handle)) handles.push({ handle, createdAt });
      else this.#handles.delete(handle);
    }
    return { objects, handles };
  }
}

// The stack below the loader's own frames.
function callerStack() {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  return lines.filter((line) => !/\/(?:leaks|classes|js-values|types|typed|typed-calls|identity|weakbind|scope|calls)\.mjs:/.test(line)).join("\n");
}
