import { describe, expect, it } from "vitest";
import { InvalidResponseError, NetworkError } from "../src/index.js";
import { classify, type ResolvedRetryOptions, retryDelay } from "../src/retry-strategy.js";

const options: ResolvedRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  retryNonIdempotent: false,
};

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
    expect(classify("GET", new NetworkError("reset"), false)).toBe("transient");
    expect(classify("GET", new InvalidResponseError("bad json", { statusCode: 200 }), false)).toBe(
      "transient",
    );
    expect(classify("POST", new NetworkError("reset"), false)).toBeUndefined();
    expect(classify("GET", new Error("a bug"), false)).toBeUndefined();
    expect(classify("GET", new DOMException("aborted", "AbortError"), false)).toBeUndefined();
  });
});

describe("the delay", () => {
  it.each([1, 2, 3, 4, 5, 6, 7])(
    "keeps retry %d's backoff within [½, 1) of its capped step",
    (retry) => {
      const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
      // Without a server's hint, the backoff alone: the lowest and the highest draw.
      const backoff = (random?: number) =>
        retryDelay("transient", retry, undefined, options, 0, random);
      expect(backoff(0)).toBe(step / 2);
      expect(backoff(0.999_999)).toBeLessThan(step);
      expect(backoff(0.999_999)).toBeGreaterThanOrEqual(step - 1);
      for (let i = 0; i < 200; i++) {
        const wait = backoff();
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
    // Retry-After does count on a 5xx.
    expect(retryDelay("transient", 1, new Headers({ "retry-after": "7" }), options, 0)).toBe(7000);
  });
});
