import { createManagementClient, type ManagementClient } from "@auth0-edge/management";
import type { Env } from "./env.js";
import { HttpError } from "./http.js";
import { tokenCacheFor } from "./token-cache.js";

/**
 * A Management API client for one request. Clients are cheap (configuration and a
 * pipeline); the token lives in the shared KV cache, so a new client per request
 * costs no token grant.
 */
export function clientFor(env: Env): ManagementClient {
  const missing = (["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const).filter(
    (name) => !env[name],
  );
  if (missing.length > 0) {
    throw new HttpError(500, "misconfigured", `${missing.join(", ")} must be set`);
  }
  return createManagementClient({
    domain: env.AUTH0_DOMAIN!,
    clientId: env.AUTH0_CLIENT_ID!,
    clientSecret: env.AUTH0_CLIENT_SECRET!,
    tokenCache: tokenCacheFor(env),
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
