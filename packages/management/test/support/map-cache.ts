import type { CachedToken, TokenCache } from "../../src/index.js";

/** The smallest shared cache with a lock: a test double standing for KV or Redis. */
export function mapCache(): TokenCache & { store: Map<string, unknown>; locks: number } {
  const store = new Map<string, unknown>();
  const held = new Set<string>();
  const cache = {
    store,
    locks: 0,
    get: (key: string) => store.get(key) as CachedToken | undefined,
    set: (key: string, value: CachedToken) => void store.set(key, value),
    delete: (key: string) => void store.delete(key),
    lock: async (key: string) => {
      if (held.has(key)) return undefined;
      held.add(key);
      cache.locks++;
      return async () => void held.delete(key);
    },
  };
  return cache;
}
