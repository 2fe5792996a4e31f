import type { CachedToken, TokenCache } from "@auth0-edge/management";
import {
  assertStoredToken,
  createTokenCodec,
  shareTokenCache,
  storageTtlMs,
  TokenCacheError,
} from "@auth0-edge/management/token-cache";

/**
 * The part of a Workers KV namespace this cache uses. A `KVNamespace` binding from
 * `env` satisfies it, so the cache needs `@cloudflare/workers-types` at no point.
 */
export interface KvNamespaceLike {
  /** The value under `key` as text, or `null` when there is none. */
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Options of {@link createKvTokenCache}. */
export interface KvTokenCacheOptions {
  /**
   * Put before every key, e.g. `"my-app:"`, so several applications can share one
   * namespace. At most 256 bytes of UTF-8. Default: `""` (the client's keys already
   * start with `auth0-edge:token:`).
   */
  prefix?: string;
  /**
   * Encrypts tokens at rest with AES-256-GCM. The base64 encoding of 32 random bytes,
   * typically a Worker secret made with `openssl rand -base64 32`; the AES key is
   * derived from it with HKDF-SHA-256. A passphrase is refused. When the property is
   * present but `undefined` (a secret that was never set), creation throws rather than
   * silently storing tokens in clear.
   */
  encryptionKey?: string;
  /** The clock, in milliseconds since the Unix epoch. Default: `Date.now`. */
  now?: () => number;
}

/** A {@link TokenCache} on Workers KV. It has no `lock`: see the README for why. */
export interface KvTokenCache extends TokenCache {
  /**
   * The token under `key`, or `undefined` when there is none, it has expired, or the
   * stored value is not a token this cache could have written (garbage, another shape,
   * a value encrypted with another key or for another key). Rejects only when KV does.
   */
  get(key: string): Promise<CachedToken | undefined>;
  /**
   * Stores `value` under `key` with an `expirationTtl` of `ttlSeconds`, shortened to the
   * token's own lifetime and raised to KV's floor of 60 seconds; the token's `expiresAt`
   * still bounds its use. When `ttlSeconds <= 0` or the token has expired, the key is
   * deleted instead.
   */
  set(key: string, value: CachedToken, ttlSeconds: number): Promise<void>;
  /** Deletes the token under `key`. */
  delete(key: string): Promise<void>;
}

/** Workers KV refuses an `expirationTtl` below 60 seconds. */
const KV_MIN_TTL_SECONDS = 60;
const KV_MAX_KEY_BYTES = 512;
const MAX_PREFIX_BYTES = 256;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function checkOptions(namespace: unknown, options: KvTokenCacheOptions) {
  const ns = namespace as Partial<KvNamespaceLike> | null;
  if (
    typeof ns !== "object" ||
    ns === null ||
    typeof ns.get !== "function" ||
    typeof ns.put !== "function" ||
    typeof ns.delete !== "function"
  ) {
    throw new TokenCacheError(
      "invalid-option",
      "namespace must be a KV namespace binding (with get, put and delete)",
    );
  }
  const { prefix = "", now = Date.now } = options;
  if (typeof prefix !== "string" || utf8Length(prefix) > MAX_PREFIX_BYTES) {
    throw new TokenCacheError(
      "invalid-option",
      `prefix must be a string of at most ${MAX_PREFIX_BYTES} bytes`,
    );
  }
  if (typeof now !== "function") {
    throw new TokenCacheError(
      "invalid-option",
      `now must be a function returning milliseconds, got ${typeof now}`,
    );
  }
  // The label keeps the AES key and the bound data of entries written before the shared kit.
  return { prefix, now, codec: createTokenCodec("@auth0-edge/token-cache-kv", options) };
}

/**
 * Creates a token cache on a Workers KV namespace, so that every isolate of a Worker,
 * in every location, reuses the access token one of them fetched.
 *
 * Exported from `@auth0-edge/token-cache-kv`. Entries are `{ accessToken, expiresAt }`
 * as JSON, or an AES-256-GCM envelope of it when `encryptionKey` is given. Whatever else
 * is found under a key is a miss, never an error. KV is eventually consistent: read the
 * package README for what that means for refresh and revocation.
 *
 * @example
 * ```ts
 * import { createManagementClient, request } from "@auth0-edge/management";
 * import { createKvTokenCache } from "@auth0-edge/token-cache-kv";
 *
 * export default {
 *   async fetch(req: Request, env: Env): Promise<Response> {
 *     const client = createManagementClient({
 *       domain: env.AUTH0_DOMAIN,
 *       clientId: env.AUTH0_CLIENT_ID,
 *       clientSecret: env.AUTH0_CLIENT_SECRET,
 *       tokenCache: createKvTokenCache(env.AUTH0_TOKENS, { encryptionKey: env.TOKEN_CACHE_KEY }),
 *     });
 *     return Response.json(await request(client, { method: "GET", path: "/users" }));
 *   },
 * };
 * ```
 *
 * @throws {TokenCacheError} (`invalid-option`) When `namespace` lacks get/put/delete, `prefix` is not a string of at
 * most 256 bytes, `now` is not a function, or `encryptionKey` is present but not the base64
 * of 32 bytes. The message never contains the key.
 */
export function createKvTokenCache(
  namespace: KvNamespaceLike,
  options: KvTokenCacheOptions = {},
): KvTokenCache {
  const { prefix, now, codec } = checkOptions(namespace, options ?? {});

  // The client's keys grow with the scope string; past KV's 512-byte limit a digest stands in.
  const storageKey = async (key: string): Promise<string> => {
    const full = prefix + key;
    return utf8Length(full) <= KV_MAX_KEY_BYTES ? full : `${prefix}sha256:${await sha256Hex(key)}`;
  };

  return shareTokenCache({
    async get(key) {
      const kvKey = await storageKey(key);
      return codec.decode(kvKey, await namespace.get(kvKey), now());
    },

    async set(key, value, ttlSeconds) {
      assertStoredToken(value);
      const ms = storageTtlMs(value, ttlSeconds, now());
      const kvKey = await storageKey(key);
      // Storing nothing must also forget the older token, as a set always replaces.
      if (ms <= 0) return namespace.delete(kvKey);
      await namespace.put(kvKey, await codec.encode(kvKey, value), {
        expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.ceil(ms / 1000)),
      });
    },

    async delete(key) {
      await namespace.delete(await storageKey(key));
    },
  });
}
