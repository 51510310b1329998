// The demo page: C++ objects in WebAssembly, watched live while the JS
// collector frees them. Plain ES modules, no build step, no library.
//
// A module's release strategy is fixed when it is loaded, so each strategy
// is a "world" of its own: switching strategy loads a second instance of
// the same module (its own linear memory and heap) and shows that one. The
// other world keeps its objects and keeps releasing them.
import { load } from "./weakbind/weakbind.mjs";
import { examples } from "./examples.mjs";
import { History, TimeChart, formatBytes, formatCount } from "./chart.mjs";

const SAMPLE_MS = 250; // four samples a second
const HISTORY = 240; // one minute of them
const CONSOLE_LINES = 200;
const PALETTE = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2"];

const STRATEGIES = {
  finalization: {
    label: "FinalizationRegistry",
    note: "The default: the collector calls back after it has collected a wrapper, and the loader runs the C++ destructor.",
  },
  sweep: {
    label: "WeakRef sweep",
    note: "The article's loop, made incremental: a timer checks one WeakRef per wrapper, new ones each tick, old ones a slice per tick.",
  },
};

const $ = (selector, root = document) => root.querySelector(selector);
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const live = examples.filter((ex) => !ex.pending);

class World {
  constructor(strategy) {
    this.strategy = strategy;
    this.history = new History(HISTORY);
    this.loading = new Map(); // wasm file → Promise of the module
    this.modules = new Map(); // wasm file → the module, once loaded
    this.held = new Map(live.map((ex) => [ex.id, []])); // wrappers the page keeps
    this.started = null;
  }

  module(file) {
    if (!this.loading.has(file)) {
      const options = { release: this.strategy, stdout: (l) => print(l, "stdout"), stderr: (l) => print(l, "stderr") };
      const loaded = load(fetch(file), options).then((m) => {
        this.modules.set(file, m);
        return m;
      });
      this.loading.set(file, loaded);
    }
    return this.loading.get(file);
  }

  // Loads every example's module and runs each example's start once.
  start() {
    this.started ??= (async () => {
      for (const ex of live) ex.start?.(await this.module(ex.wasm));
    })();
    return this.started;
  }

  sample() {
    const sample = { live: {}, inUse: 0, memory: 0, pending: 0 };
    for (const m of this.modules.values()) {
      const s = m.stats();
      for (const [name, n] of Object.entries(s.live)) sample.live[name] = (sample.live[name] ?? 0) + n;
      sample.inUse += s.heap.inUse;
      sample.memory += s.heap.memorySize;
      sample.pending += s.pending;
    }
    this.history.push(sample);
  }
}

const worlds = {};
let world = null;

const charts = {
  live: new TimeChart($("#chart-live"), $("#legend-live"), { format: formatCount }),
  memory: new TimeChart($("#chart-memory"), $("#legend-memory"), { format: formatBytes, base: 1024 }),
};
const classColors = new Map();
const colorOf = (name) => {
  if (!classColors.has(name)) classColors.set(name, PALETTE[classColors.size % PALETTE.length]);
  return classColors.get(name);
};

// ---- the monitor: charts, table, strategy ----------------------------------

function render() {
  const { history } = world;
  const latest = history.samples.at(-1) ?? { live: {}, inUse: 0, memory: 0, pending: 0 };
  const classes = live.map((ex) => ex.className);
  charts.live.render(
    history,
    classes.map((name) => ({ key: name, label: name, color: colorOf(name), value: (s) => s.live[name] })),
  );
  charts.memory.render(history, [
    { key: "inUse", label: "heap in use", color: "#dc2626", value: (s) => s.inUse },
    { key: "memory", label: "linear memory", color: "#475569", dashed: true, value: (s) => s.memory },
  ]);

  const rows = live.map((ex) => {
    const m = world.modules.get(ex.wasm);
    const cells = [ex.className, latest.live[ex.className] ?? "–", world.held.get(ex.id).length, m ? ex.destroyed(m) : "–"];
    const tr = document.createElement("tr");
    tr.dataset.class = ex.className;
    for (const [i, value] of cells.entries()) {
      const td = document.createElement(i ? "td" : "th");
      td.textContent = typeof value === "number" ? formatCount(value) : value;
      tr.append(td);
    }
    return tr;
  });
  $("#objects tbody").replaceChildren(...rows);
  $("#pending").textContent =
    world.strategy === "sweep" ? `The sweep watches ${formatCount(latest.pending)} wrappers.` : "";
  for (const ex of live) $(`#ex-${ex.id} .held`).textContent = formatCount(world.held.get(ex.id).length);
}

