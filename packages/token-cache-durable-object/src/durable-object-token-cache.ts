import type { CachedToken, TokenCache, TokenCacheLease } from "@auth0-edge/management";
import {
  assertStoredToken,
  createTokenCodec,
  shareTokenCache,
  storageTtlMs,
  TokenCacheError,
} from "@auth0-edge/management/token-cache";
import type { CoordinatorProtocol } from "./protocol.js";

/**
 * The part of a Durable Object namespace binding this cache uses. The `AUTH0_TOKENS`
 * binding of `env` (a `DurableObjectNamespace<Auth0TokenCoordinator>`) satisfies it.
 */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): unknown;
}

/** Options of {@link createDurableObjectTokenCache}. */
export interface DurableObjectTokenCacheOptions {
  /**
   * Put before every key to name its object, e.g. `"my-app:"`, so that several applications
   * can share one namespace. At most 256 characters. Default: `""` (the client's keys
   * already start with `auth0-edge:token:`).
   */
  prefix?: string;
  /**
   * Encrypts tokens at rest with AES-256-GCM: the base64 encoding of 32 random bytes,
   * typically a Worker secret made with `openssl rand -base64 32`; the AES key is derived
   * from it with HKDF-SHA-256. The object then holds only ciphertext. When the property is
   * present but `undefined` (a secret that was never set), creation throws rather than
   * silently storing tokens in clear.
   */
  encryptionKey?: string;
  /** The clock, in milliseconds since the Unix epoch. Default: `Date.now`. */
  now?: () => number;
}

/** A {@link TokenCache} whose every key lives in its own `Auth0TokenCoordinator` object. */
export interface DurableObjectTokenCache extends TokenCache {
  /**
   * The token under `key`, or `undefined` when there is none, it has expired, or what the
   * object holds is not a token this cache could have written (another shape, encrypted
   * with another key or for another key). Rejects only when the object call does.
   */
  get(key: string): Promise<CachedToken | undefined>;
  /**
   * Stores `value` under `key` for `ttlSeconds` at most (and never past the token's own
   * `expiresAt`), and answers every caller waiting on the key's lease. When `ttlSeconds <= 0`
   * or the token has expired, the entry is deleted instead.
   */
  set(key: string, value: CachedToken, ttlSeconds: number): Promise<void>;
  /**
   * Deletes the token under `key`; with `accessToken`, only while the object still holds
   * that token (compare-and-delete, atomic in the object).
   */
  delete(key: string, accessToken?: string): Promise<void>;
  /**
   * Takes the lease `key` for `ttlMs`. When another caller holds it, this call is parked in
   * the object for up to `waitMs`: it resolves to `undefined` as soon as the holder stores
   * its token, or to a lease when the holder gives it up or lets it lapse (one waiter only).
   */
  lease(key: string, ttlMs: number, waitMs: number): Promise<TokenCacheLease | undefined>;
}

/** The client names a key's refresh lease `<key>:lock`: it lives in the key's object. */
const LEASE_SUFFIX = ":lock";
const MAX_PREFIX_LENGTH = 256;

/** The hex SHA-256 of an access token: what the object compares before it deletes. */
async function fingerprintOf(accessToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(accessToken));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function checkOptions(namespace: unknown, options: DurableObjectTokenCacheOptions) {
  const ns = namespace as Partial<DurableObjectNamespaceLike> | null;
  if (typeof ns?.idFromName !== "function" || typeof ns.get !== "function") {
    throw new TokenCacheError(
      "invalid-option",
      "namespace must be a Durable Object namespace binding (with idFromName and get), e.g. env.AUTH0_TOKENS",
    );
  }
  const { prefix = "", now = Date.now } = options;
  if (typeof prefix !== "string" || prefix.length > MAX_PREFIX_LENGTH) {
    throw new TokenCacheError(
      "invalid-option",
      `prefix must be a string of at most ${MAX_PREFIX_LENGTH} characters`,
    );
  }
  if (typeof now !== "function") {
    throw new TokenCacheError(
      "invalid-option",
      `now must be a function returning milliseconds, got ${typeof now}`,
    );
  }
  return {
    prefix,
    now,
    codec: createTokenCodec("@auth0-edge/token-cache-durable-object", options),
  };
}

