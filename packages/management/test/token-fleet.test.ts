import { setTimeout as realSleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CachedToken, TokenCache } from "../src/index.js";
import { shareTokenCache } from "../src/token-cache-kit/index.js";
import { emulatedTenant } from "./support/emulator.js";
import { settleWithFakeTime, untilReal } from "./support/fake-time.js";
import { leaseStore } from "./support/lease-cache.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./support/secrets.js";

const getUsers = { method: "GET", path: "/users" } as const;
const AUDIENCE = `https://${DOMAIN}/api/v2/`;
const KEY = `auth0-edge:token:${[DOMAIN, CLIENT_ID, AUDIENCE, ""].map(encodeURIComponent).join(":")}`;

type Tenant = ReturnType<typeof emulatedTenant>;

/**
 * A fresh copy of the package, as another isolate or process has: nothing of the token
 * provider's per-isolate state (flights, refusals, the brake) is shared with the others.
 */
async function isolate(tenant: Tenant, fetch: typeof globalThis.fetch = tenant.fetch) {
  vi.resetModules();
  const sdk = await import("../src/index.js");
  return {
    sdk,
    client: (extra: Record<string, unknown> = {}) =>
      sdk.createManagementClient({
        domain: DOMAIN,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        fetch,
        ...extra,
        // A cache of the tests' own goes through shareTokenCache, as a user's does.
        ...(extra.tokenCache
          ? { tokenCache: shareTokenCache(extra.tokenCache as TokenCache) }
          : {}),
      } as never),
  };
}

/** One call on real time first: the emulator makes its signing key on the first grant. */
async function warm(tenant: Tenant) {
  const { sdk, client } = await isolate(tenant);
  await sdk.request(client(), getUsers);
}

const isGrant = (input: RequestInfo | URL) =>
  (input instanceof Request ? input.url : String(input)).endsWith("/oauth/token");

/** The bearer token of each API request the fetch sent, in order. */
function recordingFetch(tenant: Tenant, seen: string[]): typeof globalThis.fetch {
  return (input, init) => {
    const auth = new Headers(init?.headers).get("authorization");
    if (auth) seen.push(auth.slice("Bearer ".length));
    return tenant.fetch(input, init);
  };
}

/** A cache that only records what the client stores in it. */
const writeOnlyCache = (stored: CachedToken[]): TokenCache => ({
  get: () => undefined,
  set: (_key, value) => void stored.push(value),
  delete: () => {},
});

afterEach(() => {
  vi.useRealTimers();
});

