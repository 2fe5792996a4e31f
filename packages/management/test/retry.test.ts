import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createManagementClient,
  ManagementApiError,
  NetworkError,
  RateLimitError,
  request,
  TimeoutError,
} from "../src/index.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN, rejectionOf } from "./support/secrets.js";

const unavailable = () =>
  json({ statusCode: 503, error: "Service Unavailable", message: "Service Unavailable" }, 503);
const tooMany = (headers: Record<string, string>) =>
  json(
    {
      statusCode: 429,
      error: "Too Many Requests",
      message: "Global limit has been reached",
      errorCode: "too_many_requests",
    },
    429,
    headers,
  );

// Rate-limit gates and the retry budget belong to the isolate, per domain: each test's
// client gets a tenant of its own, so that no test waits on the gate of another.
let tenants = 0;
function clientWith(fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) {
  return createManagementClient({ domain: `t${++tenants}.${DOMAIN}`, token: "t", fetch, ...extra });
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-27T00:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retries", () => {
  it("retries a 429 after the Retry-After seconds, not before", async () => {
    const api = scriptedFetch([tooMany({ "retry-after": "2" }), json({ ok: true })]);
    const call = request(clientWith(api.fetch), { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(1999);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ ok: true });
    expect(api.sent).toHaveLength(2);
    expect(api.sent[1]!.at - api.sent[0]!.at).toBeGreaterThanOrEqual(2000);
  });

  it("retries a 429 of a POST too: the request was refused, not carried out", async () => {
    const api = scriptedFetch([tooMany({ "retry-after": "1" }), json({ user_id: "u" }, 201)]);
    const call = request(clientWith(api.fetch), { method: "POST", path: "/users", body: {} });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(call).resolves.toEqual({ user_id: "u" });
    expect(api.sent.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("reads an HTTP-date Retry-After", async () => {
    const at = new Date(Date.now() + 3000).toUTCString();
    const api = scriptedFetch([tooMany({ "retry-after": at }), json({})]);
    const call = request(clientWith(api.fetch), { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(2999);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(api.sent).toHaveLength(2);
  });

  it("waits for X-RateLimit-Reset when there is no Retry-After", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 5);
    const api = scriptedFetch([
      tooMany({
        "x-ratelimit-limit": "10",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset,
      }),
      json({}),
    ]);
    const call = request(clientWith(api.fetch), { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(4999);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(api.sent).toHaveLength(2);
  });

  it("does not retry a POST answered 503", async () => {
    const api = scriptedFetch([unavailable(), json({})]);
    const error = await rejectionOf(
      request(clientWith(api.fetch), { method: "POST", path: "/users", body: {} }),
    );
    expect(error).toBeInstanceOf(ManagementApiError);
    expect((error as ManagementApiError).statusCode).toBe(503);
    expect(api.sent).toHaveLength(1);
  });

  it("retries a GET answered 503 with backoff", async () => {
    // The unluckiest draw of the jitter: a backoff without a floor would not wait at all.
    vi.spyOn(Math, "random").mockReturnValue(0);
    const api = scriptedFetch([unavailable(), unavailable(), json({ ok: 1 })]);
    const call = request(clientWith(api.fetch), { method: "GET", path: "/users" });
    await vi.runAllTimersAsync();
    await expect(call).resolves.toEqual({ ok: 1 });
    expect(api.sent).toHaveLength(3);
    // Each retry waited at least half its step (250 ms, then 500 ms): no zero backoff.
    expect(api.sent[1]!.at - api.sent[0]!.at).toBeGreaterThanOrEqual(125);
    expect(api.sent[2]!.at - api.sent[1]!.at).toBeGreaterThanOrEqual(250);
  });

  it("retries a POST answered 503 when the caller opts in", async () => {
    const api = scriptedFetch([unavailable(), json({ ok: 1 }, 201)]);
    const call = request(clientWith(api.fetch), {
      method: "POST",
      path: "/users",
      body: {},
      retry: { retryNonIdempotent: true },
    });
    await vi.runAllTimersAsync();
    await expect(call).resolves.toEqual({ ok: 1 });
    expect(api.sent).toHaveLength(2);
  });

  it("retries network errors of a GET but not of a PATCH", async () => {
    let calls = 0;
    const flaky = scriptedFetch([
      () => {
        calls++;
        if (calls === 1) throw new TypeError("fetch failed");
        return json({ ok: true });
      },
    ]);
    const get = request(clientWith(flaky.fetch), { method: "GET", path: "/users" });
    await vi.runAllTimersAsync();
    await expect(get).resolves.toEqual({ ok: true });

    const broken = scriptedFetch([
      () => {
        throw new TypeError("fetch failed");
      },
    ]);
    const error = await rejectionOf(
      request(clientWith(broken.fetch), {
        method: "PATCH",
        path: "/users/{id}",
        params: { id: "x" },
        body: {},
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(broken.sent).toHaveLength(1);
  });

  it("gives up after maxRetries and reports the attempts", async () => {
    const api = scriptedFetch([unavailable()]);
    const call = rejectionOf(
      request(clientWith(api.fetch, { retry: { maxRetries: 2 } }), {
        method: "GET",
        path: "/users",
      }),
    );
    await vi.runAllTimersAsync();
    const error = (await call) as ManagementApiError;
    expect(error.attempts).toBe(3);
    expect(api.sent).toHaveLength(3);
  });

  it("surfaces a RateLimitError instead of waiting longer than maxDelayMs", async () => {
    const api = scriptedFetch([tooMany({ "retry-after": "120" })]);
    const error = await rejectionOf(
      request(clientWith(api.fetch), { method: "GET", path: "/users" }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect((error as RateLimitError).code).toBe("ERR_RATE_LIMITED");
    expect(api.sent).toHaveLength(1);
  });

  it("never sleeps past the call's deadline", async () => {
    const api = scriptedFetch([tooMany({ "retry-after": "5" })]);
    const error = await rejectionOf(
      request(clientWith(api.fetch), { method: "GET", path: "/users", timeoutMs: 3000 }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(api.sent).toHaveLength(1);
  });

  it("rejects promptly when the caller aborts during a backoff sleep", async () => {
    const api = scriptedFetch([tooMany({ "retry-after": "20" })]);
    const controller = new AbortController();
    const call = rejectionOf(
      request(clientWith(api.fetch), { method: "GET", path: "/users", signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(100);
    const abortedAt = Date.now();
    controller.abort(new Error("the user went away"));
    const error = await call;
    expect((error as Error).message).toBe("the user went away");
    expect(Date.now() - abortedAt).toBe(0);
    expect(api.sent).toHaveLength(1);
  });

  it("turns the end of the time budget into a TimeoutError", async () => {
    // A server that never answers: only the time budget can end the call.
    const fetch: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
      });
    const call = rejectionOf(
      request(clientWith(fetch), { method: "GET", path: "/users", timeoutMs: 1000 }),
    );
    await vi.advanceTimersByTimeAsync(1000);
    const error = await call;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(1000);
  });

  it("waits for the reset after a response says no requests remain", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 4);
    const api = scriptedFetch([
      json({}, 200, {
        "x-ratelimit-limit": "2",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": reset,
      }),
      json({}),
    ]);
    const client = clientWith(api.fetch);
    await request(client, { method: "GET", path: "/users" });
    const second = request(client, { method: "GET", path: "/users" });
    await vi.advanceTimersByTimeAsync(3999);
    expect(api.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(api.sent).toHaveLength(2);
  });
});
