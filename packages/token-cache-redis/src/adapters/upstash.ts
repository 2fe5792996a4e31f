import {
  COMPARE_AND_DELETE_SCRIPT,
  COMPARE_AND_EXPIRE_SCRIPT,
  type RedisLike,
  replyOk,
  wholeMilliseconds,
} from "../redis-like.js";

/**
 * The part of an [@upstash/redis](https://github.com/upstash/redis-js) `Redis` client that
 * {@link fromUpstash} uses. Described by shape only: this package never loads @upstash/redis.
 */
export interface UpstashClient {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options: { px: number } | { px: number; nx: true },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

/**
 * Adapts an @upstash/redis client (REST over `fetch`: Workers, Vercel, Deno, Bun, Node)
 * to {@link RedisLike}.
 *
 * Exported from `@auth0-edge/token-cache-redis`. The client retries a failed HTTP request
 * five times by default, about four seconds in all; `retry: { retries: 1 }` keeps an
 * outage from holding each cache call that long (the cache's `timeoutMs` ends the wait
 * either way).
 *
 * @example
 * ```ts
 * import { Redis } from "@upstash/redis/cloudflare";
 * import { createRedisTokenCache, fromUpstash } from "@auth0-edge/token-cache-redis";
 *
 * const redis = new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN, retry: { retries: 1 } });
 * const tokenCache = createRedisTokenCache(fromUpstash(redis));
 * ```
 */
export function fromUpstash(client: UpstashClient): RedisLike {
  return {
    async get(key) {
      const value = await client.get(key);
      if (value === null || value === undefined) return null;
      // The client parses JSON replies by default: give the cache the text it stored.
      return typeof value === "string" ? value : JSON.stringify(value);
    },
    async set(key, value, { px, nx }) {
      const ms = wholeMilliseconds(px);
      return replyOk(await client.set(key, value, nx ? { px: ms, nx: true } : { px: ms }));
    },
    async del(key) {
      await client.del(key);
    },
    async compareAndDelete(key, value) {
      return Number(await client.eval(COMPARE_AND_DELETE_SCRIPT, [key], [value])) === 1;
    },
    async compareAndExpire(key, value, px) {
      const ms = String(wholeMilliseconds(px));
      return Number(await client.eval(COMPARE_AND_EXPIRE_SCRIPT, [key], [value, ms])) === 1;
    },
  };
}
