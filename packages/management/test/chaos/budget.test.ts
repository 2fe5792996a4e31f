import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManagementClient, ManagementApiError, request } from "../../src/index.js";
import { type ChaosServer, expectNoCanary, sendJson, startChaosServer } from "./server.js";

const SECRET = "canary-secret-budget-44a1";
let server: ChaosServer;
let mode: "503" | "200" | "429" = "503";

beforeAll(async () => {
  server = await startChaosServer();
  server.route("/oauth/token", (_req, res) =>
    sendJson(res, 200, { access_token: "canary-token-budget", expires_in: 3600 }),
  );
  server.route("/api/v2/", (_req, res) => {
    if (mode === "200") return sendJson(res, 200, { ok: true });
    if (mode === "429") return sendJson(res, 429, { message: "slow" }, { "retry-after": "0" });
    sendJson(res, 503, { message: "down" });
  });
});
afterAll(() => server.close());

/** The retries a (domain, clientId) may spend before successes give some back (see retry-strategy.ts). */
const RETRY_BUDGET = 25;
let tenants = 0;

/** A client of one (domain, clientId); `clientId` picks which isolate-wide budget it shares. */
const clientFor = (clientId: string) =>
  createManagementClient({
    domain: server.origin,
    allowInsecureLocalhost: true,
    clientId,
    clientSecret: SECRET,
    retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 20 },
  });

async function settle(calls: Promise<unknown>[]): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (const result of await Promise.allSettled(calls)) {
    if (result.status === "rejected") errors.push(result.reason);
  }
  for (const error of errors) expectNoCanary(error, [SECRET, "canary-token-budget"]);
  return errors;
}

const apiRequests = (path: string) => server.count(path);

describe("the retry budget (per isolate, per domain and client id)", () => {
  it(`50 concurrent GETs against an API that answers 503 forever make at most 50 + ${RETRY_BUDGET} requests`, async () => {
    mode = "503";
    const client = clientFor(`budget-${++tenants}`);
    const path = `/api/v2/budget-${tenants}`;
    const errors = await settle(
      Array.from({ length: 50 }, () => request(client, { method: "GET", path: path.slice(7) })),
    );
    expect(errors).toHaveLength(50);
    expect(errors.every((e) => e instanceof ManagementApiError && e.statusCode === 503)).toBe(true);
    expect(apiRequests(path)).toBe(50 + RETRY_BUDGET);
    expect(apiRequests(path)).toBeLessThanOrEqual(75);
  });

  it("50 clients of one (domain, clientId), one GET each, meet the same bound", async () => {
    mode = "503";
    const clientId = `budget-${++tenants}`;
    const path = `/api/v2/budget-${tenants}`;
    const errors = await settle(
      Array.from({ length: 50 }, () =>
        request(clientFor(clientId), { method: "GET", path: path.slice(7) }),
      ),
    );
    expect(errors).toHaveLength(50);
    expect(apiRequests(path)).toBeLessThanOrEqual(75);
  });

  it("refills on success, and 429 retries never draw on it", async () => {
    const clientId = `budget-${++tenants}`;
    const path = `/api/v2/budget-${tenants}`;
    // One client, so that its one token grant is the only other request.
    const client = clientFor(clientId);
    const get = () => request(client, { method: "GET", path: path.slice(7) });
    mode = "503";
    await settle(Array.from({ length: RETRY_BUDGET }, get));
    // Spent: the next failing GET is tried once.
    let before = apiRequests(path);
    await settle([get()]);
    expect(apiRequests(path) - before).toBe(1);
    // A 429 is paced by the server's hint, not the budget: still retried.
    mode = "429";
    before = apiRequests(path);
    await settle([get()]);
    expect(apiRequests(path) - before).toBe(4);
    // Three successes give three retries back.
    mode = "200";
    for (let i = 0; i < 3; i++) await get();
    mode = "503";
    before = apiRequests(path);
    await settle([get()]);
    expect(apiRequests(path) - before).toBe(4);
  });
});
