// Runs the portable suite (suite.ts) on Node, workerd, Deno and Bun, each from the
// project's own dev dependencies, and prints one line per runtime with its counts.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleShim } from "./bundle.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, ".build");
const bin = (name) => join(here, "..", "node_modules", ".bin", name);
mkdirSync(out, { recursive: true });

const cli = await bundleShim("cli.ts", join(out, "cli.mjs"));
const worker = await bundleShim("worker.ts", join(out, "worker.mjs"));
const viaOfetch = await bundleShim("ofetch.ts", join(out, "ofetch.mjs"));

function fromProcess(command, args) {
  const run = spawnSync(command, args, {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const line = run.stdout?.split("\n").find((l) => l.startsWith("@@results "));
  if (!line) {
    return [
      {
        name: "the suite ran",
        ok: false,
        error: `${command} exited ${run.status}: ${run.error ?? ""}${run.stderr?.slice(-2000) ?? ""}`,
      },
    ];
  }
  return JSON.parse(line.slice("@@results ".length));
}

async function inWorkerd() {
  const mf = new Miniflare({
    modules: true,
    scriptPath: worker,
    script: readFileSync(worker, "utf8"),
    compatibilityDate: "2026-04-01",
  });
  try {
    const response = await mf.dispatchFetch("http://runtime-tests.local/");
    return await response.json();
  } catch (error) {
    return [{ name: "the suite ran", ok: false, error: String(error) }];
  } finally {
    await mf.dispose();
  }
}

const runtimes = {
  node: () => fromProcess(process.execPath, [cli]),
  workerd: inWorkerd,
  deno: () => fromProcess(bin("deno"), ["run", "--quiet", "--no-prompt", "--no-config", cli]),
  bun: () => fromProcess(bin("bun"), [cli]),
  // The opt-in ofetch transport: the same cases on Node, every request through ofetch.
  "node-ofetch": () => fromProcess(process.execPath, [viaOfetch]),
};

let failed = 0;
for (const [runtime, run] of Object.entries(runtimes)) {
  const results = await run();
  const bad = results.filter((r) => !r.ok);
  failed += bad.length;
  for (const r of bad) console.log(`  ✗ [${runtime}] ${r.name}: ${r.error}`);
  console.log(`runtime ${runtime}: ${results.length - bad.length} passed, ${bad.length} failed`);
}
process.exitCode = failed === 0 ? 0 : 1;
