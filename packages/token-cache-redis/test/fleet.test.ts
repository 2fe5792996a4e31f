import { describe, it } from "vitest";
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

/**
 * A fleet of its own (loopback bridge, emulator) and a redis-server of its own for `scenario`,
 * so that scenarios can run at the same time without sharing anything but the cores.
 */
async function withFleet<T>(
  scenario: (
    fleet: Awaited<ReturnType<typeof createFleet>>,
    redis: Awaited<ReturnType<typeof startRedisServer>>,
  ) => Promise<T>,
): Promise<T> {
  const fleet = await createFleet();
  const redis = await startRedisServer();
  try {
    return await scenario(fleet, redis);
  } finally {
    await redis.stop();
    await fleet.close();
  }
}

/** How long the processes took to start and the run to end (reported, never asserted). */
const timing = (run: { startMs: number; runMs: number }) =>
  `processes ready in ${run.startMs} ms, run ${run.runMs} ms`;

const grantTimes = (fleet: Awaited<ReturnType<typeof createFleet>>) =>
  fleet.emulator.requests.filter((r) => r.kind === "token" && r.status === 200).map((r) => r.at);

// Tokens of 4 s refreshed from 2 s before expiry: a refresh every 2 s. Every process calls
// every 200 ms (10 calls per process per refresh; at 100 ms, three fleets at once would keep
// both cores busy with calls alone).
const refreshing = (durationMs: number) => ({
  processes: PROCESSES,
  calls: 10,
  env: {
    DURATION_MS: String(durationMs),
    INTERVAL_MS: "200",
    LEEWAY_SECONDS: "2",
    REDIS_TIMEOUT_MS: "1900",
  },
  emulator: { tokenLifetimeSeconds: 4 },
});

// The fleet suite's scenarios run in two groups, each scenario of a group at the same time
// on a Redis, an emulator and 20 processes of its own; the counts they assert do not depend
// on timing, and each group keeps the cores below what one 100 ms fleet used to take alone.
describe(`${PROCESSES} Node processes calling through refreshes of short tokens, one redis-server each`, () => {
  it.concurrent("make exactly one grant per refresh, in every refresh of 5 and more", async ({
    expect,
  }) => {
    await withFleet(async (fleet, redis) => {
      const run = await fleet.run(redis, refreshing(13_000));
      const groups = refreshGroups(grantTimes(fleet));
      console.log(
        `[token-cache-redis] refresh cycles: ${run.ok}/${run.calls} calls succeeded, ` +
          `${fleet.emulator.tokenGrants} grants in ${groups.length} refreshes (cold start included): ` +
          `${groups.map((g) => g.length).join(", ")}; ${run.refusedRequests} requests refused on arrival (expired on the way) and retried; ${timing(run)}`,
      );
      expect(run.failures).toEqual([]);
      expect(groups.length).toBeGreaterThanOrEqual(6);
      // Every refresh, the cold start included: one grant. A process that kept the old token
      // to its end and had it refused on arrival takes the refreshed token, not a grant.
      expect(groups.map((g) => g.length)).toEqual(groups.map(() => 1));
    });
  });

  it.concurrent("lose no call to a 401 when every token is revoked mid-run: the refused token is replaced, never re-read", async ({
    expect,
  }) => {
    await withFleet(async (fleet, redis) => {
      // Tokens that outlive the run: the only new grants are the ones the revocation causes.
      const revoking = { ...refreshing(7_000), emulator: { tokenLifetimeSeconds: 3_600 } };
      let revoked = false;
      // run() makes this run's emulator before its first await: watch that one.
      const running = fleet.run(redis, revoking);
      const emulator = fleet.emulator;
      const revocation = setInterval(() => {
        // 3 s after the first grant (every process is calling by then), once.
        const first = emulator.requests.find((r) => r.kind === "token" && r.status === 200);
        if (revoked || first === undefined || Date.now() - first.at < 3_000) return;
        revoked = true;
        emulator.revokeIssuedTokens();
      }, 50);
      try {
        const run = await running;
        const grants = emulator.tokenGrants;
        console.log(
          `[token-cache-redis] every token revoked mid-run: ${run.ok}/${run.calls} calls succeeded, ` +
            `${run.refusedRequests} requests refused with 401 and retried, ${grants} grants; ${timing(run)}`,
        );
        expect(revoked).toBe(true);
        expect(run.failures).toEqual([]);
        expect(run.refusedRequests).toBeGreaterThan(0);
        expect(grants).toBeGreaterThanOrEqual(2);
      } finally {
        clearInterval(revocation);
      }
    });
  });

  it.concurrent("lose no call when Redis stalls for 3 s across a refresh, and make one grant at the next refresh (no ghost lock)", async ({
    expect,
  }) => {
    await withFleet(async (fleet, redis) => {
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
      const run = await fleet.run(redis, refreshing(12_000));
      const groups = refreshGroups(grantTimes(fleet));
      const after = groups.filter((g) => g[0]! > resumedAt + 1_000);
      console.log(
        `[token-cache-redis] Redis SIGSTOPped for 3 s: ${run.ok}/${run.calls} calls succeeded, ` +
          `grants per refresh: ${groups.map((g) => g.length).join(", ")}; ` +
          `after the stall: ${after.map((g) => g.length).join(", ")}; ${timing(run)}`,
      );
      expect(run.failures).toEqual([]);
      expect(after.length).toBeGreaterThanOrEqual(1);
      expect(after[0]).toHaveLength(1);
    });
  });
});

