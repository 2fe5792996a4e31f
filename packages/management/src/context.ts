import { InvalidInputError } from "./errors.js";
import type { RequestContext } from "./pipeline.js";
import type { ResolvedRetryOptions } from "./retry-strategy.js";
import { type CallSignal, ownSignal } from "./signals.js";
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
export function headersOf(init: HeadersLike | undefined): Headers {
  try {
    return new Headers(init);
  } catch {
    throw new InvalidInputError(BAD_HEADER);
  }
}

/** What a header that fetch would refuse is told; `operation.ts` says it of the headers it adds too. */
export const BAD_HEADER = "invalid header name or value";

/**
 * The context of one call, for `request` and the token grant alike: the client's defaults
 * with the call's checked overrides. A signal that is already aborted sends nothing, not
 * even a token grant. The `signal` lives on the prototype: without the caller's, a call has
 * a signal of its own, made when first read (one shared never-aborting signal would collect
 * the listeners of every call's waits). A class, because V8 makes its objects quickly: an
 * object literal given a prototype (`__proto__`) costs about 30 times as much.
 */
export class CallContext implements CallSignal, RequestContext {
  // Declared only: the constructor sets each, in one order, so every context has one shape.
  declare s: AbortSignal | undefined;
  declare method: string;
  declare url: URL;
  declare path: string | undefined;
  declare headers: Headers;
  declare body: BodyLike | undefined;
  declare deadline: number;
  declare attempt: number;
  declare retryDelayMs: number;
  declare retry: ResolvedRetryOptions;
  declare attemptTimeoutMs: number;
  declare timeoutMs: number;
  declare state: Record<PropertyKey, unknown>;
  declare result?: RequestContext["result"];

  constructor(
    defaults: CallDefaults,
    method: string,
    url: URL,
    headers: Headers,
    body: BodyLike | undefined,
    overrides: ContextOverrides,
  ) {
    overrides.signal?.throwIfAborted();
    this.s = overrides.signal;
    this.method = method;
    this.url = url;
    this.path = overrides.path as string | undefined;
    this.headers = headers;
    this.body = body;
    this.deadline = Infinity;
    this.attempt = 1;
    this.retryDelayMs = 0;
    this.retry = { ...defaults.retry, ...overrides.retry };
    this.attemptTimeoutMs = overrides.attemptTimeoutMs ?? defaults.attemptTimeoutMs;
    this.timeoutMs = overrides.timeoutMs ?? defaults.timeoutMs;
    this.state = {};
  }

  get signal(): AbortSignal {
    this.s ??= ownSignal(this);
    return this.s;
  }

  set signal(signal: AbortSignal) {
    this.s = signal;
  }
}
