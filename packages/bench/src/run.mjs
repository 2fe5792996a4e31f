// `pnpm bench [--quick] [--assert]`: every benchmark of issue 14 in one run, ours against a
// hand-written fetch and the official `auth0` package, side by side and interleaved.
// Writes results/bench.json and charts/*.svg, updates the README's performance section,
// prints the ratios; with --assert, exits 1 when a target is missed on its median.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { measureBundles } from "./bundles.mjs";
import { drawCharts } from "./charts.mjs";
import { IMPLEMENTATIONS } from "./clients.mjs";
import { measureColdStarts } from "./cold-start.mjs";
import { measureImports } from "./import-cost.mjs";
import { checkTargets, updateReadme } from "./report.mjs";
import { round, summary } from "./stats.mjs";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const file = (path) => fileURLToPath(new URL(path, import.meta.url));
const ROUNDS = quick ? 3 : 10;
/** Calls per round (split into SLICES turns) and the concurrency of the loopback rounds. */
const SLICES = 4;
const LOAD = {
  small: { id: "auth0|1", calls: quick ? 800 : 2400, concurrency: 64 },
  big: { id: "auth0|big", calls: quick ? 200 : 600, concurrency: 64 },
};

/** `taskset -c CORE` when there are two cores or more and taskset exists, else nothing. */
const canPin = (() => {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return cpus().length >= 2;
  } catch {
    return false;
  }
})();
const pinned = (core, argv) =>
  canPin ? ["taskset", ["-c", String(core), ...argv]] : [argv[0], argv.slice(1)];

function startServer(env = {}) {
  const [cmd, argv] = pinned(0, [process.execPath, file("./server.mjs")]);
  const child = spawn(cmd, argv, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (chunk) => resolve({ child, ...JSON.parse(String(chunk)) }));
  });
}

async function serverJson(port, path) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: path === "/__reset" ? "POST" : "GET",
  });
  return response.status === 204 ? undefined : response.json();
}

/** A node process on core 1 running `script`, its last stdout line as JSON. */
function runNode(script, argv, nodeArgs = []) {
  const [cmd, full] = pinned(1, [process.execPath, ...nodeArgs, file(script), ...argv]);
  return JSON.parse(
    execFileSync(cmd, full, { encoding: "utf8", maxBuffer: 1 << 24 })
      .trim()
      .split("\n")
      .pop(),
  );
}