/**
 * Creates a token cache on a namespace of {@link Auth0TokenCoordinator} objects: one object
 * per cache key, strongly consistent, so that every isolate of a Worker, in every location,
 * makes exactly one token grant per refresh between them.
 *
 * Exported from `@auth0-edge/token-cache-durable-object`. The grant runs in the calling
 * Worker (the lease holder); the object keeps only the token (encrypted with
 * `encryptionKey`) and the lease, never a client secret or private key. Keep the client in
 * a module variable, so that the object is asked once per cold isolate or refresh rather
 * than once per request.
 *
 * @example
 * ```ts
 * import { createManagementClient, type ManagementClient, request } from "@auth0-edge/management";
 * import { createDurableObjectTokenCache } from "@auth0-edge/token-cache-durable-object";
 *
 * export { Auth0TokenCoordinator } from "@auth0-edge/token-cache-durable-object";
 *
 * let client: ManagementClient | undefined;
 *
 * export default {
 *   async fetch(req: Request, env: Env): Promise<Response> {
 *     client ??= createManagementClient({
 *       domain: env.AUTH0_DOMAIN,
 *       clientId: env.AUTH0_CLIENT_ID,
 *       clientSecret: env.AUTH0_CLIENT_SECRET,
 *       tokenCache: createDurableObjectTokenCache(env.AUTH0_TOKENS),
 *     });
 *     return Response.json(await request(client, { method: "GET", path: "/users" }));
 *   },
 * };
 * ```
 *
 * @throws {TokenCacheError} (`invalid-option`) When `namespace` is not a Durable Object
 * namespace binding, `prefix` is not a string of at most 256 characters, `now` is not a
 * function, or `encryptionKey` is present but not the base64 of 32 bytes. The message never
 * contains the key.
 */
export function createDurableObjectTokenCache(
  namespace: DurableObjectNamespaceLike,
  options: DurableObjectTokenCacheOptions = {},
): DurableObjectTokenCache {
  const { prefix, now, codec } = checkOptions(namespace, options ?? {});
  const objectName = (key: string) => prefix + key;
  // A stub per call: cheap; a stub can only be used by the request that made it, and one that
  // saw its object reset (a deploy) is not reused.
  const coordinator = (name: string): CoordinatorProtocol => {
    const get = namespace.get as (id: unknown) => CoordinatorProtocol;
    return get.call(namespace, namespace.idFromName(name));
  };

  return shareTokenCache({
    async get(key) {
      const name = objectName(key);
      const entry = await coordinator(name).read();
      // The object forgets the entry by its own clock; the cache's clock is the one it answers to.
      if (entry === null || typeof entry !== "object" || !(entry.expiresAt > now())) {
        return undefined;
      }
      return codec.decode(name, entry.data, now());
    },

    async set(key, value, ttlSeconds) {
      assertStoredToken(value);
      const ms = storageTtlMs(value, ttlSeconds, now());
      const name = objectName(key);
      // Storing nothing must also forget the older token, as a set always replaces.
      if (ms <= 0) {
        await coordinator(name).remove();
        return;
      }
      await coordinator(name).write({
        data: await codec.encode(name, value),
        fingerprint: await fingerprintOf(value.accessToken),
        expiresAt: now() + ms,
      });
    },

    async delete(key, accessToken) {
      const fingerprint =
        typeof accessToken === "string" ? await fingerprintOf(accessToken) : undefined;
      await coordinator(objectName(key)).remove(fingerprint);
    },

    async lease(key, ttlMs, waitMs) {
      const name = objectName(
        key.endsWith(LEASE_SUFFIX) ? key.slice(0, -LEASE_SUFFIX.length) : key,
      );
      const id = await coordinator(name).lease(key, ttlMs, waitMs);
      if (typeof id !== "string") return undefined;
      // The holder renews from timers and may release from another request than the one that
      // took the lease: a stub belongs to its request, so each call makes its own.
      return {
        renew: () => coordinator(name).renew(key, id),
        release: () => coordinator(name).release(key, id),
      };
    },
  });
}
