/**
 * `@auth0-edge/management/logger`: {@link logTo}, the client's logger. Pass its result as the
 * client's `observer`; a client without one logs nothing.
 *
 * @packageDocumentation
 * @module logger
 */

import { type ObservedOutcome, observer } from "./observe/hooks.js";
import type { ClientObserver } from "./observer.js";

export type {
  ObservedAttempt,
  ObservedCall,
  ObservedCallEnd,
  ObservedOutcome,
  ObserverHooks,
} from "./observe/hooks.js";
export { observer, observeWith } from "./observe/hooks.js";
export type { ClientObserver } from "./observer.js";

/** What {@link logTo} writes to: `console`, or any logger with these methods (pino, winston, …). */
export interface Logger {
  debug?(message: string, fields: LogFields): void;
  info?(message: string, fields: LogFields): void;
  warn?(message: string, fields: LogFields): void;
  error?(message: string, fields: LogFields): void;
}

/** The fields of one log event. */
export interface LogFields {
  /** `GET /api/v2/users/{id}` (the template), or the filled path with `fullPaths`. */
  operation: string;
  method: string;
  path: string;
  status: number | undefined;
  /** The attempt's number (attempt events) or the attempts made (token grants). */
  attempt: number;
  durationMs: number;
  /** The wait before this attempt (attempt events) or all waits (token grants), in ms. */
  waitedMs: number;
  rateLimitRemaining: number | undefined;
  requestId: string | undefined;
  /** The error's code, and its redacted message, when the attempt threw. */
  error?: string;
  message?: string;
}

export interface LogOptions {
  /** Log filled paths (`/api/v2/users/auth0%7C123`, with user ids) instead of templates. Default false. */
  fullPaths?: boolean;
}

function fields(
  base: { method: string; path: string; filledPath: string },
  out: ObservedOutcome,
  attempt: number,
  waitedMs: number,
  fullPaths: boolean,
): LogFields {
  const path = fullPaths ? base.filledPath : base.path;
  const event: LogFields = {
    operation: `${base.method} ${path}`,
    method: base.method,
    path,
    status: out.status,
    attempt,
    durationMs: out.durationMs,
    waitedMs,
    rateLimitRemaining: out.rateLimitRemaining,
    requestId: out.requestId,
  };
  if (out.error !== undefined) Object.assign(event, { error: out.error, message: out.message });
  return event;
}

const failed = (out: ObservedOutcome) => out.error !== undefined || (out.status ?? 0) >= 400;

/**
 * A logger for the client: one structured event per attempt of a Management API call
 * (`debug` when it succeeded, `warn` when it failed) and one per token grant (`info`, or
 * `error` when it failed), each with the operation, method, path template, status,
 * attempt, duration, wait before the attempt and rate-limit remaining. Never a body, a
 * header or a credential, and every field is redacted of the client's secret and tokens
 * as errors are. `console` fits, as do pino and winston loggers.
 *
 * @example
 * ```ts
 * import { createManagementClient } from "@auth0-edge/management";
 * import { logTo } from "@auth0-edge/management/logger";
 *
 * const client = createManagementClient({ domain, clientId, clientSecret, observer: logTo(console) });
 * // console.debug("auth0-edge attempt", { operation: "GET /api/v2/users/{id}", status: 200, attempt: 1, … })
 * ```
 */
export function logTo(logger: Logger, options: LogOptions = {}): ClientObserver {
  const fullPaths = options.fullPaths === true;
  return observer({
    attemptEnd(attempt) {
      if (attempt.kind !== "call") return;
      const event = fields(attempt, attempt, attempt.attempt, attempt.waitedMs, fullPaths);
      (failed(attempt) ? logger.warn : logger.debug)?.call(logger, "auth0-edge attempt", event);
    },
    callEnd(call) {
      if (call.kind !== "grant") return;
      const event = fields(call, call, call.attempts, call.retryDelayMs, fullPaths);
      (failed(call) ? logger.error : logger.info)?.call(logger, "auth0-edge token grant", event);
    },
  });
}