describe("refresh-ahead", () => {
  it("answers a call in the refresh window with the current token while one grant refreshes it in the background", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant({ tokenLifetimeSeconds: 3600 });
    let grantGate: Promise<void> = Promise.resolve();
    let openGate = () => {};
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      if (isGrant(input)) await grantGate;
      return recordingFetch(tenant, seen)(input, init);
    };
    const { sdk, client } = await isolate(tenant, fetch);
    const c = client({ tokenLeewaySeconds: 60 });
    await sdk.request(c, getUsers);
    const first = seen[0];
    grantGate = new Promise((open) => {
      openGate = open;
    });
    vi.setSystemTime(Date.now() + (3600 - 30) * 1000);
    // The grant is held back: a call that waited for it would not settle.
    const inWindow = await Promise.race([
      sdk.request(c, getUsers).then(() => "answered"),
      realSleep(2_000).then(() => "waited for the grant"),
    ]);
    expect(inWindow).toBe("answered");
    expect(seen.at(-1)).toBe(first);
    openGate();
    await untilReal(() => tenant.emulator.tokenGrants === 2);
    await untilReal(() => tenant.idle());
    await sdk.request(c, getUsers);
    expect(seen.at(-1)).not.toBe(first);
    expect(tenant.emulator.tokenGrants).toBe(2);
  });

  it("keeps the earlier of the JWT's exp claim and expires_in as the expiry", async () => {
    const tenant = emulatedTenant({ tokenLifetimeSeconds: 3600 });
    // A grant answer that promises twice the token's real life.
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await tenant.fetch(input, init);
      if (!isGrant(input)) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, expires_in: 7200 });
    };
    const stored: CachedToken[] = [];
    const cache = writeOnlyCache(stored);
    const { sdk, client } = await isolate(tenant, fetch);
    const before = Date.now();
    await sdk.request(client({ tokenCache: cache }), getUsers);
    const [token] = stored;
    const exp = JSON.parse(atob(token!.accessToken.split(".")[1]!)).exp as number;
    expect(token!.expiresAt).toBe(exp * 1000);
    expect(token!.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(token!.issuedAt).toBeGreaterThanOrEqual(before);
  });

  it("counts expires_in from just before the request for a token that is not a JWT", async () => {
    const tenant = emulatedTenant();
    const fetch: typeof globalThis.fetch = async (input) => {
      if (isGrant(input)) {
        await realSleep(50);
        return Response.json({
          access_token: "opaque-token",
          expires_in: 600,
          token_type: "Bearer",
        });
      }
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    };
    const stored: CachedToken[] = [];
    const cache = writeOnlyCache(stored);
    const { sdk, client } = await isolate(tenant, fetch);
    const before = Date.now();
    await sdk.request(client({ tokenCache: cache }), getUsers);
    expect(stored[0]!.issuedAt).toBeGreaterThanOrEqual(before);
    expect(stored[0]!.expiresAt).toBe(stored[0]!.issuedAt! + 600_000);
    // Counted from the request, not from the answer 50 ms later.
    expect(stored[0]!.expiresAt).toBeLessThan(Date.now() + 600_000 - 40);
  });

  it("spreads the refreshes of 20 isolates without a lock so that each refresh makes at most 3 grants", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant({ tokenLifetimeSeconds: 60 });
    const store = new Map<string, CachedToken>();
    const lockless = (): TokenCache => ({
      get: (key) => store.get(key),
      set: (key, value) => void store.set(key, value),
      delete: (key) => void store.delete(key),
    });
    const isolates = [];
    for (let i = 0; i < 20; i++) {
      const { sdk, client } = await isolate(tenant);
      const c = client({ tokenCache: lockless(), tokenLeewaySeconds: 20 });
      isolates.push(() => sdk.request(c, getUsers));
    }
    await Promise.all(isolates.map((call) => call()));
    const cold = tenant.emulator.tokenGrants;
    // Five refreshes and more: every isolate calls once a second through 5 token lives.
    let refreshes = 0;
    let stored = store.get(KEY)?.accessToken;
    for (let second = 0; second < 5 * 50; second++) {
      vi.setSystemTime(Date.now() + 1000);
      await Promise.all(isolates.map((call) => call()));
      await untilReal(() => tenant.idle());
      await realSleep(2);
      if (store.get(KEY)?.accessToken !== stored) {
        refreshes++;
        stored = store.get(KEY)?.accessToken;
      }
    }
    const perRefresh = (tenant.emulator.tokenGrants - cold) / refreshes;
    console.log(
      `lockless fleet of 20: ${cold} cold grants, then ${tenant.emulator.tokenGrants - cold} grants over ${refreshes} refreshes (${perRefresh.toFixed(2)} per refresh)`,
    );
    expect(refreshes).toBeGreaterThanOrEqual(5);
    expect(perRefresh).toBeLessThanOrEqual(3);
  });
});

describe("single flight per isolate", () => {
  it("joins one grant for 20 clients that each have a cache object of their own over one store", async () => {
    const tenant = emulatedTenant();
    const store = new Map<string, CachedToken>();
    const { sdk, client } = await isolate(tenant);
    const clients = Array.from({ length: 20 }, () =>
      client({
        tokenCache: {
          get: (key: string) => store.get(key),
          set: (key: string, value: CachedToken) => void store.set(key, value),
          delete: (key: string) => void store.delete(key),
        },
      }),
    );
    await Promise.all(
      clients.flatMap((c) => Array.from({ length: 10 }, () => sdk.request(c, getUsers))),
    );
    expect(tenant.emulator.tokenGrants).toBe(1);
  });
});

