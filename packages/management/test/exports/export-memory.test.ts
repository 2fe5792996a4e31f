import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = join(dirname(fileURLToPath(import.meta.url)), "../../scripts/export-memory.ts");

/** Runs the benchmark (scripts/export-memory.ts) in a fresh process for `users` users. */
function measure(users: number) {
  const run = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, String(users)],
    {
      encoding: "utf8",
      timeout: 240_000,
    },
  );
  const line = run.stdout.split("\n").find((l) => l.startsWith("{"));
  if (!line) throw new Error(`export-memory exited ${run.status}: ${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as { users: number; peakHeapGrowthBytes: number };
}

describe("a users export's memory", () => {
  it("grows no more for 100,000 users than 1.5 times what it grows for 10,000", () => {
    const small = measure(10_000);
    const large = measure(100_000);
    console.log(
      `export heap growth: ${small.peakHeapGrowthBytes} B for 10,000 users, ${large.peakHeapGrowthBytes} B for 100,000`,
    );
    expect(small.users).toBe(10_000);
    expect(large.users).toBe(100_000);
    expect(large.peakHeapGrowthBytes).toBeLessThanOrEqual(small.peakHeapGrowthBytes * 1.5);
  }, 300_000);
});
