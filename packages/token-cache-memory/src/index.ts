export {
  createMemoryTokenCache,
  type MemoryTokenCache,
  type MemoryTokenCacheOptions,
} from "./memory-token-cache.js";
