// The seed article's loop, on weakbind: 50 MyClass objects created and
// dropped; the table shows them being freed as the browser collects.
import { load } from "./weakbind/weakbind.mjs";

const m = await load(fetch("examples.wasm"));
window.weakbindDemo = m; // for the console and the browser tests

function articleLoop() {
  for (let i = 0; i < 50; ++i) new m.MyClass(5 + i).my_method();
}

function show() {
  const s = m.stats();
  document.getElementById("strategy").textContent = s.strategy;
  document.getElementById("live").textContent = s.live.MyClass;
  document.getElementById("destroyed").textContent = m.exports.myclass_destructor_calls();
  document.getElementById("heap").textContent = `${s.heap.inUse} bytes`;
  document.getElementById("memory").textContent = `${(s.heap.memorySize / 1024).toFixed(0)} KiB`;
}

document.getElementById("run").addEventListener("click", articleLoop);
articleLoop();
show();
setInterval(show, 250);