describe("leases", () => {
  /** A grant the emulator answers only after `ms` (fake) milliseconds. */
  const slowGrants =
    (tenant: Tenant, ms: number): typeof globalThis.fetch =>
    async (input, init) => {
      if (isGrant(input)) await new Promise((resolve) => setTimeout(resolve, ms));
      return tenant.fetch(input, init);
    };

  it("makes one grant of 6 s for 5 instances: the holder renews its lease and no waiter gives up", async () => {
    const tenant = emulatedTenant();
    await warm(tenant);
    const warmGrants = tenant.emulator.tokenGrants;
    vi.useFakeTimers();
    const store = leaseStore();
    const calls = [];
    for (let i = 0; i < 5; i++) {
      const { sdk, client } = await isolate(tenant, slowGrants(tenant, 6_000));
      const c = client({ tokenCache: store.cache(), timeoutMs: 3_600_000 });
      calls.push(sdk.request(c, getUsers), sdk.request(c, getUsers));
    }
    const results = await settleWithFakeTime(Promise.all(calls), { idle: tenant.idle });
    expect(results).toHaveLength(10);
    expect(tenant.emulator.tokenGrants - warmGrants).toBe(1);
    expect(store.counts.leases).toBe(1);
    expect(store.counts.renewals).toBeGreaterThanOrEqual(3);
  });

  it("hands a lease whose holder's grant failed to one waiter: 2 grant requests, every other call succeeds", async () => {
    const tenant = emulatedTenant();
    let grantRequests = 0;
    const failFirst: typeof globalThis.fetch = async (input, init) => {
      if (isGrant(input) && ++grantRequests === 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return Response.json({ error: "access_denied", error_description: "no" }, { status: 403 });
      }
      return tenant.fetch(input, init);
    };
    await warm(tenant);
    vi.useFakeTimers();
    const store = leaseStore();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 5; i++) {
      const { sdk, client } = await isolate(tenant, failFirst);
      const c = client({ tokenCache: store.cache(), timeoutMs: 3_600_000 });
      calls.push(
        sdk.request(c, getUsers).then(
          () => "ok",
          (e) => e.code,
        ),
      );
    }
    const results = await settleWithFakeTime(Promise.all(calls), { idle: tenant.idle });
    expect(grantRequests).toBe(2);
    expect(results.filter((r) => r === "ok")).toHaveLength(4);
    expect(results.filter((r) => r !== "ok")).toEqual(["ERR_TOKEN"]);
  });

  it("passes the lease of a crashed holder (never renewed nor released) to exactly one waiter when it lapses", async () => {
    const tenant = emulatedTenant();
    await warm(tenant);
    const warmGrants = tenant.emulator.tokenGrants;
    vi.useFakeTimers();
    const store = leaseStore();
    expect(store.take(`${KEY}:lock`, 5_000)).toBeDefined();
    const calls = [];
    for (let i = 0; i < 5; i++) {
      const { sdk, client } = await isolate(tenant);
      calls.push(
        sdk.request(client({ tokenCache: store.cache(), timeoutMs: 3_600_000 }), getUsers),
      );
    }
    const started = Date.now();
    await settleWithFakeTime(Promise.all(calls), { idle: tenant.idle, stepMs: 100 });
    expect(tenant.emulator.tokenGrants - warmGrants).toBe(1);
    expect(store.counts.leases).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
  });

  it("gives back every lease or lock that was taken after its caller stopped waiting (no ghost lock)", async () => {
    const tenant = emulatedTenant();
    await warm(tenant);
    vi.useFakeTimers();
    const asked = { lease: 0, lock: 0 };
    const released = { lease: 0, lock: 0 };
    // Each lease or lock is granted a minute late, long after the client's bound.
    const late = <T>(value: T) =>
      new Promise<T>((resolve) => setTimeout(() => resolve(value), 60_000));
    const slow = (kind: "lease" | "lock"): TokenCache => ({
      get: () => undefined,
      set: () => {},
      delete: () => {},
      ...(kind === "lease"
        ? {
            lease: () => {
              asked.lease++;
              return late({ renew: async () => true, release: async () => void released.lease++ });
            },
          }
        : {
            lock: () => {
              asked.lock++;
              return late(async () => void released.lock++);
            },
          }),
    });
    for (const kind of ["lease", "lock"] as const) {
      const { sdk, client } = await isolate(tenant);
      const call = sdk.request(client({ tokenCache: slow(kind), timeoutMs: 3_600_000 }), getUsers);
      await settleWithFakeTime(call, { idle: tenant.idle });
      await settleWithFakeTime(
        (async () => {
          while (released[kind] < asked[kind]) await new Promise((r) => setTimeout(r, 1_000));
        })(),
        { idle: tenant.idle },
      );
    }
    expect(asked.lease).toBeGreaterThanOrEqual(1);
    expect(asked.lock).toBeGreaterThanOrEqual(1);
    expect(released).toEqual(asked);
  });

  it("keeps a cache with only today's lock working: 5 instances, a 6 s grant, one grant", async () => {
    const tenant = emulatedTenant();
    await warm(tenant);
    const warmGrants = tenant.emulator.tokenGrants;
    vi.useFakeTimers();
    const entries = new Map<string, CachedToken>();
    const locks = new Map<string, number>();
    let taken = 0;
    const lockOnly = (): TokenCache => ({
      get: (key) => entries.get(key),
      set: (key, value) => void entries.set(key, value),
      delete: (key) => void entries.delete(key),
      lock: async (key, ttlMs) => {
        if ((locks.get(key) ?? 0) > Date.now()) return undefined;
        locks.set(key, Date.now() + ttlMs);
        taken++;
        return async () => void locks.delete(key);
      },
    });
    const calls = [];
    for (let i = 0; i < 5; i++) {
      const { sdk, client } = await isolate(tenant, slowGrants(tenant, 6_000));
      calls.push(sdk.request(client({ tokenCache: lockOnly(), timeoutMs: 3_600_000 }), getUsers));
    }
    await settleWithFakeTime(Promise.all(calls), { idle: tenant.idle });
    expect(tenant.emulator.tokenGrants - warmGrants).toBe(1);
    expect(taken).toBe(1);
  });
});

