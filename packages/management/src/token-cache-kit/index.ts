/**
 * `@auth0-edge/management/token-cache`: the kit every token cache is built with — the
 * stored-token format and its one validation rule, encode/decode, the time-to-live
 * arithmetic, AES-256-GCM at rest bound to the key, and {@link TokenCacheError}. The
 * memory, Workers KV and Redis caches use it; a cache of your own can too.
 *
 * @example
 * ```ts
 * import { createTokenCodec, shareTokenCache, storageTtlMs } from "@auth0-edge/management/token-cache";
 * import type { TokenCache } from "@auth0-edge/management";
 *
 * const codec = createTokenCodec("my-store");
 * // shareTokenCache adds the coordination the client needs of a shared cache.
 * const cache: TokenCache = shareTokenCache({
 *   get: async (key) => codec.decode(key, await store.get(key), Date.now()),
 *   async set(key, token, ttlSeconds) {
 *     const ms = storageTtlMs(token, ttlSeconds, Date.now());
 *     if (ms <= 0) return store.delete(key);
 *     await store.put(key, await codec.encode(key, token), ms);
 *   },
 *   delete: (key) => store.delete(key),
 * });
 * ```
 *
 * @packageDocumentation
 * @module token-cache
 */
export type { CachedToken, TokenCache, TokenCacheLease } from "../token-cache.js";
export { createTokenCodec, type TokenCodec } from "./codec.js";
export { createTokenSealer, type TokenSealer } from "./encryption.js";
export { TokenCacheError, type TokenCacheErrorReason } from "./error.js";
export { shareTokenCache } from "./share.js";
export {
  assertStoredToken,
  decodeStoredToken,
  encodeStoredToken,
  isStoredToken,
  storedFields,
  TOKEN_CHARACTERS,
} from "./stored-token.js";
export { storageTtlMs } from "./ttl.js";
