export { fromIoredis, type IoredisClient } from "./adapters/ioredis.js";
export { fromNodeRedis, type NodeRedisClient } from "./adapters/node-redis.js";
export { fromUpstash, type UpstashClient } from "./adapters/upstash.js";
export { RedisCacheError, type RedisCacheOperation } from "./redis-cache-error.js";
export {
  COMPARE_AND_DELETE_SCRIPT,
  COMPARE_AND_EXPIRE_SCRIPT,
  type RedisLike,
  type RedisSetOptions,
} from "./redis-like.js";
export {
  createRedisTokenCache,
  type RedisTokenCache,
  type RedisTokenCacheOptions,
} from "./redis-token-cache.js";
