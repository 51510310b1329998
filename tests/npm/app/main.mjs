// A project that installed the packed tarball (npm install weakbind-*.tgz)
// and uses it as a dependency: the import resolves through the package's
// exports, the module loads from a path, its objects are freed.
import { load } from "weakbind";

const m = await load("./examples.wasm", { stdout: () => {} });
const root = new m.Node("root");
root.add_child("leaf");
if (root.child(0).name() !== "leaf") throw new Error("typed calls do not work");
root.dispose();
for (let i = 0; i < 50; i++) new m.MyClass(i).my_method();
for (let i = 0; i < 200 && m.stats().liveTotal > 0; i++) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  globalThis.gc();
}
console.log(JSON.stringify({ live: m.stats().liveTotal, destroyed: m.exports.myclass_destructor_calls() }));
