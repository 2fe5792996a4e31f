import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getUser } from "../src/generated/users.js";
import { createManagementClient, TimeoutError } from "../src/index.js";
import { DOMAIN } from "./support/secrets.js";

/**
 * What one call allocates on its way to the network, counted (not timed): the SDK's cost
 * per call next to a hand-written fetch is mostly these objects (issue 14, the hot path).
 * The counts are a ratchet: a call without a caller's signal makes one controller (its
 * attempt's: the call's own signal, which the timeout step arms with the deadline, is made
 * only when something waits on it, and a token at hand needs no wait), adds no abort
 * listener (the attempt ends before the deadline, so it need not follow the call's signal)
 * and builds its headers once (in `request`: the auth step puts the token on those, not on
 * a copy).
 */
let counts: { controllers: number; headers: number; timers: number; listeners: number };
const { AbortController: RealController, Headers: RealHeaders } = globalThis;

const { addEventListener } = EventTarget.prototype;

beforeEach(() => {
  counts = { controllers: 0, headers: 0, timers: 0, listeners: 0 };
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
  vi.spyOn(EventTarget.prototype, "addEventListener").mockImplementation(function (
    this: EventTarget,
    ...args: Parameters<EventTarget["addEventListener"]>
  ) {
    if (this instanceof AbortSignal && args[0] === "abort") counts.listeners++;
    return addEventListener.apply(this, args);
  });
  vi.spyOn(AbortSignal, "any");
  vi.spyOn(AbortSignal, "timeout");
});
afterEach(() => {
  // The tests that take fake timers leave them here, passed or failed.
  vi.useRealTimers();
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

/** What a fetch that never answers gives: it rejects with its signal's reason once that aborts. */
const unanswered = (init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
  });

const reset = () => {
  counts = { controllers: 0, headers: 0, timers: 0, listeners: 0 };
};

describe("the hot path of a call without a caller's signal", () => {
  it("makes one controller, one timer and one Headers, adds no abort listener, and no AbortSignal.any or .timeout chain", async () => {
    const api = plainFetch([200, { user_id: "auth0|1" }], [200, { user_id: "auth0|2" }]);
    const client = createManagementClient({ domain: DOMAIN, token: "t", fetch: api.fetch });
    await getUser(client, { id: "auth0|1" });
    reset();
    await expect(getUser(client, { id: "auth0|2" })).resolves.toEqual({ user_id: "auth0|2" });
    // The attempt's only, and its timer: the call's deadline needs no timer of its own
    // while nothing waits on the call's signal.
    expect(counts.controllers).toBe(1);
    expect(counts.timers).toBe(1);
    expect(counts.headers).toBe(1);
    expect(counts.listeners).toBe(0);
    expect(AbortSignal.any).not.toHaveBeenCalled();
    expect(AbortSignal.timeout).not.toHaveBeenCalled();
  });

  it("makes one controller with a granted token at hand, and none for the token", async () => {
    const api = plainFetch([200, { user_id: "auth0|1" }]);
    const fetch = async (url: URL | RequestInfo) =>
      String(url).endsWith("/oauth/token")
        ? new Response(
            JSON.stringify({ access_token: "granted", token_type: "Bearer", expires_in: 86400 }),
            { headers: { "content-type": "application/json" } },
          )
        : api.fetch(url);
    const client = createManagementClient({
      domain: DOMAIN,
      clientId: "hot-path-cached",
      clientSecret: "hot-path-secret",
      fetch,
    });
    await getUser(client, { id: "auth0|1" });
    reset();
    await expect(getUser(client, { id: "auth0|1" })).resolves.toEqual({ user_id: "auth0|1" });
    expect(counts.controllers).toBe(1);
    expect(counts.timers).toBe(1);
    expect(counts.listeners).toBe(0);
  });

  it("gives a step that reads the call's signal one that aborts at the deadline with a TimeoutError", async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      timeoutMs: 1000,
      middleware: [
        {
          name: "watcher",
          middleware: (ctx, next) => {
            seen = ctx.signal;
            return next();
          },
        },
      ],
      fetch: (_url, init) => unanswered(init),
    });
    const call = getUser(client, { id: "auth0|1" });
    call.catch(() => {});
    await vi.advanceTimersByTimeAsync(999);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(TimeoutError);
    await expect(call).rejects.toBeInstanceOf(TimeoutError);
  });

  it("adds at most one controller and one timer per retry (and one timer for the wait)", async () => {
    const api = plainFetch([503, { statusCode: 503 }], [200, { user_id: "auth0|1" }]);
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: api.fetch,
      retry: { baseDelayMs: 0 },
    });
    reset();
    await expect(getUser(client, { id: "auth0|1" })).resolves.toEqual({ user_id: "auth0|1" });
    expect(api.sent).toHaveLength(2);
    expect(counts.controllers).toBeLessThanOrEqual(3);
    expect(counts.timers).toBeLessThanOrEqual(4);
    // The wait between the attempts listens to the call's signal; the attempts do not.
    expect(counts.listeners).toBeLessThanOrEqual(1);
  });

  it("follows a caller's signal: aborting it ends the attempt in flight with the caller's reason", async () => {
    const stop = new AbortController();
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: (_url, init) => {
        queueMicrotask(() => stop.abort(new Error("caller stopped")));
        return unanswered(init);
      },
    });
    await expect(getUser(client, { id: "auth0|1" }, { signal: stop.signal })).rejects.toThrow(
      "caller stopped",
    );
  });

  it("ends an attempt at its own time budget without following the call's signal, then retries", async () => {
    vi.useFakeTimers();
    let attempts = 0;
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      attemptTimeoutMs: 1000,
      retry: { baseDelayMs: 0 },
      fetch: (_url, init) =>
        ++attempts === 1
          ? unanswered(init)
          : Promise.resolve(Response.json({ user_id: "auth0|1" })),
    });
    reset();
    const call = getUser(client, { id: "auth0|1" });
    // The attempt's budget, then the (zero) wait before the retry.
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(10);
    await expect(call).resolves.toEqual({ user_id: "auth0|1" });
    expect(attempts).toBe(2);
    // The fetch's own listener, and the wait between the attempts (the call's signal).
    expect(counts.listeners).toBeLessThanOrEqual(2);
  });

  it("ends the call at its deadline with a TimeoutError", async () => {
    vi.useFakeTimers();
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      timeoutMs: 1000,
      attemptTimeoutMs: 5000,
      fetch: (_url, init) => unanswered(init),
    });
    const call = getUser(client, { id: "auth0|1" });
    const settled = expect(call).rejects.toMatchObject({
      code: "ERR_TIMEOUT",
      message: "[GET] /api/v2/users/auth0%7C1: no answer within 1000 ms",
    });
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
  });

  it("ends a wait for a token grant at the call's deadline with a TimeoutError", async () => {
    vi.useFakeTimers();
    let grants = 0;
    const client = createManagementClient({
      domain: DOMAIN,
      clientId: "hot-path-slow-grant",
      clientSecret: "hot-path-secret",
      fetch: (url, init) => {
        if (String(url).endsWith("/oauth/token")) grants++;
        // The grant hangs until its own (longer) budget ends.
        return unanswered(init);
      },
    });
    const call = getUser(client, { id: "auth0|1" }, { timeoutMs: 1000 });
    const settled = expect(call).rejects.toMatchObject({ code: "ERR_TIMEOUT" });
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    expect(grants).toBe(1);
  });

  it("follows a signal a step sets: aborting it ends the attempt in flight with its reason", async () => {
    const stop = new AbortController();
    const client = createManagementClient({
      domain: DOMAIN,
      token: "t",
      middleware: [
        {
          name: "own-signal",
          middleware: (ctx, next) => {
            ctx.signal = stop.signal;
            return next();
          },
        },
      ],
      fetch: (_url, init) => {
        queueMicrotask(() => stop.abort(new Error("the step stopped it")));
        return unanswered(init);
      },
    });
    await expect(getUser(client, { id: "auth0|1" })).rejects.toThrow("the step stopped it");
  });
});
