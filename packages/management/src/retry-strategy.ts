import { InvalidResponseError, NetworkError } from "./errors.js";
import { intHeader, readRateLimit } from "./rate-limit.js";
import { boolean, type Check, checkOptions, number } from "./validate.js";

export interface ResolvedRetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryNonIdempotent: boolean;
}

/** The retry options a client starts from. */
export const RETRY_DEFAULTS: ResolvedRetryOptions = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  retryNonIdempotent: false,
};

const RETRY_OPTIONS = {
  maxRetries: /* @__PURE__ */ number(0, 10, true),
  baseDelayMs: /* @__PURE__ */ number(0),
  maxDelayMs: /* @__PURE__ */ number(0),
  retryNonIdempotent: boolean,
};

/** The `retry` option, of a client or a call: the values given, checked strictly, to lay over the defaults. */
export const retryOptions: Check<Partial<ResolvedRetryOptions>> = (value, name, Err) =>
  checkOptions(Err, name, value, RETRY_OPTIONS);

/** Methods whose repetition has the same effect as one call, so a lost answer can be asked again. */
const IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

/**
 * Answers that mean "try again later" but may follow a request the server had
 * started to carry out, so they are retried only for idempotent methods:
 * 408 Request Timeout, 500 Internal Server Error, 502 Bad Gateway,
 * 503 Service Unavailable, 504 Gateway Timeout. (501 Not Implemented never changes.)
 */
const TRANSIENT_STATUS = [408, 500, 502, 503, 504];

/**
 * What an attempt's outcome (an answer's status, or what the attempt threw) calls for:
 * `"throttled"` — a 429, refused and not carried out, so retried for every method on
 * the server's hint; `"transient"` — a 5xx, 408, network error or unreadable answer,
 * retried only when the method may be replayed; `undefined` — final.
 */
export function classify(
  method: string,
  outcome: unknown,
  retryNonIdempotent: boolean,
): "throttled" | "transient" | undefined {
  if (outcome === 429) return "throttled";
  const transient =
    typeof outcome === "number"
      ? TRANSIENT_STATUS.includes(outcome)
      : outcome instanceof NetworkError || outcome instanceof InvalidResponseError;
  return transient && (retryNonIdempotent || IDEMPOTENT_METHODS.includes(method))
    ? "transient"
    : undefined;
}

/**
 * How long the server asked to wait, in milliseconds: `Retry-After` (delta seconds or
 * an HTTP date), and for a 429 then `X-RateLimit-Reset`. Auth0 sends the rate-limit
 * headers on every answer, so on a 5xx the reset says nothing about the outage.
 */
export function serverHint(headers: Headers, throttled: boolean, now: number): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim() ?? "";
  const date = Date.parse(retryAfter);
  // When the server said to come back, in milliseconds since the epoch.
  const at = /^\d+(\.\d+)?$/.test(retryAfter)
    ? now + Math.ceil(Number(retryAfter) * 1000)
    : Number.isFinite(date)
      ? date
      : throttled
        ? readRateLimit(headers)?.resetAt
        : undefined;
  return at === undefined ? undefined : Math.max(0, at - now);
}

/**
 * The wait before retry `retry` (1 for the first): the server's hint, never below the
 * backoff, a random wait in [½, 1) of min(maxDelayMs, baseDelayMs · 2^(retry−1)). Half
 * the step is kept as a floor, so that no retry comes at once and a server's hint of 0
 * cannot make a burst. `random` is the draw of the jitter.
 */
export function retryDelay(
  verdict: "throttled" | "transient",
  retry: number,
  headers: Headers | undefined,
  options: ResolvedRetryOptions,
  now: number,
  random: number = Math.random(),
): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  const hint = headers && serverHint(headers, verdict === "throttled", now);
  return Math.max(hint ?? 0, Math.floor(step / 2 + (random * step) / 2));
}

/**
 * The retry budget of each (domain, clientId) in this isolate: a token bucket, as in
 * AWS's standard retry strategy, so that an outage cannot multiply the traffic. Every
 * transient retry takes one; every successful answer gives one back. A Worker makes a
 * client per request, so the budget belongs to the isolate, not to a client object.
 * With 25, fifty concurrent GETs against an API that answers 503 make 75 requests.
 */
export const RETRY_BUDGET = 25;
const budgets = new Map<string, number>();

/**
 * Takes one retry from `key`'s budget (`change` −1), or gives one back after a
 * successful answer (+1); `false` when there is none left to take.
 */
export function spendRetry(key: string, change: -1 | 1): boolean {
  const left = (budgets.get(key) ?? RETRY_BUDGET) + change;
  if (left < 0) return false;
  budgets.set(key, Math.min(RETRY_BUDGET, left));
  return true;
}

/**
 * When the requests of each rate-limit gate may go again, in milliseconds since the
 * epoch: after `X-RateLimit-Remaining: 0`, later requests wait for the reset instead of
 * spending one on a certain 429. `/oauth/token` and the API are limited apart by Auth0,
 * so they have gates apart.
 */
const gates = new Map<string, number>();

export function gateOpensAt(gate: string): number {
  return gates.get(gate) ?? 0;
}

export function observeGate(gate: string, headers: Headers, now: number): void {
  // Most answers have requests left: one header read, not three.
  if (intHeader(headers, "x-ratelimit-remaining") !== 0) return;
  const resetAt = (intHeader(headers, "x-ratelimit-reset") ?? 0) * 1000;
  if (resetAt > now) gates.set(gate, Math.max(gateOpensAt(gate), resetAt));
}
