import {
  COMPARE_AND_DELETE_SCRIPT,
  COMPARE_AND_EXPIRE_SCRIPT,
  type RedisLike,
  replyOk,
  replyText,
  wholeMilliseconds,
} from "../redis-like.js";

/**
 * The part of a [node-redis](https://github.com/redis/node-redis) 5 client (`createClient()`)
 * that {@link fromNodeRedis} uses. Described by shape only: this package never loads node-redis.
 */
export interface NodeRedisClient {
  get(key: string): Promise<unknown>;
  set(
    key: string,
    value: string,
    options: { expiration: { type: "PX"; value: number }; condition?: "NX" },
  ): Promise<unknown>;
  del(key: string): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * Adapts a node-redis 5 client to {@link RedisLike}.
 *
 * Exported from `@auth0-edge/token-cache-redis`. Create the client with
 * `disableOfflineQueue: true`: otherwise node-redis keeps every command sent while Redis
 * is unreachable until it comes back. Connect it (`await client.connect()`) before use,
 * and listen to its `error` event, which would otherwise end a Node process (an unhandled error event).
 *
 * @example
 * ```ts
 * import { createClient } from "redis";
 * import { createRedisTokenCache, fromNodeRedis } from "@auth0-edge/token-cache-redis";
 *
 * const redis = createClient({ url: env.REDIS_URL, disableOfflineQueue: true });
 * redis.on("error", () => {}); // the cache reports failures through its onError option
 * await redis.connect();
 * const tokenCache = createRedisTokenCache(fromNodeRedis(redis));
 * ```
 */
export function fromNodeRedis(client: NodeRedisClient): RedisLike {
  return {
    async get(key) {
      return replyText(await client.get(key));
    },
    async set(key, value, { px, nx }) {
      const expiration = { type: "PX" as const, value: wholeMilliseconds(px) };
      return replyOk(
        await client.set(key, value, nx ? { expiration, condition: "NX" } : { expiration }),
      );
    },
    async del(key) {
      await client.del(key);
    },
    async compareAndDelete(key, value) {
      const deleted = await client.eval(COMPARE_AND_DELETE_SCRIPT, {
        keys: [key],
        arguments: [value],
      });
      return Number(deleted) === 1;
    },
    async compareAndExpire(key, value, px) {
      const renewed = await client.eval(COMPARE_AND_EXPIRE_SCRIPT, {
        keys: [key],
        arguments: [value, String(wholeMilliseconds(px))],
      });
      return Number(renewed) === 1;
    },
  };
}
