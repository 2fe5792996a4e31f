import type { ClientObserver } from "../observer.js";
import type { Middleware, RequestContext } from "../pipeline.js";
import { readRateLimit } from "../rate-limit.js";
import { requestIdOf } from "../response.js";

/** A call or a token grant, as observers see it: never a body, a header or a credential. */
export interface ObservedCall {
  /** `call` for a Management API call, `grant` for a token grant. */
  kind: "call" | "grant";
  method: string;
  /** The path template (`/api/v2/users/{id}`), without the values that fill it. */
  path: string;
  /** The filled path (`/api/v2/users/auth0%7C123`), without the query. */
  filledPath: string;
  /** The host the call goes to. */
  host: string;
}

/** One attempt: its number, and the wait before it. */
export interface ObservedAttempt extends ObservedCall {
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Milliseconds waited before this attempt (backoff or the server's hint); 0 for the first. */
  waitedMs: number;
}

/** How an attempt or a call ended. */
export interface ObservedOutcome {
  durationMs: number;
  /** The answer's status; none when no answer came. */
  status: number | undefined;
  /** The error's `code` (`ERR_NETWORK`, `ERR_TIMEOUT`, …) or name, when it threw. */
  error: string | undefined;
  /** The error's message, redacted, when it threw. */
  message: string | undefined;
  /** `X-RateLimit-Remaining`, `-Limit` and `-Reset` (ms since the epoch) of the answer. */
  rateLimitRemaining: number | undefined;
  rateLimitLimit: number | undefined;
  rateLimitResetAt: number | undefined;
  requestId: string | undefined;
}

/** The end of a call: attempts made and time spent waiting between them. */
export interface ObservedCallEnd extends ObservedCall, ObservedOutcome {
  attempts: number;
  retryDelayMs: number;
}

/**
 * What an observer does at each point. `callStart` may return a value (a span, say) that
 * the other hooks of the same call receive; `attemptStart` may return one for its
 * `attemptEnd`, and may add request headers (trace context) with `setHeader`. A hook that
 * throws is ignored: observing never fails a call.
 */
export interface ObserverHooks<C = unknown, A = unknown> {
  callStart?(call: ObservedCall): C;
  attemptStart?(
    attempt: ObservedAttempt,
    call: C,
    setHeader: (name: string, value: string) => void,
  ): A;
  attemptEnd?(attempt: ObservedAttempt & ObservedOutcome, call: C, state: A): void;
  callEnd?(call: ObservedCallEnd, state: C): void;
}

const CALL = Symbol("observed call");

function safely<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function describe(ctx: RequestContext): ObservedCall {
  const grant = ctx.path === undefined;
  return {
    kind: grant ? "grant" : "call",
    method: ctx.method,
    path: grant ? ctx.url.pathname : `/api/v2${ctx.path}`,
    filledPath: ctx.url.pathname,
    host: ctx.url.host,
  };
}

function outcome(started: number, response: Response | undefined, error: unknown): ObservedOutcome {
  const rate = response && readRateLimit(response.headers);
  const e = error as { code?: unknown; name?: unknown; message?: unknown } | undefined;
  return {
    durationMs: Date.now() - started,
    status: response?.status,
    error: error === undefined ? undefined : String(e?.code ?? e?.name ?? "Error"),
    message: error === undefined ? undefined : String(e?.message ?? error),
    rateLimitRemaining: rate?.remaining,
    rateLimitLimit: rate?.limit,
    rateLimitResetAt: rate?.resetAt,
    requestId: response && requestIdOf(response.headers),
  };
}

/** Runs `next`, then reports its outcome (the response, or the error it threw). */
async function timed(
  next: () => Promise<Response>,
  report: (outcome: ObservedOutcome) => void,
): Promise<Response> {
  const started = Date.now();
  try {
    const response = await next();
    report(outcome(started, response, undefined));
    return response;
  } catch (error) {
    report(outcome(started, undefined, error));
    throw error;
  }
}

/**
 * Makes a {@link ClientObserver} of hooks: a step before every other for calls and
 * grants, and one after `retry` for attempts. Every value a hook receives has been
 * through the client's redaction, as errors are.
 */
export function observer<C, A>(hooks: ObserverHooks<C, A>): ClientObserver {
  return (redact) => {
    const call: Middleware = (ctx, next) => {
      const info = redact(describe(ctx));
      const state = safely(() => hooks.callStart?.(info)) as C;
      ctx.state[CALL] = { state, waited: 0 };
      return timed(next, (out) =>
        safely(() =>
          hooks.callEnd?.(
            redact({ ...info, ...out, attempts: ctx.attempt, retryDelayMs: ctx.retryDelayMs }),
            state,
          ),
        ),
      );
    };
    const attempt: Middleware = (ctx, next) => {
      const mine = ctx.state[CALL] as { state: C; waited: number } | undefined;
      const info = redact({
        ...describe(ctx),
        attempt: ctx.attempt,
        waitedMs: ctx.retryDelayMs - (mine?.waited ?? 0),
      });
      if (mine) mine.waited = ctx.retryDelayMs;
      const setHeader = (name: string, value: string) => ctx.headers.set(name, value);
      const state = safely(() => hooks.attemptStart?.(info, mine?.state as C, setHeader)) as A;
      return timed(next, (out) =>
        safely(() => hooks.attemptEnd?.(redact({ ...info, ...out }), mine?.state as C, state)),
      );
    };
    return [
      { name: "observe", middleware: call, before: "telemetry" },
      { name: "observe", middleware: attempt, after: "retry" },
    ];
  };
}

/** One observer made of several (a logger and tracing, say), each seeing every call. */
export function observeWith(...observers: ClientObserver[]): ClientObserver {
  return (redact) => observers.flatMap((observe) => observe(redact));
}
