import {
  COMPARE_AND_DELETE_SCRIPT,
  COMPARE_AND_EXPIRE_SCRIPT,
  type RedisLike,
  replyOk,
  replyText,
  wholeMilliseconds,
} from "../redis-like.js";

/**
 * The part of an [ioredis](https://github.com/redis/ioredis) `Redis` (or `Cluster`) client
 * that {@link fromIoredis} uses. Described by shape only: this package never loads ioredis.
 */
export interface IoredisClient {
  get(key: string): Promise<unknown>;
  set(key: string, value: string, px: "PX", milliseconds: number): Promise<unknown>;
  set(key: string, value: string, px: "PX", milliseconds: number, nx: "NX"): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, numberOfKeys: number, key: string, ...args: string[]): Promise<unknown>;
}

/**
 * Adapts an ioredis client to {@link RedisLike}.
 *
 * Exported from `@auth0-edge/token-cache-redis`. Create the client with
 * `maxRetriesPerRequest: 1` so that commands sent while Redis is unreachable fail
 * after one reconnection attempt instead of waiting through twenty.
 *
 * @example
 * ```ts
 * import Redis from "ioredis";
 * import { createRedisTokenCache, fromIoredis } from "@auth0-edge/token-cache-redis";
 *
 * const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
 * redis.on("error", () => {}); // the cache reports failures through its onError option
 * const tokenCache = createRedisTokenCache(fromIoredis(redis));
 * ```
 */
export function fromIoredis(client: IoredisClient): RedisLike {
  return {
    async get(key) {
      return replyText(await client.get(key));
    },
    async set(key, value, { px, nx }) {
      const ms = wholeMilliseconds(px);
      return replyOk(
        await (nx ? client.set(key, value, "PX", ms, "NX") : client.set(key, value, "PX", ms)),
      );
    },
    async del(key) {
      await client.del(key);
    },
    async compareAndDelete(key, value) {
      return Number(await client.eval(COMPARE_AND_DELETE_SCRIPT, 1, key, value)) === 1;
    },
    async compareAndExpire(key, value, px) {
      const ms = String(wholeMilliseconds(px));
      return Number(await client.eval(COMPARE_AND_EXPIRE_SCRIPT, 1, key, value, ms)) === 1;
    },
  };
}
