import { type Auth0EmulatorOptions, createAuth0Emulator } from "@auth0-edge/testing/core";
import { ManagementClient, type ManagementClientOptions } from "../../src/compat/index.js";
import { shareTokenCache } from "../../src/token-cache-kit/index.js";
import { mapCache } from "../support/map-cache.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "../support/secrets.js";

export const DATABASE = "Username-Password-Authentication";

/**
 * An emulated tenant and classic clients talking to it. Retries wait 0 ms, so the retry
 * tests count attempts without sleeping. The clients of one tenant share a token cache of
 * their own: the process-wide one would hand a token of one test's emulator to the next
 * test's, which has the same domain (shared-tokens.test.ts tests that sharing itself).
 */
export function compatTenant(options: Partial<Auth0EmulatorOptions> = {}) {
  const emulator = createAuth0Emulator({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options,
  });
  const tokenCache = shareTokenCache(mapCache());
  const management = (extra: Partial<ManagementClientOptions> = {}) =>
    new ManagementClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      ...extra,
      core: {
        fetch: emulator.fetch,
        tokenCache,
        ...extra.core,
        retry: { baseDelayMs: 0, ...extra.core?.retry },
      },
    });
  /** The Management API calls so far, as `METHOD /path` (without `/api/v2`). */
  const calls = () =>
    emulator.requests
      .filter((r) => r.kind === "api")
      .map((r) => `${r.method} ${decodeURIComponent(r.path.slice("/api/v2".length))}`);
  const lastCall = () => calls().at(-1);
  const lastQuery = () => emulator.requests.filter((r) => r.kind === "api").at(-1)?.query;
  return { emulator, management, calls, lastCall, lastQuery };
}

/** Calls a callback-style method and resolves with what the callback got. */
export function viaCallback<T>(
  call: (callback: (error: Error | null, result?: T) => void) => unknown,
): Promise<{ error: Error | null; result: T | undefined; returned: unknown }> {
  return new Promise((resolve) => {
    let returned: unknown;
    returned = call((error, result) => resolve({ error, result, returned }));
  });
}
