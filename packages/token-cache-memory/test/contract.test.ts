import type { ContractContext } from "@auth0-edge/testing/token-cache-contract";
import { describeTokenCacheContract } from "@auth0-edge/testing/token-cache-contract/vitest";
import { createMemoryTokenCache, type MemoryTokenCache } from "../src/index.js";

// A memory cache is its own store: the two caches of one check are one object.
const made = new WeakMap<ContractContext, MemoryTokenCache>();

describeTokenCacheContract("the memory cache", {
  create(context) {
    const cache = made.get(context) ?? createMemoryTokenCache({ now: context.now });
    made.set(context, cache);
    return cache;
  },
  lock: true,
  compareAndDelete: true,
});
