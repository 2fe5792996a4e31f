import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createManagementClient,
  request,
  type TokenCache,
  TokenError,
} from "../src/index.js";
import { shareTokenCache } from "../src/token-cache-kit/index.js";
import { expectNoCanary } from "./chaos/server.js";
import { mapCache } from "./support/map-cache.js";
import { json } from "./support/scripted-fetch.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./support/secrets.js";

const BAD_TOKENS = [
  ["CR LF", "canary-tok-1\r\nX-Evil: 1"],
  ["LF", "canary-tok-2\nx"],
  ["NUL", "canary-tok-3\u0000x"],
  ["non-Latin-1", "canary-tok-4-\u4e2d\u6587"],
  ["a space", "canary-tok-5 x"],
] as const;

/** A fetch whose /oauth/token answers `tokens` in turn (the last repeats), and counts both kinds. */
function tokenServer(tokens: string[]) {
  const counts = { grants: 0, api: 0 };
  const fetch = (async (input: RequestInfo | URL) => {
    if (new URL(String(input)).pathname === "/oauth/token") {
      const token = tokens[Math.min(counts.grants++, tokens.length - 1)];
      return json({ access_token: token, token_type: "Bearer", expires_in: 86_400 });
    }
    counts.api++;
    return json({ ok: true });
  }) as typeof globalThis.fetch;
  return { fetch, counts };
}

let tenants = 0;
const secretClient = (fetch: typeof globalThis.fetch, tokenCache?: TokenCache) =>
  createManagementClient({
    domain: `tokens-${++tenants}.${DOMAIN}`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch,
    tokenCache: tokenCache && shareTokenCache(tokenCache),
  });
const get = { method: "GET", path: "/users" } as const;

describe("tokens are validated wherever they come from", () => {
  it.each(BAD_TOKENS)(
    "refuses a granted access_token with %s as a TokenError that does not show it, keeps nothing and grants again on the next call",
    async (_what, bad) => {
      const cache = mapCache();
      const server = tokenServer([bad, bad, "good-token"]);
      const client = secretClient(server.fetch, cache);
      for (let call = 1; call <= 2; call++) {
        const error = await request(client, get).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TokenError);
        expect((error as TokenError).code).toBe("ERR_TOKEN");
        expectNoCanary(error, [bad, CLIENT_SECRET]);
        expect(server.counts.grants).toBe(call);
      }
      expect([...cache.store.values()]).toEqual([]);
      expect(server.counts.api).toBe(0);
      await expect(request(client, get)).resolves.toEqual({ ok: true });
      expect(server.counts.grants).toBe(3);
    },
  );

  it.each(BAD_TOKENS)(
    "refuses a `token` option with %s at creation, without echoing it",
    (_what, bad) => {
      let error: unknown;
      try {
        createManagementClient({ domain: DOMAIN, token: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expectNoCanary(error, [bad]);
    },
  );

  it.each(BAD_TOKENS)(
    "refuses what a token function gives with %s as a TokenError, sending nothing",
    async (_what, bad) => {
      const server = tokenServer([]);
      const client = createManagementClient({
        domain: DOMAIN,
        token: async () => bad,
        fetch: server.fetch,
      });
      const error = await request(client, get).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenError);
      expectNoCanary(error, [bad]);
      expect(server.counts.api).toBe(0);
    },
  );

  it("turns a token function that throws into a TokenError with the cause", async () => {
    const client = createManagementClient({
      domain: DOMAIN,
      token: () => {
        throw new Error("vault unreachable");
      },
      fetch: tokenServer([]).fetch,
    });
    const error = await request(client, get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).cause).toBeInstanceOf(Error);
  });

  it("treats a cached token with CR LF as a miss and grants a good one", async () => {
    const cache = mapCache();
    const server = tokenServer(["good-token"]);
    const client = secretClient(server.fetch, cache);
    const key = `auth0-edge:token:${[client.domain, CLIENT_ID, client.audience, ""].map(encodeURIComponent).join(":")}`;
    cache.store.set(key, { accessToken: "cached\r\nX: 1", expiresAt: Date.now() + 3_600_000 });
    await expect(request(client, get)).resolves.toEqual({ ok: true });
    expect(server.counts.grants).toBe(1);
  });
});
