import type { TokenCache } from "@auth0-edge/management";
import { createDurableObjectTokenCache } from "@auth0-edge/token-cache-durable-object";
import { createKvTokenCache } from "@auth0-edge/token-cache-kv";
import type { Env } from "./env.js";
import { HttpError } from "./http.js";

/** The token caches this Worker offers, and the binding each one needs. */
const BINDINGS = { "durable-object": "AUTH0_TOKENS", kv: "TOKEN_CACHE" } as const;
type Kind = keyof typeof BINDINGS;

// Made once per isolate and shared by the clients of all its requests, so a request finds
// the token that any earlier request, of any isolate, stored.
const caches = new WeakMap<object, TokenCache>();

function kindOf(env: Env): Kind {
  const kind = env.TOKEN_CACHE_KIND ?? "kv";
  if (kind === "kv" || kind === "durable-object") return kind;
  throw new HttpError(500, "misconfigured", 'TOKEN_CACHE_KIND must be "durable-object" or "kv"');
}

function create(env: Env, kind: Kind): TokenCache {
  const options = env.TOKEN_CACHE_KEY ? { encryptionKey: env.TOKEN_CACHE_KEY } : {};
  try {
    return kind === "kv"
      ? createKvTokenCache(env.TOKEN_CACHE!, options)
      : createDurableObjectTokenCache(env.AUTH0_TOKENS!, options);
  } catch (error) {
    // The caches' messages name the problem, never the key.
    const reason = error instanceof Error ? error.message : "invalid";
    throw new HttpError(500, "misconfigured", `${BINDINGS[kind]} or TOKEN_CACHE_KEY: ${reason}`);
  }
}

/**
 * The token cache `TOKEN_CACHE_KIND` names: the Durable Object coordinator on the
 * `AUTH0_TOKENS` binding (one grant per refresh for every isolate), or Workers KV on
 * `TOKEN_CACHE` (the default when the variable is unset). Encrypted when `TOKEN_CACHE_KEY` is set.
 */
export function tokenCacheFor(env: Env): TokenCache {
  const kind = kindOf(env);
  const binding = kind === "kv" ? env.TOKEN_CACHE : env.AUTH0_TOKENS;
  if (!binding) {
    throw new HttpError(
      500,
      "misconfigured",
      `${BINDINGS[kind]} must be bound for TOKEN_CACHE_KIND "${kind}"`,
    );
  }
  let cache = caches.get(binding);
  if (cache === undefined) {
    cache = create(env, kind);
    caches.set(binding, cache);
  }
  return cache;
}
