import { describe, expect, it } from "vitest";
import {
  ManagementApiError,
  NetworkError,
  RateLimitError,
  type RequestContext,
} from "../../src/index.js";
import { loopbackForSuite } from "./loopback-server.js";

const server = loopbackForSuite();

/**
 * Every Management API request answers `status`; 429s ask for no wait. The core still waits
 * its own backoff under a server's hint (never less), so the tests that make ten retries
 * give the classic's `minTimeout` (our base delay) 1 ms: the counts are the defaults', the
 * waits a few milliseconds.
 */
function answerAlways(status: number) {
  server.answer(() => ({
    status,
    headers: status === 429 ? { "retry-after": "0" } : undefined,
    body: { statusCode: status, error: "Failure", message: `always ${status}` },
  }));
}

describe("compat: retries as the classic client", () => {
  it("rejects a persistent 500 on getUsers() after exactly 1 request", async () => {
    answerAlways(500);
    await expect(server.compat().getUsers()).rejects.toBeInstanceOf(ManagementApiError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a persistent 429 10 times by default: exactly 11 requests", async () => {
    answerAlways(429);
    const error = await server
      .compat({ retry: { minTimeout: 1 } })
      .getUsers()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).attempts).toBe(11);
    expect(server.requests).toHaveLength(11);
  });

  it("retries a 429 of a POST too: the request was refused, not carried out", async () => {
    let calls = 0;
    server.answer(() =>
      ++calls === 1 ? { status: 429, headers: { "retry-after": "0" } } : undefined,
    );
    await expect(server.compat().createUser({ connection: "db" })).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  it("retry.enabled: false makes a single attempt", async () => {
    answerAlways(429);
    await expect(server.compat({ retry: { enabled: false } }).getUsers()).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("retry.maxRetries: makes that many retries, at most 10", async () => {
    answerAlways(429);
    await server
      .compat({ retry: { maxRetries: 2, minTimeout: 1 } })
      .getUsers()
      .catch(() => {});
    expect(server.requests).toHaveLength(3);
    server.reset();
    answerAlways(429);
    await server
      .compat({ retry: { maxRetries: 50, minTimeout: 1 } })
      .getUsers()
      .catch(() => {});
    expect(server.requests).toHaveLength(11);
  });

  it("retry.retries (node-retry's name) wins over maxRetries; the other node-retry keys are accepted", async () => {
    answerAlways(429);
    const management = server.compat({
      retry: {
        maxRetries: 5,
        retries: 1,
        factor: 3,
        maxTimeout: 10,
        randomize: false,
        unref: true,
      },
    });
    await management.getUsers().catch(() => {});
    expect(server.requests).toHaveLength(2);
  });

  it("maps the classic retry options onto the core's: minTimeout is the first backoff step; waits up to 60 s, calls up to 11 minutes", async () => {
    const seen: unknown[] = [];
    const observe = {
      middleware: (ctx: RequestContext, next: () => Promise<Response>) => {
        seen.push({ ...ctx.retry, timeoutMs: ctx.timeoutMs });
        return next();
      },
    };
    await server
      .compat({ retry: { minTimeout: 1500, retries: 4 }, core: { middleware: [observe] } })
      .getUsers();
    await server.compat({ core: { middleware: [observe] } }).getUsers();
    expect(seen).toEqual([
      expect.objectContaining({
        maxRetries: 4,
        baseDelayMs: 1500,
        maxDelayMs: 60_000,
        timeoutMs: 660_000,
      }),
      expect.objectContaining({
        maxRetries: 10,
        baseDelayMs: 250,
        maxDelayMs: 60_000,
        timeoutMs: 660_000,
      }),
    ]);
  });

  it("retry.transientErrors: true lets a GET's 5xx be retried by this package's rules, never a POST's", async () => {
    answerAlways(503);
    const management = server.compat({
      retry: { transientErrors: true, maxRetries: 2 },
      core: { retry: { baseDelayMs: 0 } },
    });
    await management.getUsers().catch(() => {});
    expect(server.requests).toHaveLength(3);
    server.reset();
    answerAlways(503);
    await management.createUser({ connection: "db" }).catch(() => {});
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry a network error by default", async () => {
    const attempts: string[] = [];
    const management = server.compat({
      core: {
        fetch: async (input) => {
          attempts.push(String(input));
          throw new TypeError("fetch failed");
        },
      },
    });
    const error = await management.getUsers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(attempts).toHaveLength(1);
  });
});