describe("revocation", () => {
  it("deletes the shared entry only while it still holds the refused token", async () => {
    const tenant = emulatedTenant();
    const entries = new Map<string, CachedToken>();
    const deletes: (string | undefined)[] = [];
    let kept: string | undefined;
    // The entry changes between the client's check and its delete: another instance
    // stored a new token. An atomic compare-and-delete keeps that one.
    let getsLeft = Number.POSITIVE_INFINITY;
    const cache: TokenCache = {
      get: (key) => {
        const value = entries.get(key);
        if (--getsLeft === 0) entries.set(key, { ...value!, accessToken: "newer-token" });
        return value;
      },
      set: (key, value) => void entries.set(key, value),
      delete: (key, accessToken) => {
        deletes.push(accessToken);
        if (entries.get(key)?.accessToken === accessToken) entries.delete(key);
        kept = entries.get(key)?.accessToken;
      },
    };
    const { sdk, client } = await isolate(tenant);
    const c = client({ tokenCache: cache });
    await sdk.request(c, getUsers);
    const refused = entries.get(KEY)!.accessToken;
    tenant.emulator.failNext({ status: 401, times: 1 });
    getsLeft = 1;
    await sdk.request(c, getUsers);
    expect(deletes).toEqual([refused]);
    expect(kept).toBe("newer-token");
  });

  it("retries a 401 with a token granted after the refusal, never another instance's older copy", async () => {
    const tenant = emulatedTenant();
    const store = leaseStore();
    const a = await isolate(tenant);
    const clientA = a.client({ tokenCache: store.cache() });
    await a.sdk.request(clientA, getUsers);
    // Another instance stored a token of its own, granted before the revocation.
    const other = await tenant.fetch(`https://${DOMAIN}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        audience: AUDIENCE,
      }),
    });
    const { access_token } = (await other.json()) as { access_token: string };
    store.entries.set(KEY, {
      accessToken: access_token,
      expiresAt: Date.now() + 3_600_000,
      issuedAt: Date.now() - 1,
    });
    tenant.emulator.revokeIssuedTokens();
    await expect(a.sdk.request(clientA, getUsers)).resolves.toEqual(expect.any(Array));
    const refused = tenant.emulator.requests.filter((r) => r.kind === "api" && r.status === 401);
    expect(refused).toHaveLength(1);
  });
});

describe("a token that expires on the way", () => {
  /**
   * Two instances over one store, tokens of 60 s refreshed from 10 s before expiry. A
   * refreshes the token; B still sends the old one, and that request reaches the API
   * `lateMs` after it was sent (a slow API on a loaded machine), when the token has expired.
   */
  async function expiringOnTheWay(store: () => TokenCache, lateMs: number) {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant({ tokenLifetimeSeconds: 60 });
    /** The tokens B sent. */
    const sent: string[] = [];
    let late = false;
    const slowApi: typeof globalThis.fetch = (input, init) => {
      if (late && !isGrant(input)) {
        late = false;
        vi.setSystemTime(Date.now() + lateMs);
      }
      return recordingFetch(tenant, sent)(input, init);
    };
    const a = await isolate(tenant);
    const b = await isolate(tenant, slowApi);
    const clientA = a.client({ tokenCache: store(), tokenLeewaySeconds: 10 });
    const clientB = b.client({ tokenCache: store(), tokenLeewaySeconds: 10 });
    await a.sdk.request(clientA, getUsers);
    await b.sdk.request(clientB, getUsers);
    // B took the token A granted from the store.
    const old = tenant.issuedTokens[0]!;
    expect(sent).toEqual([old]);
    // 2 s before expiry, past every refresh point: A's call refreshes in the background.
    vi.setSystemTime(Date.now() + 58_000);
    await a.sdk.request(clientA, getUsers);
    // Until A has stored the refreshed token, as it would have long before B's late call.
    const probe = store();
    await untilReal(
      () =>
        tenant.issuedTokens.length === 2 &&
        (probe.get(KEY) as CachedToken | undefined)?.accessToken === tenant.issuedTokens[1],
    );
    const refreshed = tenant.issuedTokens[1]!;
    late = true;
    return { tenant, sent, old, refreshed, call: () => b.sdk.request(clientB, getUsers) };
  }

  const refusals = (tenant: Tenant) =>
    tenant.emulator.requests.filter((r) => r.kind === "api" && r.status === 401).length;

  it.each([
    ["a lease", () => leaseStore().cache],
    [
      "no lock",
      () => {
        const entries = new Map<string, CachedToken>();
        return (): TokenCache => ({
          get: (key) => entries.get(key),
          set: (key, value) => void entries.set(key, value),
          delete: (key, token) =>
            void (entries.get(key)?.accessToken === token && entries.delete(key)),
        });
      },
    ],
  ])(
    "retries the 401 with the token another instance refreshed to, without a grant of its own (%s)",
    async (_, store) => {
      const run = await expiringOnTheWay(store(), 5_000);
      await expect(run.call()).resolves.toEqual(expect.any(Array));
      // B sent the old token, which arrived expired, then the refreshed one.
      expect(run.sent.slice(-2)).toEqual([run.old, run.refreshed]);
      expect(refusals(run.tenant)).toBe(1);
      expect(run.tenant.emulator.tokenGrants).toBe(2);
    },
  );

  it("tries once more, with a token granted after the refusal, when the newer token is refused too (revoked meanwhile)", async () => {
    const run = await expiringOnTheWay(leaseStore().cache, 5_000);
    run.tenant.emulator.revokeIssuedTokens();
    await expect(run.call()).resolves.toEqual(expect.any(Array));
    const third = run.tenant.issuedTokens[2];
    expect(third).toBeDefined();
    expect(run.sent.slice(-3)).toEqual([run.old, run.refreshed, third]);
    expect(refusals(run.tenant)).toBe(2);
    expect(run.tenant.emulator.tokenGrants).toBe(3);
  });

  it("still counts such refusals toward the brake: tokens that live less than the leeway, all refused", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant({ tokenLifetimeSeconds: 30 });
    const refusing: typeof globalThis.fetch = async (input, init) =>
      isGrant(input)
        ? tenant.fetch(input, init)
        : Response.json(
            { statusCode: 401, error: "Unauthorized", message: "Expired token" },
            { status: 401 },
          );
    const { sdk, client } = await isolate(tenant, refusing);
    const c = client({ tokenLeewaySeconds: 60 });
    const codes: string[] = [];
    for (let i = 0; i < 50; i++) {
      codes.push(
        await sdk.request(c, getUsers).then(
          () => "ok",
          (e) => e.code,
        ),
      );
      vi.setSystemTime(Date.now() + 100);
    }
    expect(tenant.emulator.tokenGrants).toBeLessThanOrEqual(4);
    expect(codes.slice(-40)).toEqual(Array(40).fill("ERR_TOKEN_BRAKE"));
  });
});

describe("the token brake", () => {
  /** Every API call answered 401, as when the API refuses every token the tenant issues. */
  const refusingApi =
    (tenant: Tenant, refusing: () => boolean = () => true): typeof globalThis.fetch =>
    async (input, init) => {
      if (!isGrant(input) && refusing()) {
        return Response.json(
          { statusCode: 401, error: "Unauthorized", message: "Invalid token" },
          { status: 401 },
        );
      }
      return tenant.fetch(input, init);
    };

  it("stops granting after 3 refused fresh tokens and fails fast with a TokenBrakeError, also with a client per request", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant();
    const { sdk, client } = await isolate(tenant, refusingApi(tenant));
    const codes: string[] = [];
    // 5 s of calls, one every 100 ms, each through a client made for its request.
    for (let i = 0; i < 50; i++) {
      codes.push(
        await sdk.request(client(), getUsers).then(
          () => "ok",
          (e) => e.code,
        ),
      );
      vi.setSystemTime(Date.now() + 100);
    }
    console.log(
      `brake: ${tenant.emulator.tokenGrants} grants in 5 s of refused calls, then ${codes.filter((c) => c === "ERR_TOKEN_BRAKE").length} calls failed fast`,
    );
    expect(tenant.emulator.tokenGrants).toBeLessThanOrEqual(4);
    expect(codes).not.toContain("ok");
    expect(codes.slice(-40)).toEqual(Array(40).fill("ERR_TOKEN_BRAKE"));
    const error = (await sdk.request(client(), getUsers).catch((e) => e)) as InstanceType<
      typeof sdk.TokenBrakeError
    >;
    expect(error).toBeInstanceOf(sdk.TokenBrakeError);
    expect(error.message).toContain("paused");
    expect(error.retryAt).toBeGreaterThan(Date.now());
  });

  it("pauses 30 s, then 60 s after the next refusal, and lets an accepted call end it", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z"), toFake: ["Date"] });
    const tenant = emulatedTenant();
    let refusing = true;
    const { sdk, client } = await isolate(
      tenant,
      refusingApi(tenant, () => refusing),
    );
    const c = client();
    // biome-ignore lint/suspicious/noExplicitAny: the errors of several classes, read by field.
    const call = (): Promise<any> => sdk.request(c, getUsers).catch((e) => e);
    while (!((await call()) instanceof sdk.TokenBrakeError));
    const grants = tenant.emulator.tokenGrants;
    const first = (await call()).retryAt - Date.now();
    expect(first).toBe(30_000);
    vi.setSystemTime(Date.now() + 30_001);
    await call(); // the probe: one grant, refused again
    expect(tenant.emulator.tokenGrants).toBe(grants + 1);
    const second = (await call()).retryAt - Date.now();
    expect(second).toBe(60_000);
    refusing = false;
    vi.setSystemTime(Date.now() + 60_001);
    await expect(sdk.request(c, getUsers)).resolves.toEqual(expect.any(Array));
    refusing = true;
    // One refusal after an accepted call is one strike, not a trip.
    const after = await call();
    expect(after.code).toBe("ERR_API");
  });

  it("counts refused grants: a wrong secret makes 3 grant requests, then calls fail fast", async () => {
    const tenant = emulatedTenant();
    const { sdk, client } = await isolate(tenant);
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const c = client({ clientSecret: `${CLIENT_SECRET}-wrong` });
      codes.push(
        await sdk.request(c, getUsers).then(
          () => "ok",
          (e) => e.code,
        ),
      );
    }
    expect(tenant.emulator.requests.filter((r) => r.kind === "token")).toHaveLength(3);
    expect(codes).toEqual([...Array(3).fill("ERR_TOKEN"), ...Array(7).fill("ERR_TOKEN_BRAKE")]);
  });
});
