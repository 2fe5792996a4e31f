import type { RateLimitInfo } from "./rate-limit.js";
import type { TokenCacheError } from "./token-cache-kit/error.js";

/**
 * Brand shared by every copy of this package, on its error classes, so that `instanceof`
 * holds for an error thrown by one copy and tested against the class of another (two
 * versions of the SDK in one bundle, or a CJS and an ESM copy side by side).
 */
const BRAND = Symbol.for("@auth0-edge/management.error");

/**
 * Every error class of this package by its `code`: the one list {@link AnyManagementError}
 * and {@link ManagementErrorCode} are made from, so a new class joins both with one line.
 */
export interface ManagementErrorsByCode {
  ERR_API: ManagementApiError;
  ERR_RATE_LIMITED: RateLimitError;
  ERR_TIMEOUT: TimeoutError;
  ERR_NETWORK: NetworkError;
  ERR_TOKEN: TokenError;
  ERR_TOKEN_BRAKE: TokenBrakeError;
  /** Thrown by token caches; the client itself treats a failing cache as a miss. */
  ERR_TOKEN_CACHE: TokenCacheError;
  ERR_CONFIGURATION: ConfigurationError;
  ERR_INVALID_INPUT: InvalidInputError;
  ERR_INVALID_RESPONSE: InvalidResponseError;
}

/** Every `code` an error of this package may carry. */
export type ManagementErrorCode = keyof ManagementErrorsByCode;

/** A class of some copy of this package: it carries the brand and a `kind`. */
type Branded = { [BRAND]?: true; kind?: string } | null | undefined;

/**
 * The base of every error this package throws. Narrow on `code`, or with
 * `instanceof` on one of the subclasses.
 *
 * @example
 * ```ts
 * import { ManagementError } from "@auth0-edge/management";
 * try { await getUser(client, { id }); }
 * catch (e) { if (e instanceof ManagementError && e.code === "ERR_RATE_LIMITED") … }
 * ```
 */
export class ManagementError extends Error {
  /** The class name that survives minification; used for cross-copy `instanceof`. */
  static readonly kind: string = "ManagementError";
  /** Every subclass inherits it, in every copy of the package. */
  static readonly [BRAND] = true;
  /** The `code` of the class's errors. */
  declare static readonly code: ManagementErrorCode;
  declare readonly code: ManagementErrorCode;
  /** Attempts the call made, retries included; set on every error a call rejects with (0: nothing was sent). */
  declare readonly attempts?: number;
  /** Milliseconds the call spent waiting between attempts. */
  declare readonly totalRetryDelayMs?: number;

  /** `fields` become the error's own (public) properties; `cause` is its cause. */
  constructor(message: string, fields?: Record<string, unknown>) {
    // Error reads only `cause` from its options: the other fields pass through unseen. The
    // `cause` it made (own, writable, not enumerable) is assigned its own value again below,
    // which keeps it as it is.
    super(message, fields);
    const target = new.target as typeof ManagementError;
    Object.defineProperty(this, "name", { value: target.kind, configurable: true, writable: true });
    Object.assign(this, { code: target.code }, fields);
  }

  /**
   * Whether `value` was made by this class or a subclass, of any copy of the package: the
   * classes up from its constructor are compared by `kind` (a subclass without a kind of
   * its own repeats its parent's).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    for (
      let c = (value as { constructor?: Branded } | null | undefined)?.constructor;
      c?.[BRAND];
      c = Object.getPrototypeOf(c)
    ) {
      // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof`, a subclass included.
      if (c.kind === this.kind) return true;
    }
    return false;
  }

  /** A plain object for logs and JSON: the name, message and public fields, without headers and body. */
  toJSON(): Record<string, unknown> {
    const { headers, body, ...fields } = this as Record<string, unknown>;
    return { name: this.name, message: this.message, ...fields };
  }
}

/** Options are invalid; thrown by `createManagementClient` before any request. */
export class ConfigurationError extends ManagementError {
  static override readonly kind: string = "ConfigurationError";
  static override readonly code = "ERR_CONFIGURATION";
  declare readonly code: "ERR_CONFIGURATION";
}

/** A request's own input is invalid (a missing or unsafe path parameter, say). Nothing was sent. */
export class InvalidInputError extends ManagementError {
  static override readonly kind: string = "InvalidInputError";
  static override readonly code = "ERR_INVALID_INPUT";
  declare readonly code: "ERR_INVALID_INPUT";
}

/** What an HTTP error answer of the Management API carries. */
export interface ApiErrorDetails {
  method: string;
  /** The path and query of the request, without the host. */
  path: string;
  statusCode: number;
  /** Auth0's `error` field, the HTTP reason phrase (`"Not Found"`). */
  error: string;
  /** Auth0's `errorCode` field (`"inexistent_user"`), when it sent one. */
  errorCode: string | undefined;
  message: string;
  headers: Record<string, string>;
  requestId: string | undefined;
  rateLimit: RateLimitInfo | undefined;
  /** The parsed body as Auth0 sent it. */
  body: unknown;
}

