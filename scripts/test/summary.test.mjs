import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countsOf, formatSummary, summarize } from "../lib/summary.mjs";

const fixture = readFileSync(
  new URL("./fixtures/turbo-failed-and-interrupted.txt", import.meta.url),
  "utf8",
);

// Captured from a real run: token-cache-memory's suite had a failing test, token-cache-kv's
// vitest was killed (SIGKILL) before it printed anything; the runtime matrix and the testing
// package's suite passed.
const turbo = {
  name: "turbo",
  output: fixture,
  exitCode: 137,
  testTasks: [
    "@auth0-edge/management#test:runtimes",
    "@auth0-edge/testing#test",
    "@auth0-edge/token-cache-memory#test",
    "@auth0-edge/token-cache-kv#test",
  ],
};

describe("the test summary", () => {
  it("counts a failed suite's failures and names it", () => {
    const summary = summarize([turbo]);
    expect(summary.problems).toContain("@auth0-edge/token-cache-memory#test: 1 failed");
    expect(summary.suites).toContainEqual({
      name: "@auth0-edge/token-cache-memory#test",
      passed: 48,
      failed: 1,
      skipped: 0,
    });
  });

  it("counts a task that was interrupted before its summary as one failure, by name", () => {
    const summary = summarize([turbo]);
    expect(summary.problems).toContain(
      "@auth0-edge/token-cache-kv#test printed no test summary (interrupted, or it never ran)",
    );
    expect(summary.failed).toBe(2);
  });

  it("keeps the other suites' counts in the closing line", () => {
    const summary = summarize([turbo]);
    // 4 runtimes × 8, and the testing package's vitest summary.
    const testing = summary.suites.find((suite) => suite.name === "@auth0-edge/testing#test");
    expect(summary.suites).toContainEqual({
      name: "@auth0-edge/management#test:runtimes",
      passed: 32,
      failed: 0,
      skipped: 0,
    });
    expect(testing?.passed).toBeGreaterThan(100);
    expect(summary.passed).toBe(32 + testing.passed + 48);
    const lines = formatSummary(summary).split("\n");
    expect(lines.at(-1)).toBe(`${summary.passed} passed, 2 failed, 0 skipped`);
  });

  it("names a task turbo reports as failed that is not a test task", () => {
    const output = `${fixture}\nFailed:    @auth0-edge/management#typecheck\n`;
    const summary = summarize([{ ...turbo, output }]);
    expect(summary.problems).toContain("@auth0-edge/management#typecheck failed");
    expect(summary.failed).toBe(3);
  });

  it("counts the fleet suites' task (test:fleet) as a test task of its own", () => {
    const output =
      "@auth0-edge/token-cache-kv:test:fleet:  Tests  5 passed (5)\n" +
      "@auth0-edge/token-cache-kv:test: Tests  110 passed (110)\n";
    const summary = summarize([
      {
        name: "turbo",
        output,
        exitCode: 0,
        testTasks: ["@auth0-edge/token-cache-kv#test", "@auth0-edge/token-cache-kv#test:fleet"],
      },
    ]);
    expect(summary.suites).toContainEqual({
      name: "@auth0-edge/token-cache-kv#test:fleet",
      passed: 5,
      failed: 0,
      skipped: 0,
    });
    expect(summary).toMatchObject({ passed: 115, failed: 0, problems: [] });
  });

  it("counts a failed check without a summary (lint) as one failure", () => {
    const summary = summarize([{ name: "lint (biome check)", output: "× 3 errors", exitCode: 1 }]);
    expect(summary).toMatchObject({
      passed: 0,
      failed: 1,
      problems: ["lint (biome check) failed (exit code 1)"],
    });
  });

  it("adds a suite that could not run on this machine to the skipped count and ends with it", () => {
    const output =
      "@auth0-edge/token-cache-redis:test: skipped: token-cache-redis (89 tests) — apt-get install -y redis-server\n";
    const summary = summarize([
      { name: "turbo", output, exitCode: 0, testTasks: ["@auth0-edge/token-cache-redis#test"] },
    ]);
    expect(summary).toMatchObject({ passed: 0, failed: 0, skipped: 89 });
    expect(formatSummary(summary).split("\n").slice(-2)).toEqual([
      "0 passed, 0 failed, 89 skipped",
      "skipped: token-cache-redis (89 tests) — apt-get install -y redis-server",
    ]);
  });

  it("reads vitest's, deno test's and our scripts' summary lines", () => {
    expect(countsOf("Tests  1 failed | 48 passed | 2 skipped | 1 todo (52)")).toEqual({
      passed: 48,
      failed: 1,
      skipped: 3,
    });
    expect(countsOf("ok | 12 passed | 0 failed (2s)")).toEqual({
      passed: 12,
      failed: 0,
      skipped: 0,
    });
    expect(countsOf("FAILED | 3 passed | 1 failed | 2 ignored (1s)")).toEqual({
      passed: 3,
      failed: 1,
      skipped: 2,
    });
    expect(countsOf("published entries without Node built-ins: 55 passed, 0 failed")).toEqual({
      passed: 55,
      failed: 0,
      skipped: 0,
    });
    expect(countsOf("Test Files  1 failed | 6 passed (7)")).toBeUndefined();
  });
});
