import type { CachedToken, TokenCache, TokenCacheLease } from "@auth0-edge/management";
import {
  assertStoredToken,
  createTokenCodec,
  shareTokenCache,
  storageTtlMs,
  TokenCacheError,
} from "@auth0-edge/management/token-cache";
import { RedisCacheError, type RedisCacheOperation, redactedMessage } from "./redis-cache-error.js";
import type { RedisLike } from "./redis-like.js";

/** Options of {@link createRedisTokenCache}. */
export interface RedisTokenCacheOptions {
  /**
   * Put before every key the cache reads or writes, e.g. `"my-app:"`. The client's keys
   * already start with `auth0-edge:token:`. Default: `""`.
   */
  prefix?: string;
  /**
   * The longest a single Redis call may take, in milliseconds; past it the call fails
   * (the client then treats it as a miss). Default: `1000`, below the client's own 2 s bound.
   */
  timeoutMs?: number;
  /** Called with every Redis failure or time-out, e.g. to log it. Default: nothing. */
  onError?: (error: RedisCacheError) => void;
  /** The clock, in milliseconds since the Unix epoch, for token expiry. Default: `Date.now`. */
  now?: () => number;
  /**
   * Encrypts tokens at rest with AES-256-GCM, bound to their key, as the KV cache does: the
   * base64 encoding of 32 random bytes (`openssl rand -base64 32`), from which the AES key
   * is derived with HKDF-SHA-256. A passphrase is refused. When the property is present but
   * `undefined` (a secret that was never set), creation throws rather than storing tokens
   * in clear. Every instance sharing the Redis needs the same key; a plaintext entry (or one
   * sealed with another key) reads as a miss, so turning it on costs one grant.
   */
  encryptionKey?: string;
}

/**
 * A {@link TokenCache} kept in Redis, with the cross-instance `lock` always present, and
 * `lease` (renewable) when the {@link RedisLike} has `compareAndExpire`, as the three
 * adapters do.
 */
export interface RedisTokenCache extends TokenCache {
  /** The unexpired token under `key`; `undefined` for none, garbage or an expired one. */
  get(key: string): Promise<CachedToken | undefined>;
  /**
   * `SET key value PX ms` with `ms` the earlier of `ttlSeconds` and the token's own
   * expiry; when that is not in the future, deletes `key` instead.
   */
  set(key: string, value: CachedToken, ttlSeconds: number): Promise<void>;
  /**
   * `DEL key`; with `accessToken`, only while the entry still holds that token: the entry
   * is read, then deleted by a compare-and-delete on the exact text read, in one atomic step.
   */
  delete(key: string, accessToken?: string): Promise<void>;
  /**
   * `SET key <random id> NX PX ttlMs`, renewed by a compare-and-`PEXPIRE`: a lease when
   * this caller took it, `undefined` while another holds it. Absent when the RedisLike has
   * no `compareAndExpire`.
   */
  lease?(key: string, ttlMs: number, waitMs: number): Promise<TokenCacheLease | undefined>;
  /**
   * `SET key <random id> NX PX ttlMs`: a release function when this caller took the lock,
   * `undefined` while another holds it. Release deletes the lock only if it still holds
   * this caller's id, so a holder whose lock expired cannot free its successor's. A `SET`
   * that timed out but then took the lock (Redis stalled, then woke) is released as soon
   * as it answers, so no ghost lock blocks the next refresh.
   */
  lock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/**
 * Creates a token cache that many processes, isolates or servers share through one Redis,
 * so that they fetch one Management API token between them instead of one each.
 *
 * Exported from `@auth0-edge/token-cache-redis`. Give it a client through `fromIoredis`,
 * `fromNodeRedis` or `fromUpstash` (or any {@link RedisLike}). Each call is bounded by
 * `timeoutMs`; a failing Redis makes the call reject, which the client treats as a miss,
 * so an outage costs extra token grants but never an API call.
 *
 * @example
 * ```ts
 * import Redis from "ioredis";
 * import { createManagementClient } from "@auth0-edge/management";
 * import { createRedisTokenCache, fromIoredis } from "@auth0-edge/token-cache-redis";
 *
 * const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
 * redis.on("error", () => {});
 * const client = createManagementClient({
 *   domain: "my-tenant.eu.auth0.com",
 *   clientId: env.AUTH0_CLIENT_ID,
 *   clientSecret: env.AUTH0_CLIENT_SECRET,
 *   tokenCache: createRedisTokenCache(fromIoredis(redis), { prefix: "my-app:" }),
 * });
 * ```
 *
 * @throws {TokenCacheError} (`invalid-option`) When `redis` lacks a method, an option has the
 * wrong type, or `encryptionKey` is present but not the base64 of 32 bytes (never echoed).
 */
export function createRedisTokenCache(
  redis: RedisLike,
  options: RedisTokenCacheOptions = {},
): RedisTokenCache {
  const { prefix = "", timeoutMs = 1000, onError, now = Date.now } = options ?? {};
  const refuse = (message: string) => {
    throw new TokenCacheError("invalid-option", message);
  };
  for (const method of ["get", "set", "del", "compareAndDelete"] as const) {
    if (typeof redis?.[method] !== "function") {
      refuse(
        `redis must have a ${method} method: wrap your client with fromIoredis, fromNodeRedis or fromUpstash`,
      );
    }
  }
  if (typeof prefix !== "string") refuse("prefix must be a string");
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    refuse("timeoutMs must be a positive, finite number of milliseconds");
  }
  if (onError !== undefined && typeof onError !== "function") refuse("onError must be a function");
  if (typeof now !== "function") refuse("now must be a function");
  const codec = createTokenCodec("@auth0-edge/token-cache-redis", options ?? {});

