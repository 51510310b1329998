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
const PALETTE = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#854d0e"];
const JS_VALUES_COLOR = "#64748b";

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
// The classes an example shows in the chart and the table (its own list, or
// the one its buttons create), and every class on the page.
const classesOf = (ex) => ex.classes ?? [ex.className];
const allClasses = [...new Set(live.flatMap(classesOf))];

class World {
  constructor(strategy) {
    this.strategy = strategy;
    this.history = new History(HISTORY);
    this.loading = new Map(); // wasm file → Promise of the module
    this.modules = new Map(); // wasm file → the module, once loaded
    this.held = new Map(live.map((ex) => [ex.id, []])); // wrappers the page keeps
    this.state = new Map(live.map((ex) => [ex.id, {}])); // what an example keeps per instance
    this.failed = new Map(); // example id → why its module did not load
    this.started = null;
  }

  // What an example's start, status and actions get besides the module.
  context(ex) {
    return { held: this.held.get(ex.id), state: this.state.get(ex.id), ...collector };
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

  // Loads every example's module and runs each example's start once. An
  // example whose module does not load says so in its section; the page
  // fails only if none loads.
  start() {
    this.started ??= (async () => {
      for (const ex of live) {
        try {
          const m = await this.module(ex.wasm); // before start?.(): it may be absent
          ex.start?.(m, this.context(ex));
        } catch (error) {
          this.failed.set(ex.id, error);
        }
      }
      if (this.failed.size === live.length) throw this.failed.values().next().value;
    })();
    return this.started;
  }

  sample() {
    const sample = { live: {}, inUse: 0, memory: 0, registry: 0, cohort: 0, pending: 0, jsValues: 0 };
    for (const m of this.modules.values()) {
      const s = m.stats();
      for (const [name, n] of Object.entries(s.live)) sample.live[name] = (sample.live[name] ?? 0) + n;
      sample.inUse += s.heap.inUse;
      sample.memory += s.heap.memorySize;
      sample.registry += s.heap.registryBytes;
      sample.cohort = Math.max(sample.cohort, s.cohortSize);
      sample.pending += s.pending;
      sample.jsValues += s.jsValues;
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
  const latest = history.samples.at(-1) ?? { live: {}, inUse: 0, memory: 0, registry: 0, cohort: 0, pending: 0, jsValues: 0 };
  charts.live.render(history, [
    ...allClasses.map((name) => ({ key: name, label: name, color: colorOf(name), value: (s) => s.live[name] })),
    { key: "jsValues", label: "JS values held by wasm", color: JS_VALUES_COLOR, dashed: true, value: (s) => s.jsValues },
  ]);
  charts.memory.render(history, [
    { key: "inUse", label: "heap in use", color: "#dc2626", value: (s) => s.inUse },
    { key: "registry", label: "of it, the registry's tables", color: "#f59e0b", value: (s) => s.registry },
    { key: "memory", label: "linear memory", color: "#475569", dashed: true, value: (s) => s.memory },
  ]);

  // One row per class. "held by the page" is the example's, and so is
  // "destructors run" unless the example counts them per class: those
  // cells span the example's rows.
  const rows = live.flatMap((ex) => {
    const m = world.modules.get(ex.wasm);
    const destroyed = m ? ex.destroyed(m) : "–";
    const perClass = typeof destroyed === "object";
    const classes = classesOf(ex);
    return classes.map((name, row) => {
      const tr = document.createElement("tr");
      tr.dataset.class = name;
      tr.dataset.example = ex.id;
      const cell = (tag, value, span = 1) => {
        const td = document.createElement(tag);
        td.textContent = typeof value === "number" ? formatCount(value) : value;
        if (span > 1) td.rowSpan = span;
        tr.append(td);
      };
      cell("th", name);
      cell("td", latest.live[name] ?? "–");
      if (row === 0) cell("td", world.held.get(ex.id).length, classes.length);
      if (perClass) cell("td", destroyed[name] ?? "–");
      else if (row === 0) cell("td", destroyed, classes.length);
      return tr;
    });
  });
  $("#objects tbody").replaceChildren(...rows);
  $("#pending").textContent =
    world.strategy === "sweep"
      ? `The sweep watches ${formatCount(latest.pending)} wrappers.`
      : `Wrappers made in one job share a registration, up to ${formatCount(latest.cohort)} per cohort.`;
  for (const ex of live) {
    $(`#ex-${ex.id} .held`).textContent = formatCount(world.held.get(ex.id).length);
    const status = $(`#ex-${ex.id} .status`);
    const m = world.modules.get(ex.wasm);
    const failed = world.failed.get(ex.id);
    status.classList.toggle("error", !!failed);
    if (failed) status.textContent = `${ex.wasm} did not load: ${failed.message}`;
    else if (m && ex.status) status.textContent = ex.status(m, world.context(ex));
  }
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

// What examples' actions may use to show the collector at work: `collect()`
// (a no-op where gc() is not exposed), `settle(count)`: collect until
// count() stops changing, and `collectUntil(done)`; both bounded, and both
// return at once without gc().
const canCollect = typeof globalThis.gc === "function";
const collector = {
  canCollect,
  collect: () => (canCollect ? collect() : Promise.resolve()),
  async settle(count, rounds = 12) {
    let last = count();
    for (let i = 0; canCollect && i < rounds; i++) {
      await collect();
      const now = count();
      if (now === last) break;
      last = now;
    }
    return last;
  },
  async collectUntil(done, rounds = 12) {
    for (let i = 0; canCollect && i < rounds && !done(); i++) await collect();
    return done();
  },
};

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
  if (canCollect) {
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
    const status = paragraph("");
    status.className = "status";
    const out = document.createElement("output");
    out.className = "result";
    section.append(status, out);
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
    const b = button(
      action.label,
      "action",
      async () => action.run(await world.module(ex.wasm), world.context(ex)),
      action.code,
    );
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
      if (out) show(out, code, value, error);
      b.dataset.runs = String(Number(b.dataset.runs ?? 0) + 1); // for the tests: this click is done
    }),
  );
  return b;
}

// The result line: the code that ran, then its value or error.
function show(out, code, value, error) {
  const lines = [];
  if (code) lines.push(code.replace(/^/gm, "> "));
  if (error) lines.push(`✗ ${error.name}: ${error.message}`);
  else if (value !== undefined) lines.push(`→ ${value}`);
  out.textContent = lines.join("\n");
  out.classList.toggle("error", !!error);
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
  state: (id) => world.state.get(id),
  get samples() {
    return world.history.total; // samples taken so far: the page is redrawn after each
  },
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
