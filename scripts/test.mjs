// `pnpm test`: lint, every turbo task (typecheck, test, check, test:runtimes) with --continue,
// the fleet suites (test:fleet, one package at a time), the Node built-in check and the tests of
// these scripts, each run whatever failed before it; then one closing line over all of them
// (scripts/lib/summary.mjs). Exits non-zero if anything failed, or if a suite could not run on
// this machine while CI=true.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatSummary, summarize } from "./lib/summary.mjs";

const root = new URL("..", import.meta.url).pathname;
const TEST_TASKS = ["test", "test:runtimes"];
// This fleet suites: many isolates or processes in real time, counting token grants.
// They run after everything else, one package at a time, so that no other suite competes
// with them for the two cores (a starved isolate calls less often and refreshes later).
const FLEET_TASKS = ["test:fleet"];

/** `package#task` for every workspace package script among `names`. */
function testTasks(names = TEST_TASKS) {
  const tasks = [];
  for (const folder of ["packages", "apps"]) {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(root, folder, entry.name, "package.json"), "utf8"));
      } catch {
        continue;
      }
      for (const task of names)
        if (manifest.scripts?.[task]) tasks.push(`${manifest.name}#${task}`);
    }
  }
  return tasks;
}

/** Runs a command, echoing its output as it comes and keeping it for the summary. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (stream, sink) =>
      stream.on("data", (chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on("error", (error) => {
      output += `\n${error.message}\n`;
      resolve({ output, exitCode: 127 });
    });
    child.on("close", (code, signal) => resolve({ output, exitCode: code ?? (signal ? 128 : 1) }));
  });
}

const bin = (name) => join(root, "node_modules", ".bin", name);
const started = Date.now();
const steps = [];
steps.push({ name: "lint (biome check)", ...(await run(bin("biome"), ["check", "."])) });
steps.push({
  name: "turbo",
  testTasks: testTasks(),
  ...(await run(bin("turbo"), [
    "run",
    "typecheck",
    "test",
    "check",
    "test:runtimes",
    "--continue",
    "--output-logs=full",
  ])),
});
steps.push({
  name: "turbo (fleet suites)",
  testTasks: testTasks(FLEET_TASKS),
  ...(await run(bin("turbo"), [
    "run",
    ...FLEET_TASKS,
    "--concurrency=1",
    "--continue",
    "--output-logs=full",
  ])),
});
steps.push({
  name: "Node built-ins check",
  ...(await run(process.execPath, ["packages/management/runtime-tests/no-node-builtins.mjs"])),
});
steps.push({
  name: "scripts' tests",
  ...(await run(bin("vitest"), ["run", "--config", "scripts/vitest.config.mjs"])),
});

const summary = summarize(steps);
console.log(`\npnpm test took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(formatSummary(summary));
const skippedOnCI = process.env.CI === "true" && summary.skippedSuites.length > 0;
process.exit(summary.failed > 0 || skippedOnCI ? 1 : 0);
