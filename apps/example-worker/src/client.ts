import {
  createManagementClient,
  type ManagementClient,
  type TokenCache,
} from "@auth0-edge/management";
import type { Env } from "./env.js";
import { HttpError } from "./http.js";
import { tokenCacheFor } from "./token-cache.js";

// One client per isolate, kept with its token cache: it holds the token in memory, so the
// shared cache (a Durable Object round trip, or a KV read) is asked once per cold isolate and
// once per refresh rather than on every request.
const clients = new WeakMap<TokenCache, ManagementClient>();

/** The Management API client of this isolate, made on its first request. */
export function clientFor(env: Env): ManagementClient {
  const missing = (["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const).filter(
    (name) => !env[name],
  );
  if (missing.length > 0) {
    throw new HttpError(500, "misconfigured", `${missing.join(", ")} must be set`);
  }
  const tokenCache = tokenCacheFor(env);
  let client = clients.get(tokenCache);
  if (client === undefined) {
    client = create(env, tokenCache);
    clients.set(tokenCache, client);
  }
  return client;
}

function create(env: Env, tokenCache: TokenCache): ManagementClient {
  return createManagementClient({
    domain: env.AUTH0_DOMAIN!,
    clientId: env.AUTH0_CLIENT_ID!,
    clientSecret: env.AUTH0_CLIENT_SECRET!,
    tokenCache,
    // Whoever called this Worker is waiting: give up sooner than the SDK's defaults
    // (60 s, 30 s waits) and let the caller retry after the Retry-After it is given.
    timeoutMs: 20_000,
    retry: { maxRetries: 2, maxDelayMs: 5_000 },
    ...(env.AUTH0_EMULATOR ? { fetch: emulatorFetch(env.AUTH0_EMULATOR) } : {}),
  });
}

/** Requests for the tenant, answered by the emulator Worker bound in `wrangler dev --env emulator`. */
function emulatorFetch(emulator: Fetcher): typeof fetch {
  return (input, init) => emulator.fetch(new Request(input, init));
}
