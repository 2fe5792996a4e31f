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
import { IMPLEMENTATIONS, RAW_WITH_TIMEOUT } from "./clients.mjs";
import { measureColdStarts } from "./cold-start.mjs";
import { measureImports } from "./import-cost.mjs";
import { checkTargets, noiseReport, updateReadme } from "./report.mjs";
import { balancedOrders, round, summary } from "./stats.mjs";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const file = (path) => fileURLToPath(new URL(path, import.meta.url));
const ROUNDS = quick ? 3 : 10;
/**
 * The CPU and throughput benchmarks. Each of ROUNDS rounds is `slices` turns of every
 * client in balanced orders (see balancedOrders), `callsPerSlice` calls each, so that a
 * change of the machine's load within a round falls on every client alike; before them,
 * `warmup` calls per client, in turns, that are not counted, so that every client's code is
 * compiled before it counts (a fresh process takes a few thousand calls to settle).
 * Loopback: 20,000 small and 5,120 56 KB answers per client at concurrency 64.
 */
const LOAD = {
  small: {
    id: "auth0|1",
    concurrency: 64,
    slices: quick ? 4 : 8,
    callsPerSlice: quick ? 100 : 250,
    warmup: quick ? 400 : 3000,
  },
  big: {
    id: "auth0|big",
    concurrency: 64,
    slices: quick ? 4 : 8,
    callsPerSlice: quick ? 25 : 64,
    warmup: quick ? 100 : 800,
  },
};
/** In-process: a fetch that answers at once, 16 calls in flight, one process per client. */
const IN_PROCESS = {
  id: "auth0|1",
  concurrency: 16,
  slices: quick ? 4 : 8,
  callsPerSlice: quick ? 200 : 500,
  warmup: quick ? 2000 : 5000,
};
/**
 * The clients of those benchmarks: the three implementations; a second hand-written
 * client, `control`, whose ratio to raw shows the run's own noise (1.00 on a quiet machine);
 * and `rawTimeout`, the hand-written client with a timeout per call, which prices what
 * bounding an attempt costs by itself.
 */
const TIMED = {
  raw: "raw",
  control: "raw",
  rawTimeout: RAW_WITH_TIMEOUT,
  ours: "ours",
  official: "official",
};
/** The clients whose ratios to raw a result records. */
const AGAINST_RAW = ["ours", "official", "control", "rawTimeout"];

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

/**
 * Long-lived client processes (src/load.mjs), one per entry of TIMED, driven through each
 * of `benchmarks` ([label, settings] pairs, as LOAD describes them) in turn: its warm-up,
 * then its interleaved rounds. `mode` "instant" gives them a fetch that answers at once.
 * Returns, per label, one row per round: { name: { cpuUsPerCall, callsPerSecond } }.
 */
async function interleaved(port, mode, benchmarks) {
  const names = Object.keys(TIMED);
  const orders = balancedOrders(names.length);
  const procs = {};
  let load;
  const ask = (name, calls) =>
    new Promise((resolve, reject) => {
      procs[name].once("message", (answer) =>
        answer.ok ? resolve(answer) : reject(new Error(answer.error)),
      );
      procs[name].send({ id: load.id, calls, concurrency: load.concurrency });
    });
  try {
    for (const name of names) {
      const argv = [process.execPath, file("./load.mjs"), TIMED[name], String(port), mode];
      const [cmd, args] = pinned(1, argv);
      const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
      procs[name] = child;
      await new Promise((resolve, reject) => {
        child.once("message", resolve);
        child.once("error", reject);
      });
    }
    const out = {};
    for (const [label, settings] of benchmarks) {
      load = settings;
      for (let turn = 0; turn < 4; turn++) {
        for (const name of names) await ask(name, load.warmup / 4);
      }
      const rows = [];
      for (let r = 0; r < ROUNDS; r++) {
        const sum = Object.fromEntries(names.map((n) => [n, { wallMs: 0, cpuUs: 0 }]));
        for (let slice = 0; slice < load.slices; slice++) {
          for (const i of orders[(r * load.slices + slice) % orders.length]) {
            const { wallMs, cpuUs } = await ask(names[i], load.callsPerSlice);
            sum[names[i]].wallMs += wallMs;
            sum[names[i]].cpuUs += cpuUs;
          }
        }
        const calls = load.slices * load.callsPerSlice;
        const row = {};
        for (const name of names) {
          row[name] = {
            cpuUsPerCall: round(sum[name].cpuUs / calls),
            callsPerSecond: round((calls / sum[name].wallMs) * 1000, 1),
          };
        }
        rows.push(row);
        process.stdout.write(
          `  ${label} round ${r + 1}/${ROUNDS}: ${names.map((n) => `${n} ${row[n].cpuUsPerCall} µs, ${row[n].callsPerSecond}/s`).join("; ")}\n`,
        );
      }
      out[label] = rows;
    }
    return out;
  } finally {
    for (const child of Object.values(procs)) child.kill();
  }
}

