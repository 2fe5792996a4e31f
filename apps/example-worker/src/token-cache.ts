import type { TokenCache } from "@auth0-edge/management";
import { createKvTokenCache } from "@auth0-edge/token-cache-kv";
import type { Env } from "./env.js";
import { HttpError } from "./http.js";

// Locks held in this isolate: lock key → when the lock lapses (epoch ms).
const held = new Map<string, number>();

/**
 * Single flight across the requests of one isolate. Each request has its own client,
 * so without this, requests arriving together at a cold isolate would each miss KV and
 * each ask Auth0 for a token. With it, one request grants and the others wait for its
 * token to appear in KV (the SDK polls the cache, bounded to 5 s). KV itself has no
 * atomic operation to lock across isolates; that is what the Redis cache is for.
 */
function isolateLock(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
  const now = Date.now();
  if ((held.get(key) ?? 0) > now) return Promise.resolve(undefined);
  const until = now + ttlMs;
  held.set(key, until);
  return Promise.resolve(async () => {
    if (held.get(key) === until) held.delete(key);
  });
}

// Made once per isolate and shared by the short-lived clients of all its requests,
// so a request finds the token that any earlier request, of any isolate, stored in KV.
const caches = new WeakMap<KVNamespace, TokenCache>();

function create(env: Env): TokenCache {
  try {
    const kv = env.TOKEN_CACHE_KEY
      ? createKvTokenCache(env.TOKEN_CACHE, { encryptionKey: env.TOKEN_CACHE_KEY })
      : createKvTokenCache(env.TOKEN_CACHE);
    return {
      get: (key) => kv.get(key),
      set: (key, value, ttlSeconds) => kv.set(key, value, ttlSeconds),
      delete: (key) => kv.delete(key),
      lock: isolateLock,
    };
  } catch (error) {
    // The KV cache's messages name the problem, never the key.
    const reason = error instanceof Error ? error.message : "invalid";
    throw new HttpError(500, "misconfigured", `TOKEN_CACHE or TOKEN_CACHE_KEY: ${reason}`);
  }
}

/** The token cache on this Worker's `TOKEN_CACHE` binding, encrypted when `TOKEN_CACHE_KEY` is set. */
export function tokenCacheFor(env: Env): TokenCache {
  let cache = caches.get(env.TOKEN_CACHE);
  if (cache === undefined) {
    cache = create(env);
    caches.set(env.TOKEN_CACHE, cache);
  }
  return cache;
}
