import { NetworkError } from "../errors.js";
import type { Middleware, RequestContext } from "../pipeline.js";
import { readRateLimit, serverRetryDelay } from "../rate-limit.js";
import { sleep } from "../signals.js";

/** Methods whose repetition has the same effect as one call, so a lost answer can be asked again. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Answers that mean "try again later" but may follow a request the server had
 * started to carry out, so they are retried only for idempotent methods:
 * 408 Request Timeout, 500 Internal Server Error, 502 Bad Gateway,
 * 503 Service Unavailable, 504 Gateway Timeout. (501 Not Implemented never changes.)
 */
const TRANSIENT_STATUS = new Set([408, 500, 502, 503, 504]);

/** Full-jitter exponential backoff: a random wait in [0, min(cap, base · 2^(retry-1))). */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return Math.floor(Math.random() * ceiling);
}

/**
 * What a client remembers of Auth0's rate-limit headers: after an answer with
 * `X-RateLimit-Remaining: 0`, the next requests wait for the reset instead of
 * spending a request on a certain 429.
 */
export interface RateLimitGate {
  blockedUntil: number;
}

function observe(gate: RateLimitGate, headers: Headers, now: number): void {
  const info = readRateLimit(headers);
  if (info?.remaining === 0 && info.resetAt !== undefined && info.resetAt > now) {
    gate.blockedUntil = Math.max(gate.blockedUntil, info.resetAt);
  }
}

/** Whether waiting `ms` fits in the call: within the cap and finished before the deadline. */
function canWait(ctx: RequestContext, ms: number): boolean {
  return ms <= ctx.retry.maxDelayMs && Date.now() + ms <= ctx.deadline;
}

async function waitForGate(ctx: RequestContext, gate: RateLimitGate): Promise<void> {
  const wait = gate.blockedUntil - Date.now();
  // A wait that does not fit is skipped, not shortened: the server then decides.
  if (wait > 0 && canWait(ctx, wait)) await sleep(wait, ctx.signal);
}

/**
 * Retries as the README's "Retries" section says: 429 always, with the server's
 * hint (Retry-After, then X-RateLimit-Reset) or full-jitter backoff; 5xx, 408 and
 * network errors only when the method is idempotent or the caller opted in; never
 * a wait longer than `maxDelayMs` or past the deadline, and never after abort.
 */
export function createRetryStep(gate: RateLimitGate): Middleware {
  return async (ctx, next) => {
    const replayable = IDEMPOTENT_METHODS.has(ctx.method) || ctx.retry.retryNonIdempotent;
    for (let attempt = 1; ; attempt++) {
      ctx.attempt = attempt;
      await waitForGate(ctx, gate);
      let response: Response | undefined;
      try {
        response = await next();
      } catch (error) {
        const retryable = error instanceof NetworkError && replayable;
        if (!retryable || attempt > ctx.retry.maxRetries) throw error;
        const wait = backoffDelay(attempt, ctx.retry.baseDelayMs, ctx.retry.maxDelayMs);
        if (!canWait(ctx, wait)) throw error;
        await sleep(wait, ctx.signal);
        continue;
      }
      const now = Date.now();
      observe(gate, response.headers, now);
      const retryable =
        response.status === 429 || (TRANSIENT_STATUS.has(response.status) && replayable);
      if (!retryable || attempt > ctx.retry.maxRetries) return response;
      const hinted = serverRetryDelay(response.headers, now);
      const wait = hinted ?? backoffDelay(attempt, ctx.retry.baseDelayMs, ctx.retry.maxDelayMs);
      if (!canWait(ctx, wait)) return response;
      await sleep(wait, ctx.signal);
    }
  };
}
