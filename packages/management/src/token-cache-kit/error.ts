import { ManagementError } from "../errors.js";

/** What a {@link TokenCacheError} is about. */
export type TokenCacheErrorReason =
  /** A token or `ttlSeconds` given to `set` that the cache refuses to store. */
  | "invalid-value"
  /** An option of a cache factory (a prefix, a clock, an encryption key, …). */
  | "invalid-option"
  /** The store did not answer in time. */
  | "timeout"
  /** The store failed (threw or rejected). */
  | "failure";

/**
 * An error of a token cache (`@auth0-edge/token-cache-*`, or a cache built on
 * `@auth0-edge/management/token-cache`): refused input, a bad option, a store that failed.
 * The client treats a cache that throws as a miss; the error matters where you call the
 * cache yourself or log its failures. Its message never contains a token or a key.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * try { await cache.set(key, token, 60); }
 * catch (e) { if (e instanceof TokenCacheError && e.reason === "invalid-value") … }
 * ```
 */
export class TokenCacheError extends ManagementError {
  static override readonly kind: string = "TokenCacheError";
  static override readonly code = "ERR_TOKEN_CACHE";
  declare readonly code: "ERR_TOKEN_CACHE";
  declare readonly reason: TokenCacheErrorReason;

  constructor(
    reason: TokenCacheErrorReason,
    message: string,
    fields: Record<string, unknown> = {},
  ) {
    super(message, { ...fields, reason });
  }
}
