import type { CachedToken } from "../token-cache.js";
import { TokenCacheError } from "./error.js";

/**
 * How long a store should keep `token`, in whole milliseconds: the earlier of
 * `ttlSeconds` and the token's own expiry, counted from `now`. Zero or less means "store
 * nothing, and forget the older entry" (a set always replaces). A `ttlSeconds` that is
 * not a number is a {@link TokenCacheError} (`invalid-value`).
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * const ms = storageTtlMs(token, ttlSeconds, Date.now());
 * if (ms <= 0) await redis.del(key);
 * else await redis.set(key, text, { px: ms });
 * ```
 */
export function storageTtlMs(token: CachedToken, ttlSeconds: number, now: number): number {
  if (typeof ttlSeconds !== "number" || Number.isNaN(ttlSeconds)) {
    throw new TokenCacheError(
      "invalid-value",
      `ttlSeconds must be a number, got ${typeof ttlSeconds}`,
    );
  }
  return Math.floor(Math.min(ttlSeconds * 1000, token.expiresAt - now));
}
