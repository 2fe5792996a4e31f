import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createManagementClient, ManagementApiError, request } from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./support/secrets.js";

const unavailable = (headers: Record<string, string> = {}) =>
  json({ statusCode: 503, error: "Service Unavailable", message: "down" }, 503, headers);

let tenants = 0;
const domain = () => `floors-${++tenants}.${DOMAIN}`;

describe("retries over time (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-27T00:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("retries a GET answered 503 only after at least half the backoff step", async () => {
    // The unluckiest draw of the jitter: a backoff without a floor would not wait at all.
    vi.spyOn(Math, "random").mockReturnValue(0);
    const api = scriptedFetch([unavailable(), json({ ok: 1 })]);
    const client = createManagementClient({ domain: domain(), token: "t", fetch: api.fetch });
    const call = request(client, { method: "GET", path: "/users", retry: { baseDelayMs: 1000 } });
    await vi.advanceTimersByTimeAsync(499);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(501);
    await expect(call).resolves.toEqual({ ok: 1 });
    expect(api.sent).toHaveLength(2);
  });

  it("does not burst on Retry-After: 0", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const tooMany = json({ message: "slow" }, 429, { "retry-after": "0" });
    const api = scriptedFetch([tooMany, json({ ok: 1 })]);
    const client = createManagementClient({ domain: domain(), token: "t", fetch: api.fetch });
    const call = request(client, { method: "GET", path: "/users", retry: { baseDelayMs: 400 } });
    await vi.advanceTimersByTimeAsync(199);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(201);
    await expect(call).resolves.toEqual({ ok: 1 });
  });

  it("retries a 503 whose X-RateLimit-Reset is a minute away, on backoff", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    const api = scriptedFetch([unavailable({ "x-ratelimit-reset": reset }), json({ ok: 1 })]);
    const client = createManagementClient({ domain: domain(), token: "t", fetch: api.fetch });
    const call = request(client, { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(250);
    await expect(call).resolves.toEqual({ ok: 1 });
    expect(api.sent).toHaveLength(2);
  });

  it("reports attempts and totalRetryDelayMs on the final error", async () => {
    const api = scriptedFetch([unavailable()]);
    const client = createManagementClient({ domain: domain(), token: "t", fetch: api.fetch });
    const call = request(client, { method: "GET", path: "/users" }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await call) as ManagementApiError;
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error.attempts).toBe(4);
    // Three waits, each within [½, 1) of 250, 500 and 1000 ms.
    expect(error.totalRetryDelayMs).toBeGreaterThanOrEqual(875);
    expect(error.totalRetryDelayMs).toBeLessThan(1750);
  });

  it("keeps the token endpoint's rate-limit gate apart from the API's", async () => {
    const sent: string[] = [];
    const reset = String(Math.floor(Date.now() / 1000) + 4);
    const fetch = (async (input: RequestInfo | URL) => {
      const path = new URL(String(input)).pathname;
      sent.push(path);
      if (path === "/oauth/token") {
        return json({ access_token: "tok", expires_in: 3600 }, 200, {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": reset,
        });
      }
      return json({ ok: 1 });
    }) as typeof globalThis.fetch;
    const client = createManagementClient({
      domain: domain(),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch,
    });
    await request(client, { method: "GET", path: "/users" });
    const second = request(client, { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(0);
    // The next API call goes at once: the token endpoint's "no requests remain" is not the API's.
    expect(sent).toEqual(["/oauth/token", "/api/v2/users", "/api/v2/users"]);
    await expect(second).resolves.toEqual({ ok: 1 });
  });

  it("sends nothing, not even a token grant, for a call whose signal is already aborted", async () => {
    const api = scriptedFetch([json({})]);
    const client = createManagementClient({
      domain: domain(),
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: api.fetch,
    });
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    await expect(
      request(client, { method: "GET", path: "/users", signal: controller.signal }),
    ).rejects.toThrow("gone");
    expect(api.grants).toBe(0);
    expect(api.sent).toHaveLength(0);
  });
});