function tick() {
  for (const w of Object.values(worlds)) w.sample();
  render();
}

async function activate(strategy) {
  document.body.dataset.ready = "false";
  world = worlds[strategy] ??= new World(strategy);
  $("#strategy-name").textContent = STRATEGIES[strategy].label;
  $("#strategy-note").textContent = STRATEGIES[strategy].note;
  $(`#strategy input[value="${strategy}"]`).checked = true;
  await world.start();
  const others = Object.keys(worlds).length > 1;
  $("#strategy-instances").hidden = !others;
  document.body.dataset.strategy = strategy;
  tick();
  document.body.dataset.ready = "true";
}

// ---- collection ------------------------------------------------------------

// gc() exists only where the browser exposes it (Chromium started with
// --js-flags=--expose-gc). Each collection starts in a task of its own: a
// WeakRef created or read in the current task keeps its target alive until
// the task ends, so the sweep's ticks would otherwise hide the garbage.
async function collect(rounds = 3) {
  world.history.mark("gc()");
  for (let i = 0; i < rounds; i++) {
    await nextTask();
    globalThis.gc();
    await nextTask();
    for (const m of world.modules.values()) m.flush();
  }
  tick();
}

function setUpCollect() {
  const button = $("#collect");
  if (typeof globalThis.gc === "function") {
    $("#collect-note").textContent = "gc() is exposed: a full collection runs when you ask.";
    button.addEventListener("click", () => run(button, () => collect()));
  } else {
    button.disabled = true;
    $("#collect-note").textContent =
      "This browser does not let a page ask for a collection; it collects on its own schedule (usually within seconds to a minute), and the chart falls then. In Chromium, start with --js-flags=--expose-gc to get the button.";
  }
}

// ---- the examples ------------------------------------------------------------

function renderExamples() {
  const container = $("#examples");
  for (const ex of examples) {
    const section = document.createElement("section");
    section.id = `ex-${ex.id}`;
    section.className = ex.pending ? "example pending" : "example";
    const h2 = document.createElement("h2");
    h2.textContent = ex.title;
    section.append(h2);
    if (ex.pending) {
      section.append(paragraph(`Coming: ${ex.pending}`));
      container.append(section);
      continue;
    }
    section.append(paragraph(ex.about), codeBlock(ex.code));
    section.append(objectControls(ex), actionControls(ex));
    const out = document.createElement("output");
    out.className = "result";
    section.append(out);
    container.append(section);
  }
}

