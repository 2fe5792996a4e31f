/** Auth0's rate-limit headers, parsed. */
export interface RateLimitInfo {
  /** `X-RateLimit-Limit`: requests allowed in the window. */
  limit: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in the window. */
  remaining: number | undefined;
  /** `X-RateLimit-Reset`: when the window resets, in milliseconds since the epoch. */
  resetAt: number | undefined;
}

/** A header of digits as a number; `undefined` when it is missing or holds anything else. */
export function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  return raw !== null && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
}

/** The rate-limit state a response reports, or `undefined` when it has no such header. */
export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const limit = intHeader(headers, "x-ratelimit-limit");
  const remaining = intHeader(headers, "x-ratelimit-remaining");
  const reset = intHeader(headers, "x-ratelimit-reset");
  if ((limit ?? remaining ?? reset) === undefined) return undefined;
  return { limit, remaining, resetAt: reset === undefined ? undefined : reset * 1000 };
}