/**
 * The Management API answered with an HTTP error.
 *
 * @example
 * ```ts
 * catch (e) {
 *   if (e instanceof ManagementApiError && e.errorCode === "inexistent_user") return null;
 *   throw e;
 * }
 * ```
 */
export class ManagementApiError extends ManagementError {
  static override readonly kind: string = "ManagementApiError";
  static override readonly code: "ERR_API" | "ERR_RATE_LIMITED" = "ERR_API";
  declare readonly code: "ERR_API" | "ERR_RATE_LIMITED";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly statusCode: number;
  declare readonly error: string;
  declare readonly errorCode: string | undefined;
  declare readonly headers: Record<string, string>;
  declare readonly requestId: string | undefined;
  declare readonly rateLimit: RateLimitInfo | undefined;
  declare readonly body: unknown;

  constructor({ message, ...details }: ApiErrorDetails, fields?: Record<string, unknown>) {
    super(
      `[${details.method}] ${details.path}: ${details.statusCode} ${details.error}: ${message}`,
      { ...details, ...fields },
    );
  }
}

/** The API answered 429 and the retries (if any) ran out, or waiting longer was not allowed. */
export class RateLimitError extends ManagementApiError {
  static override readonly kind: string = "RateLimitError";
  static override readonly code = "ERR_RATE_LIMITED";
  declare readonly code: "ERR_RATE_LIMITED";
  /** Milliseconds the server asked to wait, when it said. */
  declare readonly retryAfterMs: number | undefined;
  constructor(details: ApiErrorDetails, retryAfterMs: number | undefined) {
    super(details, { retryAfterMs });
  }
}

/**
 * An answer was not what it claimed to be: a 2xx whose JSON body does not parse, or a
 * list walk whose server repeats itself. `statusCode` and `requestId` say which answer.
 */
export class InvalidResponseError extends ManagementError {
  static override readonly kind: string = "InvalidResponseError";
  static override readonly code = "ERR_INVALID_RESPONSE";
  declare readonly code: "ERR_INVALID_RESPONSE";
  declare readonly statusCode?: number;
  declare readonly requestId?: string;
}

/** The call ran out of its time budget (`timeoutMs`). */
export class TimeoutError extends ManagementError {
  static override readonly kind: string = "TimeoutError";
  static override readonly code = "ERR_TIMEOUT";
  declare readonly code: "ERR_TIMEOUT";
  declare readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message, { timeoutMs });
  }
}

/** The request did not get an HTTP answer (DNS, connection reset, TLS, …). */
export class NetworkError extends ManagementError {
  static override readonly kind: string = "NetworkError";
  static override readonly code = "ERR_NETWORK";
  declare readonly code: "ERR_NETWORK";
}

/** No access token could be obtained: the grant was refused or its answer was unusable. */
export class TokenError extends ManagementError {
  static override readonly kind: string = "TokenError";
  static override readonly code = "ERR_TOKEN";
  declare readonly code: "ERR_TOKEN";
  /** The HTTP status of `/oauth/token`, when it answered. */
  declare readonly statusCode?: number;
  /** The OAuth `error` (`"access_denied"`), when it said. */
  declare readonly error?: string;
}

/**
 * Token grants are paused: the API refused three fresh tokens in a row (or the grant
 * itself was refused three times), so calls fail fast until `retryAt` instead of each
 * paying for a grant that will be refused too. The pause starts at 30 s and doubles,
 * up to 5 minutes, while the refusals go on; one accepted call ends it.
 */
export class TokenBrakeError extends ManagementError {
  static override readonly kind: string = "TokenBrakeError";
  static override readonly code = "ERR_TOKEN_BRAKE";
  declare readonly code: "ERR_TOKEN_BRAKE";
  /** When grants resume, in milliseconds since the Unix epoch. */
  declare readonly retryAt: number;
}

/**
 * Every error this package throws, discriminated by `code` as jose's `AnyJOSEError` is:
 * each member is a class with its own literal code (`ManagementApiError & { code:
 * "ERR_API" }`), so `switch (e.code)` narrows to one class per case, and `case "ERR_API"`
 * does not include `RateLimitError` (whose code is `ERR_RATE_LIMITED`), although a
 * `RateLimitError` is an `instanceof ManagementApiError`.
 *
 * @example
 * ```ts
 * import type { AnyManagementError } from "@auth0-edge/management";
 *
 * function describe(e: AnyManagementError): string {
 *   switch (e.code) {
 *     case "ERR_RATE_LIMITED":
 *       return `rate limited, retry in ${e.retryAfterMs} ms`;
 *     case "ERR_API":
 *       return `${e.statusCode} ${e.errorCode ?? e.error}`;
 *     case "ERR_TIMEOUT":
 *       return `timed out after ${e.timeoutMs} ms`;
 *     default:
 *       return e.message;
 *   }
 * }
 * ```
 */
export type AnyManagementError = {
  [C in ManagementErrorCode]: ManagementErrorsByCode[C] & { readonly code: C };
}[ManagementErrorCode];
