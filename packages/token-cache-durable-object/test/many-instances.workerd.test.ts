import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  expectOnlyLostConnections,
  grantRequests,
  startWorkerd,
  summary,
  type Workerd,
} from "./support/workerd.js";

// Bursts of cold calls: in each package's test task. The real-time suites (refreshes,
// revocation, the brake) are in refresh-cycles.workerd.test.ts, in the fleet task.
const WORKERS = 20;

let workerd: Workerd;
beforeAll(async () => {
  workerd = await startWorkerd(WORKERS);
});
afterAll(() => workerd?.dispose());
afterEach(() => {
  workerd.beforeTokenGrant = async () => {};
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`${WORKERS} Workers (isolates) sharing one namespace of coordinators`, () => {
  it("make exactly one grant for 50 concurrent cold calls each", async () => {
    const tenant = workerd.tenant();
    const run = summary(await workerd.fleet({ domain: tenant.domain, burst: 50 }));
    console.info(`[do] cold: ${run.ok} calls ok, ${grantRequests(tenant).length} grant(s)`);
    expectOnlyLostConnections(run, WORKERS * 50);
    expect(run).toMatchObject({ isolates: WORKERS, cacheErrors: [] });
    expect(grantRequests(tenant)).toHaveLength(1);
  });

  it("make exactly one grant with a client and a cache object per call (1,000 of each)", async () => {
    const tenant = workerd.tenant();
    const run = summary(
      await workerd.fleet({ domain: tenant.domain, burst: 50, clientPerCall: true }),
    );
    console.info(
      `[do] cold, a client per call: ${run.ok} calls ok, ${grantRequests(tenant).length} grant(s)`,
    );
    expectOnlyLostConnections(run, WORKERS * 50);
    expect(run.cacheErrors).toEqual([]);
    expect(grantRequests(tenant)).toHaveLength(1);
  });

  it("make one grant when it takes 6 s: the holder renews its lease and no waiter takes over", async () => {
    const tenant = workerd.tenant();
    let slowed = false;
    workerd.beforeTokenGrant = async () => {
      if (slowed) return;
      slowed = true;
      await sleep(6_000);
    };
    const run = summary(await workerd.fleet({ domain: tenant.domain, burst: 50 }));
    console.info(`[do] 6 s grant: ${run.ok} calls ok, ${grantRequests(tenant).length} grant(s)`);
    expectOnlyLostConnections(run, WORKERS * 50);
    expect(grantRequests(tenant)).toHaveLength(1);
  });

  it("make at most two grant requests when the holder's grant fails, and every call succeeds or fails typed", async () => {
    const tenant = workerd.tenant();
    tenant.failNext({ path: "/oauth/token", status: 400, body: { error: "invalid_request" } });
    const run = summary(await workerd.fleet({ domain: tenant.domain, burst: 50 }));
    const requests = grantRequests(tenant);
    console.info(
      `[do] holder's grant fails: ${run.ok} calls ok, ${run.failures.length} failed (${[...new Set(run.failures.map((f) => f.code))].join(", ")}), ` +
        `${requests.length} grant requests (${requests.map((r) => r.status).join(", ")})`,
    );
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(requests.map((r) => r.status)).toEqual([400, 200]);
    expect(run.ok + run.failures.length).toBe(WORKERS * 50);
    // The holder's own calls share its failed grant: a TokenError each, nothing untyped. On a
    // loaded machine some calls also lose their loopback connection (a typed NetworkError,
    // bounded as in the other bursts); nothing else may fail.
    const lost = run.failures.filter(
      (f) => f.code === "ERR_NETWORK" && /Network connection lost/.test(f.message ?? ""),
    );
    expect(lost.length).toBeLessThanOrEqual(WORKERS * 50 * 0.25);
    for (const failure of run.failures.filter((f) => !lost.includes(f)))
      expect(failure.code).toBe("ERR_TOKEN");
    expect(run.ok).toBeGreaterThan(0);
  });
});
