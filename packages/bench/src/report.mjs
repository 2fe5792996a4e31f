// The README's performance section and the targets of issue 14, both computed from one
// bench result (results/bench.json), so the README test can recompute them.
import { readFileSync, writeFileSync } from "node:fs";
import { summary } from "./stats.mjs";

export const START =
  "<!-- bench:start (written by pnpm bench from packages/bench/results/bench.json) -->";
export const END = "<!-- bench:end -->";

/** The targets of issue 14, on medians. */
export const TARGETS = { cpuRatio: 1.15, throughputRatio: 0.85, getUserGzipBytes: 5120 };

/**
 * A Markdown table laid out as the repository's formatter (biome) lays it out: every
 * column padded to its widest cell, the first column to the left and the others to the
 * right, so that `biome check` leaves the README as pnpm bench wrote it.
 */
function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => row[i].length)));
  const cell = (text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  const line = (row) => `| ${row.map(cell).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)];
}

const x = (s) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const bytes = (n) => (n === undefined ? "—" : n.toLocaleString("en-US"));

/** Every target with its verdict: `{ report: lines, failed: names }`. */
export function checkTargets(r) {
  const checks = [];
  for (const size of ["small", "big"]) {
    const l = r.loopback[size];
    checks.push(
      [
        `CPU/call ${size} ≤ ${TARGETS.cpuRatio}× raw`,
        l.cpuRatioToRaw.ours.median <= TARGETS.cpuRatio,
        x(l.cpuRatioToRaw.ours),
      ],
      [
        `calls/s ${size} ≥ ${TARGETS.throughputRatio}× raw`,
        l.throughputRatioToRaw.ours.median >= TARGETS.throughputRatio,
        x(l.throughputRatioToRaw.ours),
      ],
      [
        `CPU/call ${size} below official`,
        l.cpuRatioToRaw.ours.median < l.cpuRatioToRaw.official.median,
        `${x(l.cpuRatioToRaw.ours)} vs ${x(l.cpuRatioToRaw.official)}`,
      ],
      [
        `calls/s ${size} above official`,
        l.throughputRatioToRaw.ours.median > l.throughputRatioToRaw.official.median,
        `${x(l.throughputRatioToRaw.ours)} vs ${x(l.throughputRatioToRaw.official)}`,
      ],
    );
  }
  const gz = r.bundles["get-user"].ours.gzipBytes;
  checks.push([
    `getUser Worker ≤ ${bytes(TARGETS.getUserGzipBytes)} B gzip`,
    gz <= TARGETS.getUserGzipBytes,
    `${bytes(gz)} B`,
  ]);
  return {
    report: checks.map(([name, ok, value]) => `${ok ? "met   " : "MISSED"} ${name}: ${value}`),
    failed: checks.filter(([, ok]) => !ok).map(([name, , value]) => `${name} (${value})`),
  };
}

/**
 * The run's own noise, where it measured it: a second hand-written client (`control`)
 * against the first, in the same rounds. On a quiet machine its ratios are 1.00 with a
 * narrow range; far from that, every ratio of the run is that much less certain. Beside it,
 * the reference with a timeout per call (`rawTimeout`) and ours against it.
 */
export function noiseReport(r) {
  const lines = [];
  for (const size of ["small", "big"]) {
    const l = r.loopback[size];
    if (l.cpuRatioToRaw.control) {
      lines.push(
        `raw against raw (the run's noise), ${size}: CPU/call ${x(l.cpuRatioToRaw.control)}, calls/s ${x(l.throughputRatioToRaw.control)}`,
      );
    }
    if (l.oursToRawTimeout) {
      lines.push(
        `raw with a timeout per call against raw, ${size}: CPU/call ${x(l.cpuRatioToRaw.rawTimeout)}, calls/s ${x(l.throughputRatioToRaw.rawTimeout)}; ours against it: CPU/call ${x(l.oursToRawTimeout.cpu)}, calls/s ${x(l.oursToRawTimeout.throughput)}`,
      );
    }
  }
  return lines;
}

/**
 * Ours against the hand-written client that also bounds each call (an `AbortController` and a
 * timer per call, the signal given to fetch): what is left once the timeout, which the targets'
 * baseline does without, is priced in.
 */
function timeoutReference(r) {
  const l = r.loopback;
  return [
    "“Raw with a timeout” is the same hand-written client with an `AbortController` and a 15 s timer per call, its signal given to `fetch`: the least any client that ends an attempt at its time budget does. The targets stay against plain raw; this prices the timeout alone, and what the rest of ours costs beside it:",
    "",
    ...table(
      ["Ours × raw with a timeout", "small answer", "56 KB answer"],
      [
        [
          "client CPU per call (loopback)",
          x(l.small.oursToRawTimeout.cpu),
          x(l.big.oursToRawTimeout.cpu),
        ],
        [
          "throughput (loopback)",
          x(l.small.oursToRawTimeout.throughput),
          x(l.big.oursToRawTimeout.throughput),
        ],
        ["client CPU per call (in-process)", x(r.inProcessUs.oursToRawTimeout), "—"],
      ],
    ),
    "",
  ];
}

