/** A token as it is kept in a {@link TokenCache}. */
export interface CachedToken {
  /** The bearer token for the Management API. */
  accessToken: string;
  /** When the token stops being valid, in milliseconds since the Unix epoch. */
  expiresAt: number;
}

/**
 * Where access tokens are kept between requests, isolates and processes.
 *
 * Any object with these methods works (in-memory, Workers KV, Redis, …). A cache
 * that fails — it throws, rejects or returns something that is not a
 * {@link CachedToken} — never fails an API call: the client treats the failure as a
 * miss and fetches a token itself.
 *
 * Keys are derived from (domain, clientId, audience, scope) and never contain the
 * client secret or private key.
 */
export interface TokenCache {
  /** The token stored under `key`, or `undefined` when there is none. */
  get(key: string): Promise<CachedToken | undefined> | CachedToken | undefined;
  /** Stores `value` under `key` for at most `ttlSeconds` seconds. */
  set(key: string, value: CachedToken, ttlSeconds: number): Promise<void> | void;
  /** Forgets the token under `key` (called when the API rejects it with 401). */
  delete(key: string): Promise<void> | void;
  /**
   * Optional cross-instance single flight: try to take a lock named `key` for
   * `ttlMs` milliseconds. Resolves to a release function when this caller holds the
   * lock, or `undefined` when another instance holds it (the caller then waits for
   * that instance's token to appear in the cache).
   */
  lock?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}
