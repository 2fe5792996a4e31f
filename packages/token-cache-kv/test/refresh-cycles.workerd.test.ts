import { describe, it } from "vitest";
import { startWorkerd, type Workerd } from "./support/workerd.js";
import type { CyclesRequest } from "./worker/wire.js";

const ISOLATES = 20;
// Tokens of 5 s refreshed in their last 2 s: a refresh about every 3.5 s, six or more in 22 s.
const LIFETIME_SECONDS = 5;
const RUN: CyclesRequest = {
  durationMs: 22_000,
  intervalMs: 200,
  leewaySeconds: 2,
  perRequest: false,
};
/** How late writes reach the other isolates in the eventual-consistency run. */
const VISIBILITY_DELAY_MS = 1_000;
// Points spread over three quarters of the 2 s window; refreshes are at least 3 s apart.
const SAME_REFRESH_MS = 1_500;

/**
 * 20 cold isolates (a fresh workerd of their own: no memory, an empty KV, an emulator of
 * their own) run `body` at the same moment. Each test has its own, so the tests of this
 * file run at the same time: what they count does not depend on timing.
 */
async function fleet(body: CyclesRequest, during?: (workerd: Workerd) => void) {
  const w = await startWorkerd(ISOLATES);
  try {
    return await counted(w, body, during);
  } finally {
    await w.dispose();
  }
}

async function counted(w: Workerd, body: CyclesRequest, during?: (workerd: Workerd) => void) {
  const emulator = w.newEmulator({ tokenLifetimeSeconds: LIFETIME_SECONDS });
  await emulator.fetch(`https://${emulator.domain}/.well-known/jwks.json`);
  during?.(w);
  const results = await Promise.all(w.workers.map((worker) => w.cycles(body, worker)));
  const grants = emulator.requests
    .filter((r) => r.kind === "token" && r.status === 200)
    .map((r) => r.at)
    .sort((a, b) => a - b);
  // Grants close together answer one refresh; the first group is the cold start.
  const groups: number[][] = [];
  for (const at of grants) {
    const last = groups.at(-1);
    if (last && at - last.at(-1)! < SAME_REFRESH_MS) last.push(at);
    else groups.push([at]);
  }
  const [cold = 0, ...refreshes] = groups.map((g) => g.length);
  const perRefresh = refreshes.reduce((a, b) => a + b, 0) / refreshes.length;
  return {
    memories: new Set(results.map((r) => r.memoryId)).size,
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    failures: results.flatMap((r) => r.failures),
    cold,
    refreshes,
    perRefresh,
    grants: grants.length,
    /** API requests the emulator refused with 401 (each retried by the client with a new token). */
    refusedRequests: emulator.requests.filter((r) => r.kind === "api" && r.status === 401).length,
    summary: `${cold} cold grants, then ${refreshes.join(", ")} over ${refreshes.length} refreshes (${perRefresh.toFixed(2)} per refresh)`,
  };
}

describe(`${ISOLATES} isolates refreshing ${LIFETIME_SECONDS} s tokens through Workers KV (no lock), in workerd`, () => {
  it.concurrent("make at most 3 grants per refresh on average with a client kept per isolate", async ({
    expect,
  }) => {
    const run = await fleet(RUN);
    console.info(`[token-cache-kv] client per isolate: ${run.ok} calls ok; ${run.summary}`);
    expect(run.memories).toBe(ISOLATES);
    expect(run.failures).toEqual([]);
    expect(run.refreshes.length).toBeGreaterThanOrEqual(5);
    expect(run.perRefresh).toBeLessThanOrEqual(3);
  }, 120_000);

  it.concurrent("make at most 3 grants per refresh on average with a client and a cache object per request", async ({
    expect,
  }) => {
    const run = await fleet({ ...RUN, perRequest: true });
    console.info(`[token-cache-kv] client per request: ${run.ok} calls ok; ${run.summary}`);
    expect(run.failures).toEqual([]);
    expect(run.refreshes.length).toBeGreaterThanOrEqual(5);
    expect(run.perRefresh).toBeLessThanOrEqual(3);
  }, 120_000);

  it.concurrent(`lose no call when writes reach other isolates only ${VISIBILITY_DELAY_MS} ms later (KV's eventual consistency), and report the grants`, async ({
    expect,
  }) => {
    const delayMs = VISIBILITY_DELAY_MS;
    const run = await fleet({ ...RUN, visibilityDelayMs: delayMs });
    console.info(
      `[token-cache-kv] writes visible to others after ${delayMs} ms: ${run.ok} calls ok; ${run.summary}`,
    );
    expect(run.failures).toEqual([]);
    expect(run.refreshes.length).toBeGreaterThanOrEqual(3);
    // Each isolate grants at most once per token life less its window (single flight holds
    // within an isolate), however the refreshes of different isolates interleave.
    const lives = Math.ceil(RUN.durationMs / ((LIFETIME_SECONDS - RUN.leewaySeconds) * 1000));
    expect(run.grants).toBeLessThanOrEqual(ISOLATES * (lives + 1));
  }, 120_000);

  it.concurrent("report the calls refused with 401 when every token is revoked mid-run", async ({
    expect,
  }) => {
    const revokedAt: number[] = [];
    const run = await fleet({ ...RUN, durationMs: 10_000 }, (w) => {
      setTimeout(() => {
        w.emulator.revokeIssuedTokens();
        revokedAt.push(Date.now());
      }, 5_000);
    });
    const refused = run.failures.filter((f) => f.endsWith(" 401")).length;
    console.info(
      `[token-cache-kv] every token revoked mid-run: ${run.ok} calls ok, ${refused} failed with 401 ` +
        `(${run.failures.length} failed in all; ${run.refusedRequests} requests refused and retried); ${run.summary}`,
    );
    expect(revokedAt).toHaveLength(1);
    // The revocation took effect: the API refused requests, which the clients retried.
    expect(run.refusedRequests).toBeGreaterThan(0);
    // Every failure is a typed API refusal, and the run recovers: most calls succeed.
    expect(run.failures.every((f) => f === "ERR_API 401")).toBe(true);
    expect(run.ok).toBeGreaterThan(run.failures.length * 10);
  }, 120_000);
});