describe(`${PROCESSES} Node processes × 50 cold calls when the first grant goes wrong, one redis-server each`, () => {
  it.concurrent("make one grant when it takes 6 s: the holder renews its lease and no waiter gives up", async ({
    expect,
  }) => {
    await withFleet(async (fleet, redis) => {
      let slowed = false;
      fleet.hooks.beforeTokenGrant = async () => {
        if (slowed) return;
        slowed = true;
        await new Promise((resolve) => setTimeout(resolve, 6_000));
      };
      const run = await fleet.run(redis, { processes: PROCESSES, calls: 50 });
      // The grant as the fleet saw it: from the start of the calls until its token was in
      // Redis (6 s and more: the emulator answers after 6 s, and the holder then stores it).
      const grantMs = run.firstStoredAt - run.go;
      console.log(
        `[token-cache-redis] a 6 s grant: ${run.ok}/${run.calls} calls succeeded, ` +
          `${fleet.emulator.tokenGrants} grant(s), answered after ${run.grantsAnswered[0]! - run.go} ms and stored after ${grantMs} ms; ` +
          `longest wait for a token ${run.slowestTokenWaitMs} ms, slowest call ${run.slowestMs} ms (API queue included); ${timing(run)}`,
      );
      expect(run.failures).toEqual([]);
      expect(fleet.emulator.tokenGrants).toBe(1);
      expect(grantMs).toBeGreaterThanOrEqual(6_000);
      // No call waits for its token longer than the grant and 1 s: waiters poll the shared entry.
      expect(run.slowestTokenWaitMs).toBeLessThanOrEqual(grantMs + 1_000);
    });
  });

  it.concurrent("replace a lease holder killed mid-grant by one waiter: 2 grants at most, no other call lost", async ({
    expect,
  }) => {
    await withFleet(async (fleet, redis) => {
      let victim: number | undefined;
      fleet.hooks.beforeTokenGrant = async (headers) => {
        if (victim !== undefined) return;
        // The holder dies with its grant in flight: its lease is never renewed nor released.
        victim = Number(headers["x-fleet-pid"]);
        fleet.kill(victim);
      };
      const run = await fleet.run(redis, { processes: PROCESSES, calls: 50 });
      console.log(
        `[token-cache-redis] holder SIGKILLed mid-grant: ${run.reports.length} processes left, ` +
          `${run.ok}/${run.calls} of their calls succeeded, ${fleet.emulator.tokenGrants} grants ` +
          `(${run.grantsAnswered.length} answered), longest wait for a token ${run.slowestTokenWaitMs} ms; ${timing(run)}`,
      );
      expect(victim).toBeGreaterThan(0);
      expect(run.reports).toHaveLength(PROCESSES - 1);
      expect(run.failures).toEqual([]);
      expect(run.ok).toBe((PROCESSES - 1) * 50);
      expect(fleet.emulator.tokenGrants).toBeGreaterThanOrEqual(1);
      expect(fleet.emulator.tokenGrants).toBeLessThanOrEqual(2);
    });
  });
});