// Create N / drop / dispose, on the wrappers the page holds for this example.
function objectControls(ex) {
  const div = document.createElement("div");
  div.className = "controls";
  const input = Object.assign(document.createElement("input"), {
    type: "number",
    name: "count",
    min: 1,
    max: 1_000_000,
    value: ex.create.count,
  });
  const label = document.createElement("label");
  label.append("N ", input);
  const create = button("Create N", "create", async () => {
    const m = await world.module(ex.wasm);
    const n = Math.max(1, Math.min(1_000_000, Math.floor(+input.value) || ex.create.count));
    const held = world.held.get(ex.id);
    for (let i = 0; i < n; i++) held.push(ex.create.make(m, i));
    world.history.mark(`+${formatCount(n)}`);
    return `held.push(${ex.create.code}) × ${formatCount(n)}`;
  });
  const drop = button("Drop them", "drop", () => {
    const held = world.held.get(ex.id);
    const n = held.length;
    held.length = 0; // the only references: they are garbage now
    world.history.mark("drop");
    return `held.length = 0: ${formatCount(n)} wrappers are garbage; the collector frees them when it runs`;
  });
  const dispose = button("Dispose them", "dispose", () => {
    const held = world.held.get(ex.id);
    const n = held.length;
    for (const o of held) o.dispose();
    held.length = 0;
    world.history.mark("dispose");
    return `o.dispose() × ${formatCount(n)}: freed now, no collector needed`;
  });
  const held = document.createElement("span");
  held.append("held by the page: ", Object.assign(document.createElement("b"), { className: "held" }));
  div.append(label, create, drop, dispose, held);
  for (const b of [create, drop, dispose]) b.result = () => $(`#ex-${ex.id} .result`);
  return div;
}

function actionControls(ex) {
  const div = document.createElement("div");
  div.className = "actions";
  for (const action of ex.actions ?? []) {
    const b = button(action.label, "action", async () => action.run(await world.module(ex.wasm)), action.code);
    b.title = action.code;
    b.result = () => $(`#ex-${ex.id} .result`);
    div.append(b);
  }
  return div;
}

// A button whose handler's value (or thrown error) is shown in its example's
// result line, with the code it ran.
function button(label, role, handler, code) {
  const b = document.createElement("button");
  b.textContent = label;
  b.dataset.do = role;
  b.addEventListener("click", () =>
    run(b, handler).then(({ value, error }) => {
      const out = b.result?.();
      if (!out) return;
      const lines = [];
      if (code) lines.push(code.replace(/^/gm, "> "));
      if (error) lines.push(`✗ ${error.name}: ${error.message}`);
      else if (value !== undefined) lines.push(`→ ${value}`);
      out.textContent = lines.join("\n");
      out.classList.toggle("error", !!error);
    }),
  );
  return b;
}

// Runs a handler with its button disabled meanwhile, samples right after so
// the chart never misses a step, and never lets an error escape unreported.
async function run(b, handler) {
  b.disabled = true;
  try {
    return { value: await handler() };
  } catch (error) {
    return { error };
  } finally {
    b.disabled = false;
    tick();
  }
}

// ---- the console panel ---------------------------------------------------------

function print(line, stream) {
  (stream === "stdout" ? console.log : console.warn)(line);
  const pre = $("#console");
  const span = document.createElement("span");
  span.className = stream;
  span.textContent = `${line}\n`;
  pre.append(span);
  while (pre.childElementCount > CONSOLE_LINES) pre.firstElementChild.remove();
  pre.scrollTop = pre.scrollHeight;
}

// ---- start -------------------------------------------------------------------------

function paragraph(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

function codeBlock(text) {
  const pre = document.createElement("pre");
  pre.className = "code";
  pre.textContent = text;
  return pre;
}

// For the console and the browser tests.
window.weakbindDemo = {
  charts,
  collect,
  get strategy() {
    return world.strategy;
  },
  module: (file = "examples.wasm") => world.modules.get(file),
  held: (id) => world.held.get(id).length,
};

renderExamples();
setUpCollect();
for (const input of document.querySelectorAll("#strategy input")) {
  input.addEventListener("change", () => activate(input.value).catch(fail));
}
const requested = new URLSearchParams(location.search).get("release");
activate(requested in STRATEGIES ? requested : "finalization")
  .then(() => setInterval(tick, SAMPLE_MS))
  .catch(fail);

function fail(error) {
  const banner = $("#error");
  banner.hidden = false;
  banner.textContent = `The demo could not start: ${error.message}`;
  document.body.dataset.error = "true";
  throw error;
}
