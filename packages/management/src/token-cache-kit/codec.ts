import type { CachedToken } from "../token-cache.js";
import { createTokenSealer } from "./encryption.js";
import { decodeStoredToken, encodeStoredToken } from "./stored-token.js";

/** Turns tokens into the text a store keeps under a key, and that text back into tokens. */
export interface TokenCodec {
  /** Checks `token` and gives its stored text, sealed when the codec encrypts. */
  encode(storeKey: string, token: CachedToken): Promise<string>;
  /**
   * The token stored under `storeKey`, or `undefined` for nothing, garbage, another shape,
   * a value sealed with another key or for another store key, or an expired token.
   */
  decode(
    storeKey: string,
    stored: string | null | undefined,
    now: number,
  ): Promise<CachedToken | undefined>;
}

/**
 * The stored-token format of every cache package, encrypted at rest when the options
 * have an `encryptionKey` (see {@link createTokenSealer}; `label` names the cache, for
 * domain separation). An `encryptionKey` that is present but `undefined` (a secret that
 * was never set) throws rather than silently storing tokens in clear.
 *
 * Exported from `@auth0-edge/management/token-cache`.
 *
 * @example
 * ```ts
 * const codec = createTokenCodec("my-cache", { encryptionKey: env.TOKEN_CACHE_KEY });
 * await store.put(key, await codec.encode(key, token));
 * const token = await codec.decode(key, await store.get(key), Date.now());
 * ```
 *
 * @throws {TokenCacheError} (`invalid-option`) When `encryptionKey` is present but not the
 * base64 of 32 bytes.
 */
export function createTokenCodec(
  label: string,
  options: { encryptionKey?: string } = {},
): TokenCodec {
  const sealer =
    "encryptionKey" in options ? createTokenSealer(options.encryptionKey, label) : undefined;
  return {
    async encode(storeKey, token) {
      const text = encodeStoredToken(token);
      return sealer ? sealer.seal(storeKey, text) : text;
    },
    async decode(storeKey, stored, now) {
      if (typeof stored !== "string") return undefined;
      return decodeStoredToken(sealer ? await sealer.open(storeKey, stored) : stored, now);
    },
  };
}
