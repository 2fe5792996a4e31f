// Hand-written SVG bar charts of a bench result: no browser, no chart library, the same
// bytes for the same JSON (the README test redraws them and compares).
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const COLORS = { raw: "#8c8c8c", ours: "#1f77b4", official: "#d62728" };
export const LABELS = {
  raw: "hand-written fetch",
  ours: "@auth0-edge/management",
  official: "auth0 7.1.0",
};
const xmlText = (text) =>
  String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (value) => (Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2));

/**
 * Grouped horizontal bars. `groups`: [{ label, bars: [{ series, value, min?, max?, text? }] }].
 * Whiskers show min/max when given; `reference` draws a dashed line (1× the baseline).
 */
export function barChart({ title, subtitle, groups, unit, reference, scaleMax }) {
  const barH = 16;
  const gap = 6;
  const left = 200;
  const width = 760;
  const plotW = width - left - 110;
  const top = 56;
  const max =
    scaleMax ??
    Math.max(...groups.flatMap((g) => g.bars.map((b) => b.max ?? b.value)), reference ?? 0) * 1.05;
  const x = (value) => left + (Math.max(0, value) / max) * plotW;
  const parts = [];
  let y = top;
  for (const group of groups) {
    const groupH = group.bars.length * (barH + 2);
    parts.push(
      `<text x="${left - 8}" y="${y + groupH / 2 + 4}" text-anchor="end" font-size="12">${xmlText(group.label)}</text>`,
    );
    for (const bar of group.bars) {
      parts.push(
        `<rect x="${left}" y="${y}" width="${(x(bar.value) - left).toFixed(1)}" height="${barH}" fill="${COLORS[bar.series]}"/>`,
      );
      if (bar.min !== undefined && bar.max !== undefined) {
        const cy = y + barH / 2;
        parts.push(
          `<path d="M${x(bar.min).toFixed(1)} ${cy}H${x(bar.max).toFixed(1)}M${x(bar.min).toFixed(1)} ${cy - 4}v8M${x(bar.max).toFixed(1)} ${cy - 4}v8" stroke="#000" stroke-width="1"/>`,
        );
      }
      const end = Math.max(x(bar.value), bar.max !== undefined ? x(bar.max) : 0);
      parts.push(
        `<text x="${(end + 4).toFixed(1)}" y="${y + barH - 4}" font-size="11">${xmlText(bar.text ?? `${fmt(bar.value)}${unit}`)}</text>`,
      );
      y += barH + 2;
    }
    y += gap + 8;
  }
  if (reference !== undefined) {
    parts.push(
      `<path d="M${x(reference).toFixed(1)} ${top - 6}V${y - gap}" stroke="#444" stroke-dasharray="4 3"/>`,
    );
    parts.push(
      `<text x="${x(reference).toFixed(1)}" y="${top - 10}" text-anchor="middle" font-size="10">${fmt(reference)}${unit}</text>`,
    );
  }
  const series = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.series)))];
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${left + i * 190}" y="${y + 4}" width="12" height="12" fill="${COLORS[s]}"/><text x="${left + i * 190 + 16}" y="${y + 14}" font-size="12">${xmlText(LABELS[s])}</text>`,
    )
    .join("");
  const height = y + 28;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img" aria-label="${xmlText(title)}">
<title>${xmlText(title)}</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="22" font-size="15" font-weight="600">${xmlText(title)}</text>
<text x="12" y="40" font-size="11" fill="#555">${xmlText(subtitle)}</text>
${parts.join("\n")}
${legend}
</svg>
`;
}

const stamp = (r) =>
  `${r.machine.date}, ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}`;
const whisker = (series, s) => ({
  series,
  value: s.median,
  min: s.min,
  max: s.max,
  text: `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`,
});

/** The charts of one result, by file name. */
export function charts(r) {
  const entries = {
    "get-user": "one getUser",
    "list-users": "list all users",
    workflow: "create + roles + logs",
    classic: "classic ManagementClient",
  };
  const bundles = barChart({
    title: "Worker bundle, gzip -9 bytes (esbuild minified)",
    subtitle: stamp(r),
    unit: " B",
    groups: Object.entries(entries).map(([key, label]) => ({
      label,
      bars: ["raw", "ours", "official"]
        .filter((i) => r.bundles[key][i])
        .map((i) => ({ series: i, value: r.bundles[key][i].gzipBytes })),
    })),
  });
  const loopback = barChart({
    title: "Client CPU per call and throughput, × hand-written fetch (median, min–max)",
    subtitle: `${stamp(r)}; loopback, ${r.loopback.small.rounds.length} interleaved rounds, concurrency ${r.loopback.small.concurrency}`,
    unit: "×",
    reference: 1,
    groups: [
      ["CPU/call, small answer", "small", "cpuRatioToRaw"],
      ["CPU/call, 56 KB answer", "big", "cpuRatioToRaw"],
      ["calls/s, small answer", "small", "throughputRatioToRaw"],
      ["calls/s, 56 KB answer", "big", "throughputRatioToRaw"],
    ]
      .map(([label, size, key]) => ({
        label,
        bars: ["ours", "official"].map((i) => whisker(i, r.loopback[size][key][i])),
      }))
      .concat({
        label: "CPU/call, in-process",
        bars: ["ours", "official"].map((i) => whisker(i, r.inProcessUs.ratioToRaw[i])),
      }),
  });
  const startup = barChart({
    title: "Start-up, × an empty module or Worker (median, min–max)",
    subtitle: stamp(r),
    unit: "×",
    reference: 1,
    groups: [
      ["Node: import + client", "importMs"],
      ["workerd: cold start + call", "coldStartMs"],
    ].map(([label, key]) => ({
      label,
      bars: ["raw", "ours", "official"].map((i) => whisker(i, r[key].ratioToEmpty[i])),
    })),
  });
  return { "bundles.svg": bundles, "loopback.svg": loopback, "startup.svg": startup };
}

export function drawCharts(r, dir) {
  for (const [name, svg] of Object.entries(charts(r))) writeFileSync(join(dir, name), svg);
}
