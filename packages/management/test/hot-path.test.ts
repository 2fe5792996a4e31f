import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getUser } from "../src/generated/users.js";
import { createManagementClient } from "../src/index.js";
import { DOMAIN } from "./support/secrets.js";

/**
 * What one call allocates on its way to the network, counted (not timed): the SDK's cost
 * per call next to a hand-written fetch is mostly these objects (issue 14, the hot path).
 * The counts are a ratchet: a call without a caller's signal makes three controllers (its
 * own signal, its deadline, its attempt) and builds its headers three times (the generated
 * function, `request`, the auth step). One controller and one Headers fewer were measured
 * at 50 B gzip more than the getUser Worker's size budget allows (see the bench README).
 */
let counts: { controllers: number; headers: number; timers: number };
const { AbortController: RealController, Headers: RealHeaders } = globalThis;

beforeEach(() => {
  counts = { controllers: 0, headers: 0, timers: 0 };
  vi.stubGlobal(
    "AbortController",
    class extends RealController {
      constructor() {
        super();
        counts.controllers++;
      }
    },
  );
  vi.stubGlobal(
    "Headers",
    class extends RealHeaders {
      constructor(init?: HeadersInit) {
        super(init);
        counts.headers++;
      }
    },
  );
  const realSetTimeout = globalThis.setTimeout;
  vi.stubGlobal("setTimeout", (...args: Parameters<typeof setTimeout>) => {
    counts.timers++;
    return realSetTimeout(...args);
  });
  vi.spyOn(AbortSignal, "any");
  vi.spyOn(AbortSignal, "timeout");
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A fetch that builds no Headers of its own (the counts are the SDK's), answering `answers` in turn. */
function plainFetch(...answers: [status: number, body: unknown][]) {
  const sent: string[] = [];
  const fetch = async (url: URL | RequestInfo) => {
    const [status, body] = answers[Math.min(sent.length, answers.length - 1)]!;
    sent.push(String(url));
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch, sent };
}

const reset = () => {
  counts = { controllers: 0, headers: 0, timers: 0 };
};

describe("the hot path of a call without a caller's signal", () => {
  it("makes at most three controllers, two timers and three Headers, and no AbortSignal.any or .timeout chain", async () => {
    const api = plainFetch([200, { user_id: "auth0|1" }], [200, { user_id: "auth0|2" }]);
    const client = createManagementClient({ domain: DOMAIN, token: "t", fetch: api.fetch });
    await getUser(client, { id: "auth0|1" });
    reset();
    await expect(getUser(client, { id: "auth0|2" })).resolves.toEqual({ user_id: "auth0|2" });
    // The call's own signal, its deadline and its attempt; a timer for each time budget.
    expect(counts.controllers).toBeLessThanOrEqual(3);
    expect(counts.timers).toBeLessThanOrEqual(2);
    expect(counts.headers).toBeLessThanOrEqual(3);
    expect(AbortSignal.any).not.toHaveBeenCalled();
    expect(AbortSignal.timeout).not.toHaveBeenCalled();
  });

  it("adds at most one controller and one timer per retry (and one timer for the wait)", async () => {
    const api = plainFetch([503, { statusCode: 503 }], [200, { user_id: "auth0|1" }]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: api.fetch,
      retry: { baseDelayMs: 0 },
    });
    await expect(getUser(client, { id: "auth0|1" })).resolves.toEqual({ user_id: "auth0|1" });
    expect(api.sent).toHaveLength(2);
    expect(counts.controllers).toBeLessThanOrEqual(4);
    expect(counts.timers).toBeLessThanOrEqual(4);
  });

  it("ends the call at its deadline with a TimeoutError", async () => {
    vi.useFakeTimers();
    try {
      const client = createManagementClient({
        domain: DOMAIN,
        token: "t",
        timeoutMs: 1000,
        attemptTimeoutMs: 5000,
        fetch: (_url, init) =>
          new Promise<Response>((_resolve, reject) => {
            init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
          }),
      });
      const call = getUser(client, { id: "auth0|1" });
      const settled = expect(call).rejects.toMatchObject({
        code: "ERR_TIMEOUT",
        message: "[GET] /api/v2/users/auth0%7C1: no answer within 1000 ms",
      });
      await vi.advanceTimersByTimeAsync(1000);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });
});
