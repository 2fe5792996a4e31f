import { InvalidInputError } from "./errors.js";
import type { RetryOptions } from "./options.js";
import type { RequestContext } from "./pipeline.js";
import { type ResolvedRetryOptions, resolveRetry } from "./retry-strategy.js";
import { numberOption } from "./validate.js";
import type { BodyLike, HeadersLike } from "./web-types.js";

/** The client's defaults a call starts from. */
export interface CallDefaults {
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  attemptTimeoutMs: number;
}

/** What a call may override; every value is checked, and a bad one is an `InvalidInputError`. */
export interface ContextOverrides {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  attemptTimeoutMs?: number | undefined;
  retry?: RetryOptions | undefined;
}

/** `init` as `Headers`; a header name or value fetch would refuse (CR, LF, NUL, non-Latin-1) is refused here. */
export function headersOf(init: HeadersLike | undefined, extra?: Record<string, unknown>): Headers {
  try {
    const headers = new Headers(init);
    for (const [name, value] of Object.entries(extra ?? {})) {
      if (value !== undefined && value !== null) headers.set(name, String(value));
    }
    return headers;
  } catch {
    throw new InvalidInputError("invalid header name or value");
  }
}

/**
 * The context of one call, for `request` and the token grant alike: the client's
 * defaults with the call's overrides, checked. A signal that is already aborted sends
 * nothing, not even a token grant.
 */
export function createContext(
  defaults: CallDefaults,
  method: string,
  url: URL,
  headers: Headers,
  body: BodyLike | undefined,
  overrides: ContextOverrides,
): RequestContext {
  const { signal } = overrides;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidInputError("`signal` must be an AbortSignal");
  }
  signal?.throwIfAborted();
  return {
    method,
    url,
    headers,
    body,
    // A signal of its own per call: one shared never-aborting signal would collect a listener per call.
    signal: signal ?? new AbortController().signal,
    deadline: Number.POSITIVE_INFINITY,
    attempt: 1,
    retryDelayMs: 0,
    retry: resolveRetry(overrides.retry, defaults.retry, InvalidInputError),
    attemptTimeoutMs: numberOption(
      InvalidInputError,
      "attemptTimeoutMs",
      overrides.attemptTimeoutMs,
      defaults.attemptTimeoutMs,
      1,
    ),
    timeoutMs: numberOption(
      InvalidInputError,
      "timeoutMs",
      overrides.timeoutMs,
      defaults.timeoutMs,
      1,
    ),
    state: {},
  };
}
