import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SseServer, startSseServer } from "../support/sse-server.js";
import { type LiveStreamReport, liveStreamScenario } from "./live-scenario.js";

const here = dirname(fileURLToPath(import.meta.url));
let server: SseServer;
beforeEach(async () => {
  server = await startSseServer();
});
afterEach(() => server.close());

function expectLiveStream(report: LiveStreamReport) {
  expect(report.sentBeforeFirstYield).toBe(1);
  expect(report.events.map((e) => e.id)).toEqual(["1", "2", "3"]);
  expect(report.events[0]).toEqual({ id: "1", event: "user.created", offset: "cursor-1" });
  expect(report.ended).toBe("stopped by the test");
  const [first, second] = server.connections;
  expect(server.connections).toHaveLength(2);
  expect(first!.lastEventId).toBeUndefined();
  expect(second!.lastEventId).toBe("2");
  expect(second!.query).toEqual({ from: "cursor-2" });
  expect(second!.authorization).toBe("Bearer sse-test-token");
}

describe("a live event stream on a loopback server that keeps the connection open", () => {
  it("yields the first event before the server sends the second, resumes a dropped connection with Last-Event-ID and ends at once on abort (Node)", async () => {
    expectLiveStream(await liveStreamScenario(server.origin));
    // The aborted read closed the connection it waited on.
    await expect.poll(() => server.connections[1]!.closed).toBe(true);
  });

  it("does the same in workerd", async () => {
    const built = await build({
      entryPoints: [join(here, "worker.ts")],
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser", "import"],
      write: false,
      logLevel: "silent",
    });
    const mf = new Miniflare({
      modules: true,
      script: built.outputFiles[0]!.text,
      compatibilityDate: "2026-04-01",
    });
    try {
      const answer = await mf.dispatchFetch(
        `http://worker/?origin=${encodeURIComponent(server.origin)}`,
      );
      expectLiveStream((await answer.json()) as LiveStreamReport);
    } finally {
      await mf.dispose();
    }
  });
});