/** Long-lived load processes, one per implementation, driven in interleaved rounds. */
async function measureLoad(port) {
  const procs = {};
  for (const impl of IMPLEMENTATIONS) {
    const [cmd, argv] = pinned(1, [process.execPath, file("./load.mjs"), impl, String(port)]);
    const child = spawn(cmd, argv, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await new Promise((resolve) => child.once("message", resolve));
    procs[impl] = child;
  }
  const ask = (impl, message) =>
    new Promise((resolve, reject) => {
      procs[impl].once("message", (answer) =>
        answer.ok ? resolve(answer) : reject(new Error(answer.error)),
      );
      procs[impl].send(message);
    });
  const out = {};
  try {
    for (const [size, load] of Object.entries(LOAD)) {
      // One warm-up round each, so that every client's code is compiled before it counts.
      for (const impl of IMPLEMENTATIONS) await ask(impl, { ...load, calls: load.calls / SLICES });
      const rounds = [];
      for (let r = 0; r < ROUNDS; r++) {
        // A round is SLICES turns of each client in a rotating order, so that a change of
        // the machine's load within the round falls on every client alike.
        const sum = Object.fromEntries(IMPLEMENTATIONS.map((i) => [i, { wallMs: 0, cpuUs: 0 }]));
        for (let slice = 0; slice < SLICES; slice++) {
          for (let i = 0; i < IMPLEMENTATIONS.length; i++) {
            const impl = IMPLEMENTATIONS[(i + r + slice) % IMPLEMENTATIONS.length];
            const { wallMs, cpuUs } = await ask(impl, { ...load, calls: load.calls / SLICES });
            sum[impl].wallMs += wallMs;
            sum[impl].cpuUs += cpuUs;
          }
        }
        const row = {};
        for (const impl of IMPLEMENTATIONS) {
          row[impl] = {
            cpuUsPerCall: round(sum[impl].cpuUs / load.calls),
            callsPerSecond: round((load.calls / sum[impl].wallMs) * 1000, 1),
          };
        }
        rounds.push(row);
        process.stdout.write(
          `  ${size} round ${r + 1}/${ROUNDS}: ${IMPLEMENTATIONS.map((i) => `${i} ${row[i].cpuUsPerCall} µs, ${row[i].callsPerSecond}/s`).join("; ")}\n`,
        );
      }
      out[size] = { ...load, rounds };
    }
  } finally {
    for (const child of Object.values(procs)) child.kill();
  }
  return out;
}

const ratioSummary = (rows, pick, impl, base = "raw") =>
  Object.fromEntries(
    Object.entries(summary(rows.map((row) => pick(row[impl]) / pick(row[base])))).map(([k, v]) => [
      k,
      k === "n" ? v : round(v),
    ]),
  );
const sampleRatios = (samples, impl, base) =>
  ratioSummary(
    samples[impl].map((_, i) =>
      Object.fromEntries(Object.keys(samples).map((k) => [k, samples[k][i]])),
    ),
    (v) => v,
    impl,
    base,
  );

// --render: draw the charts and the README section again from the committed JSON, measuring nothing.
if (args.has("--render")) {
  const committed = JSON.parse(readFileSync(file("../results/bench.json"), "utf8"));
  drawCharts(committed, file("../charts/"));
  updateReadme(file("../../../README.md"), committed);
  console.log("charts and README section drawn again from results/bench.json");
  process.exit(0);
}

const started = Date.now();
const machine = {
  date: new Date().toISOString().slice(0, 10),
  cpu: cpus()[0]?.model.trim() ?? "unknown",
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  pinned: canPin,
  quick,
};
console.log(
  `bench on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}${canPin ? ", server on core 0, clients on core 1" : ", unpinned"}`,
);

console.log("bundles…");
const bundles = await measureBundles(IMPLEMENTATIONS);
console.log("import cost in Node…");
const imports = measureImports(IMPLEMENTATIONS, ROUNDS);
rmSync(imports.dir, { recursive: true, force: true });

const server = await startServer();
let results;
try {
  console.log("cold starts in workerd…");
  const cold = await measureColdStarts(IMPLEMENTATIONS, server.port, quick ? 3 : ROUNDS);
  console.log("client CPU per call in-process (no sockets)…");
  const inProcess = runNode("./overhead.mjs", [String(ROUNDS), quick ? "1000" : "3000"]).samples;
  console.log("loopback throughput and CPU…");
  const load = await measureLoad(server.port);
  console.log("grants for 1,000 cold concurrent calls…");
  const grants = {};
  for (const impl of IMPLEMENTATIONS) {
    await serverJson(server.port, "/__reset");
    const run = runNode("./grants.mjs", [impl, String(server.port), "1000"]);
    grants[impl] = { ...run, grants: (await serverJson(server.port, "/__stats")).grants };
  }
  console.log("memory over 100,000 logs…");
  const memory = {};
  for (const impl of IMPLEMENTATIONS) {
    const run = runNode("./memory.mjs", [impl, String(server.port)], ["--expose-gc"]);
    const growth = run.samples[run.samples.length - 1] - run.samples[0];
    memory[impl] = {
      records: run.count,
      heapAfterFirst10kMiB: round(run.samples[0] / 2 ** 20, 2),
      heapAtEndMiB: round(run.samples[run.samples.length - 1] / 2 ** 20, 2),
      growthMiB: round(growth / 2 ** 20, 2),
      peakRssMiB: round(run.peakRss / 2 ** 20, 1),
    };
  }
  results = {
    machine,
    seconds: 0,
    bundles,
    importMs: {
      samples: Object.fromEntries(
        Object.entries(imports.samples).map(([k, v]) => [k, v.map((x) => round(x, 1))]),
      ),
      ratioToEmpty: Object.fromEntries(
        IMPLEMENTATIONS.map((i) => [i, sampleRatios(imports.samples, i, "empty")]),
      ),
    },
    coldStartMs: {
      compatibilityFlags: cold.flags,
      samples: Object.fromEntries(
        Object.entries(cold.samples).map(([k, v]) => [k, v.map((x) => round(x, 1))]),
      ),
      ratioToEmpty: Object.fromEntries(
        IMPLEMENTATIONS.map((i) => [i, sampleRatios(cold.samples, i, "empty")]),
      ),
    },
    inProcessUs: {
      samples: Object.fromEntries(
        Object.entries(inProcess).map(([k, v]) => [k, v.map((x) => round(x, 1))]),
      ),
      ratioToRaw: Object.fromEntries(
        ["ours", "official"].map((i) => [i, sampleRatios(inProcess, i, "raw")]),
      ),
    },
    loopback: Object.fromEntries(
      Object.entries(load).map(([size, data]) => [
        size,
        {
          ...data,
          cpuRatioToRaw: Object.fromEntries(
            ["ours", "official"].map((i) => [
              i,
              ratioSummary(data.rounds, (v) => v.cpuUsPerCall, i),
            ]),
          ),
          throughputRatioToRaw: Object.fromEntries(
            ["ours", "official"].map((i) => [
              i,
              ratioSummary(data.rounds, (v) => v.callsPerSecond, i),
            ]),
          ),
        },
      ]),
    ),
    grants,
    memory,
  };
} finally {
  server.child.kill();
}
results.seconds = Math.round((Date.now() - started) / 1000);

const json = `${JSON.stringify(results, null, 2)}\n`;
const resultsFile = file(quick ? "../results/bench-quick.json" : "../results/bench.json");
writeFileSync(resultsFile, json);
if (!quick) {
  drawCharts(results, file("../charts/"));
  updateReadme(file("../../../README.md"), results);
}
const misses = checkTargets(results);
for (const line of misses.report) console.log(line);
console.log(
  `bench took ${results.seconds} s; wrote ${resultsFile}${quick ? " (quick: charts and README left as they are)" : ", charts/*.svg and the README's performance section"}`,
);
if (args.has("--assert") && misses.failed.length > 0) {
  console.error(`missed: ${misses.failed.join("; ")}`);
  process.exit(1);
}