/** What a result records of a timed benchmark's settings. */
const settingsOf = (load) => ({
  id: load.id,
  concurrency: load.concurrency,
  slices: load.slices,
  callsPerSlice: load.callsPerSlice,
  warmupCalls: load.warmup,
  // Per round and per client.
  calls: load.slices * load.callsPerSlice,
});

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
/** A phase's heading, with the seconds the run has taken so far. */
const phase = (name) => console.log(`${name}… (at ${Math.round((Date.now() - started) / 1000)} s)`);
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

phase("bundles");
const bundles = await measureBundles(IMPLEMENTATIONS);
phase("import cost in Node");
const imports = measureImports(IMPLEMENTATIONS, ROUNDS);
rmSync(imports.dir, { recursive: true, force: true });

const server = await startServer();
let results;
try {
  phase("cold starts in workerd");
  const cold = await measureColdStarts(IMPLEMENTATIONS, server.port, quick ? 3 : ROUNDS);
  phase("client CPU per call in-process (no sockets)");
  const inProcessRows = (await interleaved(0, "instant", [["in-process", IN_PROCESS]]))[
    "in-process"
  ];
  const inProcess = Object.fromEntries(
    Object.keys(TIMED).map((n) => [n, inProcessRows.map((row) => row[n].cpuUsPerCall)]),
  );
  phase("loopback throughput and CPU");
  // The same processes for both answers: the 56 KB rounds follow the small ones.
  const loopback = await interleaved(server.port, "loopback", Object.entries(LOAD));
  const load = Object.fromEntries(
    Object.entries(LOAD).map(([size, settings]) => [
      size,
      { ...settingsOf(settings), rounds: loopback[size] },
    ]),
  );
  phase("grants for 1,000 cold concurrent calls");
  const grants = {};
  for (const impl of IMPLEMENTATIONS) {
    await serverJson(server.port, "/__reset");
    const run = runNode("./grants.mjs", [impl, String(server.port), "1000"]);
    grants[impl] = { ...run, grants: (await serverJson(server.port, "/__stats")).grants };
  }
  phase("memory over 100,000 logs");
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
      ...settingsOf(IN_PROCESS),
      samples: Object.fromEntries(
        Object.entries(inProcess).map(([k, v]) => [k, v.map((x) => round(x, 1))]),
      ),
      ratioToRaw: Object.fromEntries(
        AGAINST_RAW.map((i) => [i, sampleRatios(inProcess, i, "raw")]),
      ),
      oursToRawTimeout: sampleRatios(inProcess, "ours", "rawTimeout"),
    },
    loopback: Object.fromEntries(
      Object.entries(load).map(([size, data]) => [
        size,
        {
          ...data,
          cpuRatioToRaw: Object.fromEntries(
            AGAINST_RAW.map((i) => [i, ratioSummary(data.rounds, (v) => v.cpuUsPerCall, i)]),
          ),
          throughputRatioToRaw: Object.fromEntries(
            AGAINST_RAW.map((i) => [i, ratioSummary(data.rounds, (v) => v.callsPerSecond, i)]),
          ),
          oursToRawTimeout: {
            cpu: ratioSummary(data.rounds, (v) => v.cpuUsPerCall, "ours", "rawTimeout"),
            throughput: ratioSummary(data.rounds, (v) => v.callsPerSecond, "ours", "rawTimeout"),
          },
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
for (const line of noiseReport(results)) console.log(line);
console.log(
  `bench took ${results.seconds} s; wrote ${resultsFile}${quick ? " (quick: charts and README left as they are)" : ", charts/*.svg and the README's performance section"}`,
);
if (args.has("--assert") && misses.failed.length > 0) {
  console.error(`missed: ${misses.failed.join("; ")}`);
  process.exit(1);
}
