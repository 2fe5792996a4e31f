import { afterAll, afterEach, beforeAll, describe, it } from "vitest";
import {
  grantRequests,
  refreshGroups,
  startWorkerd,
  summary,
  type Workerd,
} from "./support/workerd.js";

// Real time, many isolates, counted grants: the fleet task (test:fleet), run after the other
// suites and one package at a time, so that nothing else competes with it for the cores. The
// four tests run at the same time, each on a tenant of its own (a cache key, coordinators and
// an emulator of its own) over the same 20 isolates: what they count does not depend on timing.
const WORKERS = 20;
/**
 * Tokens of 3 s refreshed from 1 s before expiry: a refresh every 2 s, with the narrow window
 * the issue asks for. An isolate that finds another one refreshing tries again 1 s later, that
 * is at expiry, so many keep the old token to its last moment and some send it so late that
 * the API refuses it on arrival (expired). Such a 401, for a token past its refresh-after
 * time, reads as expiry: the client takes the token the holder stored rather than granting
 * one of its own, which it did before (measured then with 4 s tokens and a 1 s window: 2 or
 * 3 grants in 4 refreshes of 36). See the package README.
 */
const SHORT_TOKENS = { tokenLifetimeSeconds: 3 };
const LEEWAY = { tokenLeewaySeconds: 1 };

let workerd: Workerd;
beforeAll(async () => {
  workerd = await startWorkerd(WORKERS);
});
afterAll(() => workerd?.dispose());
afterEach(() => {
  workerd.beforeTokenGrant = async () => {};
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent(`${WORKERS} Workers (isolates) sharing one namespace of coordinators, over time`, () => {
  it.concurrent("make exactly one grant per refresh over 5 refreshes and more", async ({
    expect,
  }) => {
    const tenant = workerd.tenant(SHORT_TOKENS);
    const results = await workerd.fleet({
      domain: tenant.domain,
      burst: 10,
      durationMs: 13_000,
      intervalMs: 100,
      ...LEEWAY,
    });
    const run = summary(results);
    const groups = refreshGroups(tenant);
    const refused = tenant.requests.filter((r) => r.kind === "api" && r.status === 401).length;
    console.info(
      `[do] refresh cycles: ${run.ok} calls ok, ${run.failures.length} failed; grants per refresh (cold start first): ${groups.join(", ")}; ` +
        `${refused} requests refused on arrival (expired on the way) and retried`,
    );
    expect(run.failures).toEqual([]);
    expect(run.cacheErrors).toEqual([]);
    // The cold start and at least five refreshes, each one grant.
    expect(groups.length).toBeGreaterThanOrEqual(6);
    expect(groups.every((n) => n === 1)).toBe(true);
  });

  it.concurrent("fail no call with a 401 when every token is revoked mid-run", async ({
    expect,
  }) => {
    const tenant = workerd.tenant();
    const revoking = sleep(3_000).then(() => tenant.revokeIssuedTokens());
    const run = summary(
      await workerd.fleet({ domain: tenant.domain, burst: 5, durationMs: 7_000, intervalMs: 100 }),
    );
    await revoking;
    const refused = tenant.requests.filter((r) => r.kind === "api" && r.status === 401).length;
    console.info(
      `[do] revocation: ${run.ok} calls ok, ${run.failures.length} failed (${run.unauthorized} with 401); ` +
        `${refused} requests refused and retried; ${grantRequests(tenant).length} grants (1 before the revocation)`,
    );
    expect(refused).toBeGreaterThan(0);
    expect(run.unauthorized).toBe(0);
    expect(run.failures).toEqual([]);
  });
});
describe.concurrent("the token brake, with the coordinator cache", () => {
  it.concurrent(`stops every one of ${WORKERS} isolates within 5 s when the API refuses every token`, async ({
    expect,
  }) => {
    const tenant = workerd.tenant();
    tenant.failNext({ status: 401, times: 100_000 });
    const run = summary(
      await workerd.fleet({ domain: tenant.domain, burst: 5, durationMs: 5_000, intervalMs: 100 }),
    );
    const braked = run.failures.filter((f) => f.code === "ERR_TOKEN_BRAKE").length;
    console.info(
      `[do] brake, ${WORKERS} isolates: ${grantRequests(tenant).length} grants, ${run.ok} ok, ` +
        `${run.failures.length} failed, ${braked} of them fast with ERR_TOKEN_BRAKE`,
    );
    expect(run.ok).toBe(0);
    // The brake lives per isolate: each stops after at most 3 refused tokens of its own.
    expect(grantRequests(tenant).length).toBeLessThanOrEqual(3 * WORKERS);
    expect(braked).toBeGreaterThan(run.failures.length / 2);
  });

  it.concurrent("makes at most 4 grants in 5 s when the API refuses every token, then fails fast, with a client per isolate and with one per call", async ({
    expect,
  }) => {
    // Both at once, each in an isolate (and on a tenant) of its own: the brake is per isolate.
    const cases = await Promise.all(
      [false, true].map(async (clientPerCall, i) => {
        const tenant = workerd.tenant();
        tenant.failNext({ status: 401, times: 100_000 });
        const run = await workerd.run(
          { domain: tenant.domain, burst: 5, durationMs: 5_000, intervalMs: 100, clientPerCall },
          workerd.workers[i],
        );
        return { clientPerCall, run, grants: grantRequests(tenant).length };
      }),
    );
    for (const { clientPerCall, run, grants } of cases) {
      const codes = run.failures.map((f) => f.code);
      const braked = codes.filter((c) => c === "ERR_TOKEN_BRAKE").length;
      console.info(
        `[do] brake (${clientPerCall ? "client per call" : "client per isolate"}): ${grants} grants, ` +
          `${run.ok} ok, ${run.failures.length} failed, ${braked} of them fast with ERR_TOKEN_BRAKE`,
      );
      expect(run.ok).toBe(0);
      expect(grants).toBeLessThanOrEqual(4);
      expect(braked).toBeGreaterThan(0);
      expect(codes.at(-1)).toBe("ERR_TOKEN_BRAKE");
      expect(codes.every((c) => c === "ERR_TOKEN_BRAKE" || c === "ERR_API")).toBe(true);
    }
  });
});
