import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerd, type Workerd } from "./support/workerd.js";

const INSTANCES = 20;
const CALLS_EACH = 50;
// Enough to show that no cold client grants once the token is in KV.
const LATER_CALLS_EACH = 10;

let workerd: Workerd;
let startMs = 0;
beforeAll(async () => {
  const started = performance.now();
  // One workerd process with 20 workers: 20 isolates, each with its own empty memory,
  // sharing one KV namespace. (Separate workerd processes cannot share a local KV
  // namespace: Miniflare's persistence is one SQLite database per process, and a second
  // process on the same directory stops with SQLITE_BUSY.)
  workerd = await startWorkerd(INSTANCES);
  startMs = performance.now() - started;
}, 60_000);
afterAll(() => workerd?.dispose());

/** Every instance, cold, makes its calls at the same moment. */
async function wave(count: number) {
  const started = performance.now();
  const results = await Promise.all(
    workerd.workers.map((worker) => workerd.calls({ count }, worker)),
  );
  return {
    memories: new Set(results.map((r) => r.memoryId)),
    ms: Math.round(performance.now() - started),
    succeeded: results.reduce((sum, r) => sum + r.succeeded, 0),
    errors: results.flatMap((r) => r.errors),
  };
}

describe("one token for many instances, through Workers KV", () => {
  it("20 cold isolates making 50 concurrent calls each make at most one grant per isolate, then none", async () => {
    const first = await wave(CALLS_EACH);
    const firstGrants = workerd.emulator.tokenGrants;
    const second = await wave(LATER_CALLS_EACH);
    const secondGrants = workerd.emulator.tokenGrants - firstGrants;
    console.info(
      `KV, ${INSTANCES} isolates × ${CALLS_EACH} calls: workerd start ${Math.round(startMs)} ms; ` +
        `cold wave ${first.ms} ms, ${firstGrants} grants; second wave of ${LATER_CALLS_EACH} calls per cold client ${second.ms} ms, ${secondGrants} grants`,
    );

    // Twenty memories, none shared; the second wave ran in the same twenty.
    expect(first.memories.size).toBe(INSTANCES);
    expect(second.memories).toEqual(first.memories);
    expect(first).toMatchObject({ succeeded: INSTANCES * CALLS_EACH, errors: [] });
    expect(second).toMatchObject({ succeeded: INSTANCES * LATER_CALLS_EACH, errors: [] });
    // KV has no compare-and-set, so isolates that read before the first write lands each
    // grant; within an isolate the client's single flight allows only one.
    expect(firstGrants).toBeGreaterThanOrEqual(1);
    expect(firstGrants).toBeLessThanOrEqual(INSTANCES);
    // Once a token is in KV, every cold client reads it: no isolate grants again.
    expect(secondGrants).toBe(0);
  }, 120_000);
});
