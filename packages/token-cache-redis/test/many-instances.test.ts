import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleet } from "./support/fleet.js";
import { startRedisServer } from "./support/redis-server.js";

const PROCESSES = 20;
const CALLS = 50;

describe(`${PROCESSES} Node processes sharing one redis-server, ${CALLS} calls each`, () => {
  let fleet: Awaited<ReturnType<typeof createFleet>>;
  beforeAll(async () => {
    fleet = await createFleet();
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it("fetch exactly one token between them", async () => {
    const redis = await startRedisServer();
    try {
      const { ok, failures, apiRequests, startMs, runMs } = await fleet.run(redis, {
        processes: PROCESSES,
        calls: CALLS,
      });
      console.log(
        `[token-cache-redis] ${PROCESSES} processes × ${CALLS} calls, one Redis: ` +
          `${ok}/${PROCESSES * CALLS} calls succeeded, ${fleet.emulator.tokenGrants} token grant(s), ` +
          `${apiRequests} API requests (processes ready in ${startMs} ms, calls done in ${runMs} ms)`,
      );
      expect(failures).toEqual([]);
      expect(ok).toBe(PROCESSES * CALLS);
      expect(fleet.emulator.tokenGrants).toBe(1);
    } finally {
      await redis.stop();
    }
  });

  it("lose no call when Redis is killed before the first token is granted", async () => {
    const redis = await startRedisServer();
    let killedAt: number | undefined;
    fleet.hooks.beforeTokenGrant = async () => {
      if (killedAt !== undefined) return;
      killedAt = Date.now();
      await redis.kill();
    };
    try {
      const { ok, failures, apiRequests, startMs, runMs } = await fleet.run(redis, {
        processes: PROCESSES,
        calls: CALLS,
      });
      console.log(
        `[token-cache-redis] Redis SIGKILLed at the first token request: ` +
          `${ok}/${PROCESSES * CALLS} calls succeeded, ${fleet.emulator.tokenGrants} token grants, ` +
          `${apiRequests} API requests (processes ready in ${startMs} ms, calls done in ${runMs} ms)`,
      );
      expect(killedAt).toBeDefined();
      expect(failures).toEqual([]);
      expect(ok).toBe(PROCESSES * CALLS);
      // Each process falls back to a grant of its own, and only one: its calls share it.
      expect(fleet.emulator.tokenGrants).toBeGreaterThan(1);
      expect(fleet.emulator.tokenGrants).toBeLessThanOrEqual(PROCESSES);
    } finally {
      fleet.hooks.beforeTokenGrant = async () => {};
      await redis.stop();
    }
  });
});
