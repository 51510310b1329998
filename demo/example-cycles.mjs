// Cycles across the boundary: cpp/examples/events.cpp's EventSource holds a
// JS listener, and the listener closes over the source's own wrapper
// (wrapper → C++ object → listener → wrapper). A global handle table
// (embind's val, wasm-bindgen's JsValue) would root the listener and leak
// the whole cycle; weakbind keeps it on the wrapper while JS is the only
// owner, so the collector sees the cycle, and moves it to the roots while
// C++ retains the source.

import { formatCount } from "./chart.mjs";

export default {
  id: "cycles",
  title: "Cycles across the boundary: EventSource",
  about:
    "Each source's listener closes over the source's own wrapper. Drop them and the whole cycles are collected: every C++ destructor runs and the JS values wasm held fall back to where they were. A source C++ retains keeps its listener alive — C++ can still call it — until C++ lets go.",
  wasm: "examples.wasm",
  className: "EventSource",
  code: `// C++ (cpp/examples/events.cpp)
class EventSource {
  weakbind::JsRef listener_;
public:
  void on(weakbind::JsRef f) { listener_ = std::move(f).owned_by(this); }
  double emit(double v) {
    auto r = listener_.call(v, name_, this);
    return r ? r.number() : -1;
  }
  // C++ keeps sources: a vector of weakbind::Retained<EventSource>
  static void keep(EventSource &s) { hub().emplace_back(&s); }
  static int32_t emit_all(double v);  // calls every kept listener
  static void release_all() { hub().clear(); }
};

// JavaScript: callback → wrapper → C++ object → callback
const source = new m.EventSource("clicks");
source.on((value) => source.emit.length + value);`,
  create: {
    count: 10000,
    code: "const s = new m.EventSource(`s${i}`); s.on((v) => s.emit.length + v)",
    make(m, i) {
      const s = new m.EventSource(`s${i}`);
      s.on((v) => s.emit.length + v); // the listener closes over its own wrapper
      return s;
    },
  },
  destroyed: (m) => m.exports.event_sources_destroyed(),
  start(m, { state }) {
    state.baseline = m.stats().jsValues;
    state.kept = 0;
    state.heard = [];
  },
  status(m, { state }) {
    const { jsValues, jsValuesOnWrappers } = m.stats();
    return (
      `JS values held by wasm: ${formatCount(jsValues)} (at load: ${formatCount(state.baseline)}) — ` +
      `${formatCount(jsValuesOnWrappers)} on their owners' wrappers, ${formatCount(jsValues - jsValuesOnWrappers)} rooted · ` +
      `sources kept by C++: ${formatCount(state.kept)}`
    );
  },
  actions: [
    {
      label: "C++ calls the listener",
      code: `const s = new m.EventSource("clicks");
s.on((value, name, self) => (self === s ? value * 2 : NaN));
s.emit(21);                     // C++ calls JS with (21, "clicks", this)`,
      run(m) {
        const s = new m.EventSource("clicks");
        s.on((value, name, self) => (self === s && name === "clicks" ? value * 2 : NaN));
        return `s.emit(21) = ${s.emit(21)}`;
      },
    },
    {
      label: "Retain one in C++",
      code: `const s = new m.EventSource(\`kept \${n}\`);
s.on((value, name, self) => {
  heard.push(\`\${name} heard \${value}\`);
  return self === s ? value : -1;
});
m.EventSource.keep(s);  // C++ owns it too; the page drops its wrapper`,
      run(m, { state }) {
        const name = `kept ${++state.kept}`;
        const s = new m.EventSource(name);
        s.on((value, from, self) => {
          state.heard.push(`${from} heard ${value}`);
          return self === s ? value : -1;
        });
        m.EventSource.keep(s);
        return `"${name}" is kept by C++ and its wrapper dropped: its listener moved to the roots, so collections leave it alone`;
      },
    },
    {
      label: "C++ emits to what it keeps",
      code: "m.EventSource.emit_all(7);  // C++ calls every kept listener",
      run(m, { state }) {
        state.heard.length = 0;
        const called = m.EventSource.emit_all(7);
        const heard = state.heard.length ? `: ${state.heard.join(", ")}` : "";
        return `emit_all(7) = ${called}: ${called} listener${called === 1 ? "" : "s"} called${heard}`;
      },
    },
    {
      label: "C++ lets go",
      code: "m.EventSource.release_all();  // listeners back on their wrappers",
      run(m, { state }) {
        const n = state.kept;
        m.EventSource.release_all();
        state.kept = 0;
        return `C++ released ${n} source${n === 1 ? "" : "s"}: a collection frees them and their listeners`;
      },
    },
  ],
};
