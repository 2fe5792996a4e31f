import { type Auth0EmulatorOptions, createAuth0Emulator } from "@auth0-edge/testing/core";
import { createManagementClient, type ManagementClientOptions } from "../../src/index.js";
import { shareTokenCache } from "../../src/token-cache-kit/index.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./secrets.js";

/**
 * An emulated tenant plus a record of every access token it handed out, so that
 * tests can assert that no token shows up in an error.
 */
export function emulatedTenant(options: Partial<Auth0EmulatorOptions> = {}) {
  const emulator = createAuth0Emulator({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    now: () => Date.now(),
    ...options,
  });
  const issuedTokens: string[] = [];
  let inFlight = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    inFlight++;
    try {
      const response = await emulator.fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith("/oauth/token") && response.ok) {
        const body = (await response.clone().json()) as { access_token: string };
        issuedTokens.push(body.access_token);
      }
      return response;
    } finally {
      inFlight--;
    }
  };
  const client = (extra: Partial<ManagementClientOptions> = {}) =>
    createManagementClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch,
      ...extra,
      // A cache of the tests' own goes through shareTokenCache, as a user's does.
      ...(extra.tokenCache && { tokenCache: shareTokenCache(extra.tokenCache) }),
    } as ManagementClientOptions);
  return {
    emulator,
    fetch,
    issuedTokens,
    client,
    secrets: () => [CLIENT_SECRET, ...issuedTokens],
    /** True when the emulator is answering no request: see `settleWithFakeTime`. */
    idle: () => inFlight === 0,
  };
}