/** The performance section of the README, from a result. */
export function renderSection(r) {
  const m = r.machine;
  const b = r.bundles;
  const rows = [
    ["one `getUser`", "get-user"],
    ["list all users", "list-users"],
    ["create user + assign roles + read logs", "workflow"],
    ["classic `ManagementClient` (ours: `/compat`)", "classic"],
  ];
  const l = r.loopback;
  // Results before the control client (or the client with a timeout) was added have no such column.
  const control = l.small.cpuRatioToRaw.control !== undefined;
  const timed = l.small.oursToRawTimeout !== undefined;
  const IMPLS = ["raw", "ours", "official"];
  const THREE = ["hand-written fetch", "ours", "official"];
  const lines = [
    START,
    "",
    `Measured by \`pnpm bench\` on ${m.date}: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}${m.pinned ? "; loopback server and clients pinned to separate cores with taskset" : "; not pinned"}. Ratios are medians of interleaved rounds with (min–max); “raw” is a hand-written \`fetch\` + \`JSON.parse\`, “official” the \`auth0\` package 7.1.0. The figures come from [packages/bench/results/bench.json](packages/bench/results/bench.json).`,
    "",
    "![Worker bundle sizes](packages/bench/charts/bundles.svg)",
    "",
    ...table(
      ["Worker bundle, gzip -9 (minified)", ...THREE],
      rows.map(([label, key]) => [
        label,
        ...IMPLS.map((i) =>
          b[key][i] ? `${bytes(b[key][i].gzipBytes)} B (${bytes(b[key][i].bytes)} B)` : "—",
        ),
      ]),
    ),
    "",
    "![CPU and throughput against a hand-written fetch](packages/bench/charts/loopback.svg)",
    "",
    ...table(
      [
        `Loopback, ${l.small.rounds.length} rounds × ${l.small.calls.toLocaleString("en-US")} (small) / ${l.big.calls.toLocaleString("en-US")} (56 KB) \`getUser\` calls at concurrency ${l.small.concurrency}${l.small.slices ? ` (${l.small.slices} turns per round)` : ""}`,
        "ours",
        "official",
        ...(timed ? ["raw with a timeout"] : []),
        ...(control ? ["raw again (noise)"] : []),
      ],
      [
        ["client CPU per call, small answer, × raw", "small", "cpuRatioToRaw"],
        ["client CPU per call, 56 KB answer, × raw", "big", "cpuRatioToRaw"],
        ["throughput, small answer, × raw", "small", "throughputRatioToRaw"],
        ["throughput, 56 KB answer, × raw", "big", "throughputRatioToRaw"],
      ].map(([label, size, key]) => [
        label,
        x(l[size][key].ours),
        x(l[size][key].official),
        ...(timed ? [x(l[size][key].rawTimeout)] : []),
        ...(control ? [x(l[size][key].control)] : []),
      ]),
    ),
    "",
    ...(timed ? timeoutReference(r) : []),
    ...table(
      [
        `In-process, ${r.inProcessUs.samples.raw.length} rounds, a \`fetch\` that answers at once (no sockets)`,
        "ours",
        "official",
        ...(timed ? ["raw with a timeout"] : []),
        ...(control ? ["raw again (noise)"] : []),
      ],
      [
        [
          `client CPU per call, × raw (raw: ${summary(r.inProcessUs.samples.raw).median.toFixed(1)} µs)`,
          x(r.inProcessUs.ratioToRaw.ours),
          x(r.inProcessUs.ratioToRaw.official),
          ...(timed ? [x(r.inProcessUs.ratioToRaw.rawTimeout)] : []),
          ...(control ? [x(r.inProcessUs.ratioToRaw.control)] : []),
        ],
      ],
    ),
    "",
    "![Start-up costs](packages/bench/charts/startup.svg)",
    "",
    ...table(
      ["Start-up, × empty", ...THREE],
      [
        [
          "Node: a process that imports the client and builds one",
          ...IMPLS.map((i) => x(r.importMs.ratioToEmpty[i])),
        ],
        [
          "workerd: cold start to the first `getUser` answer",
          ...IMPLS.map((i) => x(r.coldStartMs.ratioToEmpty[i])),
        ],
      ],
    ),
    "",
    ...table(
      ["100,000 logs by checkpoint; 1,000 cold concurrent calls", ...THREE],
      [
        [
          "heap growth over the walk (after GC)",
          ...IMPLS.map((i) => `${r.memory[i].growthMiB.toFixed(2)} MiB`),
        ],
        [
          "peak RSS during the walk",
          ...IMPLS.map((i) => `${r.memory[i].peakRssMiB.toFixed(1)} MiB`),
        ],
        [
          "token grants for 1,000 concurrent calls of a fresh client",
          ...IMPLS.map((i) => String(r.grants[i].grants)),
        ],
      ],
    ),
    "",
    "`pnpm bench --assert` checks the targets of issue 14 on these medians:",
    "",
    ...checkTargets(r).report.map(
      (line) => `- ${line.startsWith("met") ? "met" : "**missed**"}: ${line.slice(7)}`,
    ),
    "",
    END,
  ];
  return lines.join("\n");
}

/** Replaces the section between the markers (or appends it) in the README at `path`. */
export function updateReadme(path, r) {
  const text = readFileSync(path, "utf8");
  const section = renderSection(r);
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + END.length)
      : `${text.trimEnd()}\n\n## Performance\n\n${section}\n`;
  writeFileSync(path, next);
}
