/** A token as it is kept in a {@link TokenCache}. */
export interface CachedToken {
  /** The bearer token for the Management API. */
  accessToken: string;
  /**
   * When the token stops being valid (its hard expiry), in milliseconds since the Unix
   * epoch: the earlier of the JWT's `exp` claim and the grant's `expires_in` counted from
   * just before the grant request was sent.
   */
  expiresAt: number;
  /**
   * When the grant that made it was requested, in milliseconds since the Unix epoch.
   * After the API refuses a token, a client only takes tokens issued after the refusal;
   * an entry without it counts as issued before any refusal.
   */
  issuedAt?: number;
}

/**
 * A lease on a cache key's refresh, held by the one instance that grants the next
 * token. It lapses by itself after its time to live unless renewed, so a holder that
 * crashes hands over to one waiter within one time to live.
 */
export interface TokenCacheLease {
  /**
   * Extends the lease by its time to live from now. Resolves to `false` when it was lost
   * (it lapsed and another instance took it). The client renews every third of the time
   * to live while its grant runs.
   */
  renew(): Promise<boolean>;
  /** Gives the lease up (the token is stored, or the grant failed). Only frees this holder's lease. */
  release(): Promise<void>;
}

/**
 * Where access tokens are kept between requests, isolates and processes.
 *
 * Any object with `get`, `set` and `delete` works (in-memory, Workers KV, Redis, …) once it
 * has gone through `shareTokenCache()` of `@auth0-edge/management/token-cache`, which holds
 * the coordination described here (the cache packages' caches come that way); the client
 * refuses a cache that did not, so that a client without one does not carry that code. A
 * cache that fails — it throws, rejects, hangs for more than 2 s or returns something
 * that is not a {@link CachedToken} — never fails an API call: the client treats the
 * failure as a miss and fetches a token itself.
 *
 * Keys are derived from (domain, clientId, audience, scope) and never contain the
 * client secret or private key.
 *
 * Coordination across instances, strongest first:
 * - `lease`: one instance grants per refresh; a holder renews its lease while its grant
 *   runs, and a crashed or failed holder is replaced by one waiter within one lease.
 * - `lock` only (the contract before leases): one instance grants per refresh as long
 *   as its grant ends within the lock's 10 s; a slower grant or a crashed holder lets one
 *   waiter take over once the lock lapses.
 * - neither: each instance refreshes at its own jittered point of the refresh window and
 *   takes the token another instance stored first, so a fleet makes a few grants per
 *   refresh instead of one per instance.
 */
export interface TokenCache {
  /** The token stored under `key`, or `undefined` when there is none. */
  get(key: string): Promise<CachedToken | undefined> | CachedToken | undefined;
  /**
   * Stores `value` under `key` for at most `ttlSeconds` seconds. Keep `issuedAt` when
   * the store can; a cache that drops it still works, at the price of a grant after a 401.
   */
  set(key: string, value: CachedToken, ttlSeconds: number): Promise<void> | void;
  /**
   * Forgets the token under `key`; called when the API refused `accessToken`. A cache
   * that can compare atomically (a Redis script, a Durable Object) deletes the entry only
   * while it still holds `accessToken`, so a token that another instance has just stored
   * survives; the client checks with `get` first in any case.
   */
  delete(key: string, accessToken?: string): Promise<void> | void;
  /**
   * Takes the lease named `key` for `ttlMs` milliseconds: a {@link TokenCacheLease} when
   * this caller holds it, `undefined` when another live holder does. A store that can
   * park waiters (a Durable Object) may wait up to `waitMs` for the holder to store its
   * token or its lease to lapse before it answers; others answer at once. The client
   * then reads the cache again and asks anew, for as long as a holder could take.
   */
  lease?(key: string, ttlMs: number, waitMs: number): Promise<TokenCacheLease | undefined>;
  /**
   * The weaker contract before leases, still honoured when `lease` is absent: try to
   * take a lock named `key` for `ttlMs` milliseconds (never renewed). Resolves to a
   * release function when this caller holds it, or `undefined` when another instance
   * does (the caller reads the cache again and retries the lock until it gets a token).
   */
  lock?(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/**
 * Where a cache made by `shareTokenCache()` (of `@auth0-edge/management/token-cache`)
 * keeps its coordination: a registered symbol, so that copies of the package agree.
 * @internal
 */
export const TOKEN_SHARE = Symbol.for("@auth0-edge/management.token-share");

/**
 * What a client asks of a shared cache for one cache key. Short names: the client calls
 * them, and property names are not minified.
 * @internal
 */
export interface TokenShare {
  /** How far into the refresh window an instance's own refresh point may fall (0–1). */
  s: number;
  /**
   * A token from the cache or from `grant` (its token then stored), coordinated with the
   * other instances; `undefined` ahead of expiry when another instance holds the refresh.
   */
  o(ahead: boolean, grant: () => Promise<CachedToken>): Promise<CachedToken | undefined>;
  /** The API refused `token`: delete the shared entry while it still holds it. */
  r(token: string): Promise<unknown>;
}

/** @internal */
export type TokenShareHook = (
  this: TokenCache,
  key: string,
  usable: (token: CachedToken | undefined, ahead: boolean) => boolean,
) => TokenShare;
