import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFleet } from "./support/fleet.js";
import { startRedisServer } from "./support/redis-server.js";

const PROCESSES = 20;

/**
 * The grants of a run in groups: grants less than a second apart answer one refresh (a
 * refresh that takes several grants shows as a group of several).
 */
function refreshGroups(at: number[]): number[][] {
  const groups: number[][] = [];
  for (const t of [...at].sort((a, b) => a - b)) {
    const last = groups.at(-1);
    if (last && t - last.at(-1)! < 1_000) last.push(t);
    else groups.push([t]);
  }
  return groups;
}

describe(`${PROCESSES} Node processes refreshing tokens that live 4 s through one redis-server`, () => {
  let fleet: Awaited<ReturnType<typeof createFleet>>;
  beforeAll(async () => {
    fleet = await createFleet();
  });
  afterAll(async () => {
    await fleet?.close();
  });
  const grantTimes = () =>
    fleet.emulator.requests.filter((r) => r.kind === "token" && r.status === 200).map((r) => r.at);
  // Tokens of 4 s refreshed from 2 s before expiry (room for a loaded CI machine); every
  // process calls every 100 ms.
  const refreshing = {
    processes: PROCESSES,
    calls: 10,
    env: {
      DURATION_MS: "17000",
      INTERVAL_MS: "100",
      LEEWAY_SECONDS: "2",
      REDIS_TIMEOUT_MS: "1900",
    },
    emulator: { tokenLifetimeSeconds: 4 },
  };

  it("make exactly one grant per refresh over 5 refreshes and more", async () => {
    const redis = await startRedisServer();
    try {
      const run = await fleet.run(redis, refreshing);
      const groups = refreshGroups(grantTimes());
      console.log(
        `[token-cache-redis] refresh cycles: ${run.ok}/${run.calls} calls succeeded, ` +
          `${fleet.emulator.tokenGrants} grants in ${groups.length} refreshes (cold start included): ` +
          `${groups.map((g) => g.length).join(", ")}`,
      );
      expect(run.failures).toEqual([]);
      expect(groups.length).toBeGreaterThanOrEqual(6);
      // Run alone, every refresh makes exactly one grant. On two cores busy with the whole
      // suite, a Redis reply can miss even a 1.9 s bound, and a cache that fails is a miss
      // that may grant: most refreshes must still make exactly one (without leases: 20 each).
      const single = groups.filter((g) => g.length === 1).length;
      expect(single / groups.length).toBeGreaterThanOrEqual(0.75);
    } finally {
      await redis.stop();
    }
  });

  it("make one grant when it takes 6 s: the holder renews its lease and no waiter gives up", async () => {
    const redis = await startRedisServer();
    let slowed = false;
    fleet.hooks.beforeTokenGrant = async () => {
      if (slowed) return;
      slowed = true;
      await new Promise((resolve) => setTimeout(resolve, 6_000));
    };
    try {
      const run = await fleet.run(redis, { processes: PROCESSES, calls: 50 });
      // The grant as the fleet saw it: from the start of the calls until its token was in
      // Redis (6 s and more: the emulator answers after 6 s, and the holder then stores it).
      const grantMs = run.firstStoredAt - run.go;
      console.log(
        `[token-cache-redis] a 6 s grant: ${run.ok}/${run.calls} calls succeeded, ` +
          `${fleet.emulator.tokenGrants} grant(s), answered after ${run.grantsAnswered[0]! - run.go} ms and stored after ${grantMs} ms; ` +
          `longest wait for a token ${run.slowestTokenWaitMs} ms, slowest call ${run.slowestMs} ms (API queue included)`,
      );
      expect(run.failures).toEqual([]);
      expect(fleet.emulator.tokenGrants).toBe(1);
      expect(grantMs).toBeGreaterThanOrEqual(6_000);
      // No call waits for its token longer than the grant and 1 s: waiters poll the shared entry.
      expect(run.slowestTokenWaitMs).toBeLessThanOrEqual(grantMs + 1_000);
    } finally {
      fleet.hooks.beforeTokenGrant = async () => {};
      await redis.stop();
    }
  });

  it("replace a lease holder killed mid-grant by one waiter: 2 grants at most, no other call lost", async () => {
    const redis = await startRedisServer();
    let victim: number | undefined;
    fleet.hooks.beforeTokenGrant = async (headers) => {
      if (victim !== undefined) return;
      // The holder dies with its grant in flight: its lease is never renewed nor released.
      victim = Number(headers["x-fleet-pid"]);
      fleet.kill(victim);
    };
    try {
      const run = await fleet.run(redis, { processes: PROCESSES, calls: 50 });
      console.log(
        `[token-cache-redis] holder SIGKILLed mid-grant: ${run.reports.length} processes left, ` +
          `${run.ok}/${run.calls} of their calls succeeded, ${fleet.emulator.tokenGrants} grants ` +
          `(${run.grantsAnswered.length} answered), longest wait for a token ${run.slowestTokenWaitMs} ms`,
      );
      expect(victim).toBeGreaterThan(0);
      expect(run.reports).toHaveLength(PROCESSES - 1);
      expect(run.failures).toEqual([]);
      expect(run.ok).toBe((PROCESSES - 1) * 50);
      expect(fleet.emulator.tokenGrants).toBeGreaterThanOrEqual(1);
      expect(fleet.emulator.tokenGrants).toBeLessThanOrEqual(2);
    } finally {
      fleet.hooks.beforeTokenGrant = async () => {};
      await redis.stop();
    }
  });

  it("lose no call to a 401 when every token is revoked mid-run: the refused token is replaced, never re-read", async () => {
    const redis = await startRedisServer();
    // Tokens that outlive the run: the only new grants are the ones the revocation causes.
    const revoking = {
      ...refreshing,
      env: { ...refreshing.env, DURATION_MS: "8000" },
      emulator: { tokenLifetimeSeconds: 3_600 },
    };
    let revoked = false;
    let revocation: ReturnType<typeof setInterval> | undefined;
    try {
      // run() makes this run's emulator before its first await: watch that one.
      const running = fleet.run(redis, revoking);
      const emulator = fleet.emulator;
      revocation = setInterval(() => {
        // 3 s after the first grant (every process is calling by then), once.
        const first = emulator.requests.find((r) => r.kind === "token" && r.status === 200);
        if (revoked || first === undefined || Date.now() - first.at < 3_000) return;
        revoked = true;
        emulator.revokeIssuedTokens();
      }, 50);
      const run = await running;
      const grants = fleet.emulator.tokenGrants;
      const refused = fleet.emulator.requests.filter((r) => r.kind === "api" && r.status === 401);
      console.log(
        `[token-cache-redis] every token revoked mid-run: ${run.ok}/${run.calls} calls succeeded, ` +
          `${refused.length} requests refused with 401 and retried, ${grants} grants`,
      );
      expect(revoked).toBe(true);
      expect(run.failures).toEqual([]);
      expect(refused.length).toBeGreaterThan(0);
      expect(grants).toBeGreaterThanOrEqual(2);
    } finally {
      if (revocation) clearInterval(revocation);
      await redis.stop();
    }
  });

  it("lose no call when Redis stalls for 3 s across a refresh, and make one grant at the next refresh (no ghost lock)", async () => {
    const redis = await startRedisServer();
    let grants = 0;
    let resumedAt = Number.POSITIVE_INFINITY;
    fleet.hooks.beforeTokenGrant = async () => {
      // The first refresh: Redis stops answering (SIGSTOP) for 3 s.
      if (++grants !== 2) return;
      redis.pause();
      setTimeout(() => {
        redis.resume();
        resumedAt = Date.now();
      }, 3_000);
    };
    try {
      const run = await fleet.run(redis, refreshing);
      const groups = refreshGroups(grantTimes());
      const after = groups.filter((g) => g[0]! > resumedAt + 1_000);
      console.log(
        `[token-cache-redis] Redis SIGSTOPped for 3 s: ${run.ok}/${run.calls} calls succeeded, ` +
          `grants per refresh: ${groups.map((g) => g.length).join(", ")}; ` +
          `after the stall: ${after.map((g) => g.length).join(", ")}`,
      );
      expect(run.failures).toEqual([]);
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(after[0]).toHaveLength(1);
    } finally {
      fleet.hooks.beforeTokenGrant = async () => {};
      await redis.stop();
    }
  });
});
