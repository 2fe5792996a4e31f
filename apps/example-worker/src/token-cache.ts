import type { TokenCache } from "@auth0-edge/management";
import { createKvTokenCache } from "@auth0-edge/token-cache-kv";
import type { Env } from "./env.js";
import { HttpError } from "./http.js";

// Made once per isolate and shared by the short-lived clients of all its requests,
// so a request finds the token that any earlier request, of any isolate, stored in KV.
const caches = new WeakMap<KVNamespace, TokenCache>();

function create(env: Env): TokenCache {
  try {
    // Requests arriving together at a cold isolate each have a client, but clients that
    // share this cache join one token fetch (the SDK's single flight per cache and key).
    return env.TOKEN_CACHE_KEY
      ? createKvTokenCache(env.TOKEN_CACHE, { encryptionKey: env.TOKEN_CACHE_KEY })
      : createKvTokenCache(env.TOKEN_CACHE);
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
