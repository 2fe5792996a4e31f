import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createManagementClient,
  InvalidResponseError,
  ManagementApiError,
  NetworkError,
  request,
} from "../src/index.js";
import { backoff, classify, type ResolvedRetryOptions, retryDelay } from "../src/retry-strategy.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./support/secrets.js";

const options: ResolvedRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  retryNonIdempotent: false,
};
const unavailable = (headers: Record<string, string> = {}) =>
  json({ statusCode: 503, error: "Service Unavailable", message: "down" }, 503, headers);

let tenants = 0;
const domain = () => `strategy-${++tenants}.${DOMAIN}`;

describe("classify() is pure and follows the rules", () => {
  it.each([
    ["GET", 429, false, "throttled"],
    ["POST", 429, false, "throttled"],
    ["GET", 503, false, "transient"],
    ["PUT", 500, false, "transient"],
    ["DELETE", 408, false, "transient"],
    ["POST", 503, false, undefined],
    ["PATCH", 502, false, undefined],
    ["POST", 503, true, "transient"],
    ["GET", 501, false, undefined],
    ["GET", 404, false, undefined],
    ["GET", 200, false, undefined],
  ] as const)("%s answered %d (opt-in %s): %s", (method, status, optIn, verdict) => {
    expect(classify(method, status, optIn)).toBe(verdict);
  });

  it("treats network errors and unreadable answers as transient, anything else as final", () => {
    expect(classify("GET", new NetworkError("reset", undefined), false)).toBe("transient");
    expect(classify("GET", new InvalidResponseError("bad json", 200), false)).toBe("transient");
    expect(classify("POST", new NetworkError("reset", undefined), false)).toBeUndefined();
    expect(classify("GET", new Error("a bug"), false)).toBeUndefined();
    expect(classify("GET", new DOMException("aborted", "AbortError"), false)).toBeUndefined();
  });
});

describe("the delay", () => {
  it.each([1, 2, 3, 4, 5, 6, 7])(
    "keeps retry %d's backoff within [½, 1) of its capped step",
    (retry) => {
      const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
      expect(backoff(retry, options, 0)).toBe(step / 2);
      expect(backoff(retry, options, 0.999_999)).toBeLessThan(step);
      expect(backoff(retry, options, 0.999_999)).toBeGreaterThanOrEqual(step - 1);
      for (let i = 0; i < 200; i++) {
        const wait = backoff(retry, options);
        expect(wait).toBeGreaterThanOrEqual(step / 2);
        expect(wait).toBeLessThan(step);
      }
    },
  );

  it("floors a server's hint by the backoff: Retry-After: 0 is no burst", () => {
    const headers = new Headers({ "retry-after": "0" });
    for (let i = 0; i < 50; i++) {
      expect(retryDelay("throttled", 1, headers, options, 0)).toBeGreaterThanOrEqual(500);
    }
    expect(retryDelay("throttled", 1, new Headers({ "retry-after": "7" }), options, 0)).toBe(7000);
  });

  it("reads X-RateLimit-Reset as a hint for a 429 only: Auth0 sends it on every answer", () => {
    const headers = new Headers({ "x-ratelimit-reset": "60", "x-ratelimit-remaining": "10" });
    expect(retryDelay("throttled", 1, headers, options, 0)).toBe(60_000);
    expect(retryDelay("transient", 1, headers, options, 0)).toBeLessThan(1000);
  });
});

describe("retries over time (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-27T00:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("retries a GET answered 503 only after at least half the backoff step", async () => {
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
    const call = request(client, { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(0);
    // The API call went at once: the token endpoint's "no requests remain" is not the API's.
    expect(sent).toEqual(["/oauth/token", "/api/v2/users"]);
    await expect(call).resolves.toEqual({ ok: 1 });
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
