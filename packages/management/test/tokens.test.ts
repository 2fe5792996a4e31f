import { afterEach, describe, expect, it, vi } from "vitest";
import { ManagementApiError, request, type TokenCache, TokenError } from "../src/index.js";
import { emulatedTenant } from "./support/emulator.js";
import { settleWithFakeTime, untilReal } from "./support/fake-time.js";
import { mapCache } from "./support/map-cache.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN, rejectionOf } from "./support/secrets.js";

const getUsers = { method: "GET", path: "/users" } as const;

afterEach(() => {
  vi.useRealTimers();
});

describe("token acquisition", () => {
  it("makes exactly one token grant for 1,000 concurrent calls on a cold client", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client();
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => request(client, getUsers)),
    );
    expect(results).toHaveLength(1000);
    expect(results.every(Array.isArray)).toBe(true);
    expect(tenant.emulator.tokenGrants).toBe(1);
    expect(tenant.emulator.requests.filter((r) => r.kind === "token")).toHaveLength(1);
  });

  it("reuses the token for later calls", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client();
    for (let i = 0; i < 5; i++) await request(client, getUsers);
    expect(tenant.emulator.tokenGrants).toBe(1);
  });

  it("asks for the configured audience and scope", async () => {
    const grants: Record<string, unknown>[] = [];
    const tenant = emulatedTenant();
    const client = tenant.client({
      scope: "read:users",
      fetch: async (input, init) => {
        if (String(input).endsWith("/oauth/token")) grants.push(JSON.parse(String(init?.body)));
        return tenant.fetch(input, init);
      },
    });
    await request(client, getUsers);
    expect(grants).toEqual([
      {
        grant_type: "client_credentials",
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        audience: `https://${DOMAIN}/api/v2/`,
        scope: "read:users",
      },
    ]);
  });

  it("answers a 401 with exactly one re-grant, shared by every call that saw it", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client();
    await request(client, getUsers);
    tenant.emulator.revokeIssuedTokens();
    const results = await Promise.all(Array.from({ length: 50 }, () => request(client, getUsers)));
    expect(results).toHaveLength(50);
    expect(tenant.emulator.tokenGrants).toBe(2);
    const refused = tenant.emulator.requests.filter((r) => r.kind === "api" && r.status === 401);
    expect(refused).toHaveLength(50);
  });

  it("gives the 401 to the caller when the fresh token is refused too", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client();
    tenant.emulator.failNext({ status: 401, times: 2 });
    const error = await rejectionOf(request(client, getUsers), tenant.secrets());
    expect(error).toBeInstanceOf(ManagementApiError);
    expect((error as ManagementApiError).statusCode).toBe(401);
    expect(tenant.emulator.tokenGrants).toBe(2);
  });

  it("refreshes the token ahead of its expiry", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-27T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant({ tokenLifetimeSeconds: 3600 });
    const client = tenant.client({ tokenLeewaySeconds: 60 });
    await request(client, getUsers);
    vi.setSystemTime(Date.now() + (3600 - 61) * 1000);
    await request(client, getUsers);
    expect(tenant.emulator.tokenGrants).toBe(1);
    vi.setSystemTime(Date.now() + 2000);
    // In the window the call goes on with the current token; the refresh runs beside it.
    await request(client, getUsers);
    await untilReal(() => tenant.emulator.tokenGrants === 2);
    await untilReal(() => tenant.idle());
    vi.setSystemTime(Date.now() + 60_000);
    await request(client, getUsers);
    expect(tenant.emulator.tokenGrants).toBe(2);
  });

  it("reports a refused grant as a TokenError without the secret", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client({ clientSecret: `${CLIENT_SECRET}-wrong` });
    const error = await rejectionOf(request(client, getUsers), [
      CLIENT_SECRET,
      `${CLIENT_SECRET}-wrong`,
    ]);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code: "ERR_TOKEN", statusCode: 401, error: "access_denied" });
    expect((error as TokenError).message).toContain(CLIENT_ID);
  });

  it("lets one caller abort its wait for a shared grant without failing the others", async () => {
    const tenant = emulatedTenant();
    const client = tenant.client();
    const controller = new AbortController();
    const aborted = request(client, { ...getUsers, signal: controller.signal });
    const other = request(client, getUsers);
    controller.abort(new Error("caller gave up"));
    await expect(aborted).rejects.toThrow("caller gave up");
    await expect(other).resolves.toEqual(expect.any(Array));
    expect(tenant.emulator.tokenGrants).toBe(1);
  });
});

