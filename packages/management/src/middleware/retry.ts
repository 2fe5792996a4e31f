import type { Middleware, RequestContext } from "../pipeline.js";
import { classify, gateOpensAt, observeGate, retryDelay, spendRetry } from "../retry-strategy.js";
import { sleep } from "../signals.js";

/** Whether waiting `ms` fits in the call: within the cap and finished before the deadline. */
const canWait = (ctx: RequestContext, ms: number): boolean =>
  ms <= ctx.retry.maxDelayMs && Date.now() + ms <= ctx.deadline;

/**
 * Retries as the README's "Retries" section says, with the rules of
 * `retry-strategy.ts`: 429 always, on the server's hint floored by backoff; 5xx, 408,
 * network errors and unreadable answers only when the method may be replayed, and
 * only while the budget of `key` (domain and client id) lasts; never a wait longer
 * than `maxDelayMs` or past the deadline, and never after abort.
 */
export function createRetryStep(key: string): Middleware {
  return async (ctx, next) => {
    // The token endpoint's gate (`… true`) and the API's (`… false`) are apart.
    const gate = key + (ctx.url.pathname === "/oauth/token");
    for (;;) {
      const wait = gateOpensAt(gate) - Date.now();
      // A wait that does not fit is skipped, not shortened: the server then decides.
      if (wait > 0 && canWait(ctx, wait)) await sleep(wait, ctx.signal);
      let response: Response | undefined;
      let outcome: unknown;
      try {
        response = await next();
        outcome = response.status;
      } catch (error) {
        outcome = error;
      }
      const now = Date.now();
      if (response) observeGate(gate, response.headers, now);
      const verdict = classify(ctx.method, outcome, ctx.retry.retryNonIdempotent);
      if (response?.ok) spendRetry(key, 1);
      const delay =
        verdict && ctx.attempt <= ctx.retry.maxRetries
          ? retryDelay(verdict, ctx.attempt, response?.headers, ctx.retry, now)
          : -1;
      // 429s do not draw on the budget: the server's hint and the gate pace them.
      if (delay < 0 || !canWait(ctx, delay) || (verdict === "transient" && !spendRetry(key, -1))) {
        if (response) return response;
        throw outcome;
      }
      await sleep(delay, ctx.signal);
      ctx.retryDelayMs += delay;
      ctx.attempt++;
    }
  };
}
