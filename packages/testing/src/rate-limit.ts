/** Outcome of one request against the tenant's rate limit. */
export interface RateLimitDecision {
  allowed: boolean;
  /** The `x-ratelimit-*` headers (and `retry-after` when refused) to send. */
  headers: Record<string, string>;
}

/** A rate limiter; `take()` counts one request. */
export interface RateLimiter {
  take(): RateLimitDecision;
  reset(): void;
}

/**
 * A fixed-window limiter on the injected clock. Windows are aligned on multiples of
 * `windowSeconds` since the epoch so that `x-ratelimit-reset` is predictable in tests.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ limit: 2, windowSeconds: 1 }, () => Date.now());
 * limiter.take().allowed; // true
 * ```
 */
export function createRateLimiter(
  options: { limit: number; windowSeconds: number },
  now: () => number,
): RateLimiter {
  if (!(options.limit >= 0) || !(options.windowSeconds > 0)) {
    throw new TypeError("rateLimit needs limit >= 0 and windowSeconds > 0");
  }
  const windowMs = options.windowSeconds * 1000;
  let windowStart = Number.NaN;
  let used = 0;

  return {
    take() {
      const current = now();
      const start = Math.floor(current / windowMs) * windowMs;
      if (start !== windowStart) {
        windowStart = start;
        used = 0;
      }
      const resetMs = start + windowMs;
      const headers: Record<string, string> = {
        "x-ratelimit-limit": String(options.limit),
        "x-ratelimit-reset": String(Math.ceil(resetMs / 1000)),
      };
      if (used >= options.limit) {
        headers["x-ratelimit-remaining"] = "0";
        headers["retry-after"] = String(Math.max(1, Math.ceil((resetMs - current) / 1000)));
        return { allowed: false, headers };
      }
      used += 1;
      headers["x-ratelimit-remaining"] = String(options.limit - used);
      return { allowed: true, headers };
    },
    reset() {
      windowStart = Number.NaN;
      used = 0;
    },
  };
}
