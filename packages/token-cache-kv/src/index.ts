export {
  createKvTokenCache,
  type KvNamespaceLike,
  type KvTokenCache,
  type KvTokenCacheOptions,
} from "./kv-token-cache.js";
