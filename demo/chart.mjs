// A live time-series chart in plain SVG: one line per series over the last
// minute of samples, newest at the right edge. No library.
//
// The chart keeps what it drew readable by programs as well as by eyes:
// `chart.data[key]` holds the values of the visible window, and each line
// carries `data-series` and `data-last` (the newest value), the SVG carries
// `data-zero-y` (the y of the value 0). The browser tests read those.

const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 560;
const HEIGHT = 170;
const MARGIN = { left: 64, right: 10, top: 12, bottom: 20 };

// The samples of one world (one release strategy), and labelled moments
// ("+10,000", "gc()") drawn as vertical lines.
export class History {
  constructor(capacity) {
    this.capacity = capacity;
    this.samples = [];
    this.markers = [];
    this.total = 0; // samples ever pushed; a marker's `at` counts in these
  }

  push(sample) {
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.shift();
    this.total++;
    this.markers = this.markers.filter((m) => m.at >= this.first);
  }

  // Marks the moment between the last sample and the next one.
  // Repeats of a label at one moment are drawn once.
  mark(label) {
    const last = this.markers.at(-1);
    if (last?.at === this.total) {
      if (!last.label.split(" ").includes(label)) last.label += ` ${label}`;
    } else {
      this.markers.push({ at: this.total, label });
    }
  }

  // The absolute index of samples[0].
  get first() {
    return this.total - this.samples.length;
  }
}

export class TimeChart {
  // `format` turns a value into axis and legend text; `base` is 1024 for
  // bytes, so gridlines fall on round KiB and MiB.
  constructor(svg, legend, { format, base = 10 }) {
    this.svg = svg;
    this.legend = legend;
    this.format = format;
    this.base = base;
    this.data = {};
    svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    svg.setAttribute("preserveAspectRatio", "none");
  }

  // series: [{ key, label, color, dashed?, value(sample) → number }]
  render(history, series) {
    const { samples, capacity } = history;
    const data = {};
    let max = 0;
    for (const s of series) {
      data[s.key] = samples.map((sample) => s.value(sample) ?? 0);
      for (const v of data[s.key]) if (v > max) max = v;
    }
    this.data = data;

    const top = niceCeiling(max, this.base);
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const zeroY = MARGIN.top + plotH;
    // Right-aligned: the newest sample at the right edge, the window filling
    // in from the right during the first minute.
    const x = (i) => MARGIN.left + ((i + capacity - samples.length) / (capacity - 1)) * plotW;
    const y = (v) => zeroY - (v / top) * plotH;

    const nodes = [];
    for (let k = 0; k <= 4; k++) {
      const v = (top * k) / 4;
      nodes.push(el("line", { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v), class: k ? "grid" : "axis" }));
      nodes.push(el("text", { x: MARGIN.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, this.format(v)));
    }
    nodes.push(el("text", { x: MARGIN.left, y: HEIGHT - 4, class: "tick" }, `−${Math.round(capacity / 4)} s`));
    nodes.push(el("text", { x: WIDTH - MARGIN.right, y: HEIGHT - 4, class: "tick", "text-anchor": "end" }, "now"));

    history.markers.forEach((m, n) => {
      const i = Math.min(m.at - history.first, samples.length - 1);
      if (i < 0) return;
      nodes.push(el("line", { x1: x(i), x2: x(i), y1: MARGIN.top, y2: zeroY, class: "marker" }));
      nodes.push(el("text", { x: x(i) + 3, y: MARGIN.top + 9 + (n % 3) * 11, class: "marker-label" }, m.label));
    });

    for (const s of series) {
      const values = data[s.key];
      const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
      const attrs = { points, stroke: s.color, class: s.dashed ? "line dashed" : "line", "data-series": s.key };
      attrs["data-last"] = values.length ? values[values.length - 1] : "";
      nodes.push(el("polyline", attrs));
    }
    this.svg.dataset.zeroY = zeroY.toFixed(1);
    this.svg.replaceChildren(...nodes);
    this.#renderLegend(series);
  }

  #renderLegend(series) {
    const items = series.map((s) => {
      const values = this.data[s.key];
      const li = document.createElement("li");
      li.dataset.series = s.key;
      const swatch = document.createElement("span");
      swatch.className = s.dashed ? "swatch dashed" : "swatch";
      swatch.style.borderColor = s.color;
      const value = document.createElement("b");
      value.textContent = values.length ? this.format(values[values.length - 1]) : "–";
      li.append(swatch, `${s.label} `, value);
      return li;
    });
    this.legend.replaceChildren(...items);
  }
}

function el(name, attrs, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// The smallest 1, 2, 4, 6 or 8 × base^k at or above v, so that quarters are
// round numbers (at least 4, so an empty chart still has distinct gridlines).
export function niceCeiling(v, base = 10) {
  if (!(v > 4)) return 4;
  const unit = base === 10 ? 10 ** Math.floor(Math.log10(v)) : base ** Math.floor(Math.log(v) / Math.log(base));
  for (const step of [1, 2, 4, 6, 8, 10, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000]) {
    if (step * unit >= v) return step * unit;
  }
  return base * unit;
}

export const formatCount = (n) => Math.round(n).toLocaleString("en");

export function formatBytes(n) {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
}
