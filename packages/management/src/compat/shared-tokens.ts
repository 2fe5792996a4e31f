import type { CachedToken, TokenCache } from "../token-cache.js";
import { shareTokenCache } from "../token-cache-kit/share.js";

interface Shared {
  key: string;
  credential: unknown;
  cache: TokenCache;
}

/** How many configurations keep a shared token at once; the oldest is dropped first. */
const MAX_SHARED = 100;
const registry: Shared[] = [];

/** A token cache in this isolate's memory, honouring each entry's time to live. */
function memoryCache(): TokenCache {
  const entries = new Map<string, { value: CachedToken; until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.until > Date.now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, ttlSeconds) {
      entries.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
    },
    delete(key) {
      entries.delete(key);
    },
  };
}

/**
 * The token cache that every compat client of this process (or isolate) with the same
 * configuration shares, as the classic client of the seed's era did: one grant for any
 * number of clients, with concurrent first calls joining one grant (the core joins the
 * fetches of clients that share a cache). `key` names the configuration (domain, client
 * id, audience, scope, cache lifetime) and never holds the credential; the credential is
 * compared in memory, so a client with another secret (a wrong or rotated one) gets a
 * cache of its own and never another client's token.
 */
export function sharedTokenCache(key: string, credential: unknown): TokenCache {
  let shared = registry.find((s) => s.key === key && s.credential === credential);
  if (!shared) {
    shared = { key, credential, cache: shareTokenCache(memoryCache()) };
    registry.push(shared);
    if (registry.length > MAX_SHARED) registry.shift();
  }
  return shared.cache;
}
