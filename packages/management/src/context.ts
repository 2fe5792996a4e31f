import { InvalidInputError } from "./errors.js";
import type { RequestContext } from "./pipeline.js";
import type { ResolvedRetryOptions } from "./retry-strategy.js";
import { ownSignal } from "./signals.js";
import type { BodyLike, HeadersLike } from "./web-types.js";

/** The client's defaults a call starts from. */
export interface CallDefaults {
  retry: ResolvedRetryOptions;
  timeoutMs: number;
  attemptTimeoutMs: number;
}

/** What a call may override, checked (see `CALL_OPTIONS` of request.ts). */
export interface ContextOverrides {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  attemptTimeoutMs?: number | undefined;
  retry?: Partial<ResolvedRetryOptions> | undefined;
  /** The path template, kept for observers (a checked option of `request`). */
  path?: unknown;
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
 * defaults with the call's checked overrides. A signal that is already aborted sends
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
  signal?.throwIfAborted();
  return {
    method,
    url,
    path: overrides.path as string | undefined,
    headers,
    body,
    // A signal of its own per call, which the timeout step arms with the deadline (one
    // shared never-aborting signal would collect the listeners of every call's waits).
    signal: signal ?? ownSignal(),
    deadline: Infinity,
    attempt: 1,
    retryDelayMs: 0,
    retry: { ...defaults.retry, ...overrides.retry },
    attemptTimeoutMs: overrides.attemptTimeoutMs ?? defaults.attemptTimeoutMs,
    timeoutMs: overrides.timeoutMs ?? defaults.timeoutMs,
    state: {},
  };
}