  /** Runs one Redis call within `timeoutMs`; a failure becomes a redacted RedisCacheError. */
  async function bounded<T>(
    operation: RedisCacheOperation,
    call: () => Promise<T>,
    secrets: readonly string[] = [],
  ): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new RedisCacheError(
              operation,
              "timeout",
              `redis ${operation} took over ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([Promise.resolve().then(call), expired]);
    } catch (error) {
      const failure =
        error instanceof RedisCacheError
          ? error
          : new RedisCacheError(
              operation,
              "failure",
              `redis ${operation} failed: ${redactedMessage(error, secrets)}`,
            );
      try {
        onError?.(failure);
      } catch {
        // A faulty logger must not turn a cache miss into something else.
      }
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /** `SET lock <owner> NX PX ttlMs`; a late success of a timed-out `SET` is undone at once. */
  async function take(key: string, ttlMs: number) {
    if (typeof ttlMs !== "number" || !Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new TokenCacheError(
        "invalid-value",
        "ttlMs must be a positive, finite number of milliseconds",
      );
    }
    // The holder's own id in the lock is what makes "only the owner releases" checkable.
    const owner = crypto.randomUUID();
    const lockKey = prefix + key;
    const setting = Promise.resolve().then(() =>
      redis.set(lockKey, owner, { px: ttlMs, nx: true }),
    );
    let taken: boolean;
    try {
      taken = await bounded("lock", () => setting);
    } catch (error) {
      setting.then((late) => late && redis.compareAndDelete(lockKey, owner)).catch(() => {});
      throw error;
    }
    if (!taken) return undefined;
    let released = false;
    return {
      owner,
      release: async () => {
        if (released) return;
        released = true;
        await bounded("release", () => redis.compareAndDelete(lockKey, owner));
      },
    };
  }

  return shareTokenCache({
    async get(key) {
      const text = await bounded("get", () => redis.get(prefix + key));
      return codec.decode(prefix + key, text, now());
    },

    async set(key, value, ttlSeconds) {
      assertStoredToken(value);
      const ms = storageTtlMs(value, ttlSeconds, now());
      if (ms <= 0) {
        // Nothing to keep, and an older token under the key must not outlive this write.
        await bounded("set", () => redis.del(prefix + key));
        return;
      }
      const text = await codec.encode(prefix + key, value);
      await bounded("set", () => redis.set(prefix + key, text, { px: ms }), [value.accessToken]);
    },

    async delete(key, accessToken) {
      if (accessToken === undefined) {
        await bounded("delete", () => redis.del(prefix + key));
        return;
      }
      const text = await bounded("delete", () => redis.get(prefix + key));
      const stored = await codec.decode(prefix + key, text, -Infinity);
      if (text !== null && stored?.accessToken === accessToken) {
        await bounded("delete", () => redis.compareAndDelete(prefix + key, text), [accessToken]);
      }
    },

    lock: async (key, ttlMs) => (await take(key, ttlMs))?.release,

    ...(redis.compareAndExpire
      ? {
          lease: async (key: string, ttlMs: number) => {
            const taken = await take(key, ttlMs);
            if (!taken) return undefined;
            return {
              release: taken.release,
              renew: () =>
                bounded("lock", () => redis.compareAndExpire!(prefix + key, taken.owner, ttlMs)),
            };
          },
        }
      : {}),
  });
}
