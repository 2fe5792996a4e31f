import type { CachedToken, TokenCache } from "@auth0-edge/management";
import {
  assertStoredToken,
  shareTokenCache,
  storageTtlMs,
  storedFields,
  TokenCacheError,
} from "@auth0-edge/management/token-cache";

/** Options of {@link createMemoryTokenCache}. */
export interface MemoryTokenCacheOptions {
  /**
   * How many tokens the cache keeps at most; past that, the least recently used one is
   * evicted. A positive integer. Default: `100`.
   */
  maxEntries?: number;
  /** The clock, in milliseconds since the Unix epoch. Default: `Date.now`. */
  now?: () => number;
}

/**
 * A {@link TokenCache} kept in memory, shared by the clients of one isolate (or of one Node process).
 *
 * `get`, `set` and `delete` answer synchronously (the client awaits them either way),
 * and `lock` is always present.
 */
export interface MemoryTokenCache extends TokenCache {
  /** The token stored under `key`, or `undefined` when there is none or it has expired. */
  get(key: string): CachedToken | undefined;
  /**
   * Stores a copy of `value` under `key` until `ttlSeconds` have passed or
   * `value.expiresAt` is reached, whichever comes first. When that moment is not in the
   * future (`ttlSeconds <= 0`, or a token that has already expired), nothing is stored and
   * any older token under `key` is forgotten.
   */
  set(key: string, value: CachedToken, ttlSeconds: number): void;
  /** Forgets the token under `key`; with `accessToken`, only while the entry holds that token. */
  delete(key: string, accessToken?: string): void;
  /**
   * Takes the lock named `key` for `ttlMs` milliseconds. Resolves to a release function
   * when it was free or its previous holder's time ran out, or to `undefined` while
   * someone else holds it. Releasing twice, or after the lock expired and was taken by
   * someone else, does nothing.
   */
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
  /** How many unexpired tokens the cache holds. */
  readonly size: number;
  /** Forgets every token. Locks are kept: each one stands for a token fetch in flight. */
  clear(): void;
}

interface Entry {
  token: CachedToken;
  /** When the cache stops serving `token`: the earlier of its TTL and its own expiry. */
  expiresAt: number;
}

/**
 * Creates an in-memory token cache with a TTL per entry and a least-recently-used bound.
 *
 * Exported from `@auth0-edge/token-cache-memory`. It shares one access token between all
 * the clients of one isolate or process; create it at module scope so that it outlives
 * the clients created per request.
 *
 * @example
 * ```ts
 * import { createManagementClient } from "@auth0-edge/management";
 * import { createMemoryTokenCache } from "@auth0-edge/token-cache-memory";
 *
 * const tokenCache = createMemoryTokenCache({ maxEntries: 10 });
 *
 * export default {
 *   async fetch(request: Request, env: Env): Promise<Response> {
 *     const client = createManagementClient({
 *       domain: env.AUTH0_DOMAIN,
 *       clientId: env.AUTH0_CLIENT_ID,
 *       clientSecret: env.AUTH0_CLIENT_SECRET,
 *       tokenCache,
 *     });
 *     // …
 *   },
 * };
 * ```
 *
 * @throws {TokenCacheError} (`invalid-option`) When `maxEntries` is not a positive integer or
 * `now` is not a function.
 */
export function createMemoryTokenCache(options: MemoryTokenCacheOptions = {}): MemoryTokenCache {
  const { maxEntries = 100, now = Date.now } = options;
  if (!Number.isInteger(maxEntries) || maxEntries <= 0) {
    throw new TokenCacheError(
      "invalid-option",
      `maxEntries must be a positive integer, got ${typeof maxEntries === "number" ? maxEntries : typeof maxEntries}`,
    );
  }
  if (typeof now !== "function") {
    throw new TokenCacheError(
      "invalid-option",
      `now must be a function returning milliseconds, got ${typeof now}`,
    );
  }

  // A Map iterates in insertion order, so re-inserting a key on every hit keeps the least
  // recently used entry first: the Map is its own LRU list.
  const entries = new Map<string, Entry>();
  // The holder is identified by its record, not by the key, so a release that arrives
  // after the lock expired and was taken again cannot free the new holder's lock.
  const locks = new Map<string, { expiresAt: number }>();

  const dropExpired = (at: number): void => {
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= at) entries.delete(key);
    }
  };

  return shareTokenCache({
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      // A copy, so a caller that mutates what it got cannot change what others are served.
      return storedFields(entry.token);
    },

    set(key, value, ttlSeconds) {
      assertStoredToken(value);
      const at = now();
      const ms = storageTtlMs(value, ttlSeconds, at);
      // A set replaces: an older token must not outlive a newer write that stores nothing.
      entries.delete(key);
      if (ms <= 0) return;
      entries.set(key, { token: storedFields(value), expiresAt: at + ms });
      if (entries.size > maxEntries) {
        // Dead entries go first so that a full cache never evicts a live token for them.
        dropExpired(at);
        const oldest = entries.keys().next();
        if (entries.size > maxEntries && !oldest.done) entries.delete(oldest.value);
      }
    },

    delete(key, accessToken) {
      // Compare-and-delete: a token another client stored since the refusal stays.
      if (accessToken === undefined || entries.get(key)?.token.accessToken === accessToken) {
        entries.delete(key);
      }
    },

    async lock(key, ttlMs) {
      if (typeof ttlMs !== "number" || !Number.isFinite(ttlMs) || ttlMs <= 0) {
        throw new TokenCacheError(
          "invalid-value",
          "ttlMs must be a positive, finite number of milliseconds",
        );
      }
      const at = now();
      const held = locks.get(key);
      if (held !== undefined && held.expiresAt > at) return undefined;
      const mine = { expiresAt: at + ttlMs };
      locks.set(key, mine);
      return async () => {
        if (locks.get(key) === mine) locks.delete(key);
      };
    },

    get size() {
      dropExpired(now());
      return entries.size;
    },

    clear() {
      entries.clear();
    },
  });
}
