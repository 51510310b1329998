// Renders bench/results/peers.json as an SVG of horizontal bar panels, one
// panel per workload, one bar per peer. No dependencies: plain strings.
const COLORS = {
  raw: "#888888", article: "#b07aa1", embind: "#e15759", embind_raw: "#ff9d9a",
  wasm_bindgen: "#f28e2b", weakbind: "#4e79a7", weakbind_sweep: "#76b7b2",
};

// [workload key, title, scale, unit label]
// Convention classes (MyClass, Buffer1K) first, then the typed classes of
// bench/peers/item.hpp; each title says which.
const PANELS = [
  ["call", "Convention class: wrapped call (lower is better)", 1, "ns/call"],
  ["churn", "Convention class: create + call + drop, automatic release (higher is better)", 1e-6, "M objects/s"],
  ["memory", "Convention class: peak linear memory, 1 M × 1 KB churn with yields (lower is better)", 1 / 2 ** 20, "MiB"],
  ["memory_sync", "Convention class: peak linear memory, 200 K × 1 KB synchronous loop (lower is better)", 1 / 2 ** 20, "MiB"],
  ["size_js", "Convention classes: JS shipped, minified + gzipped (lower is better)", 1 / 1024, "KiB"],
  ["typed_churn", "Typed class: new Item(i) + call + drop, automatic release (higher is better)", 1e-6, "M objects/s"],
  ["typed_churn_point", "Typed class never handed back: new Point(i) + call + drop, automatic release (higher is better)", 1e-6, "M objects/s"],
  ["typed_churn_string", "Typed class: new Named(string) + call + drop, automatic release (higher is better)", 1e-6, "M objects/s"],
  ["typed_release", "Typed class: create + call + deterministic release (higher is better)", 1e-6, "M objects/s"],
  ["typed_call_object", "Typed call: object in, object out (lower is better)", 1, "ns/call"],
  ["typed_call_string", "Typed call: string in, string out (lower is better)", 1, "ns/call"],
  ["typed_call_f64", "Typed call: f64 in, f64 out (lower is better)", 1, "ns/call"],
];

export function renderChart(results, peers) {
  const W = 760, rowH = 18, labelW = 120, valueW = 150, pad = 14, titleH = 22;
  const barW = W - labelW - valueW - 2 * pad;
  let y = 40;
  const parts = [];
  for (const [key, title, scale, unit] of PANELS) {
    const row = results[key];
    if (!row) continue;
    const shown = peers.filter((p) => p in row);
    // A bar more than 3x every other (embind_raw's leak) is drawn cut off,
    // so it does not squash the rest of the panel.
    const values = shown.map((p) => (row[p] ?? 0) * scale).sort((a, b) => b - a);
    const max = Math.max(values[0] > 3 * values[1] ? values[1] * 1.25 : values[0], 1e-9);
    parts.push(`<text x="${pad}" y="${y + 14}" class="t">${esc(title)}</text>`);
    y += titleH;
    for (const p of shown) {
      const v = row[p];
      const cut = v != null && v * scale > max;
      const w = v == null ? 0 : Math.max(1, Math.min(1, (v * scale) / max) * barW);
      const label = v == null ? "n/a" : `${fmt(v * scale)} ${unit}${cut ? " (off scale)" : ""}`;
      parts.push(
        `<text x="${pad + labelW - 6}" y="${y + 13}" class="l" text-anchor="end">${p}</text>`,
        `<rect x="${pad + labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" fill="${COLORS[p] ?? "#999"}"/>`,
        cut // an off-scale bar carries its label inside, right-aligned
          ? `<text x="${(pad + labelW + w - 4).toFixed(0)}" y="${y + 13}" class="v" text-anchor="end" style="fill:#fff">${label}</text>`
          : `<text x="${(pad + labelW + w + 4).toFixed(0)}" y="${y + 13}" class="v">${label}</text>`,
      );
      y += rowH;
    }
    y += pad;
  }
  const meta = results.meta ?? {};
  const head = `weakbind and its peers — median of ${meta.runs ?? "?"} runs, node ${meta.node ?? "?"}${meta.quick ? " (quick)" : ""}, ${meta.cpus ?? "?"} CPUs, load ${meta.load_average?.before?.toFixed(1) ?? "?"}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${y}" viewBox="0 0 ${W} ${y}" font-family="sans-serif">
<style>.t{font-size:13px;font-weight:bold}.l{font-size:12px}.v{font-size:11px;fill:#333}.h{font-size:14px}</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad}" y="24" class="h">${esc(head)}</text>
${parts.join("\n")}
</svg>
`;
}

function fmt(x) {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
function esc(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