describe("token caches", () => {
  it("let many clients share one token", async () => {
    const tenant = emulatedTenant();
    const tokenCache = mapCache();
    for (let i = 0; i < 10; i++) await request(tenant.client({ tokenCache }), getUsers);
    expect(tenant.emulator.tokenGrants).toBe(1);
  });

  it("single-flight a cold start across clients through the cache's lock", async () => {
    const tenant = emulatedTenant();
    const tokenCache = mapCache();
    const clients = Array.from({ length: 20 }, () => tenant.client({ tokenCache }));
    await Promise.all(
      clients.flatMap((client) => Array.from({ length: 10 }, () => request(client, getUsers))),
    );
    expect(tenant.emulator.tokenGrants).toBe(1);
    expect(tokenCache.locks).toBe(1);
  });

  it("let the clients of one isolate that share a cache without a lock join one grant", async () => {
    const tenant = emulatedTenant();
    const store = new Map<string, unknown>();
    const lockless: TokenCache = {
      get: (key) => store.get(key) as never,
      set: (key, value) => void store.set(key, value),
      delete: (key) => void store.delete(key),
    };
    const clients = Array.from({ length: 20 }, () => tenant.client({ tokenCache: lockless }));
    await Promise.all(
      clients.flatMap((client) => Array.from({ length: 10 }, () => request(client, getUsers))),
    );
    expect(tenant.emulator.tokenGrants).toBe(1);
  });

  it("store the token under a key made of domain, client, audience and scope, never the secret", async () => {
    const tenant = emulatedTenant();
    const keys: string[] = [];
    const recording: TokenCache = {
      get: (key) => void keys.push(key),
      set: (key) => void keys.push(key),
      delete: (key) => void keys.push(key),
    };
    await request(tenant.client({ tokenCache: recording, scope: "read:users" }), getUsers);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain(CLIENT_SECRET);
      expect(key).toContain(DOMAIN);
      expect(key).toContain(CLIENT_ID);
      expect(key).toContain("read%3Ausers");
    }
  });

  it("never fail a call when they throw", async () => {
    const tenant = emulatedTenant();
    const broken: TokenCache = {
      get: () => {
        throw new Error("cache down");
      },
      set: async () => {
        throw new Error("cache down");
      },
      delete: async () => {
        throw new Error("cache down");
      },
      lock: async () => {
        throw new Error("cache down");
      },
    };
    await expect(request(tenant.client({ tokenCache: broken }), getUsers)).resolves.toEqual(
      expect.any(Array),
    );
    expect(tenant.emulator.tokenGrants).toBe(1);
  });

  it("ignore a malformed or expired entry and replace it", async () => {
    const tenant = emulatedTenant();
    const cache = mapCache();
    const store = cache.store;
    const client = tenant.client({ tokenCache: cache });
    await request(client, getUsers);
    const [key] = [...store.keys()];
    for (const garbage of [
      "not a token",
      { accessToken: 42 },
      { accessToken: "x", expiresAt: Date.now() - 1 },
      { accessToken: "line\nbreak", expiresAt: Date.now() + 3_600_000 },
    ]) {
      store.set(key!, garbage);
      await request(tenant.client({ tokenCache: cache }), getUsers);
      expect(store.get(key!)).toMatchObject({
        accessToken: expect.any(String),
        expiresAt: expect.any(Number),
      });
    }
    expect(tenant.emulator.tokenGrants).toBe(5);
  });

  it("treat a cache that hangs as a miss after two seconds", async () => {
    const tenant = emulatedTenant();
    // The emulator's signing key is made once per process, on real time: make it now.
    await request(tenant.client(), getUsers);
    const grantsBefore = tenant.emulator.tokenGrants;
    vi.useFakeTimers();
    const hanging: TokenCache = {
      get: () => new Promise(() => {}),
      set: () => new Promise(() => {}),
      delete: () => {},
    };
    const started = Date.now();
    // A budget fake time cannot exhaust while real work (signing) is pending.
    const client = tenant.client({ tokenCache: hanging, timeoutMs: 3_600_000 });
    const result = await settleWithFakeTime(request(client, getUsers), { idle: tenant.idle });
    expect(result).toEqual(expect.any(Array));
    // One bounded wait for `get`, one for `set`.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    expect(tenant.emulator.tokenGrants - grantsBefore).toBe(1);
  });
});

describe("API errors from the emulated tenant", () => {
  it("reports an unknown user as inexistent_user", async () => {
    const tenant = emulatedTenant();
    const error = await rejectionOf(
      request(tenant.client(), {
        method: "GET",
        path: "/users/{id}",
        params: { id: "auth0|missing" },
      }),
      tenant.secrets(),
    );
    expect(error).toMatchObject({
      statusCode: 404,
      errorCode: "inexistent_user",
      message: expect.stringContaining("The user does not exist."),
    });
  });

  it("retries past the emulator's rate limit after its Retry-After", async () => {
    const tenant = emulatedTenant({ rateLimit: { limit: 2, windowSeconds: 1 } });
    const client = tenant.client({ timeoutMs: 3_600_000 });
    // The token first, on real time: then the three calls need no grant.
    await request(client, getUsers);
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    const calls = Promise.all([1, 2, 3].map(() => request(client, getUsers)));
    const atNow = () =>
      tenant.emulator.requests.filter((r) => r.kind === "api" && r.at === Date.now());
    // All three reach the emulator at one fake instant, in one rate-limit window.
    await untilReal(() => atNow().length === 3);
    const results = await settleWithFakeTime(calls, { idle: tenant.idle });
    expect(results).toHaveLength(3);
    const limited = tenant.emulator.requests.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    const retried = tenant.emulator.requests
      .filter((r) => r.kind === "api" && r.status === 200)
      .at(-1)!;
    expect(retried.at - limited[0]!.at).toBeGreaterThanOrEqual(1000);
  });
});
