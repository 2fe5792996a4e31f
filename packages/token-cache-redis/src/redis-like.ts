import { TokenCacheError } from "@auth0-edge/management/token-cache";

/** Options of {@link RedisLike.set}: Redis's `PX milliseconds` and, optionally, `NX`. */
export interface RedisSetOptions {
  /** How long the key lives, in whole milliseconds (`PX`). */
  px: number;
  /** Write only when the key does not exist yet (`NX`). */
  nx?: boolean;
}

/**
 * The four Redis operations the token cache needs. `fromIoredis`, `fromNodeRedis` and
 * `fromUpstash` make one from a client you already have; any other client works through
 * an object of your own with these methods.
 *
 * Every method must settle: reject when Redis cannot be reached rather than wait for it
 * to come back. The cache bounds each call with its own time-out as well.
 */
export interface RedisLike {
  /** `GET key`: the string stored under `key`, or `null` when there is none. */
  get(key: string): Promise<string | null>;
  /** `SET key value PX px [NX]`: resolves to `true` when the value was written. */
  set(key: string, value: string, options: RedisSetOptions): Promise<boolean>;
  /** `DEL key`. */
  del(key: string): Promise<void>;
  /**
   * Deletes `key` only while it still holds `value`, in one atomic step (see
   * {@link COMPARE_AND_DELETE_SCRIPT}); resolves to `true` when it deleted the key.
   */
  compareAndDelete(key: string, value: string): Promise<boolean>;
  /**
   * Sets `key`'s time to live to `px` milliseconds only while it still holds `value`, in
   * one atomic step (see {@link COMPARE_AND_EXPIRE_SCRIPT}); resolves to `true` when it did.
   * Optional: without it the cache offers the lock without renewal (no `lease`).
   */
  compareAndExpire?(key: string, value: string, px: number): Promise<boolean>;
}

/**
 * The Lua script behind {@link RedisLike.compareAndDelete}: `KEYS[1]` is the key,
 * `ARGV[1]` the value it must still hold. It answers 1 when it deleted the key, else 0.
 *
 * A plain `GET` then `DEL` would not do: between the two, the key may expire and be set
 * again by someone else, whose lock the `DEL` would then remove.
 */
export const COMPARE_AND_DELETE_SCRIPT =
  'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0';

/**
 * The Lua script behind {@link RedisLike.compareAndExpire}: `KEYS[1]` is the key, `ARGV[1]`
 * the value it must still hold, `ARGV[2]` the new time to live in milliseconds. It answers
 * 1 when it renewed the key, else 0: a lease holder renews only its own lease.
 */
export const COMPARE_AND_EXPIRE_SCRIPT =
  'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0';

/** A reply as a string: clients may answer with a string, bytes or `null`. */
export function replyText(reply: unknown): string | null {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "string") return reply;
  if (ArrayBuffer.isView(reply)) {
    return new TextDecoder().decode(
      new Uint8Array(reply.buffer, reply.byteOffset, reply.byteLength),
    );
  }
  return String(reply);
}

/** Redis's `OK` as a boolean: `SET … NX` answers `null` when the key already existed. */
export function replyOk(reply: unknown): boolean {
  return replyText(reply) === "OK";
}

/** A positive whole number of milliseconds for `PX` (Redis refuses fractions and 0). */
export function wholeMilliseconds(ms: number): number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) {
    throw new TokenCacheError(
      "invalid-value",
      "px must be a positive, finite number of milliseconds",
    );
  }
  return Math.max(1, Math.ceil(ms));
}
